import './styles/index.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { LocaleState } from '../../common/i18n/locales';
import { App } from './app';
import { getBridge } from './bridge';

const container = document.getElementById('root');
if (!container) throw new Error('#root missing');
const root = createRoot(container);
const render = (initialLocale: LocaleState | null) =>
  root.render(
    <StrictMode>
      <App initialLocale={initialLocale} />
    </StrictMode>,
  );
// Ask main for the language before the first paint (one IPC round trip), so no English flashes first.
getBridge()
  .getLocale()
  .then(
    (result) => render(result.ok ? result.value : null),
    () => render(null),
  );
