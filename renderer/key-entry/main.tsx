import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { DisplayLocale } from '../../common/i18n/locales';
import { AppIntlProvider } from '../shared/i18n/app-intl-provider';
import { loadCatalog } from '../shared/i18n/catalog-loader';
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
// The language main resolved, before the first paint, its catalog chunk loaded first; English if main
// cannot say (or the chunk cannot load).
getKeyEntryBridge()
  .getLocale()
  .then(
    async (result) => {
      if (result.ok) await loadCatalog(result.value.locale).catch(() => undefined);
      render(result.ok ? result.value.locale : 'en');
    },
    () => render('en'),
  );
