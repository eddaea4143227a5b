import { useIntl } from 'react-intl';
import { useActions, useStores } from '../app-context';
import { useStoreValue } from '../hooks/use-store-value';
import { useNoteText } from '../i18n/use-note-text';
import type { ToastText } from '../state/toasts-store';

/** Short notices (copied, deleted with Undo, refused links) in a polite live region. */
export function Toasts() {
  const stores = useStores();
  const actions = useActions();
  const intl = useIntl();
  const noteText = useNoteText();
  const text = (t: ToastText) => (typeof t === 'string' ? t : noteText(t));
  const toasts = useStoreValue(stores.toasts);
  return (
    <section className="toasts" aria-label={intl.formatMessage({ id: 'toasts.region' })}>
      <div role="status" aria-live="polite" className="toast-stack">
        {toasts.map((toast) => (
          <div key={toast.id} className={toast.tone === 'error' ? 'toast toast-error' : 'toast'}>
            <p>{text(toast.message)}</p>
            {toast.action && (
              <button
                type="button"
                onClick={() => {
                  toast.action?.run();
                  actions.toasts.dismiss(toast.id);
                }}
              >
                {text(toast.action.label)}
              </button>
            )}
            <button
              type="button"
              className="button-quiet"
              aria-label={intl.formatMessage({ id: 'toasts.dismiss' })}
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
