import { readFileSync } from 'node:fs';
import { describeError } from '../../../../common/redact';
import { yieldToEventLoop } from '../../shared/scheduler';
import type { ChangeFeed, HistoryChange } from '../store/change-events';
import { loadDoc, type StoreCore } from '../store/store-core';
import type { SearchHit, SearchResult, SearchStatus } from '../types';
import { type IndexSource, quickReadForIndex } from './index-source';
import { SearchIndex } from './search-index';
import { searchableText } from './searchable-text';
import { buildSnippet } from './snippet';

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
 */
const BUILD_CHUNK = 32;
export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 200;

export function createSearchService(core: StoreCore, changes: Pick<ChangeFeed, 'subscribe'>) {
  const index = new SearchIndex();
  const indexed = new Set<string>();
  let complete = false;
  let stopped = false;
  let build: Promise<void> | null = null;

  const searchable = <M extends { status: string }>(messages: readonly M[]) =>
    messages.filter((m) => m.status !== 'streaming');

  const indexDoc = (doc: IndexSource) => {
    const id = doc.conversation.id;
    index.removeConversation(id);
    index.setConversation(id, doc.conversation.title);
    index.addMessages(id, searchable(doc.messages));
    indexed.add(id);
  };

  const runBuild = async () => {
    const started = performance.now();
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
    complete = true;
    const stats = index.stats();
    core.log.info('search index built', {
      ms: Math.round(performance.now() - started),
      conversations: stats.conversations,
      messages: stats.messages,
      terms: stats.terms,
    });
  };

  /** Keeps the index in step with one change of the history. */
  const follow = (change: HistoryChange): void => {
    switch (change.kind) {
      case 'conversation-created':
      case 'conversation-imported':
      case 'conversation-restored':
        indexDoc(change.doc);
        return;
      case 'conversation-renamed':
        if (indexed.has(change.conversationId)) index.setConversation(change.conversationId, change.title);
        return;
      case 'conversation-removed':
        indexed.delete(change.conversationId);
        index.removeConversation(change.conversationId);
        return;
      case 'messages-appended':
        if (indexed.has(change.conversationId))
          index.addMessages(change.conversationId, searchable(change.messages));
        return;
      case 'message-replaced':
        if (indexed.has(change.conversationId)) {
          index.removeMessages(change.conversationId, [change.message.id]);
          index.addMessages(change.conversationId, searchable([change.message]));
        }
        return;
      case 'reply-checkpointed':
        // Indexed once, when the reply finishes (message-replaced).
        return;
      case 'conversation-options-changed':
        // Request options are not searchable text.
        return;
      case 'active-branch-changed':
        // Every message of every branch is indexed; which one is shown does not change the hits.
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

    stop(): void {
      stopped = true;
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
        docs.set(id, core.cache.get(id) ?? readForSnippets(core, id));
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
 * 2–5× slower under load. The JSON.parse that follows is synchronous either way.
 */
function readForSnippets(core: StoreCore, id: string): SnippetSource | null {
  try {
    const raw = JSON.parse(readFileSync(core.layout.conversationFile(id), 'utf8')) as Partial<SnippetSource>;
    if (typeof raw.conversation?.title !== 'string' || !Array.isArray(raw.messages)) return null;
    return raw as SnippetSource;
  } catch {
    return null;
  }
}
