/**
 * Posting lists (which messages contain a word) for every word, as delta-encoded varints.
 *
 * Why bytes and not 32-bit message numbers (issue 19): the benchmark history has ~16 million
 * (word, message) pairs. As Uint32 they took 64 MB plus block slack (~80 MB, most of main's resident
 * memory). A list holds increasing message numbers, so each is stored as the gap from the previous one
 * in LEB128 (7 bits per byte): common words have gaps of a few messages (1 byte), rare ones a few
 * hundred or thousand (2 bytes). A gap is never 0 (a message is listed once per word), so a 0 byte
 * never occurs inside a list and marks where a block's data ends.
 *
 * Each list is one frozen stream in a single shared buffer (`base`: what was loaded from disk or
 * compacted by `freeze()`), followed by a chain of blocks for what was added since, carved from 1 MB
 * pages with a bump pointer, as before: a block, once full, is never copied; the next one, half as
 * large as the list so far (up to a cap), is linked after it. Nothing is freed piecemeal, which keeps
 * the allocator from holding thousands of small freed buffers. `freeze()` rewrites base + chains into a
 * fresh tightly packed base (after the start-up build, and to persist: the frozen stream of every list,
 * end to end, is exactly what index-persistence.ts writes).
 *
 * Block layout at address `a` (page << PAGE_BITS | offset): [next block address or EMPTY (4 bytes LE),
 * length (2 bytes LE: the capacity while it is the list's last block, the bytes used once it is not),
 * …varints].
 */
const PAGE_BITS = 20;
const PAGE_SIZE = 1 << PAGE_BITS; // bytes (1 MB)
const OFFSET_MASK = PAGE_SIZE - 1;
const HEADER = 6;
const FIRST_BLOCK = 4;
const MAX_BLOCK = 4096;
const EMPTY = 0xffffffff;
/** Decoded message numbers are handed to the caller this many at a time. */
const SCRATCH = 4096;

export type BlockVisitor = (docs: Uint32Array, from: number, to: number) => void;

/** The lists as one frozen stream per list, end to end (for persisting). */
export interface FrozenPostings {
  /** List `id` is `bytes[offsets[id], offsets[id + 1])`. */
  offsets: Uint32Array;
  bytes: Uint8Array;
}

export class PostingLists {
  private pages: Uint8Array[] = [];
  private pageUsed = PAGE_SIZE; // forces a first page on first use
  private base: Uint8Array = new Uint8Array(0);
  private baseStart: Uint32Array = new Uint32Array(1024);
  private baseEnd: Uint32Array = new Uint32Array(1024);
  private head: Int32Array = new Int32Array(1024).fill(-1);
  private tail: Int32Array = new Int32Array(1024).fill(-1);
  /** Address where the next byte of each list goes, and where its current block ends. */
  private writeAt: Int32Array = new Int32Array(1024);
  private blockEnd: Int32Array = new Int32Array(1024);
  private counts: Uint32Array = new Uint32Array(1024);
  private lastDoc: Int32Array = new Int32Array(1024).fill(-1);
  private lists = 0;
  private readonly scratch = new Uint32Array(SCRATCH);
  /** The last `freeze()` result while nothing has been added since (a save then copies nothing). */
  private frozen: FrozenPostings | null = null;

  /** Makes room for list `id` (ids are dense, allocated by the caller). */
  ensure(id: number): void {
    if (id < this.lists) return;
    this.lists = id + 1;
    if (id < this.head.length) return;
    const size = Math.max(id + 1, this.head.length * 2);
    this.head = growInt32(this.head, size, -1);
    this.tail = growInt32(this.tail, size, -1);
    this.lastDoc = growInt32(this.lastDoc, size, -1);
    this.writeAt = growInt32(this.writeAt, size, 0);
    this.blockEnd = growInt32(this.blockEnd, size, 0);
    this.counts = growUint32(this.counts, size);
    this.baseStart = growUint32(this.baseStart, size);
    this.baseEnd = growUint32(this.baseEnd, size);
  }

  get listCount(): number {
    return this.lists;
  }

  /** Appends `doc` unless it is already the last entry (a word repeated in the same message). */
  add(id: number, doc: number): void {
    const last = this.lastDoc[id] as number;
    if (last === doc) return;
    this.lastDoc[id] = doc;
    let gap = doc - last;
    const length = gap < 0x80 ? 1 : gap < 0x4000 ? 2 : gap < 0x200000 ? 3 : gap < 0x10000000 ? 4 : 5;
    this.frozen = null;
    let at = this.writeAt[id] as number;
    if (at + length > (this.blockEnd[id] as number)) at = this.newBlock(id, length);
    const page = this.pages[at >>> PAGE_BITS] as Uint8Array;
    let k = at & OFFSET_MASK;
    while (gap >= 0x80) {
      page[k++] = (gap & 0x7f) | 0x80;
      gap = Math.floor(gap / 0x80);
    }
    page[k] = gap;
    this.writeAt[id] = at + length;
    this.counts[id] = (this.counts[id] as number) + 1;
  }

