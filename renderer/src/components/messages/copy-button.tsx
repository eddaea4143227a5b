import { useStores } from '../../state/stores-context';

/** Copies a message's text (the Markdown source, as written). */
export function CopyButton({ text }: { text: string }) {
  const stores = useStores();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      stores.toasts.show('Copied to the clipboard');
    } catch {
      stores.toasts.show('Could not copy to the clipboard.', { tone: 'error' });
    }
  };
  return (
    <button type="button" className="button-quiet" disabled={text === ''} onClick={() => void copy()}>
      Copy
    </button>
  );
}
