import type { ReplyImage } from '../../../common/chat-types';

export interface PixelSize {
  width: number;
  height: number;
}

/*
 * The pixel size an image's header declares, read from a few header bytes without decoding anything
 * (main never decodes images; the sandboxed renderer does). Hand-written rather than a dependency:
 * no image-size library is in node_modules, each format's header is a few fixed offsets (PNG IHDR,
 * JPEG SOFn, WebP VP8/VP8L/VP8X, GIF logical screen), and the tests pin every one with crafted
 * bytes. Null means the header cannot be read: the file is damaged or truncated.
 */
export function readImageSize(b: Uint8Array, mimeType: ReplyImage['mimeType']): PixelSize | null {
  const size = readers[mimeType](b);
  return size && size.width > 0 && size.height > 0 ? size : null;
}

const u16be = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u16le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, at: number) => u16le(b, at) | ((b[at + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, at: number) => ((u16be(b, at) << 16) >>> 0) + u16be(b, at + 2);
const tag = (b: Uint8Array, at: number) => String.fromCharCode(...b.subarray(at, at + 4));

const readers: Readonly<Record<ReplyImage['mimeType'], (b: Uint8Array) => PixelSize | null>> = {
  // Signature (8), then the first chunk must be IHDR: length 13, type, width, height (big-endian).
  'image/png': (b) => {
    if (b.length < 8 + 8 + 13 || u32be(b, 8) !== 13 || tag(b, 12) !== 'IHDR') return null;
    const width = u32be(b, 16);
    const height = u32be(b, 20);
    // The PNG spec limits both to 2^31 - 1.
    return width > 0x7fffffff || height > 0x7fffffff ? null : { width, height };
  },
  // Logical screen descriptor right after "GIF89a": width, height (little-endian).
  'image/gif': (b) => (b.length < 10 ? null : { width: u16le(b, 6), height: u16le(b, 8) }),
  'image/jpeg': readJpegSize,
  'image/webp': readWebpSize,
};

/** Start-of-frame markers (baseline, progressive, lossless, arithmetic): not DHT C4, JPG C8, DAC CC. */
const JPEG_SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Walks the segments after SOI until a SOFn (height, then width, big-endian). */
function readJpegSize(b: Uint8Array): PixelSize | null {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1] ?? 0;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    // Markers without a length: TEM and RST0–7.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    // Image data or the end before any frame header: nothing says how big the picture is.
    if (marker === 0xda || marker === 0xd9 || marker === 0xd8) return null;
    const length = u16be(b, at + 2);
    if (length < 2) return null;
    if (JPEG_SOF.has(marker)) {
      if (length < 7 || at + 9 > b.length) return null;
      return { width: u16be(b, at + 7), height: u16be(b, at + 5) };
    }
    at += 2 + length;
  }
  return null;
}

/** RIFF/WEBP, then the first chunk: VP8 (lossy), VP8L (lossless) or VP8X (extended, the canvas size). */
function readWebpSize(b: Uint8Array): PixelSize | null {
  if (b.length < 25) return null;
  const chunk = tag(b, 12);
  if (chunk === 'VP8X') return b.length < 30 ? null : { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (chunk === 'VP8L') {
    if (b[20] !== 0x2f) return null;
    const bits = ((b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24)) >>> 0;
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ') {
    // A key frame's tag (3 bytes), the start code 9d 01 2a, then 14-bit width and height (2 scale bits).
    if (b.length < 30 || b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
    return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  return null;
}
