import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../../common/spending-types';
import { makeTempDir } from '../history/testing/test-support';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { spentInPeriods, summarize } from './aggregate';
import { createCalendar } from './calendar';
import { createLedgerStore } from './ledger-store';
import { ledgerEntry } from './testing/entries';

const temps: Array<{ cleanup: () => Promise<void> }> = [];
afterEach(async () => {
  for (const t of temps.splice(0)) await t.cleanup();
});

async function openLedger(dir?: string) {
  let where = dir;
  if (where === undefined) {
    const temp = await makeTempDir('switchboard-ledger-batch-');
    temps.push(temp);
    where = temp.dir;
  }
  const appends: string[] = [];
  const ledger = createLedgerStore({
    dir: where,
    log: createMemoryLogger('ledger'),
    // Small, so batches cross the snapshot threshold; the reopened store reads the snapshot.
    snapshotEvery: 3,
    snapshotDelayMs: null,
    appendDurably: async (path, text) => {
      appends.push(text);
      const { appendDurably } = await import('./ledger-file');
      await appendDurably(path, text);
    },
  });
  await ledger.init();
  return { ledger, dir: where, appends };
}

type Store = Awaited<ReturnType<typeof openLedger>>['ledger'];

const calendar = createCalendar('America/New_York');
const now = Date.parse('2026-03-10T15:00:00Z');

/** What a reader of the store sees: its entries (in order), the totals and the Spending view. */
function view(ledger: Store) {
  return {
    entries: [...ledger.all()].map((e) => e.entry),
    size: ledger.size,
    periods: spentInPeriods(ledger.all(), now, calendar),
    summary: summarize(ledger.all(), { days: 30, now, calendar, damaged: ledger.damaged }),
  };
}

/** A few replies, so entries for the same reply meet (estimate → exact, exact → late estimate). */
const entryArb = fc
  .record({
    id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
    accuracy: fc.constantFrom('estimated' as const, 'exact' as const),
    cost: fc.integer({ min: 0, max: 10_000 }),
    day: fc.integer({ min: 1, max: 10 }),
  })
  .map(({ id, accuracy, cost, day }) =>
    ledgerEntry({
      messageId: id,
      accuracy,
      costUsd: cost / 1e6,
      at: `2026-03-${String(day).padStart(2, '0')}T12:00:00.000Z`,
      model: id < 'c' ? 'a/x' : 'b/y',
    }),
  );

async function recordOneByOne(ledger: Store, batch: readonly LedgerEntry[]) {
  for (const entry of batch) await ledger.record(entry);
}

describe('recording a batch of entries', () => {
  it('leaves the same ledger bytes, entries and totals as recording them one by one (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(entryArb, { maxLength: 6 }),
        fc.array(entryArb, { minLength: 1, maxLength: 12 }),
        async (before, batch) => {
          const single = await openLedger();
          const batched = await openLedger();
          await recordOneByOne(single.ledger, before);
          await recordOneByOne(batched.ledger, before);
          const appendsBefore = single.appends.length;
          await recordOneByOne(single.ledger, batch);
          const written = await batched.ledger.recordMany(batch);

          const singleBytes = await readFile(join(single.dir, 'ledger.jsonl'), 'utf8').catch(() => '');
          const batchedBytes = await readFile(join(batched.dir, 'ledger.jsonl'), 'utf8').catch(() => '');
          expect(batchedBytes).toBe(singleBytes);
          expect(view(batched.ledger)).toEqual(view(single.ledger));
          // One append for the whole batch (none when every entry was dropped).
          expect(batched.appends.length - appendsBefore).toBe(written === 0 ? 0 : 1);
          expect(single.appends.length - appendsBefore).toBe(written);

          // After a restart (snapshot + tail) both read the same.
          await single.ledger.settle();
          await batched.ledger.settle();
          const reopenedSingle = await openLedger(single.dir);
          const reopenedBatched = await openLedger(batched.dir);
          expect(view(reopenedBatched.ledger)).toEqual(view(reopenedSingle.ledger));
          expect(view(reopenedBatched.ledger)).toEqual(view(batched.ledger));
        },
      ),
      { numRuns: 40 },
    );
  });

  it.each([
    ['an estimate after exact figures in the same batch is dropped', ['a:exact:1', 'a:estimated:2'], 1],
    ['exact figures after an estimate replace it', ['a:estimated:1', 'a:exact:2'], 2],
    ['an estimate after the ledger’s exact figures is dropped', ['live:estimated:9'], 0],
    ['an empty batch writes nothing', [], 0],
  ])('%s', async (_name, specs, expectedWritten) => {
    const { ledger, dir, appends } = await openLedger();
    await ledger.record(ledgerEntry({ messageId: 'live', accuracy: 'exact', costUsd: 0.5 }));
    const batch = specs.map((spec) => {
      const [messageId, accuracy, cost] = spec.split(':');
      return ledgerEntry({ messageId, accuracy: accuracy as 'exact' | 'estimated', costUsd: Number(cost) });
    });
    expect(await ledger.recordMany(batch)).toBe(expectedWritten);
    expect(appends).toHaveLength(expectedWritten === 0 ? 1 : 2);
    const lines = (await readFile(join(dir, 'ledger.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1 + expectedWritten);
    expect(ledger.get('live')?.costUsd).toBe(0.5);
    await ledger.settle();
  });

  it('with onlyMissing, keeps the entry of a reply the ledger already has (and the first of a repeated one)', async () => {
    const { ledger } = await openLedger();
    const live = ledgerEntry({ messageId: 'live', costUsd: 0.5, accuracy: 'estimated' });
    await ledger.record(live);
    const fresh = ledgerEntry({ messageId: 'fresh', costUsd: 0.1 });
    const written = await ledger.recordMany(
      [{ ...live, costUsd: 0.9, accuracy: 'exact' }, fresh, { ...fresh, costUsd: 0.2 }],
      { onlyMissing: true },
    );
    expect(written).toBe(1);
    expect(ledger.get('live')).toEqual(live);
    expect(ledger.get('fresh')).toEqual(fresh);
    await ledger.settle();
  });

  it('a failed append records nothing in memory and rejects', async () => {
    const temp = await makeTempDir('switchboard-ledger-batch-');
    temps.push(temp);
    const ledger = createLedgerStore({
      dir: temp.dir,
      log: createMemoryLogger('ledger'),
      snapshotDelayMs: null,
      appendDurably: async () => {
        throw new Error('disk full');
      },
    });
    await ledger.init();
    await expect(ledger.recordMany([ledgerEntry({ messageId: 'x' })])).rejects.toThrow('disk full');
    expect(ledger.size).toBe(0);
  });
});
