import type { ReplyImage } from '../../../common/chat-types';
import type { Logger } from '../log/logger';
import { type ReplyImageBytes, sniffImageType } from '../shared/image-bytes';

/**
 * Reads `images` (a delta's or a non-streamed message's) into the reply's images. Image-output models
 * answer with `{type:"image_url", image_url:{url:"data:image/png;base64,…"}}` entries
 * (../shared/docs/openrouter-api.md §11). Only data URLs are read: a remote URL is never fetched (that
 * would make main reach any host a reply names). The bytes must be one of the four image types the app
 * shows, the type the data URL declares must agree with the bytes, and size and count are bounded.
 * Anything else is dropped with a log line (count and reason, never the URL); the stream goes on.
 */

export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
export const MAX_IMAGES_PER_REPLY = 8;

type ImageType = ReplyImage['mimeType'];
type DropReason =
  | 'not-a-list'
  | 'malformed'
  | 'not-a-data-url'
  | 'not-base64'
  | 'not-an-image'
  | 'type-mismatch'
  | 'too-large'
  | 'too-many';

const EXTENSIONS: Record<ImageType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

/** Declared types read as one of ours; `image/jpg` is a common misspelling of JPEG. */
const DECLARED: Record<string, ImageType> = {
  'image/png': 'image/png',
  'image/jpeg': 'image/jpeg',
  'image/jpg': 'image/jpeg',
  'image/webp': 'image/webp',
  'image/gif': 'image/gif',
};

export class ImageCollector {
  readonly images: ReplyImageBytes[] = [];

  constructor(private readonly log: Logger) {}

  add(entries: unknown): void {
    if (entries === undefined || entries === null) return;
    const dropped = new Map<DropReason, number>();
    const drop = (reason: DropReason) => dropped.set(reason, (dropped.get(reason) ?? 0) + 1);
    if (!Array.isArray(entries)) {
      drop('not-a-list');
    } else {
      for (const entry of entries as unknown[]) {
        const outcome = this.read(entry);
        if (outcome !== 'kept') drop(outcome);
      }
    }
    for (const [reason, count] of dropped) {
      this.log.warn('Dropped images from OpenRouter', { count, reason });
    }
  }

  /** The references the renderer gets, in order. */
  references(): ReplyImage[] {
    return this.images.map((i) => ({ id: i.id, mimeType: i.mimeType, byteLength: i.bytes.byteLength }));
  }

  private read(entry: unknown): DropReason | 'kept' {
    if (!isRecord(entry) || entry.type !== 'image_url') return 'malformed';
    const inner = entry.image_url;
    if (!isRecord(inner) || typeof inner.url !== 'string') return 'malformed';
    if (this.images.length >= MAX_IMAGES_PER_REPLY) return 'too-many';
    const decoded = decodeImageDataUrl(inner.url);
    if (typeof decoded === 'string') return decoded;
    const id = `${this.images.length + 1}.${EXTENSIONS[decoded.mimeType]}`;
    this.images.push({ id, mimeType: decoded.mimeType, bytes: decoded.bytes });
    return 'kept';
  }
}

const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*),/i;

/** A data URL's image, or why it is not one we keep. */
export function decodeImageDataUrl(
  url: string,
): { mimeType: ImageType; bytes: Uint8Array } | Exclude<DropReason, 'not-a-list' | 'malformed' | 'too-many'> {
  const header = DATA_URL.exec(url.slice(0, 200));
  if (header === null) return 'not-a-data-url';
  const declared = DECLARED[(header[1] ?? '').trim().toLowerCase()];
  const params = (header[2] ?? '').toLowerCase().split(';');
  if (declared === undefined) return 'not-an-image';
  if (!params.includes('base64')) return 'not-base64';
  const payload = url.slice(header[0].length).replace(/\s+/g, '');
  // Checked before decoding so an oversized image never occupies memory twice.
  if (Math.floor((payload.length * 3) / 4) > MAX_IMAGE_BYTES + 2) return 'too-large';
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(payload) || payload.length % 4 === 1) return 'not-base64';
  const bytes = new Uint8Array(Buffer.from(payload, 'base64'));
  if (bytes.byteLength === 0) return 'not-an-image';
  if (bytes.byteLength > MAX_IMAGE_BYTES) return 'too-large';
  const actual = sniffImageType(bytes);
  if (actual === null) return 'not-an-image';
  if (actual !== declared) return 'type-mismatch';
  return { mimeType: actual, bytes };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
