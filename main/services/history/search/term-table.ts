import { normalizeToken } from './tokenize';

/**
 * Word → number, for the search index's vocabulary.
 *
 * Indexing looks up every word of every message (25 million lookups for the benchmark history). With a
 * Map, each lookup first cuts the word out of the text as a new string and hashes it; that was most of
 * the indexing time and most of its garbage. This open-addressing table hashes plain-ASCII words
 * straight from the message text (lower-cased on the fly) and compares them in place, so a word
 * already known costs no allocation at all. Other words take the general path (normalizeToken: case
 * and accent folding) and land in the same table.
 *
 * Where the words are kept (issue 19, main's RSS): the benchmark's vocabulary is a few hundred thousand
 * words. As one JavaScript string each they cost ~20 bytes of header apiece on top of their letters,
 * and loading the saved index made them all at once (young-generation growth, main/app/young-generation.ts).
 * So words are *packed*: ids below `packedCount` are stretches of one string (`packed`, the words
 * joined by newlines, exactly as the saved index stores them) found through `packedStart`; only words
 * added since the last `pack()` are strings of their own (`recent`). Every comparison reads the words
 * in place; `termAt` makes a string only for the caller that needs one (saving, tests).
 */
const ASCII_UPPER_A = 65;
const ASCII_UPPER_Z = 90;
const NEWLINE = 10;

export class TermTable {
  private slots = new Int32Array(1 << 16); // termId + 1; 0 = empty
  private hashes = new Int32Array(1024);
  /** Words [0, packedCount) joined by '\n'; word i is packed[packedStart[i], packedStart[i + 1] - 1). */
  private packed = '';
  private packedStart = new Uint32Array([1]);
  private packedCount = 0;
  /** Words from packedCount on, added since the last pack(). */
  private recent: string[] = [];
  /**
   * Term ids in the order of their terms (UTF-16 code units, as `<` compares strings), for prefix
   * lookups: the terms a prefix starts are one run of it. Covers ids below `sortedCount`; terms added
   * since are merged in on the next lookup. This replaced MiniSearch's radix tree (issue 19), a Map per
   * node that held ~15 MB for the benchmark's vocabulary.
   */
  private sorted = new Uint32Array(0);
  private sortedCount = 0;

  get size(): number {
    return this.packedCount + this.recent.length;
  }

  /** The term with id `id`, as a new string (for saving and tests; lookups compare in place). */
  termAt(id: number): string {
    if (id >= this.packedCount) return this.recent[id - this.packedCount] ?? '';
    return this.packed.slice(this.packedStart[id] as number, (this.packedStart[id + 1] as number) - 1);
  }

  /** Every term joined by newlines, in id order: what the saved index stores. */
  joined(): string {
    if (this.recent.length === 0) return this.packed;
    const tail = this.recent.join('\n');
    return this.packedCount === 0 ? tail : `${this.packed}\n${tail}`;
  }

