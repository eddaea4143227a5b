import { describe, expect, it } from 'vitest';
import type { Attachment } from '../../../common/attachment-types';
import type { ModelSummary } from '../../../common/chat-types';
import { thrownFailure } from '../../../common/testing/thrown-failure';
import type { TranscriptEntry } from '../history';
import {
  attachedTextEntries,
  attachmentKinds,
  checkMessageLimits,
  checkModelCanRead,
  loadAttachmentContents,
  outgoingAttachments,
  pdfEngineFor,
} from './outgoing-attachments';

const sha = (c: string) => c.repeat(64);
const attachment = (kind: Attachment['kind'], c: string, name = `${kind}.bin`): Attachment => ({
  sha256: sha(c),
  name,
  kind,
  mimeType:
    kind === 'image'
      ? 'image/png'
      : kind === 'pdf'
        ? 'application/pdf'
        : kind === 'audio'
          ? 'audio/wav'
          : 'text/plain',
  byteLength: 3,
});

const model = (inputModalities: string[]): ModelSummary => ({
  id: 'v/m',
  name: 'Vision Model',
  contextLength: 1000,
  promptPricePerMTok: 1,
  completionPricePerMTok: 1,
  inputModalities,
  outputModalities: ['text'],
  supportedParameters: [],
  isFree: false,
});

const refusal = thrownFailure;

describe('outgoing attachments', () => {
  it('reads each stored file once, prefers the fresh bytes, and records a missing one as null', async () => {
    const reads: string[] = [];
    const entries: TranscriptEntry[] = [
      {
        id: 'a',
        role: 'user',
        content: 'x',
        attachments: [attachment('image', 'a'), attachment('pdf', 'b')],
      },
      {
        id: 'b',
        role: 'user',
        content: 'y',
        attachments: [attachment('image', 'a'), attachment('text', 'c')],
      },
    ];
    const contents = await loadAttachmentContents(
      entries,
      [{ attachment: attachment('text', 'c'), bytes: new Uint8Array([104, 105]) }],
      async (hash) => {
        reads.push(hash);
        return hash === sha('b') ? null : new Uint8Array([1, 2, 3]);
      },
    );
    expect(reads.sort()).toEqual([sha('a'), sha('b')]);
    expect(contents.get(sha('b'))).toBeNull();
    expect(contents.get(sha('c'))).toEqual(new Uint8Array([104, 105]));
    const out = outgoingAttachments(entries[0]?.attachments, contents);
    expect(out.attachments.map((a) => a.kind)).toEqual(['image']);
    expect(out.missing).toEqual(['pdf.bin']);
  });

  it('gives the key check every attached text file as text', () => {
    const entries: TranscriptEntry[] = [
      {
        id: 'm1',
        role: 'user',
        content: '',
        attachments: [attachment('text', 'c', 'notes.txt'), attachment('image', 'a')],
      },
    ];
    const contents = new Map([
      [sha('c'), new TextEncoder().encode('key: sk-or-v1-abc')],
      [sha('a'), new Uint8Array([1])],
    ]);
    expect(attachedTextEntries(entries, contents)).toEqual([
      { id: `m1#${sha('c')}`, role: 'user', content: 'key: sk-or-v1-abc' },
    ]);
  });

  it('refuses, naming what, when the model cannot read the attachments', () => {
    const kinds = attachmentKinds([
      {
        id: 'm',
        role: 'user',
        content: '',
        attachments: [attachment('image', 'a'), attachment('audio', 'b')],
      },
    ]);
    const error = refusal(() => checkModelCanRead('v/m', model(['text']), kinds, 'auto'));
    expect(error.error.code).toBe('unsupported_input');
    expect(error.error.message).toMatch(/^Vision Model cannot read images or audio, so nothing was sent/);
    expect(() => checkModelCanRead('v/m', model(['text', 'image', 'audio']), kinds, 'auto')).not.toThrow();
    // Unknown model: OpenRouter decides.
    expect(() => checkModelCanRead('v/m', null, kinds, 'auto')).not.toThrow();
  });

  it('needs the model to read files only when PDFs must be read natively', () => {
    const kinds = new Set(['pdf'] as const);
    expect(() => checkModelCanRead('v/m', model(['text']), kinds, 'cloudflare-ai')).not.toThrow();
    expect(() => checkModelCanRead('v/m', model(['text']), kinds, 'auto')).not.toThrow();
    expect(refusal(() => checkModelCanRead('v/m', model(['text']), kinds, 'native')).error.code).toBe(
      'unsupported_input',
    );
  });

  it('chooses the PDF engine only when a PDF is sent', () => {
    expect(pdfEngineFor(new Set(['image']), 'auto', model(['file']))).toBeNull();
    expect(pdfEngineFor(new Set(['pdf']), 'auto', model(['text', 'file']))).toBe('native');
    expect(pdfEngineFor(new Set(['pdf']), 'auto', model(['text']))).toBe('cloudflare-ai');
    expect(pdfEngineFor(new Set(['pdf']), 'auto', null)).toBe('cloudflare-ai');
    expect(pdfEngineFor(new Set(['pdf']), 'mistral-ocr', model(['file']))).toBe('mistral-ocr');
  });

  it('holds a message to 10 attachments and 32 MB', () => {
    const files = Array.from({ length: 10 }, (_, i) => ({
      ...attachment('image', 'a'),
      byteLength: 3 * 1024 * 1024 + i,
    }));
    expect(() => checkMessageLimits(files)).not.toThrow();
    const eleven = refusal(() => checkMessageLimits([...files, attachment('text', 'b')]));
    expect(eleven.error.code).toBe('attachment_refused');
    expect(eleven.error.message).toMatch(/at most; this one has 11/);
    const big = refusal(() =>
      checkMessageLimits([
        { ...attachment('pdf', 'c'), byteLength: 20 * 1024 * 1024 },
        { ...attachment('pdf', 'd'), byteLength: 13 * 1024 * 1024 },
      ]),
    );
    expect(big.error.message).toMatch(/come to 33\.0 MB; a message can carry 32\.0 MB at most/);
  });
});
