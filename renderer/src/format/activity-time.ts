import { type DisplayLocale, formattingLocale } from '../../../common/i18n/locales';

/**
 * When a conversation was last active: the time today, the date otherwise — in the interface's locale
 * when given, else the system's (as before issue 20).
 */
export function formatActivity(iso: string, now: Date = new Date(), locale?: DisplayLocale): string {
  const tag = locale === undefined ? undefined : formattingLocale(locale);
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return '';
  if (when.toDateString() === now.toDateString()) {
    return when.toLocaleTimeString(tag, { hour: '2-digit', minute: '2-digit' });
  }
  return when.toLocaleDateString(tag, {
    day: 'numeric',
    month: 'short',
    ...(when.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  });
}
