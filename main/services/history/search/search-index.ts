import { MessageIds } from './message-ids';
import { type FrozenPostings, PostingLists } from './posting-lists';
import { parseQuery, type QueryTerm } from './query';
import { searchableText } from './searchable-text';
import { TermTable } from './term-table';
import { forEachToken, MAX_TERM_LENGTH, TokenScanner } from './tokenize';

/**
 * Full-text index of every message, in memory, updated incrementally.
 *
 * Why not one MiniSearch document per message, as first planned: measured on the benchmark history
 * (200,000 messages, 145 M characters) MiniSearch needed ~810 MB of heap, ~110 s to build, and had a
 * p95 query time of 2 s, because it keeps one JavaScript Map entry (~50 bytes) per (word, message)
 * pair, about 16 million of them. So words are numbered by term-table.ts (which also keeps them in
 * sorted order, so a prefix is one binary search) and each word's messages are stored as delta-encoded
 * message numbers (~1.5 bytes per pair, posting-lists.ts). A query expands each word, marks matching
 * messages in a byte array and intersects; that is a few tight loops over typed arrays.
 *
 * The whole index can be taken as a snapshot and rebuilt from one (index-persistence.ts writes it to
 * disk, so a start loads it instead of reading every conversation again).
 *
 * Ranking is "all words in the message itself" before "some only in the title", then newest first:
 * in a chat history the recent conversation is almost always the one being looked for.
 *
 * Removal marks a message dead (tombstone); its numbers stay in the posting lists until enough are
 * dead to make compacting worthwhile.
 */
export interface IndexableMessage {
  id: string;
  content: string;
  createdAt: string;
  /** A user message's attachments: their names are indexed with the content (searchable-text.ts). */
  attachments?: unknown;
}

export interface IndexHit {
  conversationId: string;
  messageId: string;
  /** 1 when every word occurs in the message; less when some only occur in the title. */
  score: number;
  createdAtMs: number;
}

export interface IndexSearchResult {
  hits: IndexHit[];
  /** How many messages match in all (only `limit` are returned). */
  total: number;
  terms: QueryTerm[];
}

export interface SearchIndexStats {
  conversations: number;
  messages: number;
  terms: number;
  postings: number;
  /** Memory held by the posting lists. */
  postingBytes: number;
}

/**
 * Everything the index holds, as flat arrays (index-persistence.ts writes and checks it). Message
 * `doc` belongs to conversation number `docConversation[doc]`; a removed message has `docAlive` 0 and
 * id ''; a removed conversation keeps its number with id '' (numbers are never reused).
 */
export interface IndexSnapshot {
  /** Every term in id order, joined by newlines (term-table.ts keeps them so). */
  termText: string;
  termCount: number;
  /** Term ids in term order. */
  termOrder: Uint32Array;
  postings: FrozenPostings;
  docConversation: Uint32Array;
  docTime: Float64Array;
  docAlive: Uint8Array;
  /** Message ids joined by newlines ('' for a removed message; message-ids.ts). */
  messageIdText: string;
  conversationIds: readonly string[];
  conversationTitles: readonly string[];
}

export class SearchIndex {
  // Vocabulary: a hash table for the hot path (indexing), kept in sorted order for prefix expansion.
  private termTable = new TermTable();
  private postings = new PostingLists();
  private readonly scanner = new TokenScanner();
  private readonly onNewTerm = (_term: string, id: number) => {
    this.postings.ensure(id);
  };
  private readonly scratch: Uint8Array[] = [];
  /** Conversations whose title contains the term. Titles are few, so plain Sets suffice. */
  private readonly titleConversations = new Map<number, Set<number>>();

  // Messages ("documents"), numbered in the order they were indexed.
  private docCount = 0;
  private docConversation: Uint32Array = new Uint32Array(1024);
  private docTime: Float64Array = new Float64Array(1024);
  private docAlive: Uint8Array = new Uint8Array(1024);
  private docMessageIds = new MessageIds();
  private liveDocs = 0;
  /** Dead message numbers still present in posting lists. */
  private deadInPostings = 0;

