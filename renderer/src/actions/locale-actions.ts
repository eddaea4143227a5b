import type { LocaleState } from '../../../common/i18n/locales';
import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import { createValueStore, readOnly } from '../state/value-store';

export interface LocaleActionsDeps {
  bridge: Pick<SwitchboardBridge, 'getLocale' | 'onLocaleChanged'>;
}

/**
 * Languages (issue 20): main resolves the locale (Settings → "Language", or the system's languages)
 * and tells the window when it changes; the window re-renders its text through the IntlProvider, no
 * reload. Null until main has answered (the window shows English meanwhile; main.tsx asks first, so
 * in the app the first paint is already in the right language).
 */
export function createLocaleActions({ bridge }: LocaleActionsDeps) {
  const state = createValueStore<LocaleState | null>(null);
  let eventsSeen = 0;
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
        state.set(next);
      });
      const before = eventsSeen;
      void bridge.getLocale().then((result) => {
        // An event that arrived meanwhile is newer than this answer.
        if (result.ok && eventsSeen === before) state.set(result.value);
      });
      return stop;
    },
  };
}
