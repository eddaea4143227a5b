/** Formatting of the benchmark table: figures beside their targets, with PASS/MISS markers. */
export interface Row {
  metric: string;
  value: string;
  target?: string;
  pass?: boolean;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export const ms = (v: number) => (v >= 100 ? `${Math.round(v)} ms` : `${v.toFixed(1)} ms`);

export function table(rows: readonly Row[]): string {
  const widths = [
    Math.max(...rows.map((r) => r.metric.length), 6),
    Math.max(...rows.map((r) => r.value.length), 5),
    Math.max(...rows.map((r) => (r.target ?? '').length), 6),
  ];
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const out = [
    line(['metric', 'value', 'target', 'result']),
    line(widths.map((w) => '-'.repeat(w)).concat('------')),
  ];
  for (const r of rows) {
    const mark = r.pass === undefined ? '' : r.pass ? 'PASS' : 'MISS';
    out.push(line([r.metric, r.value, r.target ?? '', mark]));
  }
  return out.join('\n');
}
