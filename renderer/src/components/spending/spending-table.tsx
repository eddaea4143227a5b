import { useIntl } from 'react-intl';
import type { SpendingDay } from '../../../../common/spending-types';
import { localeOf } from '../../format/format-intl';
import { formatLedgerDay } from '../../format/local-date';
import { formatCost } from '../../format/usd';

/** The chart's figures as a table: one row per day, one column per model, estimated days marked. */
export function SpendingTable({ days, models }: { days: readonly SpendingDay[]; models: readonly string[] }) {
  const intl = useIntl();
  const locale = localeOf(intl);
  const label = intl.formatMessage({ id: 'spending.table.label' });
  return (
    // Scrolls on its own (90 rows): focusable, so the keyboard can scroll it too.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
    <section className="spending-table-wrap" tabIndex={0} aria-label={label}>
      <table className="spending-table">
        <caption>{intl.formatMessage({ id: 'spending.chart.title' })}</caption>
        <thead>
          <tr>
            <th scope="col">{intl.formatMessage({ id: 'spending.table.day' })}</th>
            {models.map((model) => (
              <th key={model} scope="col" data-i18n-content>
                {model}
              </th>
            ))}
            <th scope="col">{intl.formatMessage({ id: 'spending.table.total' })}</th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.day}>
              <th scope="row">
                <time dateTime={day.day}>{formatLedgerDay(day.day, locale)}</time>
                {day.estimated && (
                  <span className="estimated-mark">
                    {' '}
                    {intl.formatMessage({ id: 'spending.estimatedMark' })}
                  </span>
                )}
              </th>
              {models.map((model) => (
                <td key={model}>{formatCost(day.byModel[model] ?? 0, locale)}</td>
              ))}
              <td>{formatCost(day.totalUsd, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
