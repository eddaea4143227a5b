import { z } from 'zod';
import { AttachmentSchema } from './attachment-types';
import {
  ChatRoleSchema,
  CitationSchema,
  FinishReasonSchema,
  ReplyImageSchema,
  UsageSchema,
} from './chat-types';
import { AppErrorSchema, ErrorValuesSchema } from './errors';

/**
 * A message as stored and as shown. `streaming` is only ever on disk as a checkpoint of a reply in
 * progress; after a crash, history loading turns it into `interrupted` (text kept, regenerate offered).
 */
export const MessageStatusSchema = z.enum(['complete', 'streaming', 'interrupted', 'cancelled', 'error']);
export type MessageStatus = z.infer<typeof MessageStatusSchema>;

/**
 * Where a message sits among its siblings (issue 18: a conversation is a tree; regenerate adds a
 * sibling reply, edit a sibling user message). Worked out by main when messages are read, never
 * stored; present only when the message has siblings. `siblingIds` are in the order they were made,
 * `index` is this message's place among them (0-based), so the window shows "index + 1 / count".
 */
export const BranchInfoSchema = z.object({
  index: z.number().int().nonnegative(),
  count: z.number().int().min(2),
  siblingIds: z.array(z.string().min(1).max(100)).min(2),
});
export type BranchInfo = z.infer<typeof BranchInfoSchema>;

export const MessageSchema = z.object({
  id: z.string().min(1).max(100),
  role: ChatRoleSchema,
  content: z.string(),
  reasoning: z.string(),
  createdAt: z.string(), // ISO 8601
  /** Model that produced an assistant reply (the one that actually served it, when known). */
  model: z.string().nullable(),
  status: MessageStatusSchema,
  error: AppErrorSchema.nullable(),
  usage: UsageSchema.nullable(),
  finishReason: FinishReasonSchema.nullable(),
  generationId: z.string().nullable(),
  /** The provider that served a reply (absent in messages saved before it was kept). */
  provider: z.string().nullable().optional(),
  /** Web sources the reply cites, in the order OpenRouter numbered them. */
  citations: z.array(CitationSchema).optional(),
  /** Images in the reply; the bytes live in files beside the conversation (see history/README.md). */
  images: z.array(ReplyImageSchema).optional(),
  /** Files the person attached to this message (issue 17); the bytes live in the history folder. */
  attachments: z.array(AttachmentSchema).optional(),
  /**
   * The message this one answers or follows (issue 18); null for the first message. Absent only in
   * messages read from files written before conversations were trees (they are a single branch).
   */
  parentId: z.string().min(1).max(100).nullable().optional(),
  /** This message's siblings, when it has any (see BranchInfoSchema). */
  branch: BranchInfoSchema.optional(),
});
export type Message = z.infer<typeof MessageSchema>;

export const ConversationSummarySchema = z.object({
  id: z.string().min(1).max(100),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  messageCount: z.number().int().nonnegative(),
  /** Model last used in this conversation. */
  model: z.string().nullable(),
});
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;

/** A catalog id a quarantine notice may carry: the history's own errors (`ErrorMessageId`'s `errors.history.*`). */
const QuarantineMessageIdSchema = z.string().regex(/^errors\.history\.[A-Za-z0-9_.]{1,100}$/);
/** At most this many repairs are listed on a notice (the English `reason` and the note name them all). */
export const MAX_NOTICE_REPAIRS = 50;

/** A conversation that could not be loaded; its file was moved aside, never deleted. */
export const QuarantineNoticeSchema = z.object({
  conversationId: z.string().nullable(),
  title: z.string().nullable(),
  /** Where the file now is, so the person can find it. */
  path: z.string(),
  /** Why, in English: for the logs, and what a window shows when it cannot word `reasonId`. */
  reason: z.string(),
  /**
   * The same reason as a catalog message (issue 20): an `errors.history.*` id and its values, worded by
   * each window in its language through its one error formatter (so a switch re-words a notice already
   * shown). For a repaired file it is the sentence after the repairs, which `repairs` lists.
   */
  reasonId: QuarantineMessageIdSchema.optional(),
  reasonValues: ErrorValuesSchema.optional(),
  /** What a repair changed (`kind: 'repaired'`), one catalog message each, in the file's order. */
  repairs: z
    .array(z.object({ id: QuarantineMessageIdSchema, values: ErrorValuesSchema.optional() }))
    .max(MAX_NOTICE_REPAIRS)
    .optional(),
  /**
   * `repaired` (issue 18): the conversation opened after its damaged tree was repaired, and `path` is a
   * copy of the file as it was; absent or `quarantined`: the file could not be used and was moved.
   */
  kind: z.enum(['quarantined', 'repaired']).optional(),
});
export type QuarantineNotice = z.infer<typeof QuarantineNoticeSchema>;

export { ConversationIdSchema, MessageIdSchema } from './ids';

/** A search hit with a snippet; `highlights` are [start, end) offsets into `snippet.text`. */
export const SearchHitSchema = z.object({
  conversationId: z.string(),
  messageId: z.string(),
  title: z.string(),
  snippet: z.object({ text: z.string(), highlights: z.array(z.tuple([z.number().int(), z.number().int()])) }),
  score: z.number(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const SearchResultSchema = z.object({
  hits: z.array(SearchHitSchema),
  total: z.number().int().nonnegative(),
  /** False while the index is still being built after start-up. */
  complete: z.boolean(),
});

export const ExportFormatSchema = z.enum(['markdown', 'json']);

export const ImportResultSchema = z.object({
  imported: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  errors: z.array(z.string()),
});
