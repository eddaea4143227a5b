import { type DisplayLocale, SOURCE_LOCALE } from '../../../../common/i18n/locales';
import { formatCalendarDay } from '../../format/calendar-day';

/**
 * `2026-12-31` → `31 Dec 2026` (in the interface's locale when given): month spelled out so the day
 * can't be read the wrong way round; a calendar day, formatted in UTC (see formatCalendarDay).
 */
export function formatRetirementDay(day: string, locale: DisplayLocale = SOURCE_LOCALE): string {
  return formatCalendarDay(day, locale);
}
