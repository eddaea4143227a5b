/**
 * Posting lists (which messages contain a word) for every word, packed into large shared pages.
 *
 * Why not one growable Uint32Array per word: 40,000+ words each reallocating as it grows leaves the
 * allocator with thousands of freed small buffers it never hands back to the OS; measured on the
 * benchmark history that cost ~80 MB of resident memory beyond the live data. Here each list is a chain
 * of blocks carved from 4 MB pages with a bump pointer: a block, once full, is never copied; the next
 * block, half as large as the list so far (up to a cap, so little is left unused at the end), is linked
 * after it. Nothing is ever freed piecemeal.
 *
 * Block layout at address `a` (page << PAGE_BITS | offset): [next block address or EMPTY, capacity, …entries].
 */
const PAGE_BITS = 20;
const PAGE_SIZE = 1 << PAGE_BITS; // entries (4 MB)
const OFFSET_MASK = PAGE_SIZE - 1;
const FIRST_BLOCK = 2;
const MAX_BLOCK = 1 << 10;
const HEADER = 2;
const EMPTY = 0xffffffff;

export class PostingLists {
  private pages: Uint32Array[] = [];
  private pageUsed = PAGE_SIZE; // forces a first page on first use
  private head: Int32Array = new Int32Array(1024).fill(-1);
  private tail: Int32Array = new Int32Array(1024).fill(-1);
  /** Address where the next entry of each list goes, and where its current block ends. */
  private writeAt: Int32Array = new Int32Array(1024);
  private blockEnd: Int32Array = new Int32Array(1024);
  private counts: Uint32Array = new Uint32Array(1024);
  private lastDoc: Int32Array = new Int32Array(1024).fill(-1);
  private lists = 0;

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
    const counts = new Uint32Array(size);
    counts.set(this.counts);
    this.counts = counts;
  }

  /** Appends `doc` unless it is already the last entry (a word repeated in the same message). */
  add(id: number, doc: number): void {
    if (this.lastDoc[id] === doc) return;
    this.lastDoc[id] = doc;
    let at = this.writeAt[id] as number;
    if (at === this.blockEnd[id]) at = this.newBlock(id);
    (this.pages[at >>> PAGE_BITS] as Uint32Array)[at & OFFSET_MASK] = doc;
    this.writeAt[id] = at + 1;
    this.counts[id] = (this.counts[id] as number) + 1;
  }

  count(id: number): number {
    return this.counts[id] ?? 0;
  }

  /**
   * Calls `visit(page, from, to)` for each block of list `id`, in insertion order: the entries are
   * `page[from]` to `page[to - 1]`. Blocks rather than entries, so the caller's loop stays tight.
   */
  forEachBlock(id: number, visit: (page: Uint32Array, from: number, to: number) => void): void {
    let block = this.head[id] ?? -1;
    const tail = this.tail[id];
    while (block >= 0) {
      const page = this.pages[block >>> PAGE_BITS] as Uint32Array;
      const offset = block & OFFSET_MASK;
      const end =
        block === tail
          ? (this.writeAt[id] as number) & OFFSET_MASK
          : offset + HEADER + (page[offset + 1] as number);
      visit(page, offset + HEADER, end);
      const next = page[offset] as number;
      block = next === EMPTY ? -1 : next;
    }
  }

  forEach(id: number, visit: (doc: number) => void): void {
    this.forEachBlock(id, (page, from, to) => {
      for (let k = from; k < to; k++) visit(page[k] as number);
    });
  }

  /** Same lists without the entries `keep` rejects, in fresh tightly packed pages. */
  filtered(keep: (doc: number) => boolean): PostingLists {
    const out = new PostingLists();
    out.ensure(this.lists - 1);
    for (let id = 0; id < this.lists; id++) this.forEach(id, (doc) => keep(doc) && out.add(id, doc));
    return out;
  }

  /** Entries stored, and bytes allocated for them (to report memory). */
  size(): { entries: number; bytes: number } {
    let entries = 0;
    for (let id = 0; id < this.lists; id++) entries += this.counts[id] ?? 0;
    return { entries, bytes: this.pages.length * PAGE_SIZE * 4 };
  }

  /** Links a new block after the list's last one and returns where its first entry goes. */
  private newBlock(id: number): number {
    const capacity = Math.min(MAX_BLOCK, Math.max(FIRST_BLOCK, (this.counts[id] as number) >>> 1));
    if (this.pageUsed + HEADER + capacity > PAGE_SIZE) {
      this.pages.push(new Uint32Array(PAGE_SIZE));
      this.pageUsed = 0;
    }
    const pageIndex = this.pages.length - 1;
    const page = this.pages[pageIndex] as Uint32Array;
    const block = (pageIndex << PAGE_BITS) | this.pageUsed;
    page[this.pageUsed] = EMPTY;
    page[this.pageUsed + 1] = capacity;
    this.pageUsed += HEADER + capacity;
    const previous = this.tail[id] as number;
    if (previous < 0) this.head[id] = block;
    else (this.pages[previous >>> PAGE_BITS] as Uint32Array)[previous & OFFSET_MASK] = block;
    this.tail[id] = block;
    this.blockEnd[id] = block + HEADER + capacity;
    return block + HEADER;
  }
}

function growInt32(array: Int32Array, size: number, fill: number): Int32Array {
  const next = new Int32Array(size).fill(fill);
  next.set(array);
  return next;
}
