/** When a conversation was last active: the time today, the date otherwise. */
export function formatActivity(iso: string, now: Date = new Date()): string {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return '';
  if (when.toDateString() === now.toDateString()) {
    return when.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  }
  return when.toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    ...(when.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  });
}
