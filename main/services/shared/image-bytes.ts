import type { ReplyImage } from '../../../common/chat-types';

/**
 * An image of a reply with its bytes: what the client hands the chat service (ReplyData), what the
 * chat hands the history store, and what the store reads back. `id` is its ReplyImage id.
 */
export interface ReplyImageBytes {
  id: ReplyImage['id'];
  mimeType: ReplyImage['mimeType'];
  bytes: Uint8Array;
}

/**
 * The image type the bytes' magic numbers say, or null when they are not one of the reply image
 * types. A data URL's label or a file's name is never trusted on its own: the client keeps a model's
 * image, and the store serves a file or takes an import, only when its bytes are one of these.
 */
export function sniffImageType(b: Uint8Array): ReplyImage['mimeType'] | null {
  const starts = (sig: readonly number[], at = 0) =>
    b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  // GIF87a or GIF89a.
  if (starts([0x47, 0x49, 0x46, 0x38]) && (b[4] === 0x37 || b[4] === 0x39) && b[5] === 0x61) {
    return 'image/gif';
  }
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}
