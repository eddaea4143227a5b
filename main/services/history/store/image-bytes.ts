import type { ReplyImage } from '../../../../common/chat-types';
import { type ReplyImageBytes, sniffImageType } from '../../shared/image-bytes';

// One image type check and one bytes type for the whole of main (shared/image-bytes.ts).
export type { ReplyImageBytes };

/** Image files larger than this are not kept or read (a model's image is a few MB at most). */
export const MAX_IMAGE_BYTES = 32 * 1024 * 1024;

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
