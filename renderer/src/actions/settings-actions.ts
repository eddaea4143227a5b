import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { Result } from '../../../common/ipc/define';
import type { Settings, SettingsPatch } from '../../../common/settings-types';
import type { SettingsStore } from '../state/settings-store';

export interface SettingsActionsDeps {
  bridge: Pick<SwitchboardBridge, 'getSettings' | 'updateSettings'>;
  settings: SettingsStore;
}

/** Reading and changing settings; main validates every change and answers with the whole settings. */
export function createSettingsActions(deps: SettingsActionsDeps) {
  const { bridge, settings } = deps;

  const update = async (patch: SettingsPatch): Promise<Result<Settings>> => {
    const result = await bridge.updateSettings(patch);
    if (result.ok) settings.received(result.value);
    return result;
  };

  return {
    async load(): Promise<void> {
      const result = await bridge.getSettings();
      if (result.ok) settings.received(result.value);
    },

    update,

    /** Stars or unstars a model in the picker. */
    async toggleFavourite(modelId: string): Promise<Result<Settings>> {
      const current = settings.get()?.favouriteModels ?? [];
      const next = current.includes(modelId) ? current.filter((id) => id !== modelId) : [...current, modelId];
      return update({ favouriteModels: next });
    },
  };
}

export type SettingsActions = ReturnType<typeof createSettingsActions>;
