import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { Result } from '../../../common/ipc/define';
import type { Settings, SettingsPatch } from '../../../common/settings-types';
import { createValueStore } from './value-store';

/** Settings live in main; this is the last copy main sent. `null` until loaded. */
export function createSettingsStore(bridge: SwitchboardBridge) {
  const store = createValueStore<Settings | null>(null);
  return {
    subscribe: store.subscribe,
    get: store.get,
    async load() {
      const result = await bridge.getSettings();
      if (result.ok) store.set(result.value);
    },
    async update(patch: SettingsPatch): Promise<Result<Settings>> {
      const result = await bridge.updateSettings(patch);
      if (result.ok) store.set(result.value);
      return result;
    },
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
