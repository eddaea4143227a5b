import { useCallback, useSyncExternalStore } from 'react';
import { useStores } from '../../app-context';
import type { CompareReply } from '../../state/compare-store';

/** One column's reply, subscribed by column: a stream batch re-renders only the column it writes to. */
export function useCompareReply(columnKey: string): CompareReply | undefined {
  const { compare } = useStores();
  const subscribe = useCallback(
    (listener: () => void) => compare.replies.subscribe(columnKey, listener),
    [compare, columnKey],
  );
  const get = useCallback(() => compare.replies.get(columnKey), [compare, columnKey]);
  return useSyncExternalStore(subscribe, get, get);
}