  // Conversations, numbered likewise; a removed conversation's number is never reused.
  private readonly conversationNumbers = new Map<string, number>();
  private conversationIds: string[] = [];
  private conversationTitles: string[] = [];
  private conversationDocs: number[][] = [];
  private conversationTitleTerms: number[][] = [];

  /** Ids of the conversations in the index. */
  conversations(): IterableIterator<string> {
    return this.conversationNumbers.keys();
  }

  hasConversation(id: string): boolean {
    return this.conversationNumbers.has(id);
  }

  /** Adds the conversation if new, and (re)indexes its title. */
  setConversation(id: string, title: string): void {
    let conv = this.conversationNumbers.get(id);
    if (conv === undefined) {
      conv = this.conversationIds.length;
      this.conversationNumbers.set(id, conv);
      this.conversationIds.push(id);
      this.conversationTitles.push('');
      this.conversationDocs.push([]);
      this.conversationTitleTerms.push([]);
    }
    this.unindexTitle(conv);
    this.conversationTitles[conv] = title;
    const termIds = new Set<number>();
    forEachToken(title, (start, end) => {
      if (end - start > MAX_TERM_LENGTH) return;
      const id = this.termTable.intern(title, start, end, this.onNewTerm);
      if (id >= 0) termIds.add(id);
    });
    for (const termId of termIds) {
      let set = this.titleConversations.get(termId);
      if (!set) {
        set = new Set();
        this.titleConversations.set(termId, set);
      }
      set.add(conv);
    }
    this.conversationTitleTerms[conv] = [...termIds];
  }

  addMessages(conversationId: string, messages: readonly IndexableMessage[]): void {
    const conv = this.conversationNumbers.get(conversationId);
    if (conv === undefined) throw new Error(`conversation ${conversationId} is not in the search index`);
    const docs = this.conversationDocs[conv] ?? [];
    for (const message of messages) {
      const doc = this.newDoc(conv, message);
      docs.push(doc);
      const text = searchableText(message);
      const words = this.scanner.reset(text);
      while (words.next()) {
        if (words.end - words.start > MAX_TERM_LENGTH) continue;
        const id = this.termTable.intern(text, words.start, words.end, this.onNewTerm);
        if (id >= 0) this.postings.add(id, doc);
      }
    }
  }

  removeMessages(conversationId: string, messageIds: readonly string[]): void {
    const conv = this.conversationNumbers.get(conversationId);
    if (conv === undefined) return;
    const remove = new Set(messageIds);
    const docs = this.conversationDocs[conv] ?? [];
    this.conversationDocs[conv] = docs.filter((doc) => {
      if (!remove.has(this.docMessageIds.get(doc))) return true;
      this.kill(doc);
      return false;
    });
    this.maybeCompact();
  }

  removeConversation(conversationId: string): void {
    const conv = this.conversationNumbers.get(conversationId);
    if (conv === undefined) return;
    for (const doc of this.conversationDocs[conv] ?? []) this.kill(doc);
    this.unindexTitle(conv);
    this.conversationDocs[conv] = [];
    this.conversationIds[conv] = '';
    this.conversationTitles[conv] = '';
    this.conversationNumbers.delete(conversationId);
    this.maybeCompact();
  }

  stats(): SearchIndexStats {
    const size = this.postings.size();
    return {
      conversations: this.conversationNumbers.size,
      messages: this.liveDocs,
      terms: this.termTable.size,
      postings: size.entries,
      postingBytes: size.bytes,
    };
  }

  search(query: string, limit: number): IndexSearchResult {
    const terms = parseQuery(query);
    if (terms.length === 0 || limit <= 0) return { hits: [], total: 0, terms };
    const n = this.docCount;
    // Per message: how many query words it matched (in content or title), how many in its content,
    // and which word last counted it, so a message matching several expansions of one word counts once.
    const matched = this.scratchArray(0, n);
    const inContent = this.scratchArray(1, n);
    const lastTerm = this.scratchArray(2, n);
    for (let t = 0; t < terms.length; t++) {
      const q = terms[t] as QueryTerm;
      const stamp = t + 1;
      const termIds = this.expand(q);
      const mark = (page: Uint32Array, from: number, to: number) => {
        for (let k = from; k < to; k++) {
          const doc = page[k] as number;
          if (lastTerm[doc] !== stamp) {
            lastTerm[doc] = stamp;
            matched[doc] = (matched[doc] ?? 0) + 1;
            inContent[doc] = (inContent[doc] ?? 0) + 1;
          }
        }
      };
      for (const termId of termIds) this.postings.forEachBlock(termId, mark);
      for (const termId of termIds) {
        for (const conv of this.titleConversations.get(termId) ?? []) {
          for (const doc of this.conversationDocs[conv] ?? []) {
            if (lastTerm[doc] !== stamp) {
              lastTerm[doc] = stamp;
              matched[doc] = (matched[doc] ?? 0) + 1;
            }
          }
        }
      }
    }
    return { ...this.collect(matched, inContent, terms.length, limit), terms };
  }