  count(id: number): number {
    return this.counts[id] ?? 0;
  }

  /**
   * Calls `visit(docs, from, to)` with the message numbers of list `id` in increasing order, a few
   * thousand at a time (`docs` is reused between calls): the caller's loop over them stays tight.
   */
  forEachBlock(id: number, visit: BlockVisitor): void {
    if (id >= this.lists) return;
    let doc = decode(
      this.base,
      this.baseStart[id] as number,
      this.baseEnd[id] as number,
      -1,
      this.scratch,
      visit,
    );
    let block = this.head[id] ?? -1;
    const tail = this.tail[id];
    while (block >= 0) {
      const page = this.pages[block >>> PAGE_BITS] as Uint8Array;
      const offset = block & OFFSET_MASK;
      const from = offset + HEADER;
      const to =
        block === tail ? (this.writeAt[id] as number) & OFFSET_MASK : from + readU16(page, offset + 4);
      doc = decode(page, from, to, doc, this.scratch, visit);
      const next = readU32(page, offset);
      block = next === EMPTY ? -1 : next;
    }
  }

  forEach(id: number, visit: (doc: number) => void): void {
    this.forEachBlock(id, (docs, from, to) => {
      for (let k = from; k < to; k++) visit(docs[k] as number);
    });
  }

  /** Same lists without the entries `keep` rejects, frozen. */
  filtered(keep: (doc: number) => boolean): PostingLists {
    const out = new PostingLists();
    if (this.lists > 0) out.ensure(this.lists - 1);
    for (let id = 0; id < this.lists; id++) this.forEach(id, (doc) => keep(doc) && out.add(id, doc));
    out.freeze();
    return out;
  }

  /**
   * Rewrites every list as one stream in a single new buffer and drops the pages: no block headers,
   * no unused block ends. Returns that buffer (it is never written to afterwards, so it can be
   * persisted while the lists keep growing).
   */
  freeze(): FrozenPostings {
    if (this.frozen && this.frozen.offsets.length === this.lists + 1) return this.frozen;
    const offsets = new Uint32Array(this.lists + 1);
    let total = 0;
    for (let id = 0; id < this.lists; id++) {
      offsets[id] = total;
      total += this.streamLength(id);
    }
    offsets[this.lists] = total;
    const bytes = new Uint8Array(total);
    for (let id = 0; id < this.lists; id++) {
      let at = offsets[id] as number;
      bytes.set(this.base.subarray(this.baseStart[id] as number, this.baseEnd[id] as number), at);
      at += (this.baseEnd[id] as number) - (this.baseStart[id] as number);
      this.forEachChainBlock(id, (page, from, to) => {
        bytes.set(page.subarray(from, to), at);
        at += to - from;
      });
      this.baseStart[id] = offsets[id] as number;
      this.baseEnd[id] = offsets[id + 1] as number;
    }
    this.base = bytes;
    this.pages = [];
    this.pageUsed = PAGE_SIZE;
    this.head.fill(-1);
    this.tail.fill(-1);
    this.writeAt.fill(0);
    this.blockEnd.fill(0);
    this.frozen = { offsets, bytes };
    return this.frozen;
  }

  /**
   * Lists from frozen streams (a loaded index). The caller has checked them with `checkStream`; the
   * counts and last message numbers it returned are passed back here.
   */
  static fromFrozen(frozen: FrozenPostings, counts: Uint32Array, lastDocs: Int32Array): PostingLists {
    const out = new PostingLists();
    const lists = frozen.offsets.length - 1;
    if (lists > 0) out.ensure(lists - 1);
    out.base = frozen.bytes;
    out.baseStart.set(frozen.offsets.subarray(0, lists));
    out.baseEnd.set(frozen.offsets.subarray(1, lists + 1));
    out.counts.set(counts);
    out.lastDoc.set(lastDocs);
    out.frozen = frozen;
    return out;
  }

  /** Entries stored, and bytes allocated for them (to report memory). */
  size(): { entries: number; bytes: number } {
    let entries = 0;
    for (let id = 0; id < this.lists; id++) entries += this.counts[id] ?? 0;
    return { entries, bytes: this.base.byteLength + this.pages.length * PAGE_SIZE };
  }

  private streamLength(id: number): number {
    let length = (this.baseEnd[id] as number) - (this.baseStart[id] as number);
    this.forEachChainBlock(id, (_page, from, to) => {
      length += to - from;
    });
    return length;
  }

