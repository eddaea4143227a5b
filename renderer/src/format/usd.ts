import { type DisplayLocale, formattingLocale } from '../../../common/i18n/locales';

const formats = new Map<string, Intl.NumberFormat>();

/**
 * US dollars in the interface's locale, through `Intl` (`$1.50`, `1,50 $`, `1,50 $US`…) with between 2
 * and `maxDigits` decimals. English keeps the app's long-standing form without thousands separators.
 */
function usd(amount: number, maxDigits: number, locale: DisplayLocale): string {
  const tag = formattingLocale(locale);
  const key = `${tag}:${maxDigits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(tag, {
      style: 'currency',
      currency: 'USD',
      minimumFractionDigits: 2,
      maximumFractionDigits: maxDigits,
      useGrouping: tag === 'en' ? false : 'auto',
    });
    formats.set(key, format);
  }
  // -0 (a refund rounding to nothing) reads as 0.
  return format.format(amount === 0 ? 0 : amount);
}

/**
 * Dollar amounts as people read them: cents for ordinary sums, and enough decimals to show two
 * significant digits for the tiny per-message costs OpenRouter reports (`$0.00014`, not `$0.00`).
 */
export function formatUsd(amount: number, locale: DisplayLocale = 'en'): string {
  if (!Number.isFinite(amount)) return '—';
  const value = Math.abs(amount);
  const decimals =
    value === 0 || value >= 1 ? 2 : Math.min(10, Math.max(2, Math.ceil(-Math.log10(value)) + 1));
  return usd(amount, decimals, locale);
}

/**
 * The exact cost of a reply as OpenRouter billed it (`usage.cost`, e.g. `$0.0013545`), never rounded
 * away: at least cents, and every further digit OpenRouter reported (it bills in units well below a
 * millionth of a dollar; 10 decimals keep all of them without the float noise of a longer expansion).
 * An em dash when OpenRouter did not report one.
 */
export function formatCost(cost: number | null | undefined, locale: DisplayLocale = 'en'): string {
  if (cost === null || cost === undefined) return '—';
  if (!Number.isFinite(cost)) return '—';
  return usd(cost, 10, locale);
}
