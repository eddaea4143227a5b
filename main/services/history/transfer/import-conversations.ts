import type { Message } from '../../../../common/conversation-types';
import { englishErrorText } from '../../../../common/i18n/error-messages';
import { writeAttachmentFile } from '../store/attachment-files';
import {
  type ConversationFile,
  CURRENT_FORMAT_VERSION,
  type StoredMessage,
  type StoredOptions,
} from '../store/conversation-file';
import { repairTree } from '../store/conversation-tree';
import { writeReplyImage } from '../store/image-files';
import { loadDoc, persistDoc, type StoreCore } from '../store/store-core';
import type { ImportResult } from '../types';
import { decodeImportedAttachment } from './export-attachments';
import { decodeImportedImage, type ImportedImage } from './export-images';
import { canonicalJson, type ExportedConversation } from './export-json';
import { escapeForError } from './plain-text';

/**
 * An imported conversation as it will be stored, the old-style image bytes to write beside it (by
 * reply), and the content-addressed files (attachments and newer reply images) by hash.
 */
interface Incoming {
  conversation: ConversationFile['conversation'];
  messages: StoredMessage[];
  activeLeafId: string | null | undefined;
  images: Map<string, ImportedImage[]>;
  files: Map<string, Uint8Array>;
  options?: StoredOptions;
}

/**
 * Decodes each message's images and attachments (data URLs) into bytes: one that is not valid (not the
 * type it claims, not matching its checksum or size) is dropped, with one line in `errors`, and the
 * conversation is imported without it.
 */
function withFilesDecoded(exported: ExportedConversation, position: number, errors: string[]): Incoming {
  const images = new Map<string, ImportedImage[]>();
  const files = new Map<string, Uint8Array>();
  const where = `Conversation ${position} "${exported.conversation.title.slice(0, 80)}"`;
  const messages = exported.messages.map((m): StoredMessage => {
    const { images: rawImages, attachments: rawAttachments, ...rest } = m;
    // `{ ...m }` first keeps the fields in their order, so an export of the import is the same text.
    const out: StoredMessage = { ...m, images: undefined, attachments: undefined };
    if (rawImages?.length) {
      const good: ImportedImage[] = [];
      const seen = new Set<string>();
      for (const item of rawImages) {
        const image = decodeImportedImage(item);
        if (image && !seen.has(image.id)) {
          seen.add(image.id);
          good.push(image);
        } else {
          errors.push(
            // i18n-ignore: ImportResult.errors is a diagnostic list (tests); the window shows only the counts (sidebar.transfer.imported)
            `${where}: an image of a reply was left out (it is not a valid PNG, JPEG, WebP or GIF image).`,
          );
        }
      }
      if (good.length > 0) {
        const legacy = good.filter((i) => i.sha256 === undefined);
        if (legacy.length > 0) images.set(m.id, legacy);
        for (const i of good) if (i.sha256 !== undefined) files.set(i.sha256, i.bytes);
        out.images = good.map((i) => ({
          id: i.id,
          mimeType: i.mimeType,
          byteLength: i.bytes.length,
          ...(i.sha256 !== undefined ? { sha256: i.sha256 } : {}),
        }));
      }
    }
    if (rawAttachments?.length) {
      const good: StoredMessage['attachments'] & object = [];
      for (const item of rawAttachments) {
        const decoded = decodeImportedAttachment(item);
        if (decoded.ok) {
          files.set(decoded.attachment.sha256, decoded.bytes);
          good.push(decoded.attachment);
        } else {
          const name =
            decoded.name === null
              ? 'an attached file'
              : `the attached file "${escapeForError(decoded.name)}"`;
          errors.push(`${where}: ${name} was left out (${decoded.why}).`);
        }
      }
      if (good.length > 0) out.attachments = good;
    }
    if (out.images === undefined) delete out.images;
    if (out.attachments === undefined) delete out.attachments;
    return rawImages === undefined && rawAttachments === undefined ? rest : out;
  });
  return {
    conversation: exported.conversation,
    messages,
    activeLeafId: exported.activeLeafId,
    images,
    files,
    ...(exported.options ? { options: exported.options } : {}),
  };
}

import { checkImport } from './import-json';

/**
 * Importing a JSON export: validated first (import-json.ts), then each conversation is skipped when it
 * is already here, imported under its own id when that is free, or under a new id when that id holds a
 * different conversation.
 */
