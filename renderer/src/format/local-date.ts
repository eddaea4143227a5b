import { type DisplayLocale, formattingLocale, SOURCE_LOCALE } from '../../../common/i18n/locales';

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * A moment's local date with the month spelled out (`6 Dec 2026`, `6 Dec` without the year) in the
 * interface's locale: `6. Dez. 2026`, `2026年12月6日`… English keeps the app's long-standing day-month
 * order (en-GB), so no date can be read the wrong way round and English output is unchanged.
 */
export function formatLocalDate(date: Date, locale: DisplayLocale, options: { year: boolean }): string {
  if (Number.isNaN(date.getTime())) return '';
  const tag = formattingLocale(locale);
  const key = `${tag}:${options.year}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(tag === SOURCE_LOCALE ? 'en-GB' : tag, {
      day: 'numeric',
      month: 'short',
      ...(options.year ? { year: 'numeric' } : {}),
    });
    formats.set(key, format);
  }
  return format.format(date);
}

/** A ledger day `2026-12-06` (local) as a short date (`6 Dec`); anything else is returned as written. */
export function formatLedgerDay(day: string, locale: DisplayLocale): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return formatLocalDate(new Date(y, m - 1, d), locale, { year: false });
}
