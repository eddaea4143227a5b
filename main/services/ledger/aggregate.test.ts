import { describe, expect, it } from 'vitest';
import { conversationSpending, spentInPeriods, summarize } from './aggregate';
import { createCalendar } from './calendar';
import { type LoadedEntry, loadedEntry } from './loaded-entry';
import { ledgerEntry } from './testing/entries';

const loaded = (over: Parameters<typeof ledgerEntry>[0]): LoadedEntry => loadedEntry(ledgerEntry(over));

describe('spending per day, month, model and conversation', () => {
  // New York: 2026-03-08 is the spring DST change (a 23-hour day).
  const calendar = createCalendar('America/New_York');
  const now = Date.parse('2026-03-10T15:00:00Z'); // 11:00 local, Tuesday 10 March

  it('counts each reply towards the local day it finished in, every day present, split by model', () => {
    const entries = [
      // 23:30 on 9 March in New York, already 10 March in UTC: counts for the 9th.
      loaded({ at: '2026-03-10T03:30:00Z', costUsd: 0.1, model: 'a/x' }),
      loaded({ at: '2026-03-10T04:30:00Z', costUsd: 0.2, model: 'a/x' }), // 00:30 on the 10th
      loaded({ at: '2026-03-10T14:00:00Z', costUsd: 0.3, model: 'b/y', accuracy: 'estimated' }),
      loaded({ at: '2026-03-08T06:00:00Z', costUsd: 1, model: 'b/y' }), // 01:00 on the 8th (DST day)
      loaded({ at: '2026-03-01T05:00:00Z', costUsd: 5, model: 'a/x' }), // 00:00 on the 1st: out of range
      loaded({ at: '2026-02-28T12:00:00Z', costUsd: 7, model: 'a/x' }), // last month
    ];
    const summary = summarize(entries, { days: 7, now, calendar, damaged: 1 });
    expect(summary.days.map((d) => d.day)).toEqual([
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
      '2026-03-10',
    ]);
    expect(summary.days[4]).toEqual({
      day: '2026-03-08',
      totalUsd: 1,
      byModel: { 'b/y': 1 },
      estimated: false,
    });
    expect(summary.days[5]).toEqual({
      day: '2026-03-09',
      totalUsd: 0.1,
      byModel: { 'a/x': 0.1 },
      estimated: false,
    });
    expect(summary.days[6]).toEqual({
      day: '2026-03-10',
      totalUsd: 0.5,
      byModel: { 'a/x': 0.2, 'b/y': 0.3 },
      estimated: true,
    });
    expect(summary.todayUsd).toBe(0.5);
    expect(summary.thisMonthUsd).toBe(6.6);
    expect(summary.rangeTotalUsd).toBe(1.6);
    expect(summary.byModel).toEqual([
      { model: 'b/y', totalUsd: 1.3, replies: 2 },
      { model: 'a/x', totalUsd: 0.3, replies: 2 },
    ]);
    expect(summary.damaged).toBe(1);
    expect(spentInPeriods(entries, now, calendar)).toEqual({
      todayUsd: expect.closeTo(0.5, 10),
      thisMonthUsd: expect.closeTo(6.6, 10),
    });
  });

  it('a time zone east of UTC moves the same instants to other days', () => {
    const tokyo = createCalendar('Asia/Tokyo');
    const entries = [loaded({ at: '2026-03-09T16:00:00Z', costUsd: 0.4 })]; // 01:00 on the 10th in Tokyo
    const summary = summarize(entries, { days: 2, now, calendar: tokyo, damaged: 0 });
    expect(summary.days.map((d) => [d.day, d.totalUsd])).toEqual([
      ['2026-03-10', 0.4],
      ['2026-03-11', 0],
    ]);
  });

  it("a conversation's total, marked estimated while one of its replies is", () => {
    const entries = [
      loaded({ conversationId: 'c1', costUsd: 0.25 }),
      loaded({ conversationId: 'c1', costUsd: 0.5, accuracy: 'estimated' }),
      loaded({ conversationId: 'c2', costUsd: 9 }),
    ];
    expect(conversationSpending(entries, 'c1')).toEqual({ totalUsd: 0.75, replies: 2, estimated: true });
    expect(conversationSpending(entries, 'c2')).toEqual({ totalUsd: 9, replies: 1, estimated: false });
    expect(conversationSpending(entries, 'c3')).toEqual({ totalUsd: 0, replies: 0, estimated: false });
  });
});

describe('the calendar', () => {
  it('finds local midnights and month starts across a DST change', () => {
    const ny = createCalendar('America/New_York');
    const at = Date.parse('2026-03-08T12:00:00Z');
    expect(new Date(ny.startOfDay(at)).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(new Date(ny.startOfNextDay(at)).toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(new Date(ny.startOfMonth(at)).toISOString()).toBe('2026-03-01T05:00:00.000Z');
    expect(new Date(ny.startOfNextMonth(at)).toISOString()).toBe('2026-04-01T04:00:00.000Z');
    expect(new Date(ny.startOfNextMonth(Date.parse('2026-12-15T12:00:00Z'))).toISOString()).toBe(
      '2027-01-01T05:00:00.000Z',
    );
  });
});