export async function importConversations(core: StoreCore, text: string): Promise<ImportResult> {
  const check = checkImport(text);
  const result: ImportResult = {
    imported: 0,
    duplicates: 0,
    rejected: check.rejected,
    errors: [...check.errors],
  };
  // Candidates for "the same conversation under another id": those created at the same moment.
  const byCreatedAt = new Map<string, string[]>();
  const remember = (createdAt: string, id: string) =>
    byCreatedAt.set(createdAt, [...(byCreatedAt.get(createdAt) ?? []), id]);
  for (const e of core.entries.values()) remember(e.summary.createdAt, e.summary.id);

  for (let i = 0; i < check.valid.length; i++) {
    const incoming = withFilesDecoded(
      check.valid[i] as ExportedConversation,
      check.positions[i] ?? i + 1,
      result.errors,
    );
    try {
      if (await isDuplicate(core, incoming, byCreatedAt.get(incoming.conversation.createdAt) ?? [])) {
        result.duplicates++;
        continue;
      }
      const id = core.entries.has(incoming.conversation.id) ? core.newId() : incoming.conversation.id;
      const doc: ConversationFile = {
        formatVersion: CURRENT_FORMAT_VERSION,
        conversation: { ...incoming.conversation, id },
        messages: incoming.messages,
        activeLeafId: incoming.activeLeafId,
        ...(incoming.options ? { options: incoming.options } : {}),
      };
      // A damaged tree is imported repaired (every message kept), and said so.
      const repairs = repairTree(doc);
      if (repairs.length > 0) {
        const title = escapeForError(incoming.conversation.title.slice(0, 80));
        result.errors.push(
          // i18n-ignore: ImportResult.errors is a diagnostic list (tests, logs); the window shows only the counts (sidebar.transfer.imported)
          `Conversation ${check.positions[i] ?? i + 1} "${title}" was imported repaired: ${repairs.map(englishErrorText).join(' ')}`,
        );
      }
      await core.queue.run(id, async () => {
        try {
          // Files first: the conversation file must never name a file that is not on disk.
          for (const [sha256, bytes] of incoming.files)
            await core.attachmentGuard.claim(sha256, () => writeAttachmentFile(core.layout, sha256, bytes));
          for (const [messageId, images] of incoming.images)
            for (const image of images) await writeReplyImage(core.layout, id, messageId, image);
          await persistDoc(core, doc, 'importConversation', [{ kind: 'conversation-imported', doc }]);
        } catch (error) {
          // Files written before the failure are named by nothing.
          if (incoming.files.size > 0) await core.filesMayBeUnused();
          throw error;
        }
      });
      remember(doc.conversation.createdAt, id);
      result.imported++;
    } catch (error) {
      // Most likely the disk is full or not writable: the rest would fail the same way.
      const left = check.valid.length - i;
      result.rejected += left;
      const reason = error instanceof Error ? error.message : String(error);
      // i18n-ignore: ImportResult.errors is a diagnostic list (tests, logs); the window shows only the counts (sidebar.transfer.imported)
      result.errors.push(`Import stopped; ${left} conversation(s) were not imported: ${reason}`);
      break;
    }
  }
  core.log.info('import finished', {
    imported: result.imported,
    duplicates: result.duplicates,
    rejected: result.rejected,
  });
  return result;
}

/**
 * Already here: same id and same content, or (after an earlier import gave it a new id) a conversation
 * created at the same moment with the same content under another id.
 */
async function isDuplicate(
  core: StoreCore,
  incoming: Pick<Incoming, 'conversation' | 'messages'>,
  sameCreatedAt: readonly string[],
): Promise<boolean> {
  const fingerprint = contentFingerprint(incoming);
  const candidates = new Set(sameCreatedAt);
  if (core.entries.has(incoming.conversation.id)) candidates.add(incoming.conversation.id);
  for (const id of candidates) {
    const existing = await core.queue.run(id, () => loadDoc(core, id, { keep: false })).catch(() => null);
    if (existing && contentFingerprint(existing) === fingerprint) return true;
  }
  return false;
}

function contentFingerprint(c: {
  conversation: ConversationFile['conversation'];
  messages: Message[];
}): string {
  return canonicalJson({ conversation: { ...c.conversation, id: '' }, messages: c.messages });
}
