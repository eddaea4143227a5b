import type { Settings } from '../../../common/settings-types';
import { createValueStore } from './value-store';

/** Settings live in main; this is the last copy main sent. `null` until loaded. */
export function createSettingsStore() {
  const store = createValueStore<Settings | null>(null);
  return {
    subscribe: store.subscribe,
    get: store.get,
    /** Main sent its current settings (after a load or a saved change). */
    received(settings: Settings) {
      store.set(settings);
    },
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
