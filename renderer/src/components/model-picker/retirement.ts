/**
 * `2026-12-31` → `31 Dec 2026`: month spelled out so the day can't be read the wrong way round. Formatted
 * in UTC because the value is a calendar day, not an instant (local time could move it a day back).
 */
export function formatRetirementDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
