import type { KeyStatus } from '../../../common/key-status';
import { createValueStore } from './value-store';

/** True when main holds a key it can use (stored or for this session only). */
export function hasUsableKey(status: KeyStatus | null): boolean {
  return status?.state === 'stored' || status?.state === 'session-only';
}

/** The key's status as main reports it; never the key. `null` until the first answer. */
export function createKeyStatusStore() {
  const store = createValueStore<KeyStatus | null>(null);
  return {
    subscribe: store.subscribe,
    get: store.get,
    /** Main's latest word on the key (an answer, or a push when it changed elsewhere). */
    reported(status: KeyStatus) {
      store.set(status);
    },
  };
}

export type KeyStatusStore = ReturnType<typeof createKeyStatusStore>;
