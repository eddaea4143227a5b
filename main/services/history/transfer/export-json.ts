import { z } from 'zod';
import type { Message } from '../../../../common/conversation-types';
import { type ConversationFile, ConversationMetaSchema, MessageListSchema } from '../store/conversation-file';

/**
 * The JSON export: one document holding any number of conversations, in the same shape as the files
 * (minus the per-file format version, replaced by the document's own `version`). Importing an export
 * gives back exactly the same conversations.
 */
export const EXPORT_FORMAT = 'switchboard-export';
export const EXPORT_VERSION = 1;

export const ExportedConversationSchema = z.object({
  conversation: ConversationMetaSchema,
  messages: MessageListSchema,
});
export type ExportedConversation = z.infer<typeof ExportedConversationSchema>;

export function conversationsToJson(files: readonly ConversationFile[], exportedAt: Date): string {
  const document = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    conversations: files.map((f) => ({ conversation: f.conversation, messages: f.messages.map(settled) })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * A reply still streaming is exported (and imported) as interrupted: once it leaves this store nothing
 * will ever finish it, and that is what `interrupted` means.
 */
export function settled(message: Message): Message {
  return message.status === 'streaming' ? { ...message, status: 'interrupted' } : message;
}

/** JSON with object keys sorted, to compare two conversations by content whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}
