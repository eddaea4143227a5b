import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { messagesFor } from '../../../common/i18n/catalogs';
import { type DisplayLocale, PSEUDO_LOCALE, SOURCE_LOCALE } from '../../../common/i18n/locales';
import { formatWithNestedMessages, type MessageValues } from '../../../common/i18n/nested-messages';

export type MainIntl = IntlShape<string>;

const cache = createIntlCache();

/**
 * FormatJS over our catalogs for one locale. The pseudo-locale formats numbers and dates as English.
 * A missing message is a bug the catalog test catches; in the app it is reported and the id shown.
 */
export function catalogIntl(locale: DisplayLocale, onError: (message: string) => void = () => {}): MainIntl {
  return createIntl(
    {
      locale: locale === PSEUDO_LOCALE ? SOURCE_LOCALE : locale,
      messages: messagesFor(locale),
      defaultLocale: SOURCE_LOCALE,
      onError: (error) => onError(error.message),
    },
    cache,
  );
}

/** What main's own pages and dialogs need: the current language's tag and its messages. */
export interface MainText {
  /** BCP 47 tag for `<html lang>` (the pseudo-locale is English text, accented). */
  lang(): string;
  /** A value may be a catalog message of its own (an error's `values`), worded first in the same language. */
  message(id: string, values?: MessageValues): string;
}

export function mainText(intl: () => MainIntl): MainText {
  return {
    lang: () => intl().locale,
    message: (id, values) => formatWithNestedMessages(intl(), id, values),
  };
}

const englishIntl = catalogIntl(SOURCE_LOCALE);
/** English, for code paths and tests that are given no locale. */
export const ENGLISH_TEXT: MainText = mainText(() => englishIntl);
