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
 */
const ASCII_UPPER_A = 65;
const ASCII_UPPER_Z = 90;

export class TermTable {
  private slots = new Int32Array(1 << 16); // termId + 1; 0 = empty
  private hashes: number[] = [];
  readonly terms: string[] = [];
  /**
   * Term ids in the order of their terms (UTF-16 code units, as `<` compares strings), for prefix
   * lookups: the terms a prefix starts are one run of it. Covers ids below `sortedCount`; terms added
   * since are merged in on the next lookup. This replaced MiniSearch's radix tree (issue 19), a Map per
   * node that held ~15 MB for the benchmark's vocabulary.
   */
  private sorted = new Uint32Array(0);
  private sortedCount = 0;

  get size(): number {
    return this.terms.length;
  }

  /** The id of an already normalized term, or -1. */
  find(term: string): number {
    const hash = hashString(term);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] ?? 0;
      if (entry === 0) return -1;
      if (this.hashes[entry - 1] === hash && this.terms[entry - 1] === term) return entry - 1;
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
      const term = this.terms[id] as string;
      if (term.length === length && sameLowered(text, start, term)) return id;
    }
  }

  /** Adds an already normalized term read from a persisted index; false if it is empty or known. */
  restore(term: string): boolean {
    if (term === '' || this.find(term) >= 0) return false;
    const hash = hashString(term);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.add(term, hash, slot, () => undefined);
    return true;
  }

  /** Ids of every term starting with `prefix` (the term itself included), in term order. */
  atPrefix(prefix: string): number[] {
    this.sortAll();
    const sorted = this.sorted;
    let lo = 0;
    let hi = this.sortedCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.terms[sorted[mid] as number] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < this.sortedCount; i++) {
      const id = sorted[i] as number;
      if (!(this.terms[id] as string).startsWith(prefix)) break;
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
    if (order.length !== this.terms.length) return false;
    const seen = new Uint8Array(order.length);
    for (let i = 0; i < order.length; i++) {
      const id = order[i] as number;
      if (id >= order.length || seen[id] === 1) return false;
      seen[id] = 1;
      if (i > 0 && !((this.terms[order[i - 1] as number] as string) < (this.terms[id] as string)))
        return false;
    }
    this.sorted = Uint32Array.from(order);
    this.sortedCount = order.length;
    return true;
  }

  /** Merges the terms added since the last sort into the sorted order. */
  private sortAll(): void {
    const total = this.terms.length;
    if (this.sortedCount === total) return;
    const terms = this.terms;
    const byTerm = (a: number, b: number) => {
      const x = terms[a] as string;
      const y = terms[b] as string;
      return x < y ? -1 : x > y ? 1 : 0;
    };
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
      if (this.hashes[entry - 1] === hash && this.terms[entry - 1] === term) return entry - 1;
    }
  }

  private add(term: string, hash: number, slot: number, onNew: (term: string, id: number) => void): number {
    const id = this.terms.length;
    this.terms.push(term);
    this.hashes.push(hash);
    this.slots[slot] = id + 1;
    if (this.terms.length * 2 > this.slots.length) this.rehash();
    onNew(term, id);
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.terms.length; id++) {
      let slot = (this.hashes[id] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }
}

/** FNV-1a over UTF-16 code units; for ASCII words, the same value `intern` computes from the text. */
function hashString(term: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) hash = Math.imul(hash ^ term.charCodeAt(i), 0x01000193);
  return hash;
}

function sameLowered(text: string, start: number, term: string): boolean {
  for (let i = 0; i < term.length; i++) {
    let c = text.charCodeAt(start + i);
    if (c >= ASCII_UPPER_A && c <= ASCII_UPPER_Z) c |= 0x20;
    if (c !== term.charCodeAt(i)) return false;
  }
  return true;
}
