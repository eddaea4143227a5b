import type { ConversationSummary } from '../../../../common/conversation-types';
import { appError } from '../../../../common/errors';
import { describeError } from '../../../../common/redact';
import { fileSize, sha256Hex, storedSize, writeAttachmentFile } from './attachment-files';
import { hashesOf } from './attachment-guard';
import { serializeConversationFile } from './conversation-file';
import { repairTree } from './conversation-tree';
import { writeFileDurably } from './files';
import { isImageOfType } from './image-bytes';
import { imageFile, writeReplyImage } from './image-files';
import { CONVERSATION_ID } from './layout';
import { decodeConversationText } from './migrations';
import { dropEntry, recordEntry, type StoreCore, settleOrphanedReplies, summaryOf } from './store-core';

/**
 * Puts conversation files from a backup back into the open store (main/services/backups). Kept apart
 * from `HistoryStore` because only the backup service may write a whole conversation file; it goes
 * through the same queue, attachment guard, cache, entries and change events as every other write, so
 * the list, the index file and search follow it.
 */
export interface ConversationRestorer {
  /** True while any reply streams into the history: a restore would race its checkpoints. */
  streaming(): boolean;
  /**
   * Writes `text` (a conversation file as a backup kept it) as its conversation, replacing the live one
   * of the same id if there is one. The files it names that are not stored are written first, from
   * `attachment(sha256)` (bytes checked against the hash; one that cannot be had is logged and the
   * message shows it missing, as for any missing file). Refused while a reply streams into it.
   */
  restoreConversationFile(text: string, files: RestoreFiles): Promise<ConversationSummary>;
}

/** Where a restore gets the files a conversation names (from the backup), each checked here. */
export interface RestoreFiles {
  /** A content-addressed file (attachment or reply image) by its hash; null when the backup lacks it. */
  attachment(sha256: string): Promise<Uint8Array | null>;
  /** A reply image saved before format 2 (`images/<conversation>/<message>/<image>`); null when lacking. */
  legacyImage?(conversationId: string, messageId: string, imageId: string): Promise<Uint8Array | null>;
}

function unreadable(): Error {
  return appError('validation', { id: 'errors.history.backupConversationUnreadable' });
}

/** The conversation id a file's text claims, or null when it names none a file could be called by. */
function idOf(text: string): string | null {
  try {
    const raw = JSON.parse(text) as { conversation?: { id?: unknown } };
    const id = raw?.conversation?.id;
    return typeof id === 'string' && CONVERSATION_ID.test(id) ? id : null;
  } catch {
    return null;
  }
}

export function createConversationRestorer(core: StoreCore, ensureOpen: () => void): ConversationRestorer {
  const streamingInto = (id: string) => [...core.liveReplies].some((key) => key.startsWith(`${id}:`));
  return {
    streaming: () => core.liveReplies.size > 0,

    async restoreConversationFile(text, files) {
      ensureOpen();
      const id = idOf(text);
      if (id === null) throw unreadable();
      const decoded = decodeConversationText(text, id);
      if (decoded.kind !== 'ok') throw unreadable();
      const doc = decoded.value;
      return core.queue.run(id, async () => {
        if (streamingInto(id)) {
          throw appError('validation', { id: 'errors.history.restoreWhileStreaming' });
        }
        // As a read does: a damaged tree is repaired, a reply cut off while streaming becomes interrupted.
        repairTree(doc);
        settleOrphanedReplies(core, doc);
        // Files first, as every write: the conversation file never names a file that is not there.
        core.attachmentGuard.markDoc(doc);
        for (const sha256 of hashesOf(doc)) {
          await core.attachmentGuard.claim(sha256, async () => {
            if ((await storedSize(core.layout, sha256)) !== null) return;
            const bytes = await files.attachment(sha256).catch(() => null);
            if (bytes === null || sha256Hex(bytes) !== sha256) {
              core.log.warn('a file of a restored conversation is not in the backup', {
                conversationId: id,
                sha256,
              });
              return;
            }
            await writeAttachmentFile(core.layout, sha256, bytes);
          });
        }
        // Reply images saved before format 2 live beside the conversation, not in the shared store.
        for (const message of doc.messages) {
          for (const image of message.images ?? []) {
            if (image.sha256 !== undefined || !files.legacyImage) continue;
            if ((await fileSize(imageFile(core.layout, id, message.id, image.id))) !== null) continue;
            const bytes = await files.legacyImage(id, message.id, image.id).catch(() => null);
            if (bytes === null || !isImageOfType(bytes, image.mimeType)) {
              core.log.warn('an image of a restored conversation is not in the backup', {
                conversationId: id,
                messageId: message.id,
              });
              continue;
            }
            await writeReplyImage(core.layout, id, message.id, {
              id: image.id,
              mimeType: image.mimeType,
              bytes,
            });
          }
        }
        const file = await writeFileDurably(
          core.layout.conversationFile(id),
          serializeConversationFile(doc),
          'restoreFromBackup',
        ).catch((error: unknown) => {
          core.cache.delete(id);
          core.log.warn('a conversation could not be restored', {
            conversationId: id,
            error: describeError(error),
          });
          throw error;
        });
        // The live version leaves first (search forgets its words), then the restored one comes in.
        if (core.entries.has(id)) dropEntry(core, id, 'deleted');
        core.cache.set(id, doc);
        recordEntry(core, doc, file);
        core.changes.emit({ kind: 'conversation-restored', doc });
        return summaryOf(doc);
      });
    },
  };
}
