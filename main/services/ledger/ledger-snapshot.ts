import { createHash } from 'node:crypto';
import type { promises as fs } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { LedgerEntry } from '../../../common/spending-types';
import { PRIVATE_FILE_MODE } from '../private-files/private-files';
import type { LoadedEntry } from './loaded-entry';

/**
 * A checkpoint of the ledger: every entry as the replay of `ledger.jsonl` up to `bytes` leaves it (one per
 * reply, superseding already applied), stored column by column so that start-up parses one compact JSON
 * document (~1/3 of the ledger) instead of 100,000 lines. It is only ever a cache: the ledger file stays the
 * source of truth, and a snapshot that does not match it (other version, damaged, the file replaced or
 * shorter, the bytes before `bytes` not the ones it was made from) is ignored and rebuilt from the ledger.
 * Entries are kept whole (not only sums) because a later line may still supersede any of them, and the
 * CSV export, `/generation` follow-ups and the aggregates in any time zone need their fields.
 */
export const SNAPSHOT_VERSION = 1;
/** How many bytes before `bytes` (and from the file's start) are hashed to recognise the same file. */
const PROBE = 4_096;

/** Identifies the ledger's first `bytes` bytes without reading them all. */
export interface LedgerFingerprint {
  bytes: number;
  /** The file's inode: an atomic rewrite (compaction after damage) or a restored copy is a new file. */
  ino: number;
  /** sha256 (hex) of the first PROBE bytes and of the PROBE bytes ending at `bytes`. */
  head: string;
  tail: string;
}

/**
 * Numbers stored as base64 of a typed array: no number parsing at start, and checking them is a tight
 * loop. (No regex over the text: a column that does not decode to exactly its length is refused.)
 */
const B64 = z.string();
/** Texts stored back to back, with each one's length (null texts have length NULL_TEXT). */
const Texts = z.object({ joined: z.string(), lengths: B64 }).strict();
const NULL_TEXT = 0xffffffff;

const SnapshotSchema = z
  .object({
    version: z.literal(SNAPSHOT_VERSION),
    ledger: z
      .object({
        bytes: z.number().int().nonnegative(),
        ino: z.number().nonnegative(),
        head: z.string().regex(/^[0-9a-f]{64}$/),
        tail: z.string().regex(/^[0-9a-f]{64}$/),
      })
      .strict(),
    count: z.number().int().nonnegative(),
    /** Repeated texts (conversation ids, models, providers), referenced by index. */
    dictionary: z.array(z.string()),
    messageId: Texts,
    generationId: Texts,
    at: Texts,
    /** Uint32 indexes into `dictionary` (provider: NULL_TEXT for null). */
    conversationId: B64,
    model: B64,
    provider: B64,
    /** Float64: Date.parse(at) (so a start parses no dates), tokens, costs (upstream: NaN for null). */
    ms: B64,
    promptTokens: B64,
    cachedPromptTokens: B64,
    completionTokens: B64,
    reasoningTokens: B64,
    costUsd: B64,
    upstreamCostUsd: B64,
    /** Uint8: byok, and accuracy (1 exact, 0 estimated). */
    byok: B64,
    exact: B64,
  })
  .strict();
type Snapshot = z.infer<typeof SnapshotSchema>;

const b64 = (array: Float64Array | Uint32Array | Uint8Array) =>
  Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

function joinTexts(texts: (string | null)[]): { joined: string; lengths: string } {
  const lengths = new Uint32Array(texts.length);
  for (let i = 0; i < texts.length; i++) lengths[i] = texts[i]?.length ?? NULL_TEXT;
  return { joined: texts.filter((t) => t !== null).join(''), lengths: b64(lengths) };
}

