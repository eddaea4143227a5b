import { timerScheduler } from '../shared/scheduler';
import { createSearchService, DEFAULT_SEARCH_LIMIT } from './search/search-service';
import { createConversationStore } from './store/conversation-store';
import { type ConversationRestorer, createConversationRestorer } from './store/restore-file';
import { exportConversationsText, exportConversationText } from './transfer/export-history';
import { importConversations } from './transfer/import-conversations';
import type { HistoryStore, HistoryStoreOptions } from './types';

export type { HistoryStore, HistoryStoreOptions } from './types';

/**
 * The conversation history, from its three rooms (see README.md in this folder):
 * - store/: the conversations on disk; every write emits what it changed;
 * - search/: the full-text index, which follows those change events (no write path calls it);
 * - transfer/: export and import.
 */
export function createHistoryStore(options: HistoryStoreOptions): HistoryStore {
  return createHistoryStoreWithRestorer(options).history;
}

/**
 * The store and, beside it, the one way to put a whole conversation file back (backups restore:
 * store/restore-file.ts). Not a `HistoryStore` method: only the backup service is handed it.
 */
export function createHistoryStoreWithRestorer(options: HistoryStoreOptions): {
  history: HistoryStore;
  restorer: ConversationRestorer;
} {
  const { store, internals } = createConversationStore(options);
  const { core, ensureOpen, inConversation } = internals;
  // The index is saved only when it is built in the background (buildSearchIndex: false is for tests
  // and tools that never search). Its timed save runs on real (unref'd) timers, not options.scheduler:
  // it is insurance against a crash (close() always saves), and a manual clock in a test would see a
  // pending timer the test never asked for.
  const search = createSearchService(
    core,
    core.changes,
    options.buildSearchIndex === false
      ? undefined
      : { path: core.layout.searchIndex, scheduler: timerScheduler },
    options.bulkWork,
  );

  const history: HistoryStore = {
    ...store,

    async init() {
      const opened = await store.init();
      if (options.buildSearchIndex !== false) search.startBuild();
      return opened;
    },

    async close() {
      // Stop the background build first, or flushing would wait for the rest of it; then save the
      // index if it changed (what was indexed so far is kept even if the build was cut short).
      search.stop();
      try {
        await search.flush();
      } finally {
        await store.close();
      }
    },

    async search(query, opts) {
      ensureOpen();
      return search.search(query, opts?.limit ?? DEFAULT_SEARCH_LIMIT);
    },

    searchStatus() {
      return search.status();
    },

    whenSearchReady() {
      return search.whenReady();
    },

    async exportConversation(id, format) {
      return inConversation(id, async (doc) => exportConversationText(core, doc, format, options.text));
    },

    async exportAll(format) {
      ensureOpen();
      const ids = store.list({ limit: Number.MAX_SAFE_INTEGER }).items.map((s) => s.id);
      return exportConversationsText(core, ids, format, options.text);
    },

    async importJson(text) {
      ensureOpen();
      return importConversations(core, text);
    },
  };
  return { history, restorer: createConversationRestorer(core, ensureOpen) };
}
