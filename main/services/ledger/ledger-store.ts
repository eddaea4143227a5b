import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { describeError } from '../../../common/redact';
import type { LedgerEntry } from '../../../common/spending-types';
import type { Logger } from '../log/logger';
import { ensurePrivateDir } from '../private-files/private-files';
import { appendDurably, parseLedger, readTextOrEmpty, replaceDurably, serializeEntry } from './ledger-file';
import { decodeSnapshot, encodeSnapshot, fingerprint, samePrefix, writeSnapshot } from './ledger-snapshot';
import { type LoadedEntry, loadedEntry } from './loaded-entry';

export type { LoadedEntry } from './loaded-entry';

export interface LedgerStoreDeps {
  /** `<userData>/ledger`: ledger.jsonl and, when a line could not be read, damaged.jsonl. */
  dir: string;
  log: Logger;
  /** A fresh snapshot is written after this many appends (default 500); the rest is the tail read at start. */
  snapshotEvery?: number;
  /**
   * How long after start-up a needed snapshot is taken (default 10 s: after the window's first paint);
   * null: none at start-up (benchmarks), only after `snapshotEvery` appends or on `checkpoint()`.
   */
  snapshotDelayMs?: number | null;
  /**
   * Appends text to a file and fsyncs it before resolving (default `appendDurably`): one call is one
   * append and one fsync. Tests count the calls (a batch must cost one).
   */
  appendDurably?: (path: string, text: string) => Promise<void>;
}

