import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { DisplayLocale } from '../../common/i18n/locales';
import { AppIntlProvider } from '../shared/i18n/app-intl-provider';
import { getKeyEntryBridge } from './bridge';
import { KeyEntryApp } from './key-entry-app';
import './key-entry.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root missing');
const root = createRoot(container);
const render = (locale: DisplayLocale) =>
  root.render(
    <StrictMode>
      <AppIntlProvider locale={locale}>
        <KeyEntryApp />
      </AppIntlProvider>
    </StrictMode>,
  );
// The language main resolved, before the first paint; English if main cannot say.
getKeyEntryBridge()
  .getLocale()
  .then(
    (result) => render(result.ok ? result.value.locale : 'en'),
    () => render('en'),
  );