  private collect(
    matched: Uint8Array,
    inContent: Uint8Array,
    wanted: number,
    limit: number,
  ): { hits: IndexHit[]; total: number } {
    // Keep the best `limit` in a small sorted array: the candidates can be most of the history.
    const best: { doc: number; score: number; time: number }[] = [];
    const titleOnlyTaken = this.scratchArray(3, this.conversationIds.length);
    let total = 0;
    for (let doc = 0; doc < this.docCount; doc++) {
      if (!this.qualifies(doc, matched, inContent, wanted, titleOnlyTaken)) continue;
      total++;
      const score = (1 + (inContent[doc] ?? 0) / wanted) / 2;
      const time = this.docTime[doc] ?? 0;
      const worst = best[best.length - 1];
      if (
        best.length === limit &&
        worst &&
        (score < worst.score || (score === worst.score && time <= worst.time))
      ) {
        continue;
      }
      let i = best.length;
      while (i > 0) {
        const prev = best[i - 1];
        if (!prev || prev.score > score || (prev.score === score && prev.time >= time)) break;
        i--;
      }
      best.splice(i, 0, { doc, score, time });
      if (best.length > limit) best.pop();
    }
    const hits = best.map(({ doc, score, time }) => ({
      conversationId: this.conversationIds[this.docConversation[doc] ?? 0] ?? '',
      messageId: this.docMessageIds.get(doc),
      score,
      createdAtMs: time,
    }));
    return { hits, total };
  }

  /**
   * A live message matching every word. When it matches only through its conversation's title, just the
   * conversation's first such message counts: otherwise a title match would list every message in it.
   */
  private qualifies(
    doc: number,
    matched: Uint8Array,
    inContent: Uint8Array,
    wanted: number,
    titleOnlyTaken: Uint8Array,
  ): boolean {
    if (matched[doc] !== wanted || this.docAlive[doc] !== 1) return false;
    if ((inContent[doc] ?? 0) > 0) return true;
    const conv = this.docConversation[doc] ?? 0;
    if (titleOnlyTaken[conv] === 1) return false;
    titleOnlyTaken[conv] = 1;
    return true;
  }

  /**
   * A zeroed byte array of `length` for one search, reused between searches (searches are
   * synchronous): four fresh arrays of 200,000 bytes per keystroke were allocation churn for nothing.
   */
  private scratchArray(slot: number, length: number): Uint8Array {
    let array = this.scratch[slot];
    if (!array || array.length < length) {
      array = new Uint8Array(Math.ceil(length * 1.25));
      this.scratch[slot] = array;
      return array.subarray(0, length);
    }
    const view = array.subarray(0, length);
    view.fill(0);
    return view;
  }

  private expand(q: QueryTerm): number[] {
    if (!q.prefix) {
      const id = this.termTable.find(q.term);
      return id < 0 ? [] : [id];
    }
    return this.termTable.atPrefix(q.term);
  }

  private newDoc(conv: number, message: IndexableMessage): number {
    const doc = this.docCount++;
    if (doc >= this.docAlive.length) {
      this.docConversation = grow(this.docConversation, doc + 1);
      this.docTime = grow(this.docTime, doc + 1);
      this.docAlive = grow(this.docAlive, doc + 1);
    }
    const time = Date.parse(message.createdAt);
    this.docConversation[doc] = conv;
    this.docTime[doc] = Number.isNaN(time) ? 0 : time;
    this.docAlive[doc] = 1;
    this.docMessageIds.push(doc, message.id);
    this.liveDocs++;
    return doc;
  }

