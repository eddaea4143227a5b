import { useStores } from '../../state/stores-context';

/** Export everything, or import a Switchboard JSON export; main shows the file dialogs. */
export function HistoryTransfer() {
  const stores = useStores();
  const exportAll = async (format: 'markdown' | 'json') => {
    const r = await stores.bridge.exportHistory({ format });
    if (!r.ok) stores.toasts.show(r.error.message, { tone: 'error' });
    else if (r.value.saved) stores.toasts.show(`Exported all conversations to ${r.value.fileName}.`);
  };
  const importFile = async () => {
    const r = await stores.bridge.importHistory();
    if (!r.ok) {
      stores.toasts.show(r.error.message, { tone: 'error' });
      return;
    }
    if (r.value.cancelled) return;
    const { imported, duplicates, rejected } = r.value;
    stores.toasts.show(
      `Imported ${imported} conversation${imported === 1 ? '' : 's'}` +
        (duplicates ? `, skipped ${duplicates} already here` : '') +
        (rejected ? `, ${rejected} could not be read` : '') +
        '.',
      { tone: rejected ? 'error' : 'info' },
    );
    await stores.conversations.refresh();
  };
  return (
    <div className="history-transfer">
      <button type="button" className="button-quiet" onClick={() => void exportAll('markdown')}>
        Export all as Markdown
      </button>
      <button type="button" className="button-quiet" onClick={() => void exportAll('json')}>
        Export all as JSON
      </button>
      <button type="button" className="button-quiet" onClick={() => void importFile()}>
        Import…
      </button>
    </div>
  );
}
