import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { KeyStatusStore } from '../state/key-status-store';

export interface KeyActionsDeps {
  bridge: Pick<
    SwitchboardBridge,
    'getKeyStatus' | 'onKeyStatus' | 'verifyKey' | 'removeKey' | 'reportKeyExposed'
  >;
  keyStatus: KeyStatusStore;
}

/** The key main holds, seen from here: its status (never the key), Verify, Remove and "Key exposed?". */
export function createKeyActions(deps: KeyActionsDeps) {
  const { bridge, keyStatus } = deps;
  return {
    async loadStatus(): Promise<void> {
      const result = await bridge.getKeyStatus();
      if (result.ok) keyStatus.reported(result.value);
    },

    /** Follows main's pushes (a key added, removed or rejected elsewhere); returns the unsubscribe. */
    listen(): () => void {
      return bridge.onKeyStatus((status) => keyStatus.reported(status));
    },

    /** Asks OpenRouter, through main, what it knows about the key (label, credits, limit). */
    verify() {
      return bridge.verifyKey();
    },

    async remove() {
      const result = await bridge.removeKey();
      if (result.ok) keyStatus.reported(result.value);
      return result;
    },

    /** Removes the key at once and has main open OpenRouter's keys page, to revoke it there. */
    reportExposed() {
      return bridge.reportKeyExposed();
    },
  };
}

export type KeyActions = ReturnType<typeof createKeyActions>;
