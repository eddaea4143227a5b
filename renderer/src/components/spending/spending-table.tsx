import type { SpendingDay } from '../../../../common/spending-types';
import { formatCost } from '../../format/usd';
import { shortDay } from './spending-chart';

/** The chart's figures as a table: one row per day, one column per model, estimated days marked. */
export function SpendingTable({ days, models }: { days: readonly SpendingDay[]; models: readonly string[] }) {
  return (
    // Scrolls on its own (90 rows): focusable, so the keyboard can scroll it too.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
    <section className="spending-table-wrap" tabIndex={0} aria-label="Cost per day, table">
      <table className="spending-table">
        <caption>Cost per day by model</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {models.map((model) => (
              <th key={model} scope="col">
                {model}
              </th>
            ))}
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.day}>
              <th scope="row">
                <time dateTime={day.day}>{shortDay(day.day)}</time>
                {day.estimated && <span className="estimated-mark"> (estimated)</span>}
              </th>
              {models.map((model) => (
                <td key={model}>{formatCost(day.byModel[model] ?? 0)}</td>
              ))}
              <td>{formatCost(day.totalUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
