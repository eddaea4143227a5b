/**
 * Local days and months in a given time zone, without a date library: the Spending view counts a reply
 * towards the day and month it finished in *where the person is*, and limits reset at local midnight.
 * Intl gives the wall-clock fields of an instant; the instant of a local midnight is found from them
 * (twice, so a DST change on that day lands on the right side).
 */
export interface Calendar {
  /** `YYYY-MM-DD` of the local day `ms` falls in. */
  dayKey(ms: number): string;
  /** The instant the local day holding `ms` began. */
  startOfDay(ms: number): number;
  /** The instant the next local day after the one holding `ms` begins. */
  startOfNextDay(ms: number): number;
  /** The instant the local month holding `ms` began. */
  startOfMonth(ms: number): number;
  /** The instant the next local month begins. */
  startOfNextMonth(ms: number): number;
}

interface Fields {
  year: number;
  month: number; // 1-12
  day: number;
}

export function createCalendar(timeZone?: string): Calendar {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const wallClock = (ms: number) => {
    const parts: Record<string, number> = {};
    for (const p of format.formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    return parts as {
      year: number;
      month: number;
      day: number;
      hour: number;
      minute: number;
      second: number;
    };
  };
  const fieldsOf = (ms: number): Fields => {
    const w = wallClock(ms);
    return { year: w.year, month: w.month, day: w.day };
  };
  /** Local time minus UTC at `ms`, in ms. */
  const offsetAt = (ms: number) => {
    const w = wallClock(ms);
    const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
    return asUtc - Math.floor(ms / 1000) * 1000;
  };
  /** The instant of local midnight on a calendar date (months and days may overflow, as in Date.UTC). */
  const midnight = (year: number, month: number, day: number) => {
    const wall = Date.UTC(year, month - 1, day);
    const guess = wall - offsetAt(wall);
    return wall - offsetAt(guess);
  };
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    dayKey: (ms) => {
      const f = fieldsOf(ms);
      return `${f.year}-${pad(f.month)}-${pad(f.day)}`;
    },
    startOfDay: (ms) => {
      const f = fieldsOf(ms);
      return midnight(f.year, f.month, f.day);
    },
    startOfNextDay: (ms) => {
      const f = fieldsOf(ms);
      return midnight(f.year, f.month, f.day + 1);
    },
    startOfMonth: (ms) => {
      const f = fieldsOf(ms);
      return midnight(f.year, f.month, 1);
    },
    startOfNextMonth: (ms) => {
      const f = fieldsOf(ms);
      return midnight(f.year, f.month + 1, 1);
    },
  };
}
