import type { SettingsWithProblems } from '../../common/ipc/contract';
import type { Settings } from '../../common/settings-types';

export interface SettingsBroadcastDeps {
  /** The settings store's `onChange`: called after every saved change (an update from any window, a restore). */
  onChange: (listener: (settings: Settings) => void) => () => void;
  /** The settings as `getSettings` answers them (with the stored file's problems). */
  asSent: (settings: Settings) => SettingsWithProblems;
  /** The chat windows open now. */
  windowIds: () => Iterable<number>;
  /** Sends `onSettingsChanged` to one window through its handler table (checked against the contract). */
  emit: (windowId: number, settings: SettingsWithProblems) => void;
}

/**
 * Issue 20: every saved settings change reaches every chat window, not only the one that made it — a
 * theme chosen in one window's Settings, or the settings a restore brought back, show in all of them
 * at once (the language already follows through `onLocaleChanged`). The window that made the change
 * gets it too; its settings store ignores settings equal to those it holds. Returns the unsubscribe.
 * Used by main/index.ts and the browser harness alike.
 */
export function broadcastSettingsChanges(deps: SettingsBroadcastDeps): () => void {
  return deps.onChange((settings) => {
    const sent = deps.asSent(settings);
    for (const id of deps.windowIds()) deps.emit(id, sent);
  });
}
