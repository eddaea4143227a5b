import { appendFile, mkdir, mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createLedgerStore } from './ledger-store';
import { ledgerEntry } from './testing/entries';

async function openLedger(dir?: string) {
  const where = dir ?? join(await mkdtemp(join(tmpdir(), 'sb-ledger-')), 'ledger');
  const log = createMemoryLogger();
  const ledger = createLedgerStore({ dir: where, log });
  await ledger.init();
  return { ledger, dir: where, log };
}

describe('the spending ledger', () => {
  it('keeps every entry across a restart, one per reply, a later line replacing an estimate', async () => {
    const { ledger, dir } = await openLedger();
    const estimate = ledgerEntry({ messageId: 'a', costUsd: 0.5, accuracy: 'estimated' });
    await ledger.record(estimate);
    await ledger.record(ledgerEntry({ messageId: 'b', costUsd: 0.25 }));
    await ledger.record({ ...estimate, costUsd: 0.0123, accuracy: 'exact' });

    const reopened = (await openLedger(dir)).ledger;
    expect(reopened.size).toBe(2);
    expect(reopened.get('a')).toMatchObject({ costUsd: 0.0123, accuracy: 'exact' });
    expect(reopened.get('b')?.costUsd).toBe(0.25);
    expect(reopened.damaged).toBe(0);
    // Appended, not rewritten: three lines.
    expect((await readFile(join(dir, 'ledger.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(3);
  });

  it.skipIf(process.platform === 'win32')('is private to the person (0600 file, 0700 folder)', async () => {
    const { ledger, dir } = await openLedger();
    await ledger.record(ledgerEntry());
    expect((await stat(join(dir, 'ledger.jsonl'))).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('keeps a damaged line aside byte for byte, counts it, loads every other entry and never resets', async () => {
    const { ledger, dir } = await openLedger();
    await ledger.record(ledgerEntry({ messageId: 'good-1', costUsd: 1 }));
    await ledger.record(ledgerEntry({ messageId: 'good-2', costUsd: 2 }));
    const file = join(dir, 'ledger.jsonl');
    const badCost = JSON.stringify(ledgerEntry({ messageId: 'bad' })).replace(
      '"costUsd":0.001',
      '"costUsd":"0.5"',
    );
    // A line edited by hand with a string cost, and a torn last line (a crash in the middle of an append).
    await appendFile(file, `${badCost}\n{"messageId":"torn","conv`);

    const { ledger: reopened, log } = await openLedger(dir);
    expect([...reopened.all()].map((e) => e.entry.messageId).sort()).toEqual(['good-1', 'good-2']);
    expect(reopened.damaged).toBe(2);
    expect(log.lines.some((l) => l.includes('kept aside'))).toBe(true);
    const kept = await readFile(join(dir, 'damaged.jsonl'), 'utf8');
    expect(kept).toBe(`${badCost}\n{"messageId":"torn","conv\n`);

    // The next append starts on a line of its own, and the damage is still shown after another restart.
    await reopened.record(ledgerEntry({ messageId: 'good-3', costUsd: 3 }));
    const third = (await openLedger(dir)).ledger;
    expect(third.size).toBe(3);
    expect(third.damaged).toBe(2);
  });

  it('an unreadable ledger file is not replaced (the error propagates, nothing is written)', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'sb-ledger-')), 'ledger');
    // The ledger path is a folder: reading it fails, and init must not write a fresh file over it.
    await mkdir(join(dir, 'ledger.jsonl'), { recursive: true });
    const ledger = createLedgerStore({ dir, log: createMemoryLogger() });
    await expect(ledger.init()).rejects.toThrow();
    expect((await stat(join(dir, 'ledger.jsonl'))).isDirectory()).toBe(true);
  });
});

describe('exact figures win', () => {
  it('an estimate recorded after the exact figures of the same reply changes nothing, now or after a restart', async () => {
    const { ledger, dir } = await openLedger();
    const exact = ledgerEntry({ messageId: 'r', costUsd: 0.007, accuracy: 'exact' });
    await ledger.record(exact);
    await ledger.record({ ...exact, costUsd: 0.5, accuracy: 'estimated' });
    expect(ledger.get('r')).toEqual(exact);
    // Written by an older build, or before the store checked: the file order still lets exact win.
    await appendFile(
      join(dir, 'ledger.jsonl'),
      `${JSON.stringify({ ...exact, costUsd: 0.9, accuracy: 'estimated' })}\n`,
    );
    expect((await openLedger(dir)).ledger.get('r')).toEqual(exact);
  });
});
