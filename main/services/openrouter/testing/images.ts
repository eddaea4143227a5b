/**
 * Tiny real images for tests: a 1×1 PNG (the bytes a PNG encoder writes) and the first bytes of the
 * other types, enough for the magic-number check.
 */
export const ONE_PIXEL_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

export function pngDataUrl(): string {
  return `data:image/png;base64,${ONE_PIXEL_PNG_BASE64}`;
}

export function dataUrl(mimeType: string, bytes: Uint8Array | string): string {
  return `data:${mimeType};base64,${Buffer.from(bytes).toString('base64')}`;
}

export const JPEG_START = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
export const GIF_START = new TextEncoder().encode('GIF89a\x01\x00\x01\x00');
export const WEBP_START = new Uint8Array([
  0x52, 0x49, 0x46, 0x46, 0x1a, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x4c,
]);

export function imageEntry(url: string) {
  return { type: 'image_url', image_url: { url } };
}
