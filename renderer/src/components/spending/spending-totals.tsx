import type { SpendingSummary } from '../../../../common/spending-types';
import { formatCost } from '../../format/usd';

/** Today, this month, the range and each model, beside the chart; estimates are marked as such. */
export function SpendingTotals({
  summary,
  rangeDays,
  colours,
  today,
}: {
  summary: SpendingSummary;
  rangeDays: number;
  colours: ReadonlyMap<string, string>;
  /** Local `YYYY-MM-DD`: whether today's figure is still an estimate. */
  today: string;
}) {
  const todayEstimated = summary.days.some((d) => d.day === today && d.estimated);
  const monthEstimated = summary.days.some((d) => d.day.slice(0, 7) === today.slice(0, 7) && d.estimated);
  const rangeEstimated = summary.days.some((d) => d.estimated);
  const mark = (estimated: boolean) =>
    estimated ? <span className="estimated-mark"> (estimated)</span> : null;
  return (
    <section className="spending-totals" aria-labelledby="spending-totals-heading">
      <h3 id="spending-totals-heading">Totals</h3>
      <dl className="spending-facts">
        <dt>Today</dt>
        <dd>
          {formatCost(summary.todayUsd)}
          {mark(todayEstimated)}
        </dd>
        <dt>This month</dt>
        <dd>
          {formatCost(summary.thisMonthUsd)}
          {mark(monthEstimated)}
        </dd>
        <dt>Last {rangeDays} days</dt>
        <dd>
          {formatCost(summary.rangeTotalUsd)}
          {mark(rangeEstimated)}
        </dd>
      </dl>
      {summary.byModel.length > 0 && (
        <>
          <h4>By model</h4>
          <ul className="spending-models">
            {summary.byModel.map((m) => (
              <li key={m.model}>
                <span className="swatch" aria-hidden="true" style={{ background: colours.get(m.model) }} />
                <span className="spending-model-name">{m.model}</span>{' '}
                <span>
                  {formatCost(m.totalUsd)} · {m.replies} {m.replies === 1 ? 'reply' : 'replies'}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {rangeEstimated && (
        <p className="field-hint">
          Estimated figures are for replies that ended without OpenRouter&apos;s usage (Stop, a dropped
          connection); they are replaced by the exact cost once OpenRouter reports it.
        </p>
      )}
    </section>
  );
}
