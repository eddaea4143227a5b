import type { DisplayLocale, LocaleState } from '../../../common/i18n/locales';
import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import { isCatalogLoaded, loadCatalog } from '../../shared/i18n/catalog-loader';
import { createValueStore, readOnly } from '../state/value-store';

export interface LocaleActionsDeps {
  bridge: Pick<SwitchboardBridge, 'getLocale' | 'onLocaleChanged'>;
  /** The window's catalogs (renderer/shared/i18n/catalog-loader.ts); a test may pass its own. */
  catalogs?: { isLoaded(locale: DisplayLocale): boolean; load(locale: DisplayLocale): Promise<void> };
}

const windowCatalogs = { isLoaded: isCatalogLoaded, load: loadCatalog };

/**
 * Languages (issue 20): main resolves the locale (Settings → "Language", or the system's languages)
 * and tells the window when it changes; the window re-renders its text through the IntlProvider, no
 * reload. Null until main has answered (the window shows English meanwhile; main.tsx asks first, so
 * in the app the first paint is already in the right language).
 */
export function createLocaleActions({ bridge, catalogs = windowCatalogs }: LocaleActionsDeps) {
  const state = createValueStore<LocaleState | null>(null);
  let eventsSeen = 0;
  let asked = 0;
  /**
   * A language is shown once its catalog chunk has loaded (issue 19: only the language in use is
   * loaded), so no text flashes in English on a switch; at once when it is already loaded. The last
   * answer asked for wins over one whose chunk arrives later. A chunk that cannot load still switches
   * (the text in English, numbers and dates in the language) rather than ignoring the choice.
   */
  const show = (next: LocaleState) => {
    const ticket = ++asked;
    if (catalogs.isLoaded(next.locale)) {
      state.set(next);
      return;
    }
    const settle = () => {
      if (ticket === asked) state.set(next);
    };
    catalogs.load(next.locale).then(settle, settle);
  };
  return {
    state: readOnly(state),

    /** The answer main.tsx got before the first render. */
    seed(initial: LocaleState): void {
      if (state.get() === null) state.set(initial);
    },

    /** Follows main's locale and reads the current one; returns the unsubscribe. */
    listen(): () => void {
      const stop = bridge.onLocaleChanged((next) => {
        eventsSeen++;
        show(next);
      });
      const before = eventsSeen;
      void bridge.getLocale().then((result) => {
        // An event that arrived meanwhile is newer than this answer.
        if (result.ok && eventsSeen === before) show(result.value);
      });
      return stop;
    },
  };
}
