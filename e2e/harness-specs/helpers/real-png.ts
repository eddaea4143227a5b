import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { Attachment } from '../../../common/attachment-types';

/**
 * A real, decodable PNG (RGBA, 8 bits, no interlace) of one colour, for tests that need a browser to
 * draw it: an `<img>` of these bytes has its natural size (PNG specification, 11.2.2 IHDR; 12.8
 * filtering: each scanline starts with filter type 0). `seed` varies the colour (or the noise), so
 * each is a different file (a different SHA-256).
 */
export function realPng(width: number, height: number, seed = 0, { noise = false } = {}): Uint8Array {
  const raw = Buffer.alloc(height * (1 + width * 4));
  // `noise`: pseudo-random pixels (a fixed LCG per seed), which deflate cannot shrink: a file about
  // as large as its pixels, like a photo, for benchmarks that need real weight.
  let state = (seed * 2654435761) >>> 0 || 1;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state >>> 24;
  };
  for (let y = 0; y < height; y++) {
    const start = y * (1 + width * 4);
    for (let x = 0; x < width; x++) {
      const at = start + 1 + x * 4;
      raw[at] = noise ? next() : (seed * 37) & 0xff;
      raw[at + 1] = noise ? next() : (seed * 91 + 64) & 0xff;
      raw[at + 2] = noise ? next() : (seed * 13 + 128) & 0xff;
      raw[at + 3] = 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return new Uint8Array(png);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The reference a stored message keeps for these bytes (what main's intake would have made). */
export function attachmentFor(
  bytes: Uint8Array,
  name: string,
  kind: Attachment['kind'],
  mimeType: Attachment['mimeType'],
  size?: { width: number; height: number },
): Attachment {
  return {
    sha256: sha256Hex(bytes),
    name,
    kind,
    mimeType,
    byteLength: bytes.length,
    ...(size ? { size } : {}),
  };
}
