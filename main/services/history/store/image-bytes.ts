import type { ReplyImage } from '../../../../common/chat-types';

/** An image of a reply with its bytes: what the chat hands the store, and what the store reads back. */
export interface ReplyImageBytes {
  id: ReplyImage['id'];
  mimeType: ReplyImage['mimeType'];
  bytes: Uint8Array;
}

/** Image files larger than this are not kept or read (a model's image is a few MB at most). */
export const MAX_IMAGE_BYTES = 32 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

/**
 * The image type the bytes' magic numbers say, or null when they are not one of the reply image types.
 * A file's name or a data URL's label is never trusted on its own: what is read back from disk or an
 * import is only served as an image when its bytes are one.
 */
export function sniffImageType(bytes: Uint8Array): ReplyImage['mimeType'] | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp';
  return null;
}

/** Bytes that are really an image of the type they claim, and not empty or oversized. */
export function isImageOfType(bytes: Uint8Array, mimeType: ReplyImage['mimeType']): boolean {
  return bytes.length > 0 && bytes.length <= MAX_IMAGE_BYTES && sniffImageType(bytes) === mimeType;
}

export function toDataUrl(image: Pick<ReplyImageBytes, 'mimeType' | 'bytes'>): string {
  return `data:${image.mimeType};base64,${Buffer.from(image.bytes).toString('base64')}`;
}

/** A base64 data URL of a reply image type, decoded; null for anything else (no throw). */
export function fromDataUrl(url: string): { mimeType: ReplyImage['mimeType']; bytes: Uint8Array } | null {
  const match = /^data:(image\/(?:png|jpeg|webp|gif));base64,([A-Za-z0-9+/]*={0,2})$/.exec(url);
  if (!match?.[1] || match[2] === undefined) return null;
  const mimeType = match[1] as ReplyImage['mimeType'];
  const bytes = new Uint8Array(Buffer.from(match[2], 'base64'));
  return isImageOfType(bytes, mimeType) ? { mimeType, bytes } : null;
}
