import { useCallback } from 'react';
import { useActions } from '../app-context';

/** For a message's Copy button: says in a toast whether the text reached the clipboard. */
export function useCopiedToast(): (copied: boolean) => void {
  const { toasts } = useActions();
  return useCallback(
    (copied: boolean) => {
      if (copied) toasts.show('Copied to the clipboard');
      else toasts.show('Could not copy to the clipboard.', { tone: 'error' });
    },
    [toasts],
  );
}
