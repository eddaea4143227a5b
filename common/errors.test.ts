import { describe, expect, it } from 'vitest';
import { AppErrorSchema, ErrorDescriptorSchema, ErrorValuesSchema, errorWithText } from './errors';
import { englishErrorText } from './i18n/error-messages';

/** A settings problem as a placeholder's value: a catalog message of its own (one level deep). */
const UNKNOWN_SLUG = {
  messageId: 'errors.settings.providers.unknown',
  values: { slug: 'acme', place: 'settings' },
} as const;

describe('ErrorValuesSchema: plain values, or a catalog message one level deep', () => {
  it('accepts strings, numbers and a nested message whose own values are plain', () => {
    const values = { problem: UNKNOWN_SLUG, count: 2, name: 'x' };
    expect(ErrorValuesSchema.parse(values)).toEqual(values);
    expect(ErrorValuesSchema.parse({ problem: { messageId: 'errors.settings.fallbacks.empty' } })).toEqual({
      problem: { messageId: 'errors.settings.fallbacks.empty' },
    });
  });

  it('rejects a nested message inside a nested message (only one level)', () => {
    const deeper = {
      problem: { messageId: 'errors.chat.routingUnusable', values: { problem: UNKNOWN_SLUG } },
    };
    expect(ErrorValuesSchema.safeParse(deeper).success).toBe(false);
    expect(ErrorDescriptorSchema.safeParse({ messageId: 'errors.chat.x', values: deeper }).success).toBe(
      false,
    );
  });

  it('rejects a nested message with an id outside the errors areas, prose, or other fields', () => {
    for (const messageId of ['settings.title', 'Something went wrong.', 'errors.', '', 'errors.chat.a b'])
      expect(ErrorValuesSchema.safeParse({ problem: { messageId } }).success, messageId).toBe(false);
    expect(ErrorValuesSchema.safeParse({ problem: { values: { slug: 'acme' } } }).success).toBe(false);
    expect(ErrorValuesSchema.safeParse({ problem: { ...UNKNOWN_SLUG, message: 'English' } }).success).toBe(
      false,
    );
    expect(ErrorValuesSchema.safeParse({ problem: ['errors.settings.fallbacks.empty'] }).success).toBe(false);
    expect(ErrorValuesSchema.safeParse({ problem: null }).success).toBe(false);
    // The nested message's own values keep the flat bounds (names, string length).
    expect(
      ErrorValuesSchema.safeParse({ problem: { ...UNKNOWN_SLUG, values: { 'bad name': 'x' } } }).success,
    ).toBe(false);
    expect(
      ErrorValuesSchema.safeParse({ problem: { ...UNKNOWN_SLUG, values: { slug: 'x'.repeat(4001) } } })
        .success,
    ).toBe(false);
  });
});

describe('errorWithText with a nested message', () => {
  it('writes the English text with the nested message in English, and keeps id and values for windows', () => {
    const error = errorWithText('validation', {
      id: 'errors.chat.routingUnusable',
      values: { problem: UNKNOWN_SLUG },
    });
    expect(error.message).toBe(
      'Nothing was sent: your provider routing cannot be used as set. ' +
        'Providers: “acme” is not a provider OpenRouter knows. Fix it in Settings → Providers.',
    );
    expect(error.messageId).toBe('errors.chat.routingUnusable');
    expect(error.values).toEqual({ problem: UNKNOWN_SLUG });
    expect(AppErrorSchema.parse(error)).toEqual(error);
    expect(englishErrorText({ id: 'errors.chat.routingUnusable', values: { problem: UNKNOWN_SLUG } })).toBe(
      error.message,
    );
  });
});
