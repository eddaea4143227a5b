import { useIntl } from 'react-intl';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { SpendingDay } from '../../../../common/spending-types';
import { localeOf } from '../../format/format-intl';
import { formatLedgerDay } from '../../format/local-date';
import { formatUsd } from '../../format/usd';

interface SpendingChartProps {
  days: readonly SpendingDay[];
  /** Models in legend order, each with its colour (the same as in the totals and the table). */
  models: readonly string[];
  colours: ReadonlyMap<string, string>;
}

/**
 * Cost per day, stacked by model (recharts). `accessibilityLayer` makes the chart one tab stop whose
 * arrow keys move the tooltip day by day; the same figures are in the table for screen readers.
 */
export function SpendingChart({ days, models, colours }: SpendingChartProps) {
  const intl = useIntl();
  const locale = localeOf(intl);
  // `2026-12-06` → `6 Dec` in the interface's language: the axis has room for short days only.
  const shortDay = (day: string) => formatLedgerDay(day, locale);
  const estimatedDays = new Set(days.filter((d) => d.estimated).map((d) => d.day));
  return (
    <BarChart
      className="spending-chart"
      data={days as SpendingDay[]}
      responsive
      style={{ width: '100%', height: 280 }}
      margin={{ top: 8, right: 8, bottom: 8, left: 8 }}
      accessibilityLayer
      title={intl.formatMessage({ id: 'spending.chart.title' })}
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--border)" />
      <XAxis dataKey="day" tickFormatter={shortDay} tick={{ fill: 'currentColor' }} minTickGap={12} />
      <YAxis tickFormatter={(v: number) => formatUsd(v, locale)} tick={{ fill: 'currentColor' }} width={72} />
      <Tooltip
        formatter={(value) => formatUsd(typeof value === 'number' ? value : Number(value), locale)}
        labelFormatter={(label) => {
          const day = String(label);
          return estimatedDays.has(day)
            ? intl.formatMessage({ id: 'spending.estimatedDay' }, { day: shortDay(day) })
            : shortDay(day);
        }}
        contentStyle={{ background: 'var(--bg-elevated)', color: 'var(--fg)', borderColor: 'var(--border)' }}
        // Recharts writes each line in its bar's colour; text in the theme's colour keeps 4.5:1 contrast.
        itemStyle={{ color: 'var(--fg)' }}
      />
      {/* The swatch carries the model's colour; its name is in the theme's text colour, for contrast. */}
      <Legend
        formatter={(value) => (
          <span className="spending-legend-text" data-i18n-content>
            {String(value)}
          </span>
        )}
      />
      {models.map((model) => (
        <Bar
          key={model}
          name={model}
          // A function, not a string: model ids hold dots and slashes, which a string key reads as a path.
          dataKey={(day: SpendingDay) => day.byModel[model] ?? 0}
          stackId="cost"
          fill={colours.get(model)}
          isAnimationActive={false}
        />
      ))}
    </BarChart>
  );
}
