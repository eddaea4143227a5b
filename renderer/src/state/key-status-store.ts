import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { KeyStatus } from '../../../common/key-status';
import { createValueStore } from './value-store';

/** True when main holds a key it can use (stored or for this session only). */
export function hasUsableKey(status: KeyStatus | null): boolean {
  return status?.state === 'stored' || status?.state === 'session-only';
}

/** The key's status as main reports it; never the key. `null` until the first answer. */
export function createKeyStatusStore(bridge: SwitchboardBridge) {
  const store = createValueStore<KeyStatus | null>(null);
  return {
    subscribe: store.subscribe,
    get: store.get,
    async load() {
      const result = await bridge.getKeyStatus();
      if (result.ok) store.set(result.value);
    },
    /** Follows main's pushes (a key added, removed or rejected elsewhere). */
    listen(): () => void {
      return bridge.onKeyStatus((status) => store.set(status));
    },
    async remove() {
      const result = await bridge.removeKey();
      if (result.ok) store.set(result.value);
      return result;
    },
  };
}

export type KeyStatusStore = ReturnType<typeof createKeyStatusStore>;
