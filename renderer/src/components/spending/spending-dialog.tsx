import { useEffect, useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import type { SpendingSummary } from '../../../../common/spending-types';
import { formatAppError, type ShownError } from '../../../shared/i18n/error-text';
import { useActions } from '../../app-context';
import { localDay, modelColours } from '../../format/spending';
import { Dialog } from '../dialog';
import { KeyUsagePanel } from './key-usage-panel';
import { SpendingChart } from './spending-chart';
import { SpendingTable } from './spending-table';
import { SpendingTotals } from './spending-totals';

type Range = 30 | 90;
type Loaded =
  | { state: 'loading' }
  | { state: 'done'; summary: SpendingSummary }
  // Main's error itself, worded when shown: an error on screen follows a language switch.
  | { state: 'failed'; error: ShownError };

/**
 * The Spending view (Ctrl/Cmd+Shift+S, or "Spending" in the sidebar): cost per day by model over 30 or
 * 90 days, as a chart or a table, the totals beside it, and the key's own figures from OpenRouter.
 */
export function SpendingDialog() {
  const intl = useIntl();
  const text = (id: string) => intl.formatMessage({ id });
  const actions = useActions();
  const [range, setRange] = useState<Range>(30);
  const [asTable, setAsTable] = useState(false);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });

  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    void actions.spending.summary(range).then((result) => {
      if (!current) return;
      setLoaded(
        result.ok ? { state: 'done', summary: result.value } : { state: 'failed', error: result.error },
      );
    });
    return () => {
      current = false;
    };
  }, [actions, range]);

  const summary = loaded.state === 'done' ? loaded.summary : null;
  const models = useMemo(() => summary?.byModel.map((m) => m.model) ?? [], [summary]);
  const colours = useMemo(() => modelColours(models), [models]);

  return (
    <Dialog
      title={text('spending.title')}
      onClose={() => actions.dialogs.closeSpending()}
      className="spending"
    >
      <div className="dialog-body spending-body">
        <div className="spending-toolbar">
          <fieldset className="spending-range">
            <legend className="visually-hidden">{text('spending.range')}</legend>
            {([30, 90] as const).map((days) => (
              <label key={days}>
                <input
                  type="radio"
                  name="spending-range"
                  checked={range === days}
                  onChange={() => setRange(days)}
                />{' '}
                {intl.formatMessage({ id: 'spending.lastDays' }, { days })}
              </label>
            ))}
          </fieldset>
          <button type="button" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
            {text('spending.asTable')}
          </button>
          <button type="button" onClick={() => void actions.spending.exportCsv(range)}>
            {text('spending.exportCsv')}
          </button>
        </div>
        {loaded.state === 'loading' && <p>{text('spending.loading')}</p>}
        {loaded.state === 'failed' && (
          <p role="alert" className="field-error">
            {intl.formatMessage({ id: 'spending.failed' }, { error: formatAppError(intl, loaded.error) })}
          </p>
        )}
        {summary && summary.damaged > 0 && (
          <p role="alert" className="field-error spending-damaged">
            {intl.formatMessage({ id: 'spending.damaged' }, { count: summary.damaged })}
          </p>
        )}
        <div className="spending-columns">
          <div className="spending-main">
            {summary && summary.byModel.length === 0 && (
              <p className="spending-empty">
                {intl.formatMessage({ id: 'spending.empty' }, { days: range })}
              </p>
            )}
            {summary &&
              summary.byModel.length > 0 &&
              (asTable ? (
                <SpendingTable days={summary.days} models={models} />
              ) : (
                <figure className="spending-figure">
                  <SpendingChart days={summary.days} models={models} colours={colours} />
                  <figcaption className="field-hint">{text('spending.chart.caption')}</figcaption>
                </figure>
              ))}
          </div>
          <div className="spending-side">
            {summary && (
              <SpendingTotals
                summary={summary}
                rangeDays={range}
                colours={colours}
                today={localDay(new Date())}
              />
            )}
            <KeyUsagePanel ledger={summary} />
          </div>
        </div>
      </div>
    </Dialog>
  );
}
