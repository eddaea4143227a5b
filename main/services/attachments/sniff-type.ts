import type { AUDIO_TYPES } from '../../../common/attachment-types';
import type { ReplyImage } from '../../../common/chat-types';
import { sniffImageType } from '../shared/image-bytes';

/** What the bytes are. For text, `bytes` is the text as UTF-8 without a byte-order mark. */
export type SniffedType =
  | { kind: 'image'; mimeType: ReplyImage['mimeType']; bytes: Uint8Array }
  | { kind: 'pdf'; mimeType: 'application/pdf'; bytes: Uint8Array }
  | { kind: 'text'; mimeType: 'text/plain'; bytes: Uint8Array }
  | { kind: 'audio'; mimeType: (typeof AUDIO_TYPES)[number]; bytes: Uint8Array };

/**
 * The attachment type by the bytes alone (issue 17: "Types recognised by their bytes, not their
 * names"), or null for anything Switchboard does not attach. Binary formats are checked first by
 * their magic numbers; text last, so a file is text only when no binary format claims it. SVG is
 * text here (never an image: it can carry script and is never rendered).
 */
export function sniffAttachmentType(bytes: Uint8Array): SniffedType | null {
  const image = sniffImageType(bytes);
  if (image) return { kind: 'image', mimeType: image, bytes };
  if (startsWith(bytes, '%PDF-')) return { kind: 'pdf', mimeType: 'application/pdf', bytes };
  if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WAVE', 8))
    return { kind: 'audio', mimeType: 'audio/wav', bytes };
  if (isMp3(bytes)) return { kind: 'audio', mimeType: 'audio/mpeg', bytes };
  const text = decodeText(bytes);
  if (text !== null) return { kind: 'text', mimeType: 'text/plain', bytes: text };
  return null;
}

function startsWith(b: Uint8Array, sig: string, at = 0): boolean {
  if (b.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig.charCodeAt(i)) return false;
  return true;
}

/**
 * MP3: an ID3v2 tag (ID3, version 2–4, syncsafe size bytes), or an MPEG audio frame header: 11 sync
 * bits, a defined version, Layer III, a bitrate index other than free (0) or bad (15), a defined
 * sample rate. Two frame sync bits alone match too much binary, so when the file is long enough the
 * next frame (at the length this header gives) must start with a sync too.
 */
function isMp3(b: Uint8Array): boolean {
  if (startsWith(b, 'ID3') && b.length >= 10) {
    const version = b[3] ?? 0;
    const sizeBytes = [b[6], b[7], b[8], b[9]];
    return (
      version >= 2 && version <= 4 && (b[4] ?? 0xff) !== 0xff && sizeBytes.every((x) => (x ?? 0x80) < 0x80)
    );
  }
  const first = mpegFrameLength(b, 0);
  if (first === null) return false;
  if (b.length < first + 4) return true;
  return mpegFrameLength(b, first) !== null;
}

// Bitrates (kbit/s) for Layer III by index: MPEG-1, and MPEG-2/2.5.
const BITRATES_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const BITRATES_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const SAMPLE_RATES: Readonly<Record<number, readonly number[]>> = {
  3: [44100, 48000, 32000], // MPEG-1
  2: [22050, 24000, 16000], // MPEG-2
  0: [11025, 12000, 8000], // MPEG-2.5
};

/** The byte length of the Layer III frame whose header starts at `at`, or null when it is not one. */
function mpegFrameLength(b: Uint8Array, at: number): number | null {
  if (b.length < at + 4) return null;
  const b1 = b[at + 1] ?? 0;
  const b2 = b[at + 2] ?? 0;
  if (b[at] !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
  const version = (b1 >> 3) & 3; // 1 is reserved
  const layer = (b1 >> 1) & 3; // 1 = Layer III
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  const rates = SAMPLE_RATES[version];
  if (!rates || layer !== 1 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null;
  const kbps = (version === 3 ? BITRATES_V1 : BITRATES_V2)[bitrateIndex] ?? 0;
  const sampleRate = rates[rateIndex] ?? 0;
  const padding = (b2 >> 1) & 1;
  return Math.floor(((version === 3 ? 144 : 72) * kbps * 1000) / sampleRate) + padding;
}

/** At most this share of characters may be controls other than tab, line feed, carriage return, form feed. */
const MAX_CONTROL_SHARE = 0.01;

/**
 * The file as UTF-8 text without a byte-order mark, or null when it is not text: not valid UTF-8
 * (or UTF-16 with a byte-order mark), a NUL anywhere, or more than a few other control characters
 * (binary formats that happen to be valid UTF-8 are full of them; source code has none).
 */
function decodeText(b: Uint8Array): Uint8Array | null {
  let text: string;
  try {
    if (b[0] === 0xff && b[1] === 0xfe)
      text = new TextDecoder('utf-16le', { fatal: true }).decode(b.subarray(2));
    else if (b[0] === 0xfe && b[1] === 0xff)
      text = new TextDecoder('utf-16be', { fatal: true }).decode(b.subarray(2));
    // ignoreBOM false (the default) drops a leading UTF-8 byte-order mark.
    else text = new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return null;
  }
  let controls = 0;
  let chars = 0;
  for (const c of text) {
    chars++;
    const code = c.codePointAt(0) ?? 0;
    if (code === 0) return null;
    const isControl = code < 0x20 || (code >= 0x7f && code <= 0x9f);
    if (isControl && c !== '\t' && c !== '\n' && c !== '\r' && c !== '\f') controls++;
  }
  if (controls > chars * MAX_CONTROL_SHARE) return null;
  // Keep the caller's bytes (and so their hash) when they were UTF-8 without a byte-order mark.
  const plainUtf8 =
    !(b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) &&
    !(b[0] === 0xff && b[1] === 0xfe) &&
    !(b[0] === 0xfe && b[1] === 0xff);
  return plainUtf8 ? b : new TextEncoder().encode(text);
}
