import { useActions, useStores } from '../app-context';
import { useStoreValue } from '../hooks/use-store-value';

/** Short notices (copied, deleted with Undo, refused links) in a polite live region. */
export function Toasts() {
  const stores = useStores();
  const actions = useActions();
  const toasts = useStoreValue(stores.toasts);
  return (
    <section className="toasts" aria-label="Notifications">
      <div role="status" aria-live="polite" className="toast-stack">
        {toasts.map((toast) => (
          <div key={toast.id} className={toast.tone === 'error' ? 'toast toast-error' : 'toast'}>
            <p>{toast.message}</p>
            {toast.action && (
              <button
                type="button"
                onClick={() => {
                  toast.action?.run();
                  actions.toasts.dismiss(toast.id);
                }}
              >
                {toast.action.label}
              </button>
            )}
            <button
              type="button"
              className="button-quiet"
              aria-label="Dismiss notification"
              onClick={() => actions.toasts.dismiss(toast.id)}
            >
              <span aria-hidden="true">×</span>
            </button>
          </div>
        ))}
      </div>
    </section>
  );
}
