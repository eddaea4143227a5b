import { useEffect } from 'react';
import type { Theme } from '../../../common/settings-types';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function systemPrefersDark(): boolean {
  // jsdom (tests) and very old engines have no matchMedia; light is the safe reading then.
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches;
}

/** Sets `data-theme` on <html>, following the OS setting while the theme is `system`. */
export function useApplyTheme(theme: Theme): void {
  useEffect(() => {
    const root = document.documentElement;
    const apply = () => {
      root.dataset.theme = theme === 'system' ? (systemPrefersDark() ? 'dark' : 'light') : theme;
    };
    apply();
    if (theme !== 'system' || typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia(DARK_QUERY);
    query.addEventListener('change', apply);
    return () => query.removeEventListener('change', apply);
  }, [theme]);
}
