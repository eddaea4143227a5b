import { join } from 'node:path';
import { describeError } from '../../../common/redact';
import type { LedgerEntry } from '../../../common/spending-types';
import type { Logger } from '../log/logger';
import { ensurePrivateDir } from '../private-files/private-files';
import { appendDurably, parseLedger, readTextOrEmpty, replaceDurably, serializeEntry } from './ledger-file';

/** A ledger entry with its finishing instant parsed once (aggregation compares numbers, not strings). */
export interface LoadedEntry {
  entry: LedgerEntry;
  ms: number;
}

export interface LedgerStoreDeps {
  /** `<userData>/ledger`: ledger.jsonl and, when a line could not be read, damaged.jsonl. */
  dir: string;
  log: Logger;
}

/**
 * The spending ledger: one JSON line per reply, appended and fsynced, in the data directory. A later
 * line for the same reply replaces the earlier (an estimate upgraded to OpenRouter's figures). It is
 * never reset: a line that cannot be read is moved, byte for byte, to `damaged.jsonl` (and counted in
 * the Spending view), and every other entry loads. Writes run one at a time, in order.
 */
export function createLedgerStore(deps: LedgerStoreDeps) {
  const file = join(deps.dir, 'ledger.jsonl');
  const damagedFile = join(deps.dir, 'damaged.jsonl');
  const entries = new Map<string, LoadedEntry>();
  let damaged = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const put = (entry: LedgerEntry) => entries.set(entry.messageId, { entry, ms: Date.parse(entry.at) });
  let loaded: Promise<void> | null = null;

  const store = {
    /** Loads the ledger; damaged lines are kept aside first, then the file is rewritten without them. */
    init(): Promise<void> {
      loaded ??= serial(async () => {
        await ensurePrivateDir(deps.dir);
        const read = await parseLedger(await readTextOrEmpty(file), { yieldEvery: 5_000 });
        for (const entry of read.entries.values()) put(entry);
        if (read.damagedLines.length > 0) {
          // Kept before the rewrite drops them: a crash in between leaves them in both files, never in neither.
          await appendDurably(damagedFile, read.damagedLines.map((l) => `${l}\n`).join(''));
          await replaceDurably(file, [...read.entries.values()].map(serializeEntry).join(''));
          deps.log.warn('ledger lines that could not be read were kept aside', {
            count: read.damagedLines.length,
          });
        }
        damaged = (await parseLedger(await readTextOrEmpty(damagedFile))).lineCount;
      });
      return loaded;
    },

    /**
     * Resolves once the ledger is loaded (or could not be): what reads totals — the Spending view, the
     * limit check — waits for it, so a send right after start never sees a half-loaded ledger as "spent 0".
     */
    loaded(): Promise<void> {
      return (loaded ?? store.init()).then(
        () => undefined,
        () => undefined,
      );
    },

    /**
     * Records (or replaces) a reply's entry; resolves once it is on disk. An estimate arriving after
     * OpenRouter's figures for the same reply (the stream's end racing `/generation`) is dropped.
     */
    record: (entry: LedgerEntry) =>
      serial(async () => {
        if (entry.accuracy === 'estimated' && entries.get(entry.messageId)?.entry.accuracy === 'exact')
          return;
        await appendDurably(file, serializeEntry(entry));
        put(entry);
      }).catch((error: unknown) => {
        deps.log.error('could not record a reply in the spending ledger', { error: describeError(error) });
        throw error;
      }),

    get(messageId: string): LedgerEntry | undefined {
      return entries.get(messageId)?.entry;
    },

    all(): IterableIterator<LoadedEntry> {
      return entries.values();
    },

    get size(): number {
      return entries.size;
    },

    /** Lines kept aside in damaged.jsonl because they could not be read. */
    get damaged(): number {
      return damaged;
    },

    /** Waits for pending writes (shutdown, tests). */
    settle: () => serial(async () => undefined),
  };
  return store;
}

export type LedgerStore = ReturnType<typeof createLedgerStore>;
