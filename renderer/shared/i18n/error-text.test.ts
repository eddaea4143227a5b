import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { errorWithText } from '../../../common/errors';
import { messagesFor } from '../../../common/i18n/catalogs';
import { APP_LOCALES } from '../../../common/i18n/locales';
import { noteText } from '../../src/i18n/note';
import { errorNote, formatAppError } from './error-text';

const intlIn = (locale: (typeof APP_LOCALES)[number]) =>
  createIntl({ locale, messages: messagesFor(locale) });

/**
 * The routing refusal as main builds it (main/services/chat/request-options.ts): the settings problem
 * that stopped the send is a catalog message of its own, a value of the refusal's sentence.
 */
const PROBLEM = {
  messageId: 'errors.settings.providers.unknown',
  values: { slug: 'acme', place: 'settings' },
} as const;
const REFUSAL = errorWithText('validation', {
  id: 'errors.chat.routingUnusable',
  values: { problem: PROBLEM },
});
const ENGLISH_PROBLEM =
  'Providers: “acme” is not a provider OpenRouter knows. Fix it in Settings → Providers.';

describe('formatAppError: a nested catalog message is worded in the window’s language too', () => {
  it('German: the refusal and its problem in German, no English sentence inside', () => {
    const text = formatAppError(intlIn('de'), REFUSAL);
    expect(text).toBe(
      'Nichts gesendet: Ihr Anbieter-Routing kann so nicht verwendet werden. ' +
        'Anbieter: „acme“ ist kein Anbieter, den OpenRouter kennt. Beheben Sie das unter Einstellungen → Anbieter.',
    );
    expect(text).not.toContain('Providers:');
    expect(text).not.toContain('Fix it');
  });

  it('every other language: the English problem never appears; English is main’s own text', () => {
    expect(REFUSAL.message).toContain(ENGLISH_PROBLEM);
    expect(formatAppError(intlIn('en'), REFUSAL)).toBe(REFUSAL.message);
    for (const locale of APP_LOCALES.filter((l) => l !== 'en')) {
      const text = formatAppError(intlIn(locale), REFUSAL);
      expect(text, locale).not.toContain('is not a provider OpenRouter knows');
      expect(text, locale).not.toContain('[object Object]');
      expect(text, locale).toContain('acme');
    }
  });

  it('a nested id this window does not know: main’s whole English text rather than a bare id', () => {
    const odd = { ...REFUSAL, values: { problem: { messageId: 'errors.settings.nope', values: {} } } };
    expect(formatAppError(intlIn('de'), odd)).toBe(REFUSAL.message);
  });

  it('errorNote: a toast words the nested message where it is shown, in its language', () => {
    const note = errorNote(REFUSAL);
    expect(note).toMatchObject({ id: 'errors.chat.routingUnusable' });
    expect(noteText(intlIn('de'), note, 'de')).toBe(formatAppError(intlIn('de'), REFUSAL));
    expect(noteText(intlIn('en'), note, 'en')).toBe(REFUSAL.message);
  });
});
