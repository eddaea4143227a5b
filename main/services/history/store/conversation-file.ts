import { z } from 'zod';
import { AttachmentSchema } from '../../../../common/attachment-types';
import { FileAnnotationSchema, ReasoningDetailSchema } from '../../../../common/chat-types';
import { ConversationIdSchema, MessageIdSchema, MessageSchema } from '../../../../common/conversation-types';

/**
 * The formats of `conversations/<id>.json`: version 1 (up to issue 16) and version 2 (issue 17:
 * attachments, content-addressed reply images, PDF file annotations), the one written today.
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
export const StoredMessageV1Schema = MessageSchema.omit({ attachments: true }).extend({
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
export const StoredMessageSchema = StoredMessageV1Schema.extend({
  attachments: z.array(StoredAttachmentSchema).max(100).optional(),
  fileAnnotations: z.array(FileAnnotationSchema).max(1000).optional(),
});
export type StoredMessage = z.infer<typeof StoredMessageSchema>;

/** Message ids must be unique within a conversation: paging, truncation and search address them by id. */
function uniqueIds(messages: ReadonlyArray<{ id: string }>, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  messages.forEach((m, i) => {
    if (seen.has(m.id))
      ctx.addIssue({ code: 'custom', message: `duplicate message id "${m.id}"`, path: [i, 'id'] });
    seen.add(m.id);
  });
}
export const MessageListV1Schema = z.array(StoredMessageV1Schema).superRefine(uniqueIds);
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
  messages: MessageListSchema,
  options: StoredOptionsSchema.optional(),
});
export type ConversationFileV2 = z.infer<typeof ConversationFileV2Schema>;

/** The format this build writes. Bump together with adding a migration step in migrations.ts. */
export const CURRENT_FORMAT_VERSION = 2;
export const CurrentConversationFileSchema = ConversationFileV2Schema;
export type ConversationFile = ConversationFileV2;
/** A file of any version this build reads: what tools and benchmarks may write (they upgrade on load). */
export type AnyConversationFile = ConversationFileV1 | ConversationFileV2;

export const DEFAULT_TITLE = 'New conversation';

/** Pretty-printed: these are the person's files, and readable files are easier to trust and recover. */
export function serializeConversationFile(file: AnyConversationFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
