import type { LedgerEntry } from '../../../common/spending-types';

/**
 * A ledger entry as the store holds it. The fields the totals read (instant, cost, model, conversation,
 * accuracy) are on the object itself: an entry restored from the snapshot answers them from its columns
 * without building the whole `entry`, which is only made when something asks for it (CSV, `get`).
 */
export interface LoadedEntry {
  readonly entry: LedgerEntry;
  /** Date.parse(entry.at), parsed once. */
  readonly ms: number;
  readonly costUsd: number;
  readonly model: string;
  readonly conversationId: string;
  readonly accuracy: LedgerEntry['accuracy'];
}

/** A loaded entry for an entry read from a ledger line (or recorded now). */
export function loadedEntry(entry: LedgerEntry, ms = Date.parse(entry.at)): LoadedEntry {
  return {
    entry,
    ms,
    costUsd: entry.costUsd,
    model: entry.model,
    conversationId: entry.conversationId,
    accuracy: entry.accuracy,
  };
}
