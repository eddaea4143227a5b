import { useEffect, useState } from 'react';
import type { LocaleState } from '../../common/i18n/locales';
import { AppIntlProvider } from '../shared/i18n/app-intl-provider';
import { AppContext, createApp } from './app-context';
import { getBridge } from './bridge';
import { AppShell } from './components/app-shell';
import { useStoreValue } from './hooks/use-store-value';
import { preloadDialogViews } from './lazy/deferred-views';

/**
 * The root: builds the window's stores and actions around the preload's bridge and starts listening to
 * main. `initialLocale`: main's answer before the first render (main.tsx), so the first paint is in the
 * person's language; English until main answers otherwise.
 */
export function App({ initialLocale }: { initialLocale?: LocaleState | null }) {
  const [app] = useState(() => {
    const created = createApp(getBridge());
    if (initialLocale) created.actions.locale.seed(initialLocale);
    return created;
  });
  useEffect(() => app.actions.start(), [app]);
  // Issue 19: Compare's and Spending's chunks (Recharts alone is ~0.9 MB) load after the first paint,
  // so they never delay the composer. rAF runs before that paint, a task queued from it after.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(preloadDialogViews, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  const locale = useStoreValue(app.actions.locale.state);
  return (
    <AppContext.Provider value={app}>
      <AppIntlProvider locale={locale?.locale ?? 'en'}>
        <AppShell />
      </AppIntlProvider>
    </AppContext.Provider>
  );
}
