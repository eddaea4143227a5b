import './styles/index.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { LocaleState } from '../../common/i18n/locales';
import { loadCatalog } from '../shared/i18n/catalog-loader';
import { App } from './app';
import { getBridge } from './bridge';
import { preloadMessageViews } from './lazy/deferred-views';

const container = document.getElementById('root');
if (!container) throw new Error('#root missing');
const root = createRoot(container);
const render = (initialLocale: LocaleState | null) =>
  root.render(
    <StrictMode>
      <App initialLocale={initialLocale} />
    </StrictMode>,
  );
// Issue 19: the message views (with the Markdown pipeline) are a chunk of their own; it loads while
// the locale's round trip below is under way, so opening a conversation need not wait for it.
preloadMessageViews();
// Ask main for the language before the first paint (one IPC round trip), so no English flashes first;
// a language other than English has its catalog chunk loaded first (English if it cannot load).
getBridge()
  .getLocale()
  .then(
    async (result) => {
      if (result.ok) await loadCatalog(result.value.locale).catch(() => undefined);
      render(result.ok ? result.value : null);
    },
    () => render(null),
  );