  private kill(doc: number): void {
    if (this.docAlive[doc] !== 1) return;
    this.docAlive[doc] = 0;
    this.liveDocs--;
    this.deadInPostings++;
  }

  private unindexTitle(conv: number): void {
    for (const termId of this.conversationTitleTerms[conv] ?? [])
      this.titleConversations.get(termId)?.delete(conv);
    this.conversationTitleTerms[conv] = [];
  }

  /**
   * Packs the posting lists into one buffer (after the start-up build: block slack and headers go) and
   * returns a snapshot of the index. The snapshot's arrays are copies or never written again, so it
   * stays valid while the index keeps changing.
   */
  snapshot(): IndexSnapshot {
    const n = this.docCount;
    this.docMessageIds.compact(this.isAlive);
    return {
      termText: this.termTable.joined(),
      termCount: this.termTable.size,
      termOrder: this.termTable.sortedIds().slice(),
      postings: this.postings.freeze(),
      docConversation: this.docConversation.slice(0, n),
      docTime: this.docTime.slice(0, n),
      docAlive: this.docAlive.slice(0, n),
      messageIdText: this.docMessageIds.joined(this.isAlive),
      conversationIds: this.conversationIds.slice(),
      conversationTitles: this.conversationTitles.slice(),
    };
  }

  /** Packs the posting lists and message ids (see snapshot) without taking a snapshot. */
  compact(): void {
    this.postings.freeze();
    this.termTable.pack();
    this.docMessageIds.compact(this.isAlive);
  }

  private readonly isAlive = (doc: number) => this.docAlive[doc] === 1;

  /**
   * The index a snapshot describes. The snapshot must have been checked (index-persistence.ts): this
   * only throws if the terms repeat or their order is wrong.
   */
  static fromSnapshot(snapshot: IndexSnapshot, counts: Uint32Array, lastDocs: Int32Array): SearchIndex {
    const index = new SearchIndex();
    const table = TermTable.fromJoined(snapshot.termText, snapshot.termCount);
    if (!table) throw new Error('a term is empty or repeated');
    index.termTable = table;
    if (!index.termTable.restoreOrder(snapshot.termOrder)) throw new Error('the terms are out of order');
    index.postings = PostingLists.fromFrozen(snapshot.postings, counts, lastDocs);
    const n = snapshot.docConversation.length;
    index.docCount = n;
    index.docConversation = snapshot.docConversation;
    index.docTime = snapshot.docTime;
    index.docAlive = snapshot.docAlive;
    const ids = MessageIds.fromText(snapshot.messageIdText, n);
    if (!ids) throw new Error('the message ids do not match the messages');
    index.docMessageIds = ids;
    index.conversationIds = snapshot.conversationIds.slice();
    index.conversationDocs = snapshot.conversationIds.map(() => []);
    index.conversationTitleTerms = snapshot.conversationIds.map(() => []);
    index.conversationTitles = snapshot.conversationIds.map(() => '');
    for (let doc = 0; doc < n; doc++) {
      if (snapshot.docAlive[doc] !== 1) {
        index.deadInPostings++;
        continue;
      }
      index.liveDocs++;
      index.conversationDocs[snapshot.docConversation[doc] as number]?.push(doc);
    }
    snapshot.conversationIds.forEach((id, conv) => {
      if (id === '') return;
      index.conversationNumbers.set(id, conv);
      index.setConversation(id, snapshot.conversationTitles[conv] ?? '');
    });
    return index;
  }

  /** Drops dead message numbers from the posting lists once they are most of them. */
  private maybeCompact(): void {
    if (this.deadInPostings < 20_000 || this.deadInPostings < this.liveDocs) return;
    this.postings = this.postings.filtered((doc) => this.docAlive[doc] === 1);
    this.deadInPostings = 0;
  }
}

type TypedArray = Uint8Array | Uint32Array | Float64Array;

/** A copy at least `min` long, growing by half again (not doubling) to limit slack on large lists. */
function grow<T extends TypedArray>(array: T, min: number): T {
  const size = Math.max(min, Math.ceil(array.length * 1.5), 4);
  const Ctor = array.constructor as new (length: number) => T;
  const next = new Ctor(size);
  next.set(array);
  return next;
}
