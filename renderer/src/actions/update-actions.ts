import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { UpdateStatus } from '../../../common/update-types';
import type { ShownError } from '../../shared/i18n/error-text';
import { createValueStore, readOnly } from '../state/value-store';

export interface UpdateActionsDeps {
  bridge: Pick<
    SwitchboardBridge,
    'getUpdateStatus' | 'checkForUpdates' | 'restartToUpdate' | 'onUpdateStatus'
  >;
}

/**
 * Updates (issue 20): main's update service decides everything (when to check, when the installer may
 * run); the window shows its status — the banner's "Restart to update", Settings → Updates — and asks.
 * The status is null until main has answered.
 */
export function createUpdateActions({ bridge }: UpdateActionsDeps) {
  const status = createValueStore<UpdateStatus | null>(null);
  /** Set from an answer only if no event arrived meanwhile (an event is newer than an answer sent before it). */
  let eventsSeen = 0;
  const fromAnswer = (value: UpdateStatus, eventsBefore: number) => {
    if (eventsSeen === eventsBefore) status.set(value);
  };
  return {
    status: readOnly(status),

    /** Follows main's status and reads the current one; returns the unsubscribe. */
    listen(): () => void {
      const stop = bridge.onUpdateStatus((next) => {
        eventsSeen++;
        status.set(next);
      });
      const before = eventsSeen;
      void bridge.getUpdateStatus().then((result) => {
        if (result.ok) fromAnswer(result.value, before);
      });
      return stop;
    },

    /**
     * "Check for updates": null when main answered, else main's error, shown through the one error
     * formatter (renderer/shared/i18n/error-text.tsx) so it follows the language.
     */
    async check(): Promise<ShownError | null> {
      const before = eventsSeen;
      const result = await bridge.checkForUpdates();
      if (!result.ok) return result.error;
      fromAnswer(result.value, before);
      return null;
    },

    /** "Restart to update": null when main answered (installing, or waiting for the replies), else the error. */
    async restart(): Promise<ShownError | null> {
      const before = eventsSeen;
      const result = await bridge.restartToUpdate();
      if (!result.ok) return result.error;
      fromAnswer(result.value, before);
      return null;
    },
  };
}

export type UpdateActions = ReturnType<typeof createUpdateActions>;
