/**
 * The history service's public surface: code outside main/services/history imports only this file.
 * The rooms behind it (store/, search/, transfer/) are described in README.md.
 */
export { createHistoryStore, createHistoryStoreWithRestorer } from './history-store';
export type { Snippet } from './search/snippet';
export {
  // Tools and benchmarks may write any version this build reads; the store upgrades it when loading.
  type AnyConversationFile as ConversationFile,
  CURRENT_FORMAT_VERSION,
  DEFAULT_TITLE,
  type StoredOptions,
  serializeConversationFile,
} from './store/conversation-file';
export { toDataUrl } from './store/image-bytes';
export { conversationIdFromFileName, layoutFor } from './store/layout';
export type { ConversationRestorer } from './store/restore-file';
export { readImportFile, writeExportFile, writeImageFile } from './transfer/export-files';
export type {
  AppendOptions,
  AttachmentInput,
  BeginReplyOptions,
  ConversationTree,
  ExportFormat,
  HistoryStore,
  HistoryStoreOptions,
  ImportResult,
  ReplyFinal,
  ReplyImageBytes,
  ReplyPersisted,
  SearchHit,
  SearchResult,
  SearchStatus,
  TranscriptEntry,
} from './types';
