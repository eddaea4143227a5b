import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import { PRIVATE_FILE_MODE } from '../../private-files/private-files';
import { yieldToEventLoop } from '../../shared/scheduler';
import { CONVERSATION_ID } from '../store/layout';
import { checkStream } from './posting-lists';
import { type IndexSnapshot, SearchIndex } from './search-index';

/**
 * The search index on disk (`history/search-index.bin`), so a start loads it in well under a second
 * instead of reading all 10,000 conversation files again (issue 19).
 *
 * It is a cache, like index.json: the conversation files are the truth. It is never trusted: a file
 * that is missing, of another version, cut short, with a flipped bit or with any count or offset that
 * does not fit is discarded (the caller rebuilds from the conversation files). The payload's SHA-256
 * is checked before anything in it is read, then every count is checked against the payload's length
 * before anything is allocated, and every posting list is decoded once and checked (message numbers in
 * range and increasing) before the index is used.
 *
 * Layout (little-endian):
 *   0   8 bytes  magic "SBSRCHIX"
 *   8   u32      format version (SEARCH_INDEX_VERSION)
 *   12  u32      payload length
 *   16  32 bytes SHA-256 of the payload
 *   48  payload: u32 meta length, meta (UTF-8 JSON: counts, conversations and their fingerprints), then
 *       8-byte aligned: term order (u32 × terms), posting offsets (u32 × terms + 1), message conversation
 *       numbers (u32 × messages), alive flags (u8 × messages), message times (f64 × messages), posting
 *       bytes, terms (UTF-8, newline-separated), message ids (likewise).
 *
 * Read section by section straight into the arrays the index keeps (no copy of the whole file in
 * memory: on the benchmark history that 28 MB buffer stayed in main's resident memory after loading).
 *
 * It holds the words of every message (not the text), so it is written like the conversations: atomic
 * (write-file-atomic, fsync, rename), mode 0600, in the 0700 history folder.
 */
export const SEARCH_INDEX_VERSION = 1;
const MAGIC = 'SBSRCHIX';
const HEADER = 48;
const KIND = 'switchboard-search-index';
/** Hashed in steps of this many bytes, yielding between them, so writing never holds the event loop long. */
const HASH_STEP = 4 * 1024 * 1024;

/**
 * What a conversation file was when the index took it in (the store's own record: `entries`), so a
 * start re-indexes only conversations whose file changed since. See search-service.ts for why these.
 */
export interface Fingerprint {
  size: number;
  mtimeMs: number;
  updatedAt: string;
}

export interface LoadedIndex {
  index: SearchIndex;
  fingerprints: Map<string, Fingerprint>;
}

export type LoadResult = { ok: true; loaded: LoadedIndex } | { ok: false; reason: string };

interface Meta {
  kind: string;
  termCount: number;
  docCount: number;
  postingBytes: number;
  termTextBytes: number;
  idTextBytes: number;
  /** By conversation number: [id, title, size, mtimeMs, updatedAt]; a removed one is ['', '', 0, 0, '']. */
  conversations: Array<[string, string, number, number, string]>;
}

const align8 = (n: number) => (n + 7) & ~7;

/** Section sizes in payload order, from the counts. */
function sectionSizes(m: Meta): number[] {
  return [
    m.termCount * 4,
    (m.termCount + 1) * 4,
    m.docCount * 4,
    m.docCount,
    m.docCount * 8,
    m.postingBytes,
    m.termTextBytes,
    m.idTextBytes,
  ];
}

/** The file's bytes for a snapshot. Synchronous apart from hashing (see HASH_STEP). */
export async function encodeIndex(
  snapshot: IndexSnapshot,
  fingerprints: ReadonlyMap<string, Fingerprint>,
): Promise<Buffer> {
  const docCount = snapshot.docConversation.length;
  // A conversation without a fingerprint (a reply was streaming in it) is left out, so the next start
  // reads it again: its messages are written as removed (the snapshot's arrays are copies).
  const kept = snapshot.conversationIds.map((id) => id !== '' && fingerprints.has(id));
  for (let doc = 0; doc < docCount; doc++) {
    if (kept[snapshot.docConversation[doc] as number] !== true) snapshot.docAlive[doc] = 0;
  }
  const ids = snapshot.messageIdText.split('\n');
  for (let doc = 0; doc < docCount; doc++) if (snapshot.docAlive[doc] !== 1) ids[doc] = '';
  const termText = Buffer.from(snapshot.termText, 'utf8');
  const idText = Buffer.from(ids.join('\n'), 'utf8');
  const meta: Meta = {
    kind: KIND,
    termCount: snapshot.termCount,
    docCount,
    postingBytes: snapshot.postings.bytes.length,
    termTextBytes: termText.length,
    idTextBytes: idText.length,
    conversations: snapshot.conversationIds.map((id, conv) => {
      const f = fingerprints.get(id);
      return !kept[conv] || !f
        ? ['', '', 0, 0, '']
        : [id, snapshot.conversationTitles[conv] ?? '', f.size, f.mtimeMs, f.updatedAt];
    }),
  };
  const metaBytes = Buffer.from(JSON.stringify(meta), 'utf8');
  const sections: Uint8Array[] = [
    u8(snapshot.termOrder),
    u8(snapshot.postings.offsets),
    u8(snapshot.docConversation),
    snapshot.docAlive,
    u8(snapshot.docTime),
    snapshot.postings.bytes,
    termText,
    idText,
  ];
  let payloadLength = align8(4 + metaBytes.length);
  for (const s of sections) payloadLength = align8(payloadLength + s.byteLength);
  const file = Buffer.alloc(HEADER + payloadLength);
  file.write(MAGIC, 0, 'latin1');
  file.writeUInt32LE(SEARCH_INDEX_VERSION, 8);
  file.writeUInt32LE(payloadLength, 12);
  let at = HEADER;
  file.writeUInt32LE(metaBytes.length, at);
  file.set(metaBytes, at + 4);
  at = HEADER + align8(4 + metaBytes.length);
  for (const s of sections) {
    file.set(s, at);
    at = HEADER + align8(at - HEADER + s.byteLength);
  }
  const payload = file.subarray(HEADER);
  (await sha256InSteps(payload)).copy(file, 16);
  return file;
}

