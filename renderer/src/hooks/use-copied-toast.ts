import { useCallback } from 'react';
import { useActions } from '../app-context';

/** For a message's Copy button: says in a toast whether the text reached the clipboard. */
export function useCopiedToast(): (copied: boolean) => void {
  const { toasts } = useActions();
  return useCallback(
    (copied: boolean) => {
      if (copied) toasts.show({ id: 'toasts.copied' });
      else toasts.show({ id: 'toasts.copyFailed' }, { tone: 'error' });
    },
    [toasts],
  );
}