/** The snapshot's text for `entries` (in the order given, which the store's replay order must keep). */
export function encodeSnapshot(entries: Iterable<LoadedEntry>, ledger: LedgerFingerprint): string {
  const list = [...entries];
  const n = list.length;
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const ref = (text: string) => {
    let i = index.get(text);
    if (i === undefined) {
      i = dictionary.length;
      dictionary.push(text);
      index.set(text, i);
    }
    return i;
  };
  const u32 = () => new Uint32Array(n);
  const f64 = () => new Float64Array(n);
  const [conversationId, model, provider] = [u32(), u32(), u32()];
  const [ms, costUsd, upstreamCostUsd] = [f64(), f64(), f64()];
  const byok = new Uint8Array(n);
  const exact = new Uint8Array(n);
  const full = list.map((l) => l.entry);
  list.forEach(({ ms: at }, i) => {
    const e = full[i] as LedgerEntry;
    conversationId[i] = ref(e.conversationId);
    model[i] = ref(e.model);
    provider[i] = e.provider === null ? NULL_TEXT : ref(e.provider);
    ms[i] = at;
    costUsd[i] = e.costUsd;
    upstreamCostUsd[i] = e.upstreamCostUsd ?? Number.NaN;
    byok[i] = e.byok ? 1 : 0;
    exact[i] = e.accuracy === 'exact' ? 1 : 0;
  });
  const snapshot: Snapshot = {
    version: SNAPSHOT_VERSION,
    ledger,
    count: n,
    dictionary,
    messageId: joinTexts(full.map((e) => e.messageId)),
    generationId: joinTexts(full.map((e) => e.generationId)),
    at: joinTexts(full.map((e) => e.at)),
    conversationId: b64(conversationId),
    model: b64(model),
    provider: b64(provider),
    ms: b64(ms),
    promptTokens: encodeCounts(full.map((e) => e.promptTokens)),
    cachedPromptTokens: encodeCounts(full.map((e) => e.cachedPromptTokens)),
    completionTokens: encodeCounts(full.map((e) => e.completionTokens)),
    reasoningTokens: encodeCounts(full.map((e) => e.reasoningTokens)),
    costUsd: b64(costUsd),
    upstreamCostUsd: b64(upstreamCostUsd),
    byok: b64(byok),
    exact: b64(exact),
  };
  return JSON.stringify(snapshot);
}

class Unusable extends Error {}

/** A base64 column as a typed array (copied: Buffer pool slices are not aligned). */
function decodeColumn<T extends Float64Array | Uint32Array | Uint8Array>(
  text: string,
  make: new (buffer: ArrayBuffer) => T,
  width: number,
  count: number,
  name: string,
): T {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== count * width) throw new Unusable(`the ${name} column has the wrong length`);
  const buffer = new ArrayBuffer(bytes.length);
  new Uint8Array(buffer).set(bytes);
  return new make(buffer);
}

/** A count column: Uint32 when every value fits (nearly always), Float64 otherwise; told apart by length. */
function decodeCounts(text: string, count: number, name: string): Float64Array | Uint32Array {
  const wide = Buffer.byteLength(text, 'base64') === count * 8 && count > 0;
  const column = wide
    ? decodeColumn(text, Float64Array, 8, count, name)
    : decodeColumn(text, Uint32Array, 4, count, name);
  for (let i = 0; i < count; i++) {
    const v = column[i] as number;
    if (!Number.isInteger(v) || v < 0) throw new Unusable(`a ${name} is not a count`);
  }
  return column;
}

function encodeCounts(values: number[]): string {
  return b64(values.every((v) => v <= 0xffffffff) ? Uint32Array.from(values) : Float64Array.from(values));
}

/** Where each text starts in `joined` (NULL_TEXT for null), checked to add up to the whole. */
function textStarts(texts: { joined: string; lengths: string }, count: number, name: string): Float64Array {
  const lengths = decodeColumn(texts.lengths, Uint32Array, 4, count, name);
  const starts = new Float64Array(count + 1);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const length = lengths[i] as number;
    starts[i] = length === NULL_TEXT ? -1 : at;
    if (length !== NULL_TEXT) at += length;
  }
  starts[count] = at;
  if (at !== texts.joined.length) throw new Unusable(`the ${name} texts do not add up`);
  return starts;
}

/** The decoded, checked columns of a snapshot. */
interface Columns {
  dictionary: string[];
  generationId: { joined: string; starts: Float64Array; lengths: Uint32Array };
  at: { joined: string; starts: Float64Array; lengths: Uint32Array };
  conversationId: Uint32Array;
  model: Uint32Array;
  provider: Uint32Array;
  ms: Float64Array;
  promptTokens: Float64Array | Uint32Array;
  cachedPromptTokens: Float64Array | Uint32Array;
  completionTokens: Float64Array | Uint32Array;
  reasoningTokens: Float64Array | Uint32Array;
  costUsd: Float64Array;
  upstreamCostUsd: Float64Array;
  byok: Uint8Array;
  exact: Uint8Array;
}