  /**
   * A table of the terms in `text` (joined by '\n', as `joined()` gives them), with no string per
   * term; null if one is empty or repeated.
   */
  static fromJoined(text: string, count: number): TermTable | null {
    const table = new TermTable();
    if (count === 0) return text === '' ? table : null;
    const starts = new Uint32Array(count + 1);
    let term = 0;
    starts[0] = 0;
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) !== NEWLINE) continue;
      if (++term >= count) return null;
      starts[term] = i + 1;
    }
    if (term !== count - 1) return null;
    starts[count] = text.length + 1;
    table.packed = text;
    table.packedStart = starts;
    table.growTo(count);
    while (count * 2 > table.slots.length) table.slots = new Int32Array(table.slots.length * 2);
    const mask = table.slots.length - 1;
    for (let id = 0; id < count; id++) {
      const from = starts[id] as number;
      const to = (starts[id + 1] as number) - 1;
      if (to <= from) return null;
      const hash = hashRange(text, from, to);
      let slot = hash & mask;
      for (; table.slots[slot] !== 0; slot = (slot + 1) & mask) {
        const other = (table.slots[slot] as number) - 1;
        if (table.hashes[other] === hash && table.packedEquals(other, text, from, to)) return null;
      }
      table.hashes[id] = hash;
      table.slots[slot] = id + 1;
      table.packedCount = id + 1;
    }
    return table;
  }

  /** Moves the terms added since the last pack into the packed string (after a build; see above). */
  pack(): void {
    if (this.recent.length === 0) return;
    const count = this.size;
    const text = this.joined();
    const starts = new Uint32Array(count + 1);
    starts.set(this.packedStart.subarray(0, this.packedCount + 1));
    let at = this.packedCount === 0 ? 0 : this.packed.length + 1;
    for (let i = 0; i < this.recent.length; i++) {
      starts[this.packedCount + i] = at;
      at += (this.recent[i] as string).length + 1;
    }
    starts[count] = text.length + 1;
    this.packed = text;
    this.packedStart = starts;
    this.packedCount = count;
    this.recent = [];
  }

  /** The id of an already normalized term, or -1. */
  find(term: string): number {
    const hash = hashString(term);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] ?? 0;
      if (entry === 0) return -1;
      if (this.hashes[entry - 1] === hash && this.equals(entry - 1, term)) return entry - 1;
    }
  }

  /**
   * The id of the word `text[start, end)` after normalisation, adding it if new; `onNew` hears of new
   * terms (the prefix tree is kept in step). Returns -1 for a word that normalises to nothing.
   */
  intern(text: string, start: number, end: number, onNew: (term: string, id: number) => void): number {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) {
      let c = text.charCodeAt(i);
      if (c > 127) return this.internString(normalizeToken(text.slice(start, end)), onNew);
      if (c >= ASCII_UPPER_A && c <= ASCII_UPPER_Z) c |= 0x20;
      hash = Math.imul(hash ^ c, 0x01000193);
    }
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] ?? 0;
      if (entry === 0) return this.add(text.slice(start, end).toLowerCase(), hash, slot, onNew);
      const id = entry - 1;
      if (this.hashes[id] !== hash) continue;
      if (this.lengthOf(id) === length && this.sameLowered(id, text, start)) return id;
    }
  }

  /** Ids of every term starting with `prefix` (the term itself included), in term order. */
  atPrefix(prefix: string): number[] {
    this.sortAll();
    const sorted = this.sorted;
    let lo = 0;
    let hi = this.sortedCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compareWith(sorted[mid] as number, prefix) < 0) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < this.sortedCount; i++) {
      const id = sorted[i] as number;
      if (!this.startsWith(id, prefix)) break;
      out.push(id);
    }
    return out;
  }

  /** Term ids in term order (for persisting; merges in terms added since the last call). */
  sortedIds(): Uint32Array {
    this.sortAll();
    return this.sorted.subarray(0, this.sortedCount);
  }

  /**
   * Takes a persisted order; false (and nothing changed) unless it is a permutation of every id in
   * strictly increasing term order.
   */
  restoreOrder(order: Uint32Array): boolean {
    if (order.length !== this.size) return false;
    const seen = new Uint8Array(order.length);
    for (let i = 0; i < order.length; i++) {
      const id = order[i] as number;
      if (id >= order.length || seen[id] === 1) return false;
      seen[id] = 1;
      if (i > 0 && !(this.compare(order[i - 1] as number, id) < 0)) return false;
    }
    this.sorted = Uint32Array.from(order);
    this.sortedCount = order.length;
    return true;
  }

  /** Merges the terms added since the last sort into the sorted order. */
  private sortAll(): void {
    const total = this.size;
    if (this.sortedCount === total) return;
    const byTerm = (a: number, b: number) => this.compare(a, b);
    const fresh = Uint32Array.from({ length: total - this.sortedCount }, (_, i) => this.sortedCount + i).sort(
      byTerm,
    );
    const merged = new Uint32Array(total);
    let a = 0;
    let b = 0;
    let k = 0;
    while (a < this.sortedCount && b < fresh.length) {
      const x = this.sorted[a] as number;
      const y = fresh[b] as number;
      if (byTerm(x, y) <= 0) {
        merged[k++] = x;
        a++;
      } else {
        merged[k++] = y;
        b++;
      }
    }
    while (a < this.sortedCount) merged[k++] = this.sorted[a++] as number;
    while (b < fresh.length) merged[k++] = fresh[b++] as number;
    this.sorted = merged;
    this.sortedCount = total;
  }

  private internString(term: string, onNew: (term: string, id: number) => void): number {
    if (term === '') return -1;
    const hash = hashString(term);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] ?? 0;
      if (entry === 0) return this.add(term, hash, slot, onNew);
      if (this.hashes[entry - 1] === hash && this.equals(entry - 1, term)) return entry - 1;
    }
  }

  private add(term: string, hash: number, slot: number, onNew: (term: string, id: number) => void): number {
    const id = this.size;
    this.recent.push(term);
    this.growTo(id + 1);
    this.hashes[id] = hash;
    this.slots[slot] = id + 1;
    if (this.size * 2 > this.slots.length) this.rehash();
    onNew(term, id);
    return id;
  }

  private growTo(count: number): void {
    if (count <= this.hashes.length) return;
    const hashes = new Int32Array(Math.max(count, this.hashes.length * 2));
    hashes.set(this.hashes);
    this.hashes = hashes;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = (this.hashes[id] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }

  // In-place reads of a term: `packed` from `from(id)`, or the term's own string from 0.

  private lengthOf(id: number): number {
    if (id >= this.packedCount) return (this.recent[id - this.packedCount] as string).length;
    return (this.packedStart[id + 1] as number) - 1 - (this.packedStart[id] as number);
  }

  private sourceOf(id: number): string {
    return id >= this.packedCount ? (this.recent[id - this.packedCount] as string) : this.packed;
  }

  private from(id: number): number {
    return id >= this.packedCount ? 0 : (this.packedStart[id] as number);
  }

  private equals(id: number, term: string): boolean {
    if (id >= this.packedCount) return this.recent[id - this.packedCount] === term;
    return this.packedEquals(id, term, 0, term.length);
  }

  /** Whether packed term `id` is `text[from, to)`. */
  private packedEquals(id: number, text: string, from: number, to: number): boolean {
    const start = this.packedStart[id] as number;
    const length = (this.packedStart[id + 1] as number) - 1 - start;
    return length === to - from && compareRanges(this.packed, start, length, text, from, to - from) === 0;
  }

  /** Whether term `id` is `text` from `start`, ASCII-lower-cased (the caller checked the length). */
  private sameLowered(id: number, text: string, start: number): boolean {
    const source = this.sourceOf(id);
    const from = this.from(id);
    const length = this.lengthOf(id);
    for (let i = 0; i < length; i++) {
      let c = text.charCodeAt(start + i);
      if (c >= ASCII_UPPER_A && c <= ASCII_UPPER_Z) c |= 0x20;
      if (c !== source.charCodeAt(from + i)) return false;
    }
    return true;
  }

  /** Term `id` against `other`, by UTF-16 code units (as `<` compares strings). */
  private compareWith(id: number, other: string): number {
    return compareRanges(this.sourceOf(id), this.from(id), this.lengthOf(id), other, 0, other.length);
  }

  private compare(a: number, b: number): number {
    return compareRanges(
      this.sourceOf(a),
      this.from(a),
      this.lengthOf(a),
      this.sourceOf(b),
      this.from(b),
      this.lengthOf(b),
    );
  }

  private startsWith(id: number, prefix: string): boolean {
    if (this.lengthOf(id) < prefix.length) return false;
    const source = this.sourceOf(id);
    const from = this.from(id);
    for (let i = 0; i < prefix.length; i++)
      if (source.charCodeAt(from + i) !== prefix.charCodeAt(i)) return false;
    return true;
  }
}

function compareRanges(
  x: string,
  xFrom: number,
  xLength: number,
  y: string,
  yFrom: number,
  yLength: number,
): number {
  const n = Math.min(xLength, yLength);
  for (let i = 0; i < n; i++) {
    const d = x.charCodeAt(xFrom + i) - y.charCodeAt(yFrom + i);
    if (d !== 0) return d;
  }
  return xLength - yLength;
}

/** FNV-1a over UTF-16 code units; for ASCII words, the same value `intern` computes from the text. */
function hashString(term: string): number {
  return hashRange(term, 0, term.length);
}

function hashRange(text: string, from: number, to: number): number {
  let hash = 0x811c9dc5;
  for (let i = from; i < to; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}
