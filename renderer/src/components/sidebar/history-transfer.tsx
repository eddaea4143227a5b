import { useIntl } from 'react-intl';
import { errorNote } from '../../../shared/i18n/error-text';
import type { ExportFormat } from '../../actions/history-actions';
import { useActions } from '../../app-context';

/** Export everything, or import a Switchboard JSON export; main shows the file dialogs. */
export function HistoryTransfer() {
  const actions = useActions();
  const intl = useIntl();
  const exportAll = async (format: ExportFormat) => {
    const r = await actions.history.export(format);
    if (!r.ok) actions.toasts.show(errorNote(r.error), { tone: 'error' });
    else if (r.value.saved)
      actions.toasts.show(
        intl.formatMessage({ id: 'sidebar.transfer.exported' }, { fileName: r.value.fileName }),
      );
  };
  const importFile = async () => {
    const r = await actions.history.import();
    if (!r.ok) {
      actions.toasts.show(errorNote(r.error), { tone: 'error' });
      return;
    }
    if (r.value.cancelled) return;
    const { imported, duplicates, rejected } = r.value;
    actions.toasts.show(
      intl.formatMessage({ id: 'sidebar.transfer.imported' }, { imported, duplicates, rejected }),
      { tone: rejected ? 'error' : 'info' },
    );
    await actions.conversations.refresh();
  };
  return (
    <div className="history-transfer">
      <button type="button" className="button-quiet" onClick={() => void exportAll('markdown')}>
        {intl.formatMessage({ id: 'sidebar.transfer.exportMarkdown' })}
      </button>
      <button type="button" className="button-quiet" onClick={() => void exportAll('json')}>
        {intl.formatMessage({ id: 'sidebar.transfer.exportJson' })}
      </button>
      <button type="button" className="button-quiet" onClick={() => void importFile()}>
        {intl.formatMessage({ id: 'sidebar.transfer.import' })}
      </button>
    </div>
  );
}
