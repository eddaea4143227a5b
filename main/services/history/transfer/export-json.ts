import { z } from 'zod';
import { MessageIdSchema } from '../../../../common/conversation-types';
import {
  type ConversationFile,
  ConversationMetaSchema,
  type StoredMessage,
  StoredMessageSchema,
  StoredOptionsSchema,
} from '../store/conversation-file';
import type { AttachmentsByMessage } from './export-attachments';
import { type ImagesByReply, imageKey } from './export-images';

/**
 * The JSON export: one document holding any number of conversations, in the same shape as the files
 * (minus the per-file format version, replaced by the document's own `version`). Importing an export
 * gives back exactly the same conversations.
 *
 * Version 2 (issue 17) adds messages' `attachments` (references plus `dataUrl`), reply images'
 * `sha256` and replies' `fileAnnotations`; version 1 exports are version 2 exports without them and
 * import unchanged. A build that knows only version 1 refuses a version 2 export rather than drop its
 * attachments.
 *
 * Version 3 (issue 18) writes the whole tree: every message of every branch with its `parentId`, and
 * each conversation's `activeLeafId`. Version 1 and 2 exports have neither and import as single
 * branches (each message follows the one before it; the last one is shown), as old files do.
 */
export const EXPORT_FORMAT = 'switchboard-export';
export const EXPORT_VERSION = 3;

/**
 * An exported message is a stored one whose `images` also carry their bytes as data URLs. Each image
 * is checked on its own at import (export-images.ts): a bad image is dropped, not the conversation.
 */
export const ExportedMessageSchema = StoredMessageSchema.extend({
  images: z.array(z.unknown()).max(1000).optional(),
  attachments: z.array(z.unknown()).max(100).optional(),
});
export type ExportedMessage = z.infer<typeof ExportedMessageSchema>;

export const ExportedConversationSchema = z.object({
  conversation: ConversationMetaSchema,
  // Unique ids, as in the files (conversation-file.ts).
  messages: z.array(ExportedMessageSchema).superRefine((messages, ctx) => {
    const seen = new Set<string>();
    messages.forEach((m, i) => {
      if (seen.has(m.id))
        // i18n-ignore: a schema issue, quoted as a technical detail (field path and reason) like zod's own messages
        ctx.addIssue({ code: 'custom', message: `duplicate message id "${m.id}"`, path: [i, 'id'] });
      seen.add(m.id);
    });
  }),
  /** The leaf shown (version 3); checked and repaired with the tree at import (conversation-tree.ts). */
  activeLeafId: MessageIdSchema.nullable().optional(),
  /** The conversation's request options, as stored (checked field by field where they are used). */
  options: StoredOptionsSchema.optional(),
});
export type ExportedConversation = z.infer<typeof ExportedConversationSchema>;

/**
 * Provider, usage, citations, reasoning details and file annotations go as stored; images and
 * attachments with their bytes.
 */
export function conversationsToJson(
  files: readonly ConversationFile[],
  exportedAt: Date,
  images: ImagesByReply = new Map(),
  attachments: AttachmentsByMessage = new Map(),
): string {
  const document = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    conversations: files.map((f) => ({
      conversation: f.conversation,
      messages: f.messages.map((m) => {
        const key = imageKey(f.conversation.id, m.id);
        const message = settled(m);
        return {
          ...message,
          ...(message.images ? { images: images.get(key) ?? [] } : {}),
          ...(message.attachments ? { attachments: attachments.get(key) ?? [] } : {}),
        };
      }),
      activeLeafId: f.activeLeafId ?? null,
      ...(f.options ? { options: f.options } : {}),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * A reply still streaming is exported (and imported) as interrupted: once it leaves this store nothing
 * will ever finish it, and that is what `interrupted` means.
 */
export function settled<M extends Pick<StoredMessage, 'status'>>(message: M): M {
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
