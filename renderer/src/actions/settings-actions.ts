import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { Result } from '../../../common/ipc/define';
import type { Settings, SettingsPatch } from '../../../common/settings-types';
import type { SettingsStore } from '../state/settings-store';

export interface SettingsActionsDeps {
  bridge: Pick<SwitchboardBridge, 'getSettings' | 'updateSettings' | 'onSettingsChanged'>;
  settings: SettingsStore;
}

/** Reading and changing settings; main validates every change and answers with the whole settings. */
export function createSettingsActions(deps: SettingsActionsDeps) {
  const { bridge, settings } = deps;
  /** Settings events received so far: an answer asked for before the latest one is older than it. */
  let eventsSeen = 0;

  const update = async (patch: SettingsPatch): Promise<Result<Settings>> => {
    const result = await bridge.updateSettings(patch);
    if (result.ok) settings.received(result.value);
    return result;
  };

  return {
    async load(): Promise<void> {
      const before = eventsSeen;
      const result = await bridge.getSettings();
      if (result.ok && eventsSeen === before) settings.received(result.value);
    },

    /**
     * Issue 20: follows main's settings, changed in any window (the theme chosen in another window's
     * Settings) or by a restore; returns the unsubscribe. The window that made a change gets the same
     * settings as its own answer: the store ignores settings equal to those it holds.
     */
    listen(): () => void {
      return bridge.onSettingsChanged((next) => {
        eventsSeen++;
        settings.received(next);
      });
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
