import { createIntl, createIntlCache, type IntlShape } from 'react-intl';
import { type DisplayLocale, SOURCE_LOCALE } from '../../../common/i18n/locales';
import { messagesFor } from '../../shared/i18n/catalog-loader';

let english: IntlShape | undefined;

/**
 * English from the catalogs, for the format helpers' callers that do not pass the interface's `intl`
 * (yet): they keep their English output. A component passes `useIntl()`'s, so its text follows the
 * language chosen in Settings.
 */
export function englishIntl(): IntlShape {
  english ??= createIntl(
    { locale: SOURCE_LOCALE, messages: messagesFor(SOURCE_LOCALE), defaultLocale: SOURCE_LOCALE },
    createIntlCache(),
  );
  return english;
}

/** The locale an `intl` formats numbers, money and dates in (the pseudo-locale's provider formats as English). */
export function localeOf(intl: IntlShape): DisplayLocale {
  return intl.locale as DisplayLocale;
}
