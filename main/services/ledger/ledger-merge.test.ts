import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../history/testing/test-support';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { appendDurably, readTextOrEmpty, serializeEntry } from './ledger-file';
import { mergeLedger, readLedgerCopy } from './ledger-merge';
import { createLedgerStore } from './ledger-store';
import { ledgerEntry } from './testing/entries';

const temps: Array<{ cleanup: () => Promise<void> }> = [];
afterEach(async () => {
  for (const t of temps.splice(0)) await t.cleanup();
});

async function liveLedger() {
  const temp = await makeTempDir('switchboard-ledger-merge-');
  const ledger = createLedgerStore({
    dir: temp.dir,
    log: createMemoryLogger('ledger'),
    snapshotDelayMs: null,
  });
  // A first append takes a snapshot, written after the append resolves: wait for it before removing the folder.
  temps.push({ cleanup: () => ledger.settle().then(temp.cleanup) });
  await ledger.init();
  return { ledger, file: join(temp.dir, 'ledger.jsonl') };
}

describe('merging a backup’s ledger into the live one', () => {
  it('adds the entries of replies the live ledger lacks; a reply it has keeps the live entry', async () => {
    const { ledger, file } = await liveLedger();
    const liveOnly = ledgerEntry({ messageId: 'live-only', costUsd: 0.4 });
    const both = ledgerEntry({ messageId: 'both', costUsd: 0.2, accuracy: 'estimated' });
    await ledger.record(liveOnly);
    await ledger.record(both);
    const backupOnly = ledgerEntry({ messageId: 'backup-only', costUsd: 0.1 });
    const copy = await readLedgerCopy(
      [backupOnly, { ...both, costUsd: 0.01, accuracy: 'exact' as const }].map(serializeEntry).join(''),
    );
    expect(await mergeLedger(ledger, copy)).toEqual({ added: 1 });
    expect(ledger.get('live-only')).toEqual(liveOnly);
    expect(ledger.get('both')).toEqual(both);
    expect(ledger.get('backup-only')).toEqual(backupOnly);
    // Appended, so a start reads the same.
    const reread = await readLedgerCopy(await readTextOrEmpty(file));
    expect(reread.entries).toEqual([liveOnly, both, backupOnly]);
  });

  it('reads a copy as the ledger does: a later line for a reply wins, bad and torn lines are skipped', async () => {
    const first = ledgerEntry({ messageId: 'r', accuracy: 'estimated', costUsd: 0.5 });
    const exact = { ...first, accuracy: 'exact' as const, costUsd: 0.3 };
    const other = ledgerEntry({ messageId: 's' });
    const copy = await readLedgerCopy(
      `${serializeEntry(first)}${serializeEntry(exact)}{"messageId":"x","costUsd":-1}\n${serializeEntry(other)}{"messageId":"t","co`,
    );
    expect(copy).toEqual({ entries: [exact, other], skippedLines: 2 });
    const { ledger } = await liveLedger();
    expect(await mergeLedger(ledger, copy)).toEqual({ added: 2 });
    expect(await mergeLedger(ledger, copy)).toEqual({ added: 0 });
    expect(ledger.size).toBe(2);
  });

  it('merges 20,000 entries into a fresh ledger with one append and one fsync', async () => {
    const temp = await makeTempDir('switchboard-ledger-merge-');
    temps.push(temp);
    // Each call of the store's durable append is one append and one fsync.
    let appends = 0;
    const ledger = createLedgerStore({
      dir: temp.dir,
      log: createMemoryLogger('ledger'),
      snapshotDelayMs: null,
      appendDurably: (path, text) => {
        appends++;
        return appendDurably(path, text);
      },
    });
    await ledger.init();
    const entries = Array.from({ length: 20_000 }, (_, i) => ledgerEntry({ messageId: `m${i}` }));
    const copy = await readLedgerCopy(entries.map(serializeEntry).join(''));
    expect(await mergeLedger(ledger, copy)).toEqual({ added: 20_000 });
    expect(appends).toBe(1);
    expect(ledger.size).toBe(20_000);
    await ledger.settle();
    const reread = await readLedgerCopy(await readTextOrEmpty(join(temp.dir, 'ledger.jsonl')));
    expect(reread.entries).toEqual(entries);
  });
});
