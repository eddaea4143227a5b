import { useIntl } from 'react-intl';
import type { SpendingSummary } from '../../../../common/spending-types';
import { localeOf } from '../../format/format-intl';
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
  const intl = useIntl();
  const locale = localeOf(intl);
  const text = (id: string) => intl.formatMessage({ id });
  const todayEstimated = summary.days.some((d) => d.day === today && d.estimated);
  const monthEstimated = summary.days.some((d) => d.day.slice(0, 7) === today.slice(0, 7) && d.estimated);
  const rangeEstimated = summary.days.some((d) => d.estimated);
  const mark = (estimated: boolean) =>
    estimated ? <span className="estimated-mark"> {text('spending.estimatedMark')}</span> : null;
  return (
    <section className="spending-totals" aria-labelledby="spending-totals-heading">
      <h3 id="spending-totals-heading">{text('spending.totals.heading')}</h3>
      <dl className="spending-facts">
        <dt>{text('spending.totals.today')}</dt>
        <dd>
          {formatCost(summary.todayUsd, locale)}
          {mark(todayEstimated)}
        </dd>
        <dt>{text('spending.totals.thisMonth')}</dt>
        <dd>
          {formatCost(summary.thisMonthUsd, locale)}
          {mark(monthEstimated)}
        </dd>
        <dt>{intl.formatMessage({ id: 'spending.lastDays' }, { days: rangeDays })}</dt>
        <dd>
          {formatCost(summary.rangeTotalUsd, locale)}
          {mark(rangeEstimated)}
        </dd>
      </dl>
      {summary.byModel.length > 0 && (
        <>
          <h4>{text('spending.totals.byModel')}</h4>
          <ul className="spending-models">
            {summary.byModel.map((m) => (
              <li key={m.model}>
                <span className="swatch" aria-hidden="true" style={{ background: colours.get(m.model) }} />
                <span className="spending-model-name" data-i18n-content>
                  {m.model}
                </span>{' '}
                <span>
                  {intl.formatMessage(
                    { id: 'spending.totals.modelLine' },
                    { amount: formatCost(m.totalUsd, locale), count: m.replies },
                  )}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {rangeEstimated && <p className="field-hint">{text('spending.totals.estimatedNote')}</p>}
    </section>
  );
}
