import type { SpendingDay } from '../../../../common/spending-types';
import { formatCost } from '../../format/usd';
import { shortDay } from './spending-chart';

/** The chart's figures as a table: one row per day, one column per model, estimated days marked. */
export function SpendingTable({ days, models }: { days: readonly SpendingDay[]; models: readonly string[] }) {
  return (
    <div className="spending-table-wrap">
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
    </div>
  );
}
