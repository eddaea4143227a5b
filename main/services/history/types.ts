import type { z } from 'zod';
import type { Attachment } from '../../../common/attachment-types';
import type { FileAnnotation, ReasoningDetail } from '../../../common/chat-types';
import type {
  ConversationSummary,
  ExportFormatSchema,
  ImportResultSchema,
  Message,
  MessageStatus,
  QuarantineNotice,
  SearchHitSchema,
  SearchResultSchema,
} from '../../../common/conversation-types';
import type { MainText } from '../i18n/catalog-intl';
import type { Logger } from '../log/logger';
import type { Scheduler } from '../shared/scheduler';
import type { StoredOptions } from './store/conversation-file';
import type { ReplyImageBytes } from './store/image-bytes';

export interface HistoryStoreOptions {
  /** The history folder (userData/history in the app); created if missing. */
  dir: string;
  log: Logger;
  now?: () => Date;
  /** Ids for conversations and messages; must match ConversationIdSchema / MessageIdSchema. */
  idFactory?: () => string;
  /** Minimum time between two checkpoint writes of a streaming reply. Default 400 ms (limit: 500). */
  checkpointIntervalMs?: number;
  /** Timers for checkpoints and index writes; tests pass a manual one. */
  scheduler?: Scheduler;
  /** How long index.json changes are coalesced before being written. Default 1000 ms. */
  indexWriteDelayMs?: number;
  /** Deleted conversations older than this are purged from the trash when the store opens. Default 30. */
  trashRetentionDays?: number;
  /** Build the search index in the background after init (default true). */
  buildSearchIndex?: boolean;
  /**
   * Runs a full build of the search index (no usable saved index): main lets its young generation
   * grow for it (main/app/young-generation.ts says why). Default: runs it as it is.
   */
  bulkWork?: <T>(work: () => Promise<T>) => Promise<T>;
  /**
   * Remove attachment files no conversation uses, in the background after init and after messages
   * naming files were removed (default true; see store/attachment-sweep.ts).
   */
  sweepAttachments?: boolean;
  /** Called after each reply checkpoint (and final write) is durably on disk. */
  onReplyPersisted?: (event: ReplyPersisted) => void;
  /** Called when a file is quarantined after init (init's own notices are in its result). */
  onQuarantine?: (notice: QuarantineNotice) => void;
  /**
   * The interface language's words for a Markdown export's own text (speakers, headings, notes), read
   * when each export is made (issue 20; `services.locale.text()` in the app). Default: English.
   */
  text?: MainText;
}

export interface ReplyPersisted {
  conversationId: string;
  messageId: string;
  contentLength: number;
  reasoningLength: number;
  final: boolean;
}

/** The final state of a reply; fields left out keep their checkpointed value. */
export type ReplyFinal = Partial<
  Pick<
    Message,
    | 'content'
    | 'reasoning'
    | 'usage'
    | 'finishReason'
    | 'generationId'
    | 'model'
    | 'error'
    | 'provider'
    | 'citations'
  >
> & {
  status: MessageStatus;
  /** Images of the reply with their bytes: written as files, referenced from the message. */
  images?: readonly ReplyImageBytes[];
  /** Kept with the reply on disk, never given to the window; sent back on later turns. */
  reasoningDetails?: readonly ReasoningDetail[];
  /** OpenRouter's `file` annotations (a PDF's parse): kept like `reasoningDetails`, never shown. */
  fileAnnotations?: readonly FileAnnotation[];
};

/**
 * A file attached to a new user message. With `bytes` they are written to the content-addressed store
 * (checked against `attachment.sha256` and `byteLength`); without, the file must already be stored
 * (edit-and-resend re-using an earlier message's files), else the append is refused naming it.
 */
export interface AttachmentInput {
  attachment: Attachment;
  bytes?: Uint8Array;
}

export type { ReplyImageBytes };

/*
 * The shapes the window also sees are defined once, as zod schemas in common/ (the IPC contract
 * validates them); the history's types are inferred from those.
 */

/**
 * A message that matches a search, with its snippet. `score` is 1 when every word occurs in the
 * message; lower when some occur only in the conversation's title.
 */
export type SearchHit = z.infer<typeof SearchHitSchema>;

/**
 * `total`: how many messages match in all; `hits` holds the best `limit` of them. `complete` is false
 * while the index is still being built after start-up: the hits then cover only the conversations
 * indexed so far (the most recently active are indexed first).
 */
export type SearchResult = z.infer<typeof SearchResultSchema>;

export interface SearchStatus {
  complete: boolean;
  indexedConversations: number;
  totalConversations: number;
  indexedMessages: number;
}

export type ImportResult = z.infer<typeof ImportResultSchema>;

export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export interface AppendOptions {
  /** The message the new one follows; null: a new first message. Default: the active leaf. */
  parentId?: string | null;
}

export interface BeginReplyOptions {
  model: string | null;
  messageId?: string;
  /** The message the reply answers. Default: the active leaf. */
  parentId?: string;
  /** Make the reply the active leaf (default true). */
  activate?: boolean;
}

/** Every message of a conversation (all branches, file order) and the leaf shown. */
export interface ConversationTree {
  messages: Message[];
  activeLeafId: string | null;
}