/** Reads the ledger from `from` to its end, or '' when it does not exist yet (other failures propagate). */
async function readLedgerFrom(
  file: string,
  decide: (handle: fs.FileHandle) => Promise<number>,
): Promise<{ text: string; from: number; size: number }> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') return { text: '', from: 0, size: 0 };
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const from = await decide(handle);
    const buffer = Buffer.alloc(size - from);
    let done = 0;
    while (done < buffer.length) {
      const { bytesRead } = await handle.read(buffer, done, buffer.length - done, from + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return { text: buffer.subarray(0, done).toString('utf8'), from, size: from + done };
  } finally {
    await handle.close();
  }
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
  const snapshotFile = join(deps.dir, 'snapshot.json');
  const snapshotEvery = deps.snapshotEvery ?? 500;
  const append = deps.appendDurably ?? appendDurably;
  /** ledger.jsonl's length as this store wrote it; null once an append failed (the file's end is unknown). */
  let ledgerBytes: number | null = 0;
  let appendsSinceSnapshot = 0;
  let snapshotting: Promise<void> = Promise.resolve();
  const entries = new Map<string, LoadedEntry>();
  let damaged = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const put = (entry: LedgerEntry) => entries.set(entry.messageId, loadedEntry(entry));
  let loaded: Promise<void> | null = null;

  /**
   * Runs in the write queue, so the entries and the ledger's length agree: it encodes them with the
   * fingerprint of the bytes they replay, then writes the file after the queue moves on (atomically; a
   * crash before the rename leaves the previous snapshot, whose tail is simply longer). A failure only
   * costs speed: the next start replays more of the ledger.
   */
  async function takeSnapshot(): Promise<void> {
    // An empty ledger needs no snapshot (and may not exist yet).
    if (ledgerBytes === null || ledgerBytes === 0 || appendsSinceSnapshot === 0) return;
    const bytes = ledgerBytes;
    let text: string;
    try {
      const handle = await fs.open(file, 'r');
      try {
        if ((await handle.stat()).size !== bytes) return;
        // Only at the end of a line: a last line without its newline would join the next append's,
        // which a full replay reads as one damaged line — a snapshot must not read it differently.
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, bytes - 1);
        if (last[0] !== 0x0a) return;
        text = encodeSnapshot(entries.values(), await fingerprint(handle, bytes));
      } finally {
        await handle.close();
      }
    } catch (error) {
      deps.log.warn('could not take a ledger snapshot', { error: describeError(error) });
      return;
    }
    appendsSinceSnapshot = 0;
    snapshotting = snapshotting
      .then(() => writeSnapshot(snapshotFile, text))
      .catch((error: unknown) => {
        deps.log.warn('could not write the ledger snapshot', { error: describeError(error) });
      });
  }

  /**
   * In the write queue: appends the entries that pass `record`'s checks, judged in order as if
   * recorded one by one (an estimate after exact figures for the same reply — in the ledger or
   * earlier in the batch — is dropped), then updates the entries and the snapshot bookkeeping.
   */
  async function appendEntries(
    batch: readonly LedgerEntry[],
    opts: { onlyMissing: boolean },
  ): Promise<number> {
    const accepted = new Map<string, LedgerEntry>();
    const lines: string[] = [];
    const current = (id: string) => accepted.get(id) ?? entries.get(id)?.entry;
    let checked = 0;
    for (const entry of batch) {
      // A year's 100,000 entries take ~0.2 s to check and serialize: main's IPC (a Stop) runs meanwhile.
      if (++checked % 5_000 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      if (opts.onlyMissing && current(entry.messageId) !== undefined) continue;
      if (entry.accuracy === 'estimated' && current(entry.messageId)?.accuracy === 'exact') continue;
      accepted.set(entry.messageId, entry);
      lines.push(serializeEntry(entry));
    }
    if (lines.length === 0) return 0;
    const text = lines.join('');
    try {
      await append(file, text);
    } catch (error) {
      // Part of the text may be on disk: no snapshot may claim the file's end until a restart reads it.
      ledgerBytes = null;
      throw error;
    }
    // Map order is first insertion, as `entries` itself keeps it when the same reply is set twice.
    for (const entry of accepted.values()) put(entry);
    if (ledgerBytes !== null) ledgerBytes += Buffer.byteLength(text);
    appendsSinceSnapshot += lines.length;
    if (appendsSinceSnapshot >= snapshotEvery) await takeSnapshot();
    return lines.length;
  }

  const store = {
    /** Loads the ledger; damaged lines are kept aside first, then the file is rewritten without them. */
    init(): Promise<void> {
      loaded ??= serial(async () => {
        await ensurePrivateDir(deps.dir);
        // Start from the snapshot when it matches the ledger's first bytes; read (and parse) only the rest.
        // A snapshot that cannot even be read is only a slower start, never a failed one.
        const snapshotText = await readTextOrEmpty(snapshotFile).catch((error: unknown) => {
          deps.log.info('the ledger snapshot could not be read; rebuilding it from the ledger', {
            error: describeError(error),
          });
          return '';
        });
        const snapshot = decodeSnapshot(snapshotText, entries);
        // An unreadable ledger shows nothing rather than the snapshot's figures (the ledger is the truth).
        const readTail = () =>
          readLedgerFrom(file, decide).catch((error: unknown) => {
            entries.clear();
            throw error;
          });
        let fromSnapshot = false;
        const decide = async (handle: fs.FileHandle) => {
          if (!snapshot.ok) return 0;
          const mismatch = await samePrefix(handle, snapshot.ledger);
          if (mismatch !== null) {
            entries.clear();
            deps.log.info('the ledger snapshot does not match the ledger; rebuilding it from the ledger', {
              reason: mismatch,
            });
            return 0;
          }
          fromSnapshot = true;
          return snapshot.ledger.bytes;
        };
        const tail = await readTail();
        if (!snapshot.ok && snapshot.reason !== 'missing')
          deps.log.info('the ledger snapshot could not be read; rebuilding it from the ledger', {
            reason: snapshot.reason,
          });
        if (!fromSnapshot) entries.clear();
        const read = await parseLedger(tail.text, {
          yieldEvery: 5_000,
          earlier: (id) => entries.get(id)?.entry,
        });
        for (const entry of read.entries.values()) put(entry);
        ledgerBytes = tail.size;
        appendsSinceSnapshot = fromSnapshot ? read.lineCount : Number.POSITIVE_INFINITY;
        if (read.damagedLines.length > 0) {
          // Kept before the rewrite drops them: a crash in between leaves them in both files, never in neither.
          await appendDurably(damagedFile, read.damagedLines.map((l) => `${l}\n`).join(''));
          const text = [...entries.values()].map(({ entry }) => serializeEntry(entry)).join('');
          await replaceDurably(file, text);
          ledgerBytes = Buffer.byteLength(text);
          appendsSinceSnapshot = Number.POSITIVE_INFINITY;
          deps.log.warn('ledger lines that could not be read were kept aside', {
            count: read.damagedLines.length,
          });
        }
        damaged = (await parseLedger(await readTextOrEmpty(damagedFile))).lineCount;
        // Off the start-up path: taking a snapshot of 100,000 entries holds main for ~150 ms, so it
        // waits until the window has opened (and only when the snapshot was unusable or the tail is long).
        const delay = deps.snapshotDelayMs === undefined ? 10_000 : deps.snapshotDelayMs;
        if (delay !== null && (!fromSnapshot || appendsSinceSnapshot >= snapshotEvery)) {
          const timer = setTimeout(() => void serial(takeSnapshot), delay);
          timer.unref?.();
        }
      });
      return loaded;
    },

    /**
     * Resolves once the ledger is loaded (true) or could not be read (false): what reads totals — the
     * Spending view, the limit check — waits for it, so a send right after start never sees a
     * half-loaded ledger as "spent 0"; the limit check refuses to guess when it is false.
     */
    loaded(): Promise<boolean> {
      return (loaded ?? store.init()).then(
        () => true,
        () => false,
      );
    },

    /**
     * Records (or replaces) a reply's entry; resolves once it is on disk. An estimate arriving after
     * OpenRouter's figures for the same reply (the stream's end racing `/generation`) is dropped.
     */
    record: (entry: LedgerEntry): Promise<void> =>
      serial(() => appendEntries([entry], { onlyMissing: false })).then(
        () => undefined,
        (error: unknown) => {
          deps.log.error('could not record a reply in the spending ledger', { error: describeError(error) });
          throw error;
        },
      ),

    /**
     * Records many entries as `record` would one after another (same checks, same file bytes, same
     * totals), in one append and one fsync: merging a backup's 100,000 entries costs one fsync, not
     * 100,000 (~2 minutes). Resolves, once all are on disk, to how many were written. With
     * `onlyMissing`, an entry for a reply the ledger already has is skipped (checked in the write
     * queue, so a reply recorded meanwhile keeps its live entry). A crash mid-append leaves at worst a
     * torn last line, which the next start keeps aside like any damaged line; a failure records none
     * in memory (a retry, or the next start, reads what reached the disk).
     */
    recordMany: (batch: readonly LedgerEntry[], opts: { onlyMissing?: boolean } = {}): Promise<number> =>
      serial(() => appendEntries(batch, { onlyMissing: opts.onlyMissing === true })).catch(
        (error: unknown) => {
          deps.log.error('could not record replies in the spending ledger', {
            count: batch.length,
            error: describeError(error),
          });
          throw error;
        },
      ),

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

    /** Writes a snapshot of what is recorded now (shutdown may call it: the next start reads no tail). */
    checkpoint: () => serial(takeSnapshot).then(() => snapshotting),

    /** Waits for pending writes, snapshots included (shutdown, tests). */
    settle: () => serial(async () => undefined).then(() => snapshotting),
  };
  return store;
}

export type LedgerStore = ReturnType<typeof createLedgerStore>;
