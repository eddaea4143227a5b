import { useCallback, useEffect, useRef } from 'react';

/**
 * Delays saving while the person is still typing or dragging, and saves whatever is pending when
 * the field goes away (closing a dialog unmounts fields without a blur).
 */
export function useDebouncedSave<T>(save: (value: T) => void, delayMs: number) {
  const saveRef = useRef(save);
  saveRef.current = save;
  const pending = useRef<{ value: T } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    const next = pending.current;
    pending.current = null;
    if (next) saveRef.current(next.value);
  }, []);

  const schedule = useCallback(
    (value: T) => {
      pending.current = { value };
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = setTimeout(flush, delayMs);
    },
    [flush, delayMs],
  );

  /** Drops what is pending: the field now holds something that must not be saved. */
  const cancel = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
  }, []);

  useEffect(() => flush, [flush]);
  return { schedule, flush, cancel };
}
