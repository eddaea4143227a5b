import type { LedgerEntry } from '../../../common/spending-types';
import { parseLedger } from './ledger-file';
import type { LedgerStore } from './ledger-store';

/**
 * Merging a backup's spending ledger into the live one (issue 20, "Restore…"). Never a replacement:
 * an older ledger put back would forget money spent since, and the spending limits are worked out
 * from the ledger. So the backup's entries the live ledger lacks are added, and every live entry stays.
 *
 * An entry's identity is its reply (`messageId`: the ledger keeps one entry per reply, README.md). A
 * reply the live ledger already has keeps the live entry, whatever the backup says. On a fresh data
 * folder (an encrypted copy opened on another computer) the live ledger is empty, so the merge leaves
 * it holding the backup's entries.
 */

/** What the merge needs of the live ledger (`LedgerStore`): written through it, so its totals follow. */
export type LedgerMergeTarget = Pick<LedgerStore, 'loaded' | 'get' | 'recordMany'>;

/** A backup's ledger, read: its entries (one per reply) and how many lines were skipped. */
export interface LedgerCopy {
  entries: LedgerEntry[];
  /** Lines that were not a valid entry (a torn last line, a damaged line): skipped, never merged. */
  skippedLines: number;
}

/**
 * Reads a ledger file's text as the ledger itself does (`parseLedger`: each line checked against
 * `LedgerEntrySchema`, a later line for a reply replacing an earlier one, an estimate never replacing
 * exact figures). Lines that are not an entry are counted and skipped. Never throws.
 */
export async function readLedgerCopy(text: string): Promise<LedgerCopy> {
  const read = await parseLedger(text, { yieldEvery: 5_000 });
  return { entries: [...read.entries.values()], skippedLines: read.damagedLines.length };
}

/**
 * Adds to `live` every entry of `copy` whose reply it has no entry for, in the copy's order; resolves
 * to how many were added. They are recorded through the store in one batch (`recordMany`: one append
 * and one fsync, counted at once by the limits; the check for a live entry runs in the store's write
 * queue). A failure rejects with none added in memory; what reached the disk is read at the next
 * start, and a retry adds only what the ledger still lacks.
 */
export async function mergeLedger(live: LedgerMergeTarget, copy: LedgerCopy): Promise<{ added: number }> {
  const missing = copy.entries.filter((entry) => live.get(entry.messageId) === undefined);
  if (missing.length === 0) return { added: 0 };
  return { added: await live.recordMany(missing, { onlyMissing: true }) };
}