const textAt = (t: Columns['at'], i: number): string | null => {
  const start = t.starts[i] as number;
  return start < 0 ? null : t.joined.slice(start, start + (t.lengths[i] as number));
};

/**
 * An entry restored from the snapshot: the totals read its columns directly; the whole entry is built
 * the first time something asks for it (a start-up builds none of them).
 */
class SnapshotRow implements LoadedEntry {
  #entry: LedgerEntry | undefined;
  // Own fields, not getters: the totals read them 100,000 times per view.
  readonly ms: number;
  readonly costUsd: number;
  readonly model: string;
  readonly conversationId: string;
  readonly accuracy: LedgerEntry['accuracy'];
  constructor(
    private readonly c: Columns,
    private readonly i: number,
    readonly messageId: string,
  ) {
    this.ms = c.ms[i] as number;
    this.costUsd = c.costUsd[i] as number;
    this.model = c.dictionary[c.model[i] as number] as string;
    this.conversationId = c.dictionary[c.conversationId[i] as number] as string;
    this.accuracy = c.exact[i] === 1 ? 'exact' : 'estimated';
  }
  get entry(): LedgerEntry {
    if (this.#entry) return this.#entry;
    const { c, i } = this;
    const provider = c.provider[i] as number;
    const upstream = c.upstreamCostUsd[i] as number;
    this.#entry = {
      messageId: this.messageId,
      conversationId: this.conversationId,
      generationId: textAt(c.generationId, i),
      at: textAt(c.at, i) as string,
      model: this.model,
      provider: provider === NULL_TEXT ? null : (c.dictionary[provider] as string),
      promptTokens: c.promptTokens[i] as number,
      cachedPromptTokens: c.cachedPromptTokens[i] as number,
      completionTokens: c.completionTokens[i] as number,
      reasoningTokens: c.reasoningTokens[i] as number,
      costUsd: this.costUsd,
      byok: c.byok[i] === 1,
      upstreamCostUsd: Number.isNaN(upstream) ? null : upstream,
      accuracy: this.accuracy,
    };
    return this.#entry;
  }
}

/**
 * The snapshot's entries and the ledger prefix they stand for, or why it cannot be used. Every value is
 * held to LedgerEntrySchema's rules (the same as quick-check.ts), column by column, before any is used.
 */
