import { z } from 'zod';
import { type ReplyImage, ReplyImageSchema } from '../../../../common/chat-types';
import { describeError } from '../../../../common/redact';
import { sha256Hex } from '../store/attachment-files';
import type { ConversationFile } from '../store/conversation-file';
import { fromDataUrl, MAX_IMAGE_BYTES, type ReplyImageBytes, toDataUrl } from '../store/image-bytes';
import { readReplyImage } from '../store/image-files';
import type { StoreCore } from '../store/store-core';

/** An image as exports carry it: its reference and its bytes as a data URL, so the file stands alone. */
export type ExportedImage = ReplyImage & { dataUrl: string };

/** The images of each reply, by `conversationId:messageId`. */
export type ImagesByReply = ReadonlyMap<string, readonly ExportedImage[]>;

export const imageKey = (conversationId: string, messageId: string) => `${conversationId}:${messageId}`;

/**
 * Reads the image files of every reply in `docs` for an export. An image whose file is missing or is
 * not its type is left out with a log line: the export still holds the conversation.
 */
export async function readExportImages(
  core: StoreCore,
  docs: readonly ConversationFile[],
): Promise<ImagesByReply> {
  const out = new Map<string, ExportedImage[]>();
  for (const doc of docs) {
    const conversationId = doc.conversation.id;
    for (const message of doc.messages) {
      if (!message.images?.length) continue;
      const images: ExportedImage[] = [];
      for (const image of message.images) {
        const bytes = await readReplyImage(core.layout, conversationId, message.id, image).catch(
          (error: unknown) => {
            core.log.warn('a reply image could not be read for the export', { error: describeError(error) });
            return null;
          },
        );
        if (!bytes) {
          core.log.warn('a reply image was left out of the export (missing or not an image)', {
            conversationId,
          });
          continue;
        }
        images.push({ ...image, dataUrl: toDataUrl({ mimeType: image.mimeType, bytes }) });
      }
      out.set(imageKey(conversationId, message.id), images);
    }
  }
  return out;
}

/** base64 of the largest image kept, plus its `data:` prefix. */
const MAX_DATA_URL_CHARS = Math.ceil(MAX_IMAGE_BYTES / 3) * 4 + 64;

const ImportedImageSchema = z.object({
  id: ReplyImageSchema.shape.id,
  mimeType: ReplyImageSchema.shape.mimeType,
  sha256: ReplyImageSchema.shape.sha256,
  dataUrl: z.string().max(MAX_DATA_URL_CHARS),
});

/** An imported image: `sha256` when it was content-addressed where it was exported (kept so). */
export type ImportedImage = ReplyImageBytes & { sha256?: string };

/**
 * One image of an imported reply, checked: a valid id, a base64 data URL of the type it claims whose
 * bytes really are that type (and hash to its `sha256`, when it has one). Anything else is null (the
 * caller drops it and says so).
 */
export function decodeImportedImage(raw: unknown): ImportedImage | null {
  const parsed = ImportedImageSchema.safeParse(raw);
  if (!parsed.success) return null;
  const decoded = fromDataUrl(parsed.data.dataUrl);
  if (!decoded || decoded.mimeType !== parsed.data.mimeType) return null;
  const image = { id: parsed.data.id, mimeType: decoded.mimeType, bytes: decoded.bytes };
  if (parsed.data.sha256 === undefined) return image;
  return sha256Hex(decoded.bytes) === parsed.data.sha256 ? { ...image, sha256: parsed.data.sha256 } : null;
}
