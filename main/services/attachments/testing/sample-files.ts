/**
 * Crafted file bytes for the intake's tests: the smallest byte layouts that carry each format's real
 * magic numbers and header fields (sizes, chunk names, frame headers). They are not decodable
 * pictures or playable sounds; main never decodes them, it only reads their headers.
 */

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const u16be = (n: number): number[] => [(n >>> 8) & 0xff, n & 0xff];
const u16le = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff];
const u24le = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff];
const u32be = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const u32le = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

function crc32(bytes: readonly number[]): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: readonly number[]): number[] {
  const body = [...ascii(type), ...data];
  return [...u32be(data.length), ...body, ...u32be(crc32(body))];
}

/** A PNG: signature, IHDR with these dimensions, an empty IDAT, IEND. `padTo` appends bytes. */
export function pngBytes(width: number, height: number, padTo = 0): Uint8Array {
  const ihdr = [...u32be(width), ...u32be(height), 8, 6, 0, 0, 0];
  const out = [
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...pngChunk('IHDR', ihdr),
    ...pngChunk('IDAT', []),
    ...pngChunk('IEND', []),
  ];
  return pad(out, padTo);
}

/** A JPEG: SOI, an APP0 (JFIF) segment, a DQT-sized filler segment, SOF0 with these dimensions, EOI. */
export function jpegBytes(width: number, height: number, padTo = 0): Uint8Array {
  const app0 = [0xff, 0xe0, ...u16be(16), ...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const dqt = [0xff, 0xdb, ...u16be(67), 0, ...new Array<number>(64).fill(1)];
  const sof0 = [
    0xff,
    0xc0,
    ...u16be(17),
    8,
    ...u16be(height),
    ...u16be(width),
    3,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
  ];
  return pad([0xff, 0xd8, ...app0, ...dqt, ...sof0, 0xff, 0xd9], padTo);
}

/** A GIF89a: header, logical screen descriptor with these dimensions, trailer. */
export function gifBytes(width: number, height: number): Uint8Array {
  return new Uint8Array([...ascii('GIF89a'), ...u16le(width), ...u16le(height), 0, 0, 0, 0x3b]);
}

function riff(form: string, chunks: number[]): Uint8Array {
  return new Uint8Array([...ascii('RIFF'), ...u32le(4 + chunks.length), ...ascii(form), ...chunks]);
}

/** A WebP with a VP8X (extended) header: the canvas size is stored minus one, 24 bits each. */
export function webpVp8xBytes(width: number, height: number): Uint8Array {
  return riff('WEBP', [
    ...ascii('VP8X'),
    ...u32le(10),
    0,
    0,
    0,
    0,
    ...u24le(width - 1),
    ...u24le(height - 1),
  ]);
}

/** A lossless WebP (VP8L): signature 0x2f, then 14 bits width-1 and 14 bits height-1, LSB first. */
export function webpVp8lBytes(width: number, height: number): Uint8Array {
  const bits = (width - 1) | ((height - 1) << 14);
  const data = [0x2f, ...u32le(bits), 0, 0, 0];
  return riff('WEBP', [...ascii('VP8L'), ...u32le(data.length), ...data]);
}

/** A lossy WebP (VP8): a key-frame tag, the start code 9d 01 2a, 14-bit width and height. */
export function webpVp8Bytes(width: number, height: number): Uint8Array {
  const data = [0x50, 0x01, 0x00, 0x9d, 0x01, 0x2a, ...u16le(width), ...u16le(height), 0, 0];
  return riff('WEBP', [...ascii('VP8 '), ...u32le(data.length), ...data]);
}

/** A small PDF with `pages` page objects, ending in %%EOF unless `withEof` is false. */
export function pdfBytes(pages = 1, { withEof = true, version = '1.7' } = {}): Uint8Array {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  let body = `%PDF-${version}\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n`;
  body += `2 0 obj\n<< /Type /Pages /Kids [${kids}] /Count ${pages} >>\nendobj\n`;
  for (let i = 0; i < pages; i++) {
    body += `${i + 3} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n`;
  }
  body += 'trailer\n<< /Root 1 0 R >>\nstartxref\n0\n';
  if (withEof) body += '%%EOF\n';
  return new Uint8Array(Array.from(body, (c) => c.charCodeAt(0) & 0xff));
}

/** A WAV: RIFF/WAVE, a PCM fmt chunk (mono, 8 kHz, 16-bit) and a short data chunk. */
export function wavBytes(samples = 16): Uint8Array {
  const fmt = [...u16le(1), ...u16le(1), ...u32le(8000), ...u32le(16000), ...u16le(2), ...u16le(16)];
  const data = new Array<number>(samples * 2).fill(0);
  return riff('WAVE', [
    ...ascii('fmt '),
    ...u32le(fmt.length),
    ...fmt,
    ...ascii('data'),
    ...u32le(data.length),
    ...data,
  ]);
}

/** One MPEG-1 Layer III frame header (128 kbit/s, 44.1 kHz) followed by its 417-byte frame. */
function mp3Frame(): number[] {
  const frame = new Array<number>(417).fill(0);
  frame[0] = 0xff;
  frame[1] = 0xfb;
  frame[2] = 0x90;
  frame[3] = 0x64;
  return frame;
}

/** An MP3 that starts with an ID3v2.4 tag (empty body of 10 bytes), then two frames. */
export function mp3WithId3Bytes(): Uint8Array {
  return new Uint8Array([
    ...ascii('ID3'),
    4,
    0,
    0,
    0,
    0,
    0,
    10,
    ...new Array<number>(10).fill(0),
    ...mp3Frame(),
    ...mp3Frame(),
  ]);
}

/** An MP3 without a tag: two MPEG audio frames back to back. */
export function mp3FramesBytes(): Uint8Array {
  return new Uint8Array([...mp3Frame(), ...mp3Frame()]);
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Deterministic pseudo-random bytes (not text, not any format's magic). */
export function junkBytes(length: number, seed = 7): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = (x >>> 16) & 0xff;
  }
  // Never a known magic number at the start.
  out[0] = 0x13;
  return out;
}

function pad(bytes: number[], padTo: number): Uint8Array {
  const out = new Uint8Array(Math.max(bytes.length, padTo));
  out.set(bytes);
  return out;
}
