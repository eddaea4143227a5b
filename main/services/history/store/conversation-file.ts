import { z } from 'zod';
import { ReasoningDetailSchema } from '../../../../common/chat-types';
import { ConversationIdSchema, MessageIdSchema, MessageSchema } from '../../../../common/conversation-types';

/**
 * Format version 1 of `conversations/<id>.json`, the only format written today.
 *
 * The file is self-describing (`formatVersion` first) so any later Switchboard can tell which reader it
 * needs, and an older one can refuse a newer file instead of misreading it. When the format changes,
 * this file keeps describing v1 (old files and fixtures still need it) and a new `conversation-file-v2.ts`
 * becomes current; see migrations.ts.
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
 * Stored messages use the shared Message shape, with ids narrowed to what the bridge accepts, and one
 * field the window never gets: a reply's `reasoningDetails`, kept to be sent back to OpenRouter on
 * later turns (stripped where messages leave the store for the window, see `forWindow`). Optional, so
 * files written before it load unchanged.
 */
export const StoredMessageSchema = MessageSchema.extend({
  id: MessageIdSchema,
  reasoningDetails: z.array(ReasoningDetailSchema).max(10_000).optional(),
});
export type StoredMessage = z.infer<typeof StoredMessageSchema>;

/** Message ids must be unique within a conversation: paging, truncation and search address them by id. */
export const MessageListSchema = z.array(StoredMessageSchema).superRefine((messages, ctx) => {
  const seen = new Set<string>();
  messages.forEach((m, i) => {
    if (seen.has(m.id))
      ctx.addIssue({ code: 'custom', message: `duplicate message id "${m.id}"`, path: [i, 'id'] });
    seen.add(m.id);
  });
});

/**
 * The conversation's own request options (issue 15: reasoning, provider, fallbacks, web search), kept
 * as stored: the chat service checks them field by field when it reads them (a bad value is reported
 * and not sent), so one bad value never makes the whole conversation unreadable. Optional: files
 * written before it load with the defaults, and the format version stays 1.
 */
export const StoredOptionsSchema = z.record(z.string().max(100), z.unknown());
export type StoredOptions = z.infer<typeof StoredOptionsSchema>;

export const ConversationFileV1Schema = z.object({
  formatVersion: z.literal(1),
  conversation: ConversationMetaSchema,
  messages: MessageListSchema,
  options: StoredOptionsSchema.optional(),
});
export type ConversationFileV1 = z.infer<typeof ConversationFileV1Schema>;

/** The format this build writes. Bump together with adding a migration step in migrations.ts. */
export const CURRENT_FORMAT_VERSION = 1;
export const CurrentConversationFileSchema = ConversationFileV1Schema;
export type ConversationFile = ConversationFileV1;

export const DEFAULT_TITLE = 'New conversation';

/** Pretty-printed: these are the person's files, and readable files are easier to trust and recover. */
export function serializeConversationFile(file: ConversationFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