/** Writes the file atomically, 0600. */
export async function writeIndexFile(path: string, bytes: Buffer): Promise<void> {
  await writeFileAtomic(path, bytes, { fsync: true, mode: PRIVATE_FILE_MODE });
}

/** Reads and checks the file; `{ ok: false }` with the reason for anything short of a sound index. */
export async function readIndexFile(path: string): Promise<LoadResult> {
  let handle: FileHandle;
  try {
    handle = await fs.open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'there is none yet' : `it could not be read (${code})` };
  }
  try {
    const read = await readSections(handle);
    if (!read.ok) return read;
    return decode(read.meta, read.sections);
  } catch (error) {
    return {
      ok: false,
      reason: `it is inconsistent (${error instanceof Error ? error.message : 'unknown'})`,
    };
  } finally {
    await handle.close();
  }
}

type Sections = { ok: true; meta: Meta; sections: ArrayBuffer[] } | { ok: false; reason: string };

/**
 * Reads the header and metadata, checks that the sections they announce fill the payload exactly
 * (so nothing larger than the file itself is ever allocated), then reads each section into its own
 * buffer, hashing everything in order; the checksum must match before anything is used.
 */
async function readSections(handle: FileHandle): Promise<Sections> {
  const fail = (reason: string): Sections => ({ ok: false, reason });
  const { size } = await handle.stat();
  const head = Buffer.alloc(HEADER + 4);
  if (size < head.length || (await readAt(handle, head, 0)) !== head.length)
    return fail('it is not a search index file');
  if (head.toString('latin1', 0, 8) !== MAGIC) return fail('it is not a search index file');
  const version = head.readUInt32LE(8);
  if (version !== SEARCH_INDEX_VERSION) return fail(`it is of another version (${version})`);
  const payloadLength = head.readUInt32LE(12);
  if (payloadLength !== size - HEADER) return fail('its length is wrong (cut short?)');
  const metaLength = head.readUInt32LE(HEADER);
  if (metaLength > payloadLength - 4) return fail('the metadata length is out of range');
  const metaBytes = Buffer.alloc(metaLength);
  if ((await readAt(handle, metaBytes, HEADER + 4)) !== metaLength) return fail('it was cut short');
  const meta = parseMeta(metaBytes.toString('utf8'));
  if (!meta) return fail('the metadata is malformed');
  const sizes = sectionSizes(meta);
  let end = align8(4 + metaLength);
  for (const s of sizes) end = align8(end + s);
  if (end !== payloadLength) return fail('the section sizes do not add up');

  const hash = createHash('sha256');
  hash.update(head.subarray(HEADER));
  hash.update(metaBytes);
  let at = 4 + metaLength;
  const sections: ArrayBuffer[] = [];
  for (const sectionSize of sizes) {
    const padding = align8(at) - at;
    if (padding > 0) {
      const pad = Buffer.alloc(padding);
      if ((await readAt(handle, pad, HEADER + at)) !== padding) return fail('it was cut short');
      hash.update(pad);
      at += padding;
    }
    const buffer = new ArrayBuffer(sectionSize);
    const bytes = new Uint8Array(buffer);
    if ((await readAt(handle, bytes, HEADER + at)) !== sectionSize) return fail('it was cut short');
    hash.update(bytes);
    sections.push(buffer);
    at += sectionSize;
  }
  const tail = align8(at) - at;
  if (tail > 0) {
    const pad = Buffer.alloc(tail);
    await readAt(handle, pad, HEADER + at);
    hash.update(pad);
  }
  if (!hash.digest().equals(head.subarray(16, 48))) return fail('its checksum does not match');
  return { ok: true, meta, sections };
}

