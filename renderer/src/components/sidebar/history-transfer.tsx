import type { ExportFormat } from '../../actions/history-actions';
import { useActions } from '../../app-context';

/** Export everything, or import a Switchboard JSON export; main shows the file dialogs. */
export function HistoryTransfer() {
  const actions = useActions();
  const exportAll = async (format: ExportFormat) => {
    const r = await actions.history.export(format);
    if (!r.ok) actions.toasts.show(r.error.message, { tone: 'error' });
    else if (r.value.saved) actions.toasts.show(`Exported all conversations to ${r.value.fileName}.`);
  };
  const importFile = async () => {
    const r = await actions.history.import();
    if (!r.ok) {
      actions.toasts.show(r.error.message, { tone: 'error' });
      return;
    }
    if (r.value.cancelled) return;
    const { imported, duplicates, rejected } = r.value;
    actions.toasts.show(
      `Imported ${imported} conversation${imported === 1 ? '' : 's'}` +
        (duplicates ? `, skipped ${duplicates} already here` : '') +
        (rejected ? `, ${rejected} could not be read` : '') +
        '.',
      { tone: rejected ? 'error' : 'info' },
    );
    await actions.conversations.refresh();
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
