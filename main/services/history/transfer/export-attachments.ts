import { z } from 'zod';
import {
  ATTACHMENT_LIMITS,
  type AttachmentKind,
  MAX_ATTACHMENT_BASE64_CHARS,
} from '../../../../common/attachment-types';
import { describeError } from '../../../../common/redact';
import { sniffAttachmentType } from '../../attachments/sniff-type';
import { readAttachmentFile, sha256Hex } from '../store/attachment-files';
import {
  type ConversationFile,
  type StoredAttachment,
  StoredAttachmentSchema,
} from '../store/conversation-file';
import type { StoreCore } from '../store/store-core';
import { imageKey } from './export-images';

/**
 * Attachments in exports (issue 17). The JSON export carries each as its reference plus its bytes as a
 * `dataUrl` (`data:<mimeType>;base64,…`), so the file stands alone; an attachment whose file is missing
 * or damaged is exported as its reference only (no `dataUrl`), so the export still says it was there.
 * Import checks each one on its own (`decodeImportedAttachment`); a bad one is dropped and named.
 */
export type ExportedAttachment = StoredAttachment & { dataUrl?: string };

/** The attachments of each message, by `conversationId:messageId`. */
export type AttachmentsByMessage = ReadonlyMap<string, readonly ExportedAttachment[]>;

export async function readExportAttachments(
  core: StoreCore,
  docs: readonly ConversationFile[],
): Promise<AttachmentsByMessage> {
  const out = new Map<string, ExportedAttachment[]>();
  // A file attached in several messages is read and encoded once.
  const urls = new Map<string, string | null>();
  for (const doc of docs) {
    for (const message of doc.messages) {
      if (!message.attachments?.length) continue;
      const list: ExportedAttachment[] = [];
      for (const attachment of message.attachments) {
        let url = urls.get(attachment.sha256);
        if (url === undefined) {
          const read = await readAttachmentFile(core.layout, attachment.sha256).catch((error: unknown) => {
            core.log.warn('an attachment could not be read for the export', { error: describeError(error) });
            return null;
          });
          url =
            read?.kind === 'ok'
              ? `data:${attachment.mimeType};base64,${Buffer.from(read.bytes).toString('base64')}`
              : null;
          if (url === null)
            core.log.warn('an attachment is exported without its bytes (its file is missing or damaged)', {
              conversationId: doc.conversation.id,
            });
          urls.set(attachment.sha256, url);
        }
        list.push(url === null ? { ...attachment } : { ...attachment, dataUrl: url });
      }
      out.set(imageKey(doc.conversation.id, message.id), list);
    }
  }
  return out;
}

const ImportedAttachmentSchema = StoredAttachmentSchema.extend({
  dataUrl: z.string().max(MAX_ATTACHMENT_BASE64_CHARS + 100),
});

export type ImportedAttachment =
  | { ok: true; attachment: StoredAttachment; bytes: Uint8Array }
  | { ok: false; name: string | null; why: string };

const DATA_URL = /^data:([a-z]+\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/]*={0,2})$/;

/**
 * One attachment of an imported message, checked: a valid reference; a base64 data URL of its type;
 * bytes of its `byteLength`, within the limit of its kind, whose SHA-256 is its `sha256`; and bytes that
 * are what its kind says (an image's magic numbers, `%PDF-`, valid UTF-8 text, RIFF/WAVE or MP3).
 */
export function decodeImportedAttachment(raw: unknown): ImportedAttachment {
  const name = (raw as { name?: unknown } | null)?.name;
  const fail = (why: string): ImportedAttachment => ({
    ok: false,
    name: typeof name === 'string' ? name.slice(0, 120) : null,
    why,
  });
  if (!StoredAttachmentSchema.safeParse(raw).success) return fail('its description is not valid');
  const parsed = ImportedAttachmentSchema.safeParse(raw);
  if (!parsed.success) return fail('the export does not hold its contents');
  const { dataUrl, ...attachment } = parsed.data;
  const match = DATA_URL.exec(dataUrl);
  if (!match || match[1] !== attachment.mimeType || (match[2] ?? '').length % 4 !== 0)
    return fail('its contents are not a base64 data URL of its type');
  const bytes = new Uint8Array(Buffer.from(match[2] ?? '', 'base64'));
  if (bytes.length !== attachment.byteLength || bytes.length > ATTACHMENT_LIMITS.maxBytes[attachment.kind])
    return fail('its size is not the size recorded');
  if (sha256Hex(bytes) !== attachment.sha256) return fail('its contents do not match their checksum');
  if (!bytesAreKind(bytes, attachment.kind, attachment.mimeType))
    return fail(`it is not a valid ${attachment.kind} file`);
  return { ok: true, attachment, bytes };
}

/**
 * Whether the bytes are what the kind and type say: recognised by the bytes, never by the name, with
 * the same check that admitted the file in the first place (main/services/attachments/sniff-type.ts).
 */
export function bytesAreKind(bytes: Uint8Array, kind: AttachmentKind, mimeType: string): boolean {
  const sniffed = sniffAttachmentType(bytes);
  return sniffed !== null && sniffed.kind === kind && sniffed.mimeType === mimeType;
}
