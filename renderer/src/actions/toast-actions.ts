import type { ToastsStore } from '../state/toasts-store';

/** Short notices: showing one (it goes away by itself) and dismissing it early. */
export function createToastActions(deps: { toasts: ToastsStore }) {
  const { toasts } = deps;
  return {
    show: toasts.show,
    dismiss: toasts.dismiss,
  };
}

export type ToastActions = ReturnType<typeof createToastActions>;
