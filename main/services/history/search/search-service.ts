import { promises as fs, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeError } from '../../../../common/redact';
import { type Scheduler, yieldToEventLoop } from '../../shared/scheduler';
import type { ChangeFeed, HistoryChange } from '../store/change-events';
import { loadDoc, type StoreCore } from '../store/store-core';
import type { SearchHit, SearchResult, SearchStatus } from '../types';
import {
  encodeIndex,
  type Fingerprint,
  type LoadedIndex,
  readIndexFile,
  writeIndexFile,
} from './index-persistence';
import { type IndexSource, quickReadForIndex } from './index-source';
import { SearchIndex } from './search-index';
import { searchableText } from './searchable-text';
import { buildSnippet } from './snippet';
import { messageFromText, type SnippetMessage, titleFromText } from './snippet-source';

/**
 * Search over the whole history, kept current as conversations change.
 *
 * Start-up: the list must be ready in well under 300 ms, while indexing 200,000 messages takes seconds.
 * So the index is built in the background after init, most recently active conversations first, in
 * chunks that yield to the event loop between them. A search during the build answers at once from
 * what is indexed and says so (`complete: false`) rather than making the person wait; the UI can show
 * "still indexing older conversations".
 *
 * Consistency: the index follows the store's change events (store/change-events.ts), which every
 * write emits inside the conversation's queue, right after its file is written; no write path calls
 * search itself. The build reads each conversation inside that same queue and marks it indexed there,
 * and a change updates the index only for conversations already indexed. So no change is missed or
 * applied twice. Replies being streamed are indexed once, when finished, not at every checkpoint.
 *
 * Persisted (issue 19): the index is written to `search-index.bin` (index-persistence.ts) after the
 * build and `PERSIST_DELAY_MS` after changes, and at close; a start loads it and re-reads only the
 * conversations whose file changed since. "Changed" compares what the index recorded when it took a
 * conversation in with the store's own record of the file (`core.entries`: size and mtime as of the
 * store's last write or read of it, and the summary's `updatedAt`), so it costs no file access at all:
 * - every write of this app goes through persistDoc, which records the new size and mtime before it
 *   emits its change, and search records them when it applies that change — so the pair recorded always
 *   describes the version of the file the index holds;
 * - after a crash the store stats every file and re-reads changed ones, so a write the index never
 *   heard of shows up as a different size or mtime;
 * - a rewrite with the same size within the file system's mtime granularity (2 s on FAT, 1 s on some
 *   network shares; nanoseconds on ext4/APFS/NTFS) would look unchanged — unless its `updatedAt`
 *   moved, which every append, reply, rename and import does. A clock change does not matter: values
 *   are compared for equality, never order.
 * - a file edited by hand while the app was closed is not noticed, exactly as the list is not (the
 *   store trusts index.json on a clean start); it is re-indexed the next time the app writes it.
 * A conversation deleted, trashed, purged or quarantined is not in `core.entries` at start, so it is
 * dropped from the loaded index before the first search; one with a reply still streaming is never
 * recorded (read again at the next start).
 */
/**
 * How long changes are coalesced before the index is written again: it is ~30 MB for 200,000 messages
 * (~0.2 s of work off the event loop's critical path), and close() always writes it, so this only
 * bounds what a crash makes the next start read again.
 */
export const PERSIST_DELAY_MS = 30_000;
const BUILD_CHUNK = 32;
export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 200;

export interface SearchPersistence {
  /** The index file (layout.searchIndex). */
  path: string;
  scheduler: Scheduler;
  delayMs?: number;
}

