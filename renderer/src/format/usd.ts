/**
 * Dollar amounts as people read them: cents for ordinary sums, and enough decimals to show two
 * significant digits for the tiny per-message costs OpenRouter reports (`$0.00014`, not `$0.00`).
 */
export function formatUsd(amount: number): string {
  if (!Number.isFinite(amount)) return '—';
  const sign = amount < 0 ? '-' : '';
  const value = Math.abs(amount);
  if (value === 0 || value >= 1) return `${sign}$${value.toFixed(2)}`;
  const decimals = Math.min(10, Math.max(2, Math.ceil(-Math.log10(value)) + 1));
  const fixed = value.toFixed(decimals).replace(/0+$/, '');
  const [whole = '0', fraction = ''] = fixed.split('.');
  return `${sign}$${whole}.${fraction.padEnd(2, '0')}`;
}

/**
 * The exact cost of a reply as OpenRouter billed it (`usage.cost`, e.g. `$0.0013545`), never rounded
 * away: at least cents, and every further digit OpenRouter reported (it bills in units well below a
 * millionth of a dollar; 10 decimals keep all of them without the float noise of a longer expansion).
 * An em dash when OpenRouter did not report one.
 */
export function formatCost(cost: number | null | undefined): string {
  if (cost === null || cost === undefined) return '—';
  if (!Number.isFinite(cost)) return '—';
  const sign = cost < 0 ? '-' : '';
  const [whole = '0', fraction = ''] = Math.abs(cost).toFixed(10).replace(/0+$/, '').split('.');
  return `${sign}$${whole}.${fraction.padEnd(2, '0')}`;
}
