export { CURRENT_FORMAT_VERSION, DEFAULT_TITLE } from './conversation-file';
export { createHistoryStore } from './history-store';
export type { Snippet } from './snippet';
export type {
  ExportFormat,
  HistoryStore,
  HistoryStoreOptions,
  ImportResult,
  ReplyFinal,
  ReplyPersisted,
  SearchHit,
  SearchResult,
  SearchStatus,
} from './types';
