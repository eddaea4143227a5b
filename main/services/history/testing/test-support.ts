import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryLogger } from '../../log/testing/memory-logger';
import type { Scheduler } from '../../shared/scheduler';
import { createHistoryStore } from '../history-store';
import type { HistoryStore, HistoryStoreOptions } from '../types';

/** Test helpers for the history store: temporary folders, a manual clock, sequential ids. */

export async function makeTempDir(
  prefix = 'switchboard-history-',
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface ManualClock {
  now: () => Date;
  scheduler: Scheduler;
  /** Moves time forward, running due timers in time order; returns how many ran. */
  advance(ms: number): number;
  pendingTimers(): number;
}

export function createManualClock(start = Date.parse('2025-01-01T00:00:00.000Z')): ManualClock {
  let time = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const runDue = (until: number) => {
    let ran = 0;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | null = null;
      for (const entry of timers)
        if (entry[1].at <= until && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) return ran;
      timers.delete(next[0]);
      time = Math.max(time, next[1].at);
      next[1].fn();
      ran++;
    }
  };
  return {
    now: () => new Date(time),
    scheduler: {
      schedule(fn, ms) {
        const id = ++seq;
        timers.set(id, { at: time + Math.max(0, ms), fn });
        return () => timers.delete(id);
      },
      now: () => time,
    },
    advance(ms) {
      const target = time + ms;
      const ran = runDue(target);
      time = target;
      return ran;
    },
    pendingTimers: () => timers.size,
  };
}

export function sequentialIds(prefix = 'id'): () => string {
  let n = 0;
  return () => `${prefix}${String(++n).padStart(4, '0')}`;
}

export async function openStore(
  dir: string,
  extra: Partial<HistoryStoreOptions> = {},
): Promise<{
  store: HistoryStore;
  log: ReturnType<typeof createMemoryLogger>;
  quarantined: Awaited<ReturnType<HistoryStore['init']>>['quarantined'];
}> {
  const log = createMemoryLogger('history');
  const store = createHistoryStore({ dir, log, ...extra });
  const { quarantined } = await store.init();
  return { store, log, quarantined };
}
