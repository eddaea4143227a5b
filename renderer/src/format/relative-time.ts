import { type DisplayLocale, formattingLocale } from '../../../common/i18n/locales';

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3_600_000],
  ['month', 30 * 24 * 3_600_000],
  ['week', 7 * 24 * 3_600_000],
  ['day', 24 * 3_600_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** "3 minutes ago", "vor 3 Minuten", "yesterday", "in 2 hours": the largest whole unit, through Intl. */
export function formatRelativeTime(thenMs: number, nowMs: number, locale: DisplayLocale): string {
  const diff = thenMs - nowMs;
  const format = new Intl.RelativeTimeFormat(formattingLocale(locale), { numeric: 'auto' });
  for (const [unit, ms] of UNITS)
    if (Math.abs(diff) >= ms || unit === 'second') return format.format(Math.round(diff / ms), unit);
  return format.format(0, 'second');
}
