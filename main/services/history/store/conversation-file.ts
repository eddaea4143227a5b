import { z } from 'zod';
import { AttachmentSchema } from '../../../../common/attachment-types';
import { FileAnnotationSchema, ReasoningDetailSchema } from '../../../../common/chat-types';
import { STORED_DEFAULT_TITLE } from '../../../../common/conversation-title';
import { ConversationIdSchema, MessageIdSchema, MessageSchema } from '../../../../common/conversation-types';

/**
 * The formats of `conversations/<id>.json`: version 1 (up to issue 16), version 2 (issue 17:
 * attachments, content-addressed reply images, PDF file annotations) and version 3 (issue 18: the
 * conversation is a tree: `parentId` on every message, `activeLeafId`), the one written today.
 *
 * The file is self-describing (`formatVersion` first) so any later Switchboard can tell which reader it
 * needs, and an older one can refuse a newer file instead of misreading it: a build that only knows
 * version 1 quarantines a version-2 file ("written by a newer Switchboard") rather than dropping its
 * attachments on the next write. Old versions keep their schema here (old files and fixtures still
 * need it); migrations.ts upgrades them.
 */

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date');

export const ConversationMetaSchema = z.object({
  id: ConversationIdSchema,
  title: z.string().max(1000),
  createdAt: isoDate,
  updatedAt: isoDate,
  model: z.string().max(200).nullable(),
});
export type ConversationMeta = z.infer<typeof ConversationMetaSchema>;

/**
 * Version 1 messages: the shared Message shape without attachments (they did not exist), with ids
 * narrowed to what the bridge accepts, and one field the window never gets: a reply's
 * `reasoningDetails`, kept to be sent back to OpenRouter on later turns (stripped where messages leave
 * the store for the window, see `forWindow`).
 */
export const StoredMessageV1Schema = MessageSchema.omit({
  attachments: true,
  parentId: true,
  branch: true,
}).extend({
  id: MessageIdSchema,
  reasoningDetails: z.array(ReasoningDetailSchema).max(10_000).optional(),
});

/** A stored attachment: the reference only (`missing` is worked out when read, never stored). */
export const StoredAttachmentSchema = AttachmentSchema.omit({ missing: true });
export type StoredAttachment = z.infer<typeof StoredAttachmentSchema>;

/**
 * Version 2 messages add a user message's `attachments` (references to `attachments/<sha256>`) and a
 * reply's `fileAnnotations` (OpenRouter's parse of a PDF, sent back on later turns so the PDF is not
 * parsed and paid for again; never given to the window, like `reasoningDetails`). Reply images may
 * carry `sha256` (then their bytes are `attachments/<sha256>`, see image-files.ts).
 */
export const StoredMessageV2Schema = StoredMessageV1Schema.extend({
  attachments: z.array(StoredAttachmentSchema).max(100).optional(),
  fileAnnotations: z.array(FileAnnotationSchema).max(1000).optional(),
});

/**
 * Version 3 messages (issue 18: a conversation is a tree) add `parentId`: the message this one follows,
 * null for a first message. `branch` is worked out when read (conversation-tree.ts), never stored.
 * The schema checks the shape only; a `parentId` naming nothing or a later message (a cycle) is damage
 * that conversation-tree.ts repairs and reports, never a reason to refuse the file.
 */
export const StoredMessageSchema = z.object({
  id: MessageIdSchema,
  // Second, right after the id, where the store writes it: parsing orders fields as the schema does,
  // and an export of an import must be the same text.
  parentId: MessageIdSchema.nullable().optional(),
  ...StoredMessageV2Schema.omit({ id: true }).shape,
});
export type StoredMessage = z.infer<typeof StoredMessageSchema>;

/** Message ids must be unique within a conversation: paging, truncation and search address them by id. */
function uniqueIds(messages: ReadonlyArray<{ id: string }>, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  messages.forEach((m, i) => {
    if (seen.has(m.id))
      // i18n-ignore: a schema issue, quoted as a technical detail (field path and reason) like zod's own messages
      ctx.addIssue({ code: 'custom', message: `duplicate message id "${m.id}"`, path: [i, 'id'] });
    seen.add(m.id);
  });
}
export const MessageListV1Schema = z.array(StoredMessageV1Schema).superRefine(uniqueIds);
export const MessageListV2Schema = z.array(StoredMessageV2Schema).superRefine(uniqueIds);
export const MessageListSchema = z.array(StoredMessageSchema).superRefine(uniqueIds);

/**
 * The conversation's own request options (issue 15: reasoning, provider, fallbacks, web search), kept
 * as stored: the chat service checks them field by field when it reads them (a bad value is reported
 * and not sent), so one bad value never makes the whole conversation unreadable. Optional: files
 * written before it load with the defaults.
 */
export const StoredOptionsSchema = z.record(z.string().max(100), z.unknown());
export type StoredOptions = z.infer<typeof StoredOptionsSchema>;

export const ConversationFileV1Schema = z.object({
  formatVersion: z.literal(1),
  conversation: ConversationMetaSchema,
  messages: MessageListV1Schema,
  options: StoredOptionsSchema.optional(),
});
export type ConversationFileV1 = z.infer<typeof ConversationFileV1Schema>;

export const ConversationFileV2Schema = z.object({
  formatVersion: z.literal(2),
  conversation: ConversationMetaSchema,
  messages: MessageListV2Schema,
  options: StoredOptionsSchema.optional(),
});
export type ConversationFileV2 = z.infer<typeof ConversationFileV2Schema>;

/**
 * Version 3 (issue 18): every message has `parentId` and the file says which leaf is shown
 * (`activeLeafId`; null only when there are no messages). The visible path is the chain from the first
 * message to that leaf. Messages stay in the order they were made, so a child always comes after its
 * parent, which makes a valid file acyclic. Optional in the schema so a damaged file still loads:
 * conversation-tree.ts repairs and reports a missing or dangling one.
 */
export const ConversationFileV3Schema = z.object({
  formatVersion: z.literal(3),
  conversation: ConversationMetaSchema,
  messages: MessageListSchema,
  activeLeafId: MessageIdSchema.nullable().optional(),
  options: StoredOptionsSchema.optional(),
});
export type ConversationFileV3 = z.infer<typeof ConversationFileV3Schema>;

/** The format this build writes. Bump together with adding a migration step in migrations.ts. */
export const CURRENT_FORMAT_VERSION = 3;
export const CurrentConversationFileSchema = ConversationFileV3Schema;
export type ConversationFile = ConversationFileV3;
/** A file of any version this build reads: what tools and benchmarks may write (they upgrade on load). */
export type AnyConversationFile = ConversationFileV1 | ConversationFileV2 | ConversationFileV3;

/**
 * A new conversation's stored title until its first message names it (conversation-store.ts compares
 * against it). Stored data, like every title: not reworded per language; windows and the Markdown
 * export show the catalog's placeholder in its place (common/conversation-title.ts).
 */
export const DEFAULT_TITLE = STORED_DEFAULT_TITLE;

/** Pretty-printed: these are the person's files, and readable files are easier to trust and recover. */
export function serializeConversationFile(file: AnyConversationFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
