import { type DisplayLocale, formattingLocale, SOURCE_LOCALE } from '../../../common/i18n/locales';

/**
 * A calendar day `2026-12-31` as people read it: `31 Dec 2026` in English (month spelled out, so the
 * day cannot be read the wrong way round — the app's long-standing form), `31.12.2026`-style in the
 * interface's locale otherwise. Formatted in UTC because the value is a day, not an instant (local time
 * could move it a day back). Anything that is not a `YYYY-MM-DD` day is returned as written.
 */
export function formatCalendarDay(day: string, locale: DisplayLocale = SOURCE_LOCALE): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  const tag = formattingLocale(locale);
  return date.toLocaleDateString(tag === SOURCE_LOCALE ? 'en-GB' : tag, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
