import { useCallback, useSyncExternalStore } from 'react';
import { useStores } from '../../app-context';

/**
 * True while main has not answered the compare or any column is still streaming. Follows every
 * column's reply, but its value only flips at a stream's start and end, so the view re-renders then
 * and not per batch.
 */
export function useCompareStreaming(): boolean {
  const { compare } = useStores();
  const subscribe = useCallback(
    (listener: () => void) => {
      let unsubscribers: (() => void)[] = [];
      const follow = () => {
        for (const off of unsubscribers) off();
        unsubscribers = compare.get().columns.map((c) => compare.replies.subscribe(c.key, listener));
      };
      follow();
      const offState = compare.subscribe(() => {
        follow();
        listener();
      });
      return () => {
        offState();
        for (const off of unsubscribers) off();
      };
    },
    [compare],
  );
  const get = useCallback(() => {
    const s = compare.get();
    if (s.phase === 'sending') return true;
    return s.columns.some((c) => {
      const reply = compare.replies.get(c.key);
      return reply !== undefined && reply.endedAt === null;
    });
  }, [compare]);
  return useSyncExternalStore(subscribe, get, get);
}
