import { useSyncExternalStore } from 'react';
import type { ReadableStore } from '../state/value-store';

/** Re-renders the caller when the store's value changes, and only then. */
export function useStoreValue<T>(store: ReadableStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