/** Reads `into.length` bytes at `position` (in several reads if the OS returns fewer); returns how many. */
async function readAt(handle: FileHandle, into: Uint8Array, position: number): Promise<number> {
  let done = 0;
  while (done < into.length) {
    const { bytesRead } = await handle.read(into, done, into.length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}

function decode(meta: Meta, sections: ArrayBuffer[]): LoadResult {
  const fail = (reason: string): LoadResult => ({ ok: false, reason });
  const { termCount, docCount, postingBytes } = meta;
  const [orderBuf, offsetsBuf, convBuf, aliveBuf, timeBuf, postingsBuf, termsBuf, idsBuf] = sections as [
    ArrayBuffer,
    ArrayBuffer,
    ArrayBuffer,
    ArrayBuffer,
    ArrayBuffer,
    ArrayBuffer,
    ArrayBuffer,
    ArrayBuffer,
  ];
  const termOrder = new Uint32Array(orderBuf);
  const offsets = new Uint32Array(offsetsBuf);
  const docConversation = new Uint32Array(convBuf);
  const docAlive = new Uint8Array(aliveBuf);
  const docTime = new Float64Array(timeBuf);
  const bytes = new Uint8Array(postingsBuf);
  // One string for every term: term-table.ts reads the terms in place (no string per term).
  const termText = Buffer.from(termsBuf).toString('utf8');
  if (termCount === 0 ? termText !== '' : countLines(termText) !== termCount)
    return fail('the number of terms is wrong');
  const messageIdText = Buffer.from(idsBuf).toString('utf8');

  const conversationCount = meta.conversations.length;
  const convLive = new Uint8Array(conversationCount);
  const seen = new Set<string>();
  const fingerprints = new Map<string, Fingerprint>();
  meta.conversations.forEach(([id, _title, size, mtimeMs, updatedAt], conv) => {
    if (id === '') return;
    if (seen.has(id)) throw new Error('a conversation is listed twice');
    seen.add(id);
    convLive[conv] = 1;
    fingerprints.set(id, { size, mtimeMs, updatedAt });
  });
  for (let doc = 0; doc < docCount; doc++) {
    const alive = docAlive[doc];
    if (alive !== 0 && alive !== 1) return fail('a message flag is invalid');
    if (alive === 0) continue;
    const conv = docConversation[doc] as number;
    if (conv >= conversationCount || convLive[conv] !== 1) return fail('a message names no conversation');
    if (!Number.isFinite(docTime[doc])) return fail('a message time is invalid');
  }
  if (offsets[0] !== 0 || offsets[termCount] !== postingBytes)
    return fail('the posting offsets are out of range');
  const counts = new Uint32Array(termCount);
  const lastDocs = new Int32Array(termCount);
  for (let t = 0; t < termCount; t++) {
    const from = offsets[t] as number;
    const to = offsets[t + 1] as number;
    if (to < from || to > postingBytes) return fail('the posting offsets are out of order or range');
    const stream = checkStream(bytes, from, to, docCount);
    if (!stream) return fail('a posting list is damaged');
    counts[t] = stream.count;
    lastDocs[t] = stream.last;
  }
  const index = SearchIndex.fromSnapshot(
    {
      termText,
      termCount,
      termOrder,
      postings: { offsets, bytes },
      docConversation,
      docTime,
      docAlive,
      messageIdText,
      conversationIds: meta.conversations.map((c) => c[0]),
      conversationTitles: meta.conversations.map((c) => c[1]),
    },
    counts,
    lastDocs,
  );
  return { ok: true, loaded: { index, fingerprints } };
}

/** The metadata, checked field by field (by hand, like index.json: 10,000 entries through zod take ~100 ms). */
function parseMeta(text: string): Meta | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const m = raw as Partial<Meta> | null;
  if (m?.kind !== KIND) return null;
  const { termCount, docCount, postingBytes, termTextBytes, idTextBytes, conversations } = m;
  for (const n of [termCount, docCount, postingBytes, termTextBytes, idTextBytes])
    if (!isCount(n)) return null;
  if (!Array.isArray(conversations)) return null;
  for (const c of conversations as unknown[]) {
    if (!Array.isArray(c) || c.length !== 5) return null;
    const [id, title, size, mtimeMs, updatedAt] = c as unknown[];
    if (typeof id !== 'string' || (id !== '' && !CONVERSATION_ID.test(id))) return null;
    if (typeof title !== 'string' || typeof updatedAt !== 'string') return null;
    if (typeof size !== 'number' || typeof mtimeMs !== 'number') return null;
  }
  return m as Meta;
}

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 0x7fffffff;
}

function u8(array: Uint32Array | Float64Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

async function sha256InSteps(bytes: Uint8Array): Promise<Buffer> {
  const hash = createHash('sha256');
  for (let at = 0; at < bytes.length; at += HASH_STEP) {
    hash.update(bytes.subarray(at, at + HASH_STEP));
    if (at + HASH_STEP < bytes.length) await yieldToEventLoop();
  }
  return hash.digest();
}

/** The number of newline-separated lines in `text` (one more than its newlines). */
function countLines(text: string): number {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}
