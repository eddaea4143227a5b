import {
  appendFile,
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  truncate,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../../common/spending-types';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { conversationSpending, spentInPeriods, summarize } from './aggregate';
import { createCalendar } from './calendar';
import { createLedgerStore, type LedgerStore } from './ledger-store';
import { ledgerEntry } from './testing/entries';

const calendar = createCalendar('Europe/Paris');
const NOW = Date.parse('2026-03-31T12:00:00Z');

async function freshDir() {
  return join(await mkdtemp(join(tmpdir(), 'sb-ledger-snap-')), 'ledger');
}

async function open(dir: string, opts: { snapshotEvery?: number } = {}) {
  const log = createMemoryLogger();
  const ledger = createLedgerStore({ dir, log, snapshotDelayMs: null, ...opts });
  await ledger.init();
  return { ledger, log };
}

/** Everything a reader can see: each entry in order, and the totals the app shows first. */
function view(ledger: LedgerStore) {
  const all = [...ledger.all()];
  return {
    entries: all.map((l) => ({ ...l.entry, ms: l.ms })),
    fast: all.map((l) => [l.costUsd, l.model, l.conversationId, l.accuracy, l.ms]),
    summary: summarize(ledger.all(), { days: 30, now: NOW, calendar, damaged: ledger.damaged }),
    periods: spentInPeriods(ledger.all(), NOW, calendar),
    conversations: ['c1', 'c2', 'c3'].map((c) => conversationSpending(ledger.all(), c)),
    damaged: ledger.damaged,
  };
}

/** The same ledger read from its first byte, as if no snapshot existed. */
async function fullReplay(dir: string) {
  const copy = await freshDir();
  await mkdir(copy, { recursive: true });
  for (const name of await readdir(dir))
    if (name.endsWith('.jsonl')) await copyFile(join(dir, name), join(copy, name));
  return (await open(copy)).ledger;
}

const snapshotPath = (dir: string) => join(dir, 'snapshot.json');

const exampleRecord = (messageId: string, accuracy: 'exact' | 'estimated') => ({
  kind: 'record' as const,
  messageId,
  conversationId: 'c1' as const,
  model: 'openai/gpt-4o' as const,
  costUsd: 1,
  accuracy,
  day: 0,
  provider: null,
  upstreamCostUsd: null,
  generationId: null,
  promptTokens: 10,
});

describe('the ledger snapshot', () => {
  it('snapshot + tail equals a full replay, whatever the session (supersedes across the snapshot included)', async () => {
    const ids = ['a', 'b', 'c'];
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('record' as const),
        messageId: fc.constantFrom(...ids),
        conversationId: fc.constantFrom('c1', 'c2', 'c3'),
        model: fc.constantFrom('openai/gpt-4o', 'anthropic/claude-sonnet-4', ''),
        costUsd: fc.double({ min: 0, max: 5, noNaN: true }),
        accuracy: fc.constantFrom('exact' as const, 'estimated' as const),
        day: fc.integer({ min: 0, max: 40 }),
        provider: fc.option(fc.constantFrom('OpenAI', 'Anthropic'), { nil: null }),
        upstreamCostUsd: fc.option(fc.double({ min: 0, max: 5, noNaN: true }), { nil: null }),
        generationId: fc.option(fc.string({ maxLength: 12 }), { nil: null }),
        promptTokens: fc.oneof(fc.nat(5_000), fc.constant(2 ** 40)),
      }),
      // A line written behind the store's back (an older build, the stream's end racing /generation
      // before the store checked): an estimate that must not replace exact figures, or a damaged line.
      fc.record({
        kind: fc.constant('raw' as const),
        messageId: fc.constantFrom(...ids),
        costUsd: fc.double({ min: 0, max: 5, noNaN: true }),
        damaged: fc.boolean(),
      }),
      fc.constant({ kind: 'checkpoint' as const }),
      fc.constant({ kind: 'restart' as const }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { maxLength: 25 }),
        fc.integer({ min: 1, max: 4 }),
        async (steps, every) => {
          const dir = await freshDir();
          let { ledger } = await open(dir, { snapshotEvery: every });
          let behindItsBack = false;
          for (const s of steps) {
            if (s.kind === 'raw') {
              const line = s.damaged
                ? `{"messageId":"${s.messageId}","costUsd":"oops"}`
                : JSON.stringify(
                    ledgerEntry({ messageId: s.messageId, costUsd: s.costUsd, accuracy: 'estimated' }),
                  );
              await ledger.settle();
              await appendFile(join(dir, 'ledger.jsonl'), `${line}\n`);
              behindItsBack = true;
            } else if (s.kind === 'checkpoint') await ledger.checkpoint();
            else if (s.kind === 'restart') {
              await ledger.settle();
              ledger = (await open(dir, { snapshotEvery: every })).ledger;
              behindItsBack = false;
            } else {
              const { kind: _, day, ...fields } = s;
              const entry: LedgerEntry = ledgerEntry({
                ...fields,
                at: new Date(NOW - day * 86_400_000).toISOString(),
              });
              await ledger.record(entry);
            }
          }
          await ledger.settle();
          const live = view(ledger);
          const reopened = (await open(dir, { snapshotEvery: every })).ledger;
          const replayed = await fullReplay(dir);
          expect(view(reopened)).toEqual(view(replayed));
          // The store that wrote the ledger agrees too, unless a line was added behind its back since it opened.
          if (!behindItsBack) expect(live).toEqual(view(replayed));
          await rm(join(dir, '..'), { recursive: true, force: true });
        },
      ),
      {
        numRuns: 80,
        examples: [
          [
            [
              exampleRecord('a', 'exact'),
              { kind: 'checkpoint' },
              { kind: 'raw', messageId: 'a', costUsd: 3, damaged: false },
            ],
            1,
          ],
        ],
      },
    );
  });

  it('is written owner-only and starts the next open from it (only the tail is read)', async () => {
    const dir = await freshDir();
    const { ledger } = await open(dir);
    for (let i = 0; i < 5; i++) await ledger.record(ledgerEntry({ messageId: `s${i}`, costUsd: i }));
    await ledger.checkpoint();
    if (process.platform !== 'win32') expect((await stat(snapshotPath(dir))).mode & 0o777).toBe(0o600);
    const snapshot = JSON.parse(await readFile(snapshotPath(dir), 'utf8'));
    expect(snapshot).toMatchObject({ version: 1, count: 5 });
    expect(snapshot.ledger.bytes).toBe((await stat(join(dir, 'ledger.jsonl'))).size);
    const reopened = await open(dir);
    expect(reopened.ledger.size).toBe(5);
    expect(reopened.log.lines).toEqual([]);
  });

  it('a crash between an append and the snapshot write loses nothing: the tail after the snapshot is replayed', async () => {
    const dir = await freshDir();
    const { ledger } = await open(dir);
    await ledger.record(ledgerEntry({ messageId: 'before', costUsd: 1, accuracy: 'estimated' }));
    await ledger.checkpoint();
    // Recorded (fsynced) after the snapshot; the process then dies before any other snapshot is written,
    // leaving a half-written temporary snapshot beside the real one.
    await ledger.record(ledgerEntry({ messageId: 'before', costUsd: 0.25, accuracy: 'exact' }));
    await ledger.record(ledgerEntry({ messageId: 'after', costUsd: 2 }));
    await writeFile(`${snapshotPath(dir)}.123456`, '{"version":1,"ledg');

    const { ledger: reopened } = await open(dir);
    expect(reopened.get('before')).toMatchObject({ costUsd: 0.25, accuracy: 'exact' });
    expect(reopened.get('after')?.costUsd).toBe(2);
    expect(view(reopened)).toEqual(view(await fullReplay(dir)));
  });

  it.each([
    [
      'torn (a crash while it was written by something other than the atomic write)',
      (t: string) => t.slice(0, 40),
    ],
    ['not JSON', () => 'garbage'],
    ['of another version', (t: string) => t.replace('"version":1', '"version":99')],
    [
      'holding a value an entry may not have (a negative cost)',
      (t: string) => {
        const s = JSON.parse(t);
        const costs = new Float64Array(Buffer.from(s.costUsd, 'base64').buffer.slice(0));
        costs[0] = -1;
        s.costUsd = Buffer.from(costs.buffer).toString('base64');
        return JSON.stringify(s);
      },
    ],
    [
      'with a column of the wrong length',
      (t: string) => {
        const s = JSON.parse(t);
        s.ms = Buffer.from(new Float64Array(1).buffer).toString('base64');
        return JSON.stringify(s);
      },
    ],
  ])('a snapshot %s is ignored, logged and rebuilt from the ledger', async (_, damage) => {
    const dir = await freshDir();
    const { ledger } = await open(dir);
    await ledger.record(ledgerEntry({ messageId: 'x', costUsd: 1 }));
    await ledger.record(ledgerEntry({ messageId: 'y', costUsd: 2, accuracy: 'estimated' }));
    await ledger.checkpoint();
    await writeFile(snapshotPath(dir), damage(await readFile(snapshotPath(dir), 'utf8')));

    const { ledger: reopened, log } = await open(dir);
    expect(log.lines.some((l) => l.includes('snapshot could not be read'))).toBe(true);
    expect(view(reopened)).toEqual(view(await fullReplay(dir)));
    expect(reopened.size).toBe(2);
    // Rebuilt: the next open uses it again without complaint.
    await reopened.checkpoint();
    const third = await open(dir);
    expect(third.log.lines.some((l) => l.includes('snapshot'))).toBe(false);
    expect(third.ledger.size).toBe(2);
  });

  it('a snapshot that does not match the ledger (shorter, replaced, other content) is not trusted', async () => {
    const dir = await freshDir();
    const { ledger } = await open(dir);
    await ledger.record(ledgerEntry({ messageId: 'p', costUsd: 1 }));
    await ledger.record(ledgerEntry({ messageId: 'q', costUsd: 2 }));
    await ledger.checkpoint();
    const file = join(dir, 'ledger.jsonl');
    const text = await readFile(file, 'utf8');

    // Shorter: the ledger restored from an older copy.
    await truncate(file, text.indexOf('\n') + 1);
    let reopened = await open(dir);
    expect(reopened.log.lines.some((l) => l.includes('does not match'))).toBe(true);
    expect([...reopened.ledger.all()].map((e) => e.entry.messageId)).toEqual(['p']);

    // Same length, same file, other content: q's cost edited by hand (still a valid entry). The snapshot
    // on disk is still the one taken of the original two lines.
    await writeFile(file, text.replace('"costUsd":2', '"costUsd":7'));
    reopened = await open(dir);
    expect(reopened.log.lines.some((l) => l.includes('does not match'))).toBe(true);
    expect(reopened.ledger.get('q')?.costUsd).toBe(7);

    // Replaced by another file (a restored copy; the compaction after damage renames a new file in).
    // (The old file is kept under another name so that its inode is not simply reused.)
    await rename(file, join(dir, 'old.jsonl.bak'));
    await writeFile(file, text);
    reopened = await open(dir);
    expect(reopened.log.lines.some((l) => l.includes('replaced'))).toBe(true);
    expect(reopened.ledger.size).toBe(2);
  });

  it('a damaged line in the tail after a snapshot is kept aside and the rewritten ledger gets a new snapshot', async () => {
    const dir = await freshDir();
    const { ledger } = await open(dir);
    await ledger.record(ledgerEntry({ messageId: 'm1', costUsd: 1 }));
    await ledger.checkpoint();
    await ledger.record(ledgerEntry({ messageId: 'm2', costUsd: 2 }));
    await appendFile(join(dir, 'ledger.jsonl'), '{"messageId":"torn","conv');

    const first = await open(dir);
    expect(first.ledger.damaged).toBe(1);
    expect(first.ledger.size).toBe(2);
    await first.ledger.checkpoint();
    const second = await open(dir);
    expect(second.log.lines.some((l) => l.includes('snapshot'))).toBe(false);
    expect(view(second.ledger)).toEqual(view(await fullReplay(dir)));
  });

  it('a snapshot is taken after every `snapshotEvery` appends without being asked', async () => {
    const dir = await freshDir();
    const { ledger } = await open(dir, { snapshotEvery: 3 });
    // A new ledger has no snapshot yet: the first append takes one.
    await ledger.record(ledgerEntry({ messageId: 'n0' }));
    await ledger.settle();
    expect(JSON.parse(await readFile(snapshotPath(dir), 'utf8')).count).toBe(1);
    for (let i = 1; i < 3; i++) await ledger.record(ledgerEntry({ messageId: `n${i}` }));
    await ledger.settle();
    expect(JSON.parse(await readFile(snapshotPath(dir), 'utf8')).count).toBe(1);
    await ledger.record(ledgerEntry({ messageId: 'n3' }));
    await ledger.settle();
    expect(JSON.parse(await readFile(snapshotPath(dir), 'utf8')).count).toBe(4);
  });

  it('a snapshot that cannot be read at all only slows the start: every entry loads from the ledger', async () => {
    const dir = await freshDir();
    const { ledger } = await open(dir);
    await ledger.record(ledgerEntry({ messageId: 'u1', costUsd: 1 }));
    await mkdir(snapshotPath(dir));
    const reopened = await open(dir);
    expect(reopened.ledger.size).toBe(1);
    expect(reopened.log.lines.some((l) => l.includes('snapshot could not be read'))).toBe(true);
  });

  it('an unreadable ledger shows nothing from its snapshot (the ledger is the truth) and is left as it is', async () => {
    const dir = await freshDir();
    const { ledger } = await open(dir);
    await ledger.record(ledgerEntry({ messageId: 'v1', costUsd: 1 }));
    await ledger.checkpoint();
    await rename(join(dir, 'ledger.jsonl'), join(dir, 'aside'));
    await mkdir(join(dir, 'ledger.jsonl'));
    const store = createLedgerStore({ dir, log: createMemoryLogger(), snapshotDelayMs: null });
    await expect(store.init()).rejects.toThrow();
    expect(store.size).toBe(0);
    expect((await stat(join(dir, 'ledger.jsonl'))).isDirectory()).toBe(true);
  });

  it('takes no snapshot of a ledger whose last line has no newline (the next append would join it)', async () => {
    const dir = await freshDir();
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'ledger.jsonl'), JSON.stringify(ledgerEntry({ messageId: 'w1' })));
    const { ledger } = await open(dir);
    expect(ledger.size).toBe(1);
    await ledger.checkpoint();
    await expect(stat(snapshotPath(dir))).rejects.toThrow();
  });
});
