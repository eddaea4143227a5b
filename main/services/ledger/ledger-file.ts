import { promises as fs } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { type LedgerEntry, LedgerEntrySchema } from '../../../common/spending-types';
import { PRIVATE_FILE_MODE } from '../private-files/private-files';
import { quickLedgerEntry } from './quick-check';

/** What reading the ledger file found: its entries (a later line for a reply wins) and the lines it could not read. */
export interface LedgerRead {
  entries: Map<string, LedgerEntry>;
  /** Raw lines that were not a valid entry (a torn last line after a crash, an edit by hand). */
  damagedLines: string[];
  /** How many lines the file had (to know whether compacting would help). */
  lineCount: number;
}

/**
 * Parses the ledger's text. Never throws: a line that is not an entry is returned in `damagedLines`.
 * With `yieldEvery`, it lets the event loop run every that many lines: a year of heavy use is ~37 MB
 * and half a second of parsing, which must not hold main's IPC (the window opening, a Stop) meanwhile.
 */
export async function parseLedger(
  text: string,
  opts: {
    yieldEvery?: number;
    /** The entries already known from the file's start (a snapshot), when `text` is only its tail. */
    earlier?: (messageId: string) => LedgerEntry | undefined;
  } = {},
): Promise<LedgerRead> {
  const yieldEvery = opts.yieldEvery ?? Number.POSITIVE_INFINITY;
  const entries = new Map<string, LedgerEntry>();
  const damagedLines: string[] = [];
  let lineCount = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (line.trim() === '') continue;
    lineCount++;
    if (lineCount % yieldEvery === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      damagedLines.push(line);
      continue;
    }
    // The hand-written check first (fast); what it turns down is judged by the schema itself.
    let entry = quickLedgerEntry(value);
    if (!entry) {
      const checked = LedgerEntrySchema.safeParse(value);
      entry = checked.success ? checked.data : null;
    }
    if (!entry || Number.isNaN(Date.parse(entry.at))) {
      damagedLines.push(line);
      continue;
    }
    // One entry per reply: a later line (exact figures after an estimate) replaces the earlier one,
    // but an estimate never replaces OpenRouter's figures (an estimate written late, after a race).
    if (
      entry.accuracy === 'estimated' &&
      (entries.get(entry.messageId) ?? opts.earlier?.(entry.messageId))?.accuracy === 'exact'
    )
      continue;
    entries.set(entry.messageId, entry);
  }
  return { entries, damagedLines, lineCount };
}

export function serializeEntry(entry: LedgerEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

/** Reads a file, or '' when it does not exist yet. Other failures propagate. */
export async function readTextOrEmpty(path: string): Promise<string> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') return '';
    throw error;
  }
}

/**
 * Appends lines and fsyncs them before resolving: an entry the store reports as recorded survives a
 * crash or power loss. Owner-only (0600) like the history (`open`'s mode is filtered by the umask, so
 * the file is chmod-ed too).
 */
export async function appendDurably(path: string, text: string): Promise<void> {
  const handle = await fs.open(path, 'a', PRIVATE_FILE_MODE);
  try {
    if (process.platform !== 'win32') await handle.chmod(PRIVATE_FILE_MODE);
    await handle.appendFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces the whole file atomically (temporary file, fsync, rename, as the history writes): after a
 * crash the ledger is either the old file or the new one, never half of one.
 */
export async function replaceDurably(path: string, text: string): Promise<void> {
  await writeFileAtomic(path, text, { encoding: 'utf8', fsync: true, mode: PRIVATE_FILE_MODE });
}
