import { describe, expect, it } from 'vitest';
import { type Attachment, MiB } from '../../../common/attachment-types';
import type { ModelSummary } from '../../../common/chat-types';
import type { AppFailure } from '../../../common/errors';
import { formatWithNestedMessages } from '../../../common/i18n/nested-messages';
import { thrownFailure } from '../../../common/testing/thrown-failure';
import { catalogIntl } from '../i18n/catalog-intl';
import { checkMessageLimits, checkModelCanRead } from './outgoing-attachments';

/** Issue 20: the send-time attachment refusals carry their catalog message; English is as before. */

const failure = thrownFailure;

const german = catalogIntl('de');
const inGerman = (f: AppFailure) =>
  formatWithNestedMessages(german, f.error.messageId ?? 'none', f.error.values);
const model = (inputModalities: string[]) => ({ name: 'Vision Model', inputModalities }) as ModelSummary;
const file = (i: number, byteLength = 10): Attachment => ({
  sha256: i.toString(16).padStart(64, '0'),
  name: `f${i}.txt`,
  kind: 'text',
  mimeType: 'text/plain',
  byteLength,
});
const OWN_READING =
  'PDFs with its own reading (Settings → PDF reading is set to the model’s own reading only)';

describe('send-time attachment refusals as catalog messages', () => {
  it('a model that cannot read what is attached: every combination in English, as before, and in German', () => {
    const english = (kinds: Attachment['kind'][], has: string[]) =>
      failure(() => checkModelCanRead('v/m', model(has), new Set(kinds), 'native')).error.message;
    const tail = ', so nothing was sent. Choose a model that can, or remove those attachments.';
    expect(english(['image'], ['text'])).toBe(`Vision Model cannot read images${tail}`);
    expect(english(['audio'], ['text'])).toBe(`Vision Model cannot read audio${tail}`);
    expect(english(['pdf'], ['text'])).toBe(`Vision Model cannot read ${OWN_READING}${tail}`);
    expect(english(['image', 'audio'], ['text'])).toBe(`Vision Model cannot read images or audio${tail}`);
    expect(english(['image', 'pdf'], ['text'])).toBe(
      `Vision Model cannot read images or ${OWN_READING}${tail}`,
    );
    expect(english(['audio', 'pdf'], ['text'])).toBe(
      `Vision Model cannot read audio or ${OWN_READING}${tail}`,
    );
    expect(english(['image', 'audio', 'pdf'], ['text'])).toBe(
      `Vision Model cannot read images or audio or ${OWN_READING}${tail}`,
    );

    const f = failure(() => checkModelCanRead('v/m', model(['text']), new Set(['image', 'audio']), 'auto'));
    expect(f.error).toMatchObject({
      code: 'unsupported_input',
      messageId: 'errors.attachments.modelCannotRead',
      values: { model: 'Vision Model', what: 'imageAudio' },
    });
    expect(inGerman(f)).toBe(
      'Vision Model kann weder Bilder noch Audio verarbeiten, daher wurde nichts gesendet. Wählen Sie ein Modell, das es kann, oder entfernen Sie diese Anhänge.',
    );
  });

  it('too many files, and too many bytes, for one message', () => {
    const many = failure(() => checkMessageLimits(Array.from({ length: 11 }, (_, i) => file(i))));
    expect(many.error).toMatchObject({
      code: 'attachment_refused',
      messageId: 'errors.attachments.tooManyFiles',
      values: { max: 10, count: 11 },
    });
    expect(many.error.message).toBe(
      'A message can carry 10 attachments at most; this one has 11. Remove some, or send them in another message.',
    );
    expect(inGerman(many)).toBe(
      'Eine Nachricht kann höchstens 10 Anhänge mitnehmen; diese hat 11. Entfernen Sie einige oder senden Sie sie in einer weiteren Nachricht.',
    );

    const big = failure(() => checkMessageLimits([file(1, 20 * MiB), file(2, 13 * MiB)]));
    expect(big.error.messageId).toBe('errors.attachments.messageTooLarge');
    expect(big.error.message).toBe(
      "This message's attachments come to 33.0 MB; a message can carry 32.0 MB at most. Remove some, or send them in another message.",
    );
    expect(inGerman(big)).toBe(
      'Die Anhänge dieser Nachricht umfassen 33,0 MB; eine Nachricht kann höchstens 32,0 MB mitnehmen. Entfernen Sie einige oder senden Sie sie in einer weiteren Nachricht.',
    );
  });
});
