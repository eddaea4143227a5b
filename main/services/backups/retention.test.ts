import { describe, expect, it } from 'vitest';
import type { BackupKind } from '../../../common/backup-types';
import { chooseKept, type Dated, DEFAULT_RETENTION } from './retention';

const DAY = 24 * 3_600_000;
const at = (ms: number) => new Date(Date.parse('2026-03-30T10:00:00Z') - ms).toISOString();
const snapshot = (id: string, kind: BackupKind, agoMs: number): Dated => ({ id, kind, createdAt: at(agoMs) });

describe('retention', () => {
  it('keeps the 7 newest daily snapshots, then the newest of each of 4 earlier weeks as weekly', () => {
    // One daily snapshot a day for 60 days: d0 is today, d59 59 days ago.
    const dailies = Array.from({ length: 60 }, (_, i) => snapshot(`d${i}`, 'daily', i * DAY));
    const kept = chooseKept(dailies, DEFAULT_RETENTION);
    const daily = [...kept].filter(([, kind]) => kind === 'daily').map(([id]) => id);
    const weekly = [...kept].filter(([, kind]) => kind === 'weekly').map(([id]) => id);
    expect(daily).toEqual(['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6']);
    expect(weekly).toHaveLength(4);
    // Each promoted one is the newest of its (Monday-to-Sunday, UTC) week, in four different weeks,
    // all older than the dailies kept.
    const weekOf = (id: string) => {
      const t = Date.parse(dailies.find((d) => d.id === id)?.createdAt ?? '');
      return Math.floor((t - Date.parse('1970-01-05T00:00:00Z')) / (7 * DAY));
    };
    expect(new Set(weekly.map(weekOf)).size).toBe(4);
    for (const id of weekly) {
      const sameWeekNewer = dailies.filter(
        (d) =>
          weekOf(d.id) === weekOf(id) &&
          d.createdAt > (dailies.find((x) => x.id === id)?.createdAt ?? '') &&
          !daily.includes(d.id),
      );
      expect(sameWeekNewer).toEqual([]);
    }
    expect(kept.size).toBe(11);
  });

  it('keeps the last 3 pre-update, 3 pre-restore and 5 manual snapshots, each kind on its own', () => {
    const all = [
      ...Array.from({ length: 5 }, (_, i) => snapshot(`u${i}`, 'pre-update', i * DAY)),
      ...Array.from({ length: 5 }, (_, i) => snapshot(`r${i}`, 'pre-restore', i * DAY)),
      ...Array.from({ length: 8 }, (_, i) => snapshot(`m${i}`, 'manual', i * 1000)),
      snapshot('d0', 'daily', 100 * DAY),
    ];
    const kept = chooseKept(all, DEFAULT_RETENTION);
    expect([...kept.keys()].sort()).toEqual(
      ['d0', 'm0', 'm1', 'm2', 'm3', 'm4', 'r0', 'r1', 'r2', 'u0', 'u1', 'u2'].sort(),
    );
    // A manual snapshot never counts as the day's automatic one, and an old daily one is still kept
    // while it is among the 7 newest automatic ones.
    expect(kept.get('d0')).toBe('daily');
  });
});