export function decodeSnapshot(
  text: string,
  /** An empty map, filled with the entries in the snapshot's order (and emptied again if it is refused). */
  into: Map<string, LoadedEntry> = new Map(),
):
  | { ok: true; ledger: LedgerFingerprint; entries: Map<string, LoadedEntry> }
  | { ok: false; reason: string } {
  if (text === '') return { ok: false, reason: 'missing' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const checked = SnapshotSchema.safeParse(value);
  if (!checked.success) return { ok: false, reason: checked.error.issues[0]?.message ?? 'invalid' };
  const s = checked.data;
  const n = s.count;
  try {
    const texts = (t: { joined: string; lengths: string }, name: string) => ({
      joined: t.joined,
      starts: textStarts(t, n, name),
      lengths: decodeColumn(t.lengths, Uint32Array, 4, n, name),
    });
    const c: Columns = {
      dictionary: s.dictionary,
      generationId: texts(s.generationId, 'generationId'),
      at: texts(s.at, 'at'),
      conversationId: decodeColumn(s.conversationId, Uint32Array, 4, n, 'conversationId'),
      model: decodeColumn(s.model, Uint32Array, 4, n, 'model'),
      provider: decodeColumn(s.provider, Uint32Array, 4, n, 'provider'),
      ms: decodeColumn(s.ms, Float64Array, 8, n, 'ms'),
      promptTokens: decodeCounts(s.promptTokens, n, 'promptTokens'),
      cachedPromptTokens: decodeCounts(s.cachedPromptTokens, n, 'cachedPromptTokens'),
      completionTokens: decodeCounts(s.completionTokens, n, 'completionTokens'),
      reasoningTokens: decodeCounts(s.reasoningTokens, n, 'reasoningTokens'),
      costUsd: decodeColumn(s.costUsd, Float64Array, 8, n, 'costUsd'),
      upstreamCostUsd: decodeColumn(s.upstreamCostUsd, Float64Array, 8, n, 'upstreamCostUsd'),
      byok: decodeColumn(s.byok, Uint8Array, 1, n, 'byok'),
      exact: decodeColumn(s.exact, Uint8Array, 1, n, 'exact'),
    };
    const dictionaryText = (i: number, min: number, max: number, name: string) => {
      const t = s.dictionary[i];
      if (t === undefined || t.length < min || t.length > max) throw new Unusable(`a ${name} is not valid`);
    };
    const ids = textStarts(s.messageId, n, 'messageId');
    const entries = into;
    entries.clear();
    for (let i = 0; i < n; i++) {
      const start = ids[i] as number;
      const end = ids[i + 1] as number;
      // messageId: 1..100 characters, never null (its start is then -1 and the next one's is counted from it).
      if (start < 0 || end - start < 1 || end - start > 100) throw new Unusable('a messageId is not valid');
      const generationLength = c.generationId.lengths[i] as number;
      if (generationLength !== NULL_TEXT && generationLength > 200)
        throw new Unusable('a generationId is not valid');
      if (c.at.lengths[i] === NULL_TEXT) throw new Unusable('a time is missing');
      if (!Number.isFinite(c.ms[i])) throw new Unusable('a time is not valid');
      dictionaryText(c.conversationId[i] as number, 1, 100, 'conversationId');
      dictionaryText(c.model[i] as number, 0, 200, 'model');
      if (c.provider[i] !== NULL_TEXT) dictionaryText(c.provider[i] as number, 0, 100, 'provider');
      const cost = c.costUsd[i] as number;
      const upstream = c.upstreamCostUsd[i] as number;
      if (!Number.isFinite(cost) || cost < 0) throw new Unusable('a costUsd is not an amount');
      if (!Number.isNaN(upstream) && (!Number.isFinite(upstream) || upstream < 0))
        throw new Unusable('an upstreamCostUsd is not an amount');
      if ((c.byok[i] as number) > 1 || (c.exact[i] as number) > 1) throw new Unusable('a flag is not valid');
      const id = s.messageId.joined.slice(start, end);
      if (entries.has(id)) throw new Unusable('a reply appears twice');
      entries.set(id, new SnapshotRow(c, i, id));
    }
    return { ok: true, ledger: s.ledger, entries };
  } catch (error) {
    into.clear();
    if (error instanceof Unusable) return { ok: false, reason: error.message };
    throw error;
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function readRange(handle: fs.FileHandle, from: number, to: number): Promise<Buffer> {
  const buffer = Buffer.alloc(to - from);
  let done = 0;
  while (done < buffer.length) {
    const { bytesRead } = await handle.read(buffer, done, buffer.length - done, from + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return buffer.subarray(0, done);
}

/** The fingerprint of the open ledger's first `bytes` bytes (reads at most 2 × PROBE bytes). */
export async function fingerprint(handle: fs.FileHandle, bytes: number): Promise<LedgerFingerprint> {
  const { ino } = await handle.stat();
  const head = await readRange(handle, 0, Math.min(PROBE, bytes));
  const tail = await readRange(handle, Math.max(0, bytes - PROBE), bytes);
  return { bytes, ino, head: sha256(head), tail: sha256(tail) };
}

/** Whether the open ledger still begins with the bytes `expected` was taken from. */
export async function samePrefix(handle: fs.FileHandle, expected: LedgerFingerprint): Promise<string | null> {
  const { size } = await handle.stat();
  if (size < expected.bytes) return 'the ledger is shorter than the snapshot';
  const now = await fingerprint(handle, expected.bytes);
  if (now.ino !== expected.ino) return 'the ledger file was replaced';
  if (now.head !== expected.head || now.tail !== expected.tail)
    return 'the ledger does not match the snapshot';
  return null;
}

/** Writes the snapshot atomically (temporary file, fsync, rename), owner-only like the ledger. */
export async function writeSnapshot(path: string, text: string): Promise<void> {
  await writeFileAtomic(path, text, { encoding: 'utf8', fsync: true, mode: PRIVATE_FILE_MODE });
}
