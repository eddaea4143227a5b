import { describe, expect, it } from 'vitest';
import { englishNote } from '../../testing/english-note';
import { makeModel, STANDARD_MODELS } from '../../testing/fixtures';
import { checkAttachmentsForModel } from './attachment-model-check';

const TEXT_ONLY = makeModel({ id: 'text/only', name: 'Text Only' });
const MODELS = [TEXT_ONLY, ...STANDARD_MODELS];

describe('checkAttachmentsForModel', () => {
  it('offers the maker’s own models after the person’s, and never one that cannot read text', () => {
    const models = [
      makeModel({ id: 'acme/vision', name: 'Acme Vision', inputModalities: ['text', 'image'] }),
      makeModel({ id: 'pix/image-only', name: 'Image only', inputModalities: ['image'] }),
      makeModel({ id: 'text/vision', name: 'Text Vision', inputModalities: ['text', 'image'] }),
      TEXT_ONLY,
    ];
    const check = checkAttachmentsForModel(['image'], 'auto', TEXT_ONLY, models, []);
    expect(check?.alternatives.map((m) => m.id)).toEqual(['text/vision', 'acme/vision']);
  });

  it('passes when the model reads every attached kind, and when nothing needs a modality', () => {
    const gpt = MODELS.find((m) => m.id === 'openai/gpt-4o');
    expect(checkAttachmentsForModel(['image', 'pdf', 'text'], 'auto', gpt, MODELS, [])).toBeNull();
    // Text is inlined and PDFs go through the parser: any model can take them.
    expect(checkAttachmentsForModel(['text', 'pdf'], 'auto', TEXT_ONLY, MODELS, [])).toBeNull();
  });

  it('cannot judge a model the list does not know: main (or OpenRouter) decides', () => {
    expect(checkAttachmentsForModel(['image'], 'auto', undefined, MODELS, [])).toBeNull();
  });

  it('names what a text-only model cannot read and offers up to three that can, recent first', () => {
    const check = checkAttachmentsForModel(['image', 'text'], 'auto', TEXT_ONLY, MODELS, [
      'google/gemini-2.5-flash',
    ]);
    expect(check && englishNote(check.message)).toBe('Text Only cannot read images.');
    expect(check?.alternatives.map((m) => m.id)).toEqual([
      'google/gemini-2.5-flash',
      'openai/gpt-4o',
      'anthropic/claude-sonnet-4',
    ]);
    expect(check?.removes).toBe('images');
    expect([...(check?.removeKinds ?? [])]).toEqual(['image']);
  });

  it('says audio, and PDFs with its own reading when the engine is native', () => {
    const claude = MODELS.find((m) => m.id === 'anthropic/claude-sonnet-4');
    const check = checkAttachmentsForModel(['audio', 'pdf', 'image'], 'native', claude, MODELS, []);
    expect(check && englishNote(check.message)).toBe(
      'Claude Sonnet 4 cannot read audio or PDFs with its own reading.',
    );
    expect(check?.alternatives.map((m) => m.id)).toEqual(['google/gemini-2.5-flash']);
    expect(check?.removes).toBe('attachments');
    expect(new Set(check?.removeKinds)).toEqual(new Set(['audio', 'pdf']));
  });
});