export function createSearchService(
  core: StoreCore,
  changes: Pick<ChangeFeed, 'subscribe'>,
  persistence?: SearchPersistence,
  /** Wraps a full build (no usable saved index): see HistoryStoreOptions.bulkWork. */
  bulkWork: <T>(work: () => Promise<T>) => Promise<T> = (work) => work(),
) {
  let index = new SearchIndex();
  const indexed = new Set<string>();
  /** What each indexed conversation's file was when the index took it in (see above). */
  let fingerprints = new Map<string, Fingerprint>();
  /** Conversations changed while the persisted index was being read: read again after it is adopted. */
  let touchedDuringLoad: Set<string> | null = null;
  let complete = false;
  let stopped = false;
  let build: Promise<void> | null = null;
  let dirty = false;
  let cancelPersist: (() => void) | null = null;
  let persisting: Promise<void> = Promise.resolve();

  const fingerprintOf = (id: string): Fingerprint | null => {
    const entry = core.entries.get(id);
    if (!entry || entry.streaming) return null;
    return { size: entry.size, mtimeMs: entry.mtimeMs, updatedAt: entry.summary.updatedAt };
  };

  const markDirty = () => {
    dirty = true;
    if (!persistence || !complete || stopped) return;
    cancelPersist ??= persistence.scheduler.schedule(() => {
      cancelPersist = null;
      void persist();
    }, persistence.delayMs ?? PERSIST_DELAY_MS);
  };

  /** The index took in (or followed a change of) this conversation: record its file as it is now. */
  const noteIndexed = (id: string) => {
    const print = fingerprintOf(id);
    if (print) fingerprints.set(id, print);
    else fingerprints.delete(id);
    markDirty();
  };

  /**
   * Writes the index. The snapshot is taken synchronously, so it is consistent whatever happens while
   * it is hashed and written; writes are chained, never concurrent.
   */
  const persist = (): Promise<void> => {
    persisting = persisting.then(async () => {
      if (!persistence || !dirty) return;
      dirty = false;
      const started = performance.now();
      try {
        const bytes = await encodeIndex(index.snapshot(), new Map(fingerprints));
        await writeIndexFile(persistence.path, bytes);
        core.log.debug('search index saved', {
          ms: Math.round(performance.now() - started),
          bytes: bytes.length,
        });
      } catch (error) {
        core.log.warn('could not save the search index; will retry', { error: describeError(error) });
        markDirty();
      }
    });
    return persisting;
  };

  /** Takes a loaded index in place of the (still empty or partial) one, keeping only what is current. */
  const adopt = (loaded: LoadedIndex, touched: ReadonlySet<string>): number => {
    index = loaded.index;
    indexed.clear();
    fingerprints = new Map();
    let dropped = 0;
    for (const id of [...index.conversations()]) {
      const recorded = loaded.fingerprints.get(id);
      const now = fingerprintOf(id);
      if (!touched.has(id) && recorded && now && sameFingerprint(recorded, now)) {
        indexed.add(id);
        fingerprints.set(id, recorded);
      } else {
        index.removeConversation(id);
        dropped++;
      }
    }
    return dropped;
  };

  const loadPersisted = async (): Promise<boolean> => {
    if (!persistence) return false;
    touchedDuringLoad = new Set();
    try {
      await removeTemporaryFiles(persistence.path);
      const result = await readIndexFile(persistence.path);
      if (stopped) return false;
      if (!result.ok) {
        core.log.info('building the search index from the conversations', { reason: result.reason });
        return false;
      }
      const dropped = adopt(result.loaded, touchedDuringLoad);
      if (dropped > 0) dirty = true;
      core.log.info('search index loaded', { conversations: indexed.size, outdated: dropped });
      return true;
    } catch (error) {
      core.log.warn('the saved search index could not be used; rebuilding it', {
        error: describeError(error),
      });
      return false;
    } finally {
      touchedDuringLoad = null;
    }
  };

  const searchable = <M extends { status: string }>(messages: readonly M[]) =>
    messages.filter((m) => m.status !== 'streaming');

  const indexDoc = (doc: IndexSource) => {
    const id = doc.conversation.id;
    index.removeConversation(id);
    index.setConversation(id, doc.conversation.title);
    index.addMessages(id, searchable(doc.messages));
    indexed.add(id);
    noteIndexed(id);
  };

  const runBuild = async () => {
    const started = performance.now();
    const loaded = await loadPersisted();
    if (!loaded) dirty = true;
    const readBefore = indexed.size;
    if (loaded) await readChanged(readBefore, loaded);
    else await bulkWork(() => readChanged(readBefore, loaded));
    if (stopped) return;
    complete = true;
    if (dirty) markDirty();
    const stats = index.stats();
    core.log.info('search index ready', {
      ms: Math.round(performance.now() - started),
      loaded,
      conversations: stats.conversations,
      messages: stats.messages,
      terms: stats.terms,
    });
  };

  /** Reads every conversation the index does not hold yet (all of them when nothing was loaded). */
  const readChanged = async (readBefore: number, loaded: boolean) => {
    const ids = [...core.entries.values()]
      .sort((a, b) => Date.parse(b.summary.updatedAt) - Date.parse(a.summary.updatedAt))
      .map((e) => e.summary.id);
    for (let i = 0; i < ids.length && !stopped; i += BUILD_CHUNK) {
      await Promise.all(
        ids.slice(i, i + BUILD_CHUNK).map((id) =>
          core.queue.run(id, async () => {
            if (stopped || indexed.has(id) || !core.entries.has(id)) return;
            try {
              indexDoc((await quickReadForIndex(core, id)) ?? (await loadDoc(core, id, { keep: false })));
            } catch (error) {
              // Quarantined or gone: loadDoc has already reported it and dropped it from the list.
              core.log.debug('not indexed', { conversationId: id, error: describeError(error) });
            }
          }),
        ),
      );
      await yieldToEventLoop();
    }
    if (stopped) return;
    // One tightly packed buffer for the posting lists: drops the slack the build left in their blocks.
    if (!loaded || indexed.size - readBefore > 1000) index.compact();
  };

  /** Keeps the index in step with one change of the history. */
  const follow = (change: HistoryChange): void => {
    const id = 'doc' in change ? change.doc.conversation.id : change.conversationId;
    touchedDuringLoad?.add(id);
    switch (change.kind) {
      case 'conversation-created':
      case 'conversation-imported':
      case 'conversation-restored':
        indexDoc(change.doc);
        return;
      case 'conversation-renamed':
        if (indexed.has(id)) {
          index.setConversation(id, change.title);
          noteIndexed(id);
        }
        return;
      case 'conversation-removed':
        indexed.delete(id);
        fingerprints.delete(id);
        index.removeConversation(id);
        markDirty();
        return;
      case 'messages-appended':
        if (indexed.has(id)) {
          index.addMessages(id, searchable(change.messages));
          noteIndexed(id);
        }
        return;
      case 'message-replaced':
        if (indexed.has(id)) {
          index.removeMessages(id, [change.message.id]);
          index.addMessages(id, searchable([change.message]));
          noteIndexed(id);
        }
        return;
      case 'reply-checkpointed':
        // Indexed once, when the reply finishes (message-replaced). The file changed but the index did
        // not: the recorded fingerprint stays the one of the version the index holds.
        return;
      case 'conversation-options-changed':
      case 'active-branch-changed':
        // Request options are not searchable text, and every branch is indexed whichever is shown; but
        // the file was rewritten, so its new size and mtime are recorded.
        if (indexed.has(id)) noteIndexed(id);
        return;
      default:
        // A new kind of change fails to compile here until search says how it follows it.
        change satisfies never;
    }
  };
  changes.subscribe(follow);

  return {
    startBuild(): void {
      build ??= runBuild().catch((error: unknown) => {
        core.log.error('building the search index failed', { error: describeError(error) });
      });
    },

    async whenReady(): Promise<void> {
      await build;
    },

    /** Stops the build and timed saves; then `flush()` saves what changed (at quit). */
    stop(): void {
      stopped = true;
      cancelPersist?.();
      cancelPersist = null;
    },

    /** Saves the index now if it changed since it was last saved. */
    async flush(): Promise<void> {
      await persist();
    },

    status(): SearchStatus {
      return {
        complete,
        indexedConversations: indexed.size,
        totalConversations: core.entries.size,
        indexedMessages: index.stats().messages,
      };
    },

    async search(query: string, limit: number): Promise<SearchResult> {
      const found = index.search(query, Math.min(Math.max(1, limit), MAX_SEARCH_LIMIT));
      // Snippets need the text, which is not kept in memory (it would double main's footprint): read
      // the few conversations the hits are in. Not through their queues and without validation, to
      // stay fast: a file is only ever replaced whole (atomic rename), so a read sees a complete
      // version, and a file that no longer parses just yields no snippet (opening it will quarantine it).
      const docs = new Map<string, SnippetSource | null>();
      for (const id of new Set(found.hits.map((h) => h.conversationId))) {
        docs.set(id, core.cache.get(id) ?? readForSnippets(core, id, found.hits));
      }
      const hits: SearchHit[] = [];
      for (const hit of found.hits) {
        const doc = docs.get(hit.conversationId);
        const message = doc?.messages.find((m) => m.id === hit.messageId);
        if (!doc || typeof message?.content !== 'string') continue;
        hits.push({
          conversationId: hit.conversationId,
          messageId: hit.messageId,
          title: doc.conversation.title,
          snippet: buildSnippet(searchableText(message), found.terms),
          score: hit.score,
        });
      }
      return { hits, total: found.total, complete };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;

interface SnippetSource {
  conversation: { title: string };
  messages: ReadonlyArray<{ id: string; content: string; attachments?: unknown }>;
}

/**
 * Synchronous on purpose: for a handful of small files already in the page cache, readFileSync takes
 * ~0.1 ms each while fs.promises.readFile makes four thread-pool round trips per file, which measured
 * 2–5× slower under load. Only the title and the hit messages are parsed (snippet-source.ts); a file
 * where they cannot be found that way is parsed whole, as before.
 */
function readForSnippets(
  core: StoreCore,
  id: string,
  hits: readonly { conversationId: string; messageId: string }[],
): SnippetSource | null {
  let text: string;
  try {
    text = readFileSync(core.layout.conversationFile(id), 'utf8');
  } catch {
    return null;
  }
  const title = titleFromText(text, id);
  const messages: SnippetMessage[] = [];
  for (const hit of hits) {
    if (hit.conversationId !== id || title === null) continue;
    const message = messageFromText(text, hit.messageId);
    if (!message) break;
    messages.push(message);
  }
  if (title !== null && messages.length === hits.filter((h) => h.conversationId === id).length) {
    return { conversation: { title }, messages };
  }
  try {
    const raw = JSON.parse(text) as Partial<SnippetSource>;
    if (typeof raw.conversation?.title !== 'string' || !Array.isArray(raw.messages)) return null;
    return raw as SnippetSource;
  } catch {
    return null;
  }
}
function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.updatedAt === b.updatedAt;
}

/** Temporary files of an index write cut off by a crash (write-file-atomic: `<name>.<digits>`). */
async function removeTemporaryFiles(path: string): Promise<void> {
  const prefix = `${basename(path)}.`;
  const names = await fs.readdir(dirname(path)).catch(() => [] as string[]);
  for (const name of names) {
    if (name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length))) {
      await fs.rm(join(dirname(path), name), { force: true });
    }
  }
}
