import { useActions } from '../../app-context';

/** Copies a message's text (the Markdown source, as written). */
export function CopyButton({ text }: { text: string }) {
  const actions = useActions();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      actions.toasts.show('Copied to the clipboard');
    } catch {
      actions.toasts.show('Could not copy to the clipboard.', { tone: 'error' });
    }
  };
  return (
    <button type="button" className="button-quiet" disabled={text === ''} onClick={() => void copy()}>
      Copy
    </button>
  );
}
