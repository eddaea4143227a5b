import type { ReactNode } from 'react';
import { AppIntlProvider } from '../../shared/i18n/app-intl-provider';

/**
 * For a test that renders one component without `renderApp`: the English catalogs around it
 * (`render(<Thing />, { wrapper: IntlWrapper })`). For another language, wrap in `AppIntlProvider`.
 */
export function IntlWrapper({ children }: { children: ReactNode }) {
  return <AppIntlProvider locale="en">{children}</AppIntlProvider>;
}
