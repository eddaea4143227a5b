import { REPLY_IMAGE_TYPES } from '../../../common/chat-types';

const IMAGE_DATA_URL = /^data:(image\/(?:png|jpeg|webp|gif));base64,([A-Za-z0-9+/]*={0,2})$/;

/**
 * The bytes of an image data URL from main, as a Blob of its (raster) type; null for anything else.
 * Only PNG, JPEG, WebP and GIF are ever drawn: an SVG (which can carry script and links) or any other
 * type is refused here even if main were to send one.
 */
export function imageDataUrlToBlob(dataUrl: string): Blob | null {
  const match = IMAGE_DATA_URL.exec(dataUrl);
  const type = match?.[1];
  const base64 = match?.[2];
  if (!type || base64 === undefined || !(REPLY_IMAGE_TYPES as readonly string[]).includes(type)) return null;
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}
