import { type ReactNode, useEffect } from 'react';
import { IntlProvider } from 'react-intl';
import { type DisplayLocale, PSEUDO_LOCALE, SOURCE_LOCALE } from '../../../common/i18n/locales';
import { messagesFor } from './catalog-loader';

/**
 * The catalogs for one locale around a window's components (chat and key-entry windows alike). A new
 * `locale` re-renders every `useIntl`/`FormattedMessage` below it: switching needs no reload. The page's
 * `lang` follows, so screen readers pick the right voice and CJK text gets the right font.
 */
export function AppIntlProvider({ locale, children }: { locale: DisplayLocale; children: ReactNode }) {
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <IntlProvider
      // The pseudo-locale is English underneath: numbers and dates format as in English.
      locale={locale === PSEUDO_LOCALE ? SOURCE_LOCALE : locale}
      messages={messagesFor(locale)}
      defaultLocale={SOURCE_LOCALE}
      onError={reportIntlError}
    >
      {children}
    </IntlProvider>
  );
}

/** A missing message shows its id (the catalog test fails long before a release); say which. */
function reportIntlError(error: Error): void {
  console.warn(`[i18n] ${error.message}`);
}
