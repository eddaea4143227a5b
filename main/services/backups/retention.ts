import type { BackupKind } from '../../../common/backup-types';

/** How many snapshots of each kind are kept (issue 20: e.g. 7 daily, 4 weekly, last 3 pre-update). */
export interface RetentionPolicy {
  daily: number;
  weekly: number;
  preUpdate: number;
  preRestore: number;
  manual: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  daily: 7,
  weekly: 4,
  preUpdate: 3,
  preRestore: 3,
  manual: 5,
};

export interface Dated {
  id: string;
  kind: BackupKind;
  createdAt: string;
}

const WEEK_MS = 7 * 24 * 3_600_000;
/** Weeks counted from Monday 1970-01-05 00:00 UTC, so a week is Monday to Sunday (UTC). */
const FIRST_MONDAY_MS = Date.parse('1970-01-05T00:00:00Z');
const weekOf = (createdAt: string) => Math.floor((Date.parse(createdAt) - FIRST_MONDAY_MS) / WEEK_MS);

/**
 * Which complete snapshots are kept, and what each counts as: the newest `daily` automatic snapshots
 * are kept as daily; of the older automatic ones, the newest of each of the `weekly` most recent weeks
 * is kept as weekly (promoted: the manifest still says daily, the list shows weekly). Pre-update,
 * pre-restore and manual snapshots are kept by count, newest first, each kind on its own.
 * Snapshots not in the result are removed (then their objects, if nothing else names them).
 */
export function chooseKept(snapshots: readonly Dated[], policy: RetentionPolicy): Map<string, BackupKind> {
  const kept = new Map<string, BackupKind>();
  const newestFirst = [...snapshots].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  const ofKind = (...kinds: BackupKind[]) => newestFirst.filter((s) => kinds.includes(s.kind));

  const automatic = ofKind('daily', 'weekly');
  for (const s of automatic.slice(0, policy.daily)) kept.set(s.id, 'daily');
  const weeksKept = new Set<number>();
  for (const s of automatic.slice(policy.daily)) {
    const week = weekOf(s.createdAt);
    if (weeksKept.has(week)) continue;
    if (weeksKept.size >= policy.weekly) break;
    weeksKept.add(week);
    kept.set(s.id, 'weekly');
  }
  for (const s of ofKind('pre-update').slice(0, policy.preUpdate)) kept.set(s.id, 'pre-update');
  for (const s of ofKind('pre-restore').slice(0, policy.preRestore)) kept.set(s.id, 'pre-restore');
  for (const s of ofKind('manual').slice(0, policy.manual)) kept.set(s.id, 'manual');
  return kept;
}