  private forEachChainBlock(id: number, visit: (page: Uint8Array, from: number, to: number) => void): void {
    let block = this.head[id] ?? -1;
    const tail = this.tail[id];
    while (block >= 0) {
      const page = this.pages[block >>> PAGE_BITS] as Uint8Array;
      const offset = block & OFFSET_MASK;
      const from = offset + HEADER;
      visit(
        page,
        from,
        block === tail ? (this.writeAt[id] as number) & OFFSET_MASK : from + readU16(page, offset + 4),
      );
      const next = readU32(page, offset);
      block = next === EMPTY ? -1 : next;
    }
  }

  /** Links a new block after the list's last one and returns where its first byte goes. */
  private newBlock(id: number, need: number): number {
    const capacity = Math.min(MAX_BLOCK, Math.max(FIRST_BLOCK, need, (this.counts[id] as number) >>> 1));
    if (this.pageUsed + HEADER + capacity > PAGE_SIZE) {
      this.pages.push(new Uint8Array(PAGE_SIZE));
      this.pageUsed = 0;
    }
    const pageIndex = this.pages.length - 1;
    const page = this.pages[pageIndex] as Uint8Array;
    const block = (pageIndex << PAGE_BITS) | this.pageUsed;
    writeU32(page, this.pageUsed, EMPTY);
    writeU16(page, this.pageUsed + 4, capacity);
    this.pageUsed += HEADER + capacity;
    const previous = this.tail[id] as number;
    if (previous < 0) this.head[id] = block;
    else {
      // The previous block is full: its length field now says how many bytes it holds.
      const prevPage = this.pages[previous >>> PAGE_BITS] as Uint8Array;
      const prevOffset = previous & OFFSET_MASK;
      writeU32(prevPage, prevOffset, block);
      writeU16(prevPage, prevOffset + 4, ((this.writeAt[id] as number) & OFFSET_MASK) - prevOffset - HEADER);
    }
    this.tail[id] = block;
    this.blockEnd[id] = block + HEADER + capacity;
    return block + HEADER;
  }
}

/** Decodes the varint gaps in `bytes[from, to)` (stopping at a 0 byte) after message `doc`; returns the last. */
function decode(
  bytes: Uint8Array,
  from: number,
  to: number,
  doc: number,
  out: Uint32Array,
  visit: BlockVisitor,
): number {
  let n = 0;
  let k = from;
  while (k < to) {
    let b = bytes[k++] as number;
    if (b === 0) break;
    let gap = b & 0x7f;
    let scale = 0x80;
    while (b >= 0x80) {
      b = bytes[k++] as number;
      gap += (b & 0x7f) * scale;
      scale *= 0x80;
    }
    doc += gap;
    out[n++] = doc;
    if (n === SCRATCH) {
      visit(out, 0, n);
      n = 0;
    }
  }
  if (n > 0) visit(out, 0, n);
  return doc;
}

/**
 * Checks a stream read from disk before it is used: every gap a well-formed varint of at most 5 bytes
 * ending inside the stream, none 0, every message number below `docCount`. Returns how many it holds
 * and the last, or null.
 */
export function checkStream(
  bytes: Uint8Array,
  from: number,
  to: number,
  docCount: number,
): { count: number; last: number } | null {
  let doc = -1;
  let count = 0;
  let k = from;
  while (k < to) {
    let b = bytes[k++] as number;
    if (b === 0) return null;
    let gap = b & 0x7f;
    let scale = 0x80;
    let length = 1;
    while (b >= 0x80) {
      if (k >= to || length === 5) return null;
      b = bytes[k++] as number;
      gap += (b & 0x7f) * scale;
      scale *= 0x80;
      length++;
    }
    if (gap === 0) return null;
    doc += gap;
    if (doc >= docCount) return null;
    count++;
  }
  return { count, last: doc };
}

function readU32(page: Uint8Array, at: number): number {
  return (
    ((page[at] as number) |
      ((page[at + 1] as number) << 8) |
      ((page[at + 2] as number) << 16) |
      ((page[at + 3] as number) << 24)) >>>
    0
  );
}

function writeU32(page: Uint8Array, at: number, value: number): void {
  page[at] = value & 0xff;
  page[at + 1] = (value >>> 8) & 0xff;
  page[at + 2] = (value >>> 16) & 0xff;
  page[at + 3] = (value >>> 24) & 0xff;
}

function readU16(page: Uint8Array, at: number): number {
  return (page[at] as number) | ((page[at + 1] as number) << 8);
}

function writeU16(page: Uint8Array, at: number, value: number): void {
  page[at] = value & 0xff;
  page[at + 1] = (value >>> 8) & 0xff;
}

function growInt32(array: Int32Array, size: number, fill: number): Int32Array {
  const next = new Int32Array(size).fill(fill);
  next.set(array);
  return next;
}

function growUint32(array: Uint32Array, size: number): Uint32Array {
  const next = new Uint32Array(size);
  next.set(array);
  return next;
}