export interface HistoryStore {
  init(): Promise<{ quarantined: QuarantineNotice[] }>;
  /** Conversations by last activity, newest first, from memory. */
  list(opts: { offset?: number; limit: number }): { items: ConversationSummary[]; total: number };
  get(id: string): ConversationSummary | null;
  create(input: { model: string | null; title?: string }): Promise<ConversationSummary>;
  rename(id: string, title: string): Promise<ConversationSummary>;
  /** Moves the conversation to the trash; `restore(undoToken)` brings it back. */
  remove(id: string): Promise<{ undoToken: string }>;
  restore(undoToken: string): Promise<ConversationSummary>;
  /**
   * A page of the visible path (the chain from the first message to the active leaf), oldest first,
   * ending just before `before` (or at the active leaf). Each message has `parentId`, and `branch` when
   * it has siblings (worked out on read, never stored).
   */
  messages(
    id: string,
    opts: { before?: string; limit: number },
  ): Promise<{ messages: Message[]; hasMore: boolean }>;
  /** The whole visible path, as `messages`. */
  allMessages(id: string): Promise<Message[]>;
  /**
   * Every message of every branch, in the order they were made (a child after its parent), with the
   * active leaf: for the JSON export and tests. No `branch` fields.
   */
  tree(id: string): Promise<ConversationTree>;
  /**
   * What a new request needs of the conversation (id, role, text): the visible path only, read without
   * deep-copying every message: on a 2,000-message conversation the copies alone would add milliseconds
   * to the time to first token.
   */
  transcript(id: string): Promise<TranscriptEntry[]>;
  /**
   * Appends a user message, its attachments' files written first (inside the conversation's queue).
   * Its parent is `opts.parentId` when given (an existing message, or null for a new first message: an
   * edit makes a sibling of the edited message), else the active leaf; it becomes the active leaf.
   * Throws a validation error when an attachment is invalid, its bytes do not match its reference,
   * (without bytes) its file is no longer stored, or the parent does not exist.
   */
  appendUserMessage(
    id: string,
    content: string,
    attachments?: readonly AttachmentInput[],
    opts?: AppendOptions,
  ): Promise<Message>;
  /**
   * Appends an empty assistant message with status `streaming` and writes it. `messageId` lets the
   * caller name it up front (so a stream can be shown while this write is still in flight). Its parent
   * is `parentId` (regenerate: the user message the old reply answered) or the active leaf; `activate`
   * (default true) makes it the active leaf — a compare starts 2–4 replies under one user message and
   * activates only the first.
   */
  beginReply(id: string, opts: BeginReplyOptions): Promise<Message>;
  /**
   * Shows another branch: the active leaf becomes the leaf reached from `messageId` by taking, at each
   * step, the most recently made child. Written at once. Throws a validation error when the message
   * does not exist.
   */
  switchBranch(id: string, messageId: string): Promise<{ leafId: string }>;
  /** Cheap, call on every delta: the text is written at most every checkpoint interval. */
  checkpointReply(id: string, messageId: string, text: { content: string; reasoning: string }): void;
  /**
   * Writes the reply's final state at once: its images first (a failed image write drops that image
   * with a log line, never the reply), then the conversation file.
   */
  finishReply(id: string, messageId: string, final: ReplyFinal): Promise<Message>;
  /**
   * Final figures fetched after a reply's stream ended without them (any branch). Null when the reply
   * or its conversation is gone — nothing to update.
   */
  updateReplyUsage(
    id: string,
    messageId: string,
    figures: { usage: NonNullable<Message['usage']>; provider: string | null },
  ): Promise<Message | null>;
  /**
   * An image of a reply, its bytes checked against its type. Waits for a reply still being finished
   * in this session (the window may ask right after `done`). Throws a validation error when the image
   * is not (or no longer) saved.
   */
  replyImage(id: string, messageId: string, imageId: string): Promise<ReplyImageBytes>;
  /**
   * A stored file's bytes iff it exists and its SHA-256 is its name; null when it is missing or damaged
   * (logged; never throws for that). For requests: the chat service reads the transcript's files.
   */
  attachmentBytes(sha256: string): Promise<Uint8Array | null>;
  /**
   * An attachment of a message, only if that message names that hash, with its verified bytes. Throws a
   * validation error ("That file is no longer saved in this conversation. …") otherwise.
   */
  attachment(
    id: string,
    messageId: string,
    sha256: string,
  ): Promise<{ attachment: Attachment; bytes: Uint8Array }>;
  /**
   * The conversation's request options as stored (issue 15), unchecked: {} when it has none. The
   * chat service checks them field by field (a bad value is reported and never sent).
   */
  options(id: string): Promise<StoredOptions>;
  /** Sets some of the conversation's options (others keep their stored value); returns all of them. */
  updateOptions(id: string, patch: StoredOptions): Promise<StoredOptions>;
  search(query: string, opts?: { limit?: number }): Promise<SearchResult>;
  searchStatus(): SearchStatus;
  /** Resolves when the start-up search index build has finished (benchmarks, tests). */
  whenSearchReady(): Promise<void>;
  exportConversation(id: string, format: ExportFormat): Promise<string>;
  exportAll(format: ExportFormat): Promise<string>;
  importJson(text: string): Promise<ImportResult>;
  /** Files quarantined since this store was opened. */
  quarantined(): QuarantineNotice[];
  /** Writes every pending checkpoint and the index now. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/**
 * One message as a request sees it. Strings are immutable, so sharing them with the cache is safe;
 * `reasoningDetails`, `attachments` and `fileAnnotations` are the stored arrays themselves (frozen by
 * convention: never modified, only sent). Attachments are references as stored (never `missing`): the
 * chat service reads their bytes with `attachmentBytes`, which says whether each file is still there.
 */
export type TranscriptEntry = Readonly<
  Pick<Message, 'id' | 'role' | 'content'> & {
    reasoningDetails?: readonly ReasoningDetail[];
    attachments?: readonly Attachment[];
    fileAnnotations?: readonly FileAnnotation[];
  }
>;
