import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FAULT_MODEL_PREFIX } from './faults';
import { findModel } from './models';

// What a chat request carries beyond text (issue 17): `content` as a string or as parts, checked
// strictly against the part shapes OpenRouter documents (../shared/docs/openrouter-api.md §2
// "Content parts"; https://openrouter.ai/docs/guides/overview/multimodal/pdfs for `file`), decoded so
// tests can compare the exact bytes, and summed up for the reply's deterministic echo.

export interface ReceivedImage {
  mimeType: string;
  /** Decoded from the data URL; null for an https URL (the emulator never fetches it). */
  bytes: Uint8Array | null;
  url: string;
}

export interface ReceivedFile {
  filename: string;
  mimeType: string;
  bytes: Uint8Array | null;
  /** SHA-256 (hex) of the bytes: the `hash` of the `file` annotation the reply carries. */
  sha256: string | null;
  /** `parsed`: the reply carries a fresh annotation; `skipped`: the request already sent its annotation back. */
  parse: 'parsed' | 'skipped';
}

export interface ReceivedAudio {
  format: string;
  bytes: Uint8Array;
}

/** Everything a request's messages attached, in order of appearance (all messages, all roles). */
export interface ReceivedAttachments {
  images: ReceivedImage[];
  files: ReceivedFile[];
  /** Inlined text files: text parts that open with `<file name="…">` (the client's wrapper). */
  textFiles: { name: string; text: string }[];
  audio: ReceivedAudio[];
  /** `plugins:[{id:"file-parser", pdf:{engine}}]`; null when the request names none. */
  pdfEngine: string | null;
  /** Hashes of the `file` annotations the request's assistant messages sent back. */
  annotatedHashes: string[];
}

export type AttachmentsResult = { ok: true; received: ReceivedAttachments } | { ok: false; message: string };

const IMAGE_DETAILS = new Set(['auto', 'low', 'high', 'original']);
const DATA_URL = /^data:([a-z0-9.+-]+\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/]*={0,2})$/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const FILE_WRAPPER = /^<file name="([^"]*)">\n([\s\S]*)\n<\/file>$/;

export function readAttachments(body: unknown): AttachmentsResult {
  const received: ReceivedAttachments = {
    images: [],
    files: [],
    textFiles: [],
    audio: [],
    pdfEngine: pdfEngineOf(body),
    annotatedHashes: [],
  };
  const messages = isObject(body) && Array.isArray(body.messages) ? (body.messages as unknown[]) : [];
  for (const [i, message] of messages.entries()) {
    if (!isObject(message)) continue;
    received.annotatedHashes.push(...annotationHashes(message.annotations));
    const content = message.content;
    if (content === undefined || content === null || typeof content === 'string') continue;
    if (!Array.isArray(content)) {
      return { ok: false, message: `messages[${i}].content: expected a string or an array of content parts` };
    }
    for (const [j, part] of (content as unknown[]).entries()) {
      const problem = readPart(part, received);
      if (problem !== null) return { ok: false, message: `messages[${i}].content[${j}]: ${problem}` };
    }
  }
  for (const file of received.files) {
    if (file.sha256 !== null && received.annotatedHashes.includes(file.sha256)) file.parse = 'skipped';
  }
  return { ok: true, received };
}

function readPart(part: unknown, out: ReceivedAttachments): string | null {
  if (!isObject(part) || typeof part.type !== 'string') return 'expected an object with a string "type"';
  switch (part.type) {
    case 'text': {
      if (typeof part.text !== 'string') return 'a text part needs a string "text"';
      const wrapped = FILE_WRAPPER.exec(part.text);
      if (wrapped) out.textFiles.push({ name: unescapeName(wrapped[1] ?? ''), text: wrapped[2] ?? '' });
      return null;
    }
    case 'image_url': {
      const image = part.image_url;
      if (!isObject(image) || typeof image.url !== 'string') return 'an image_url part needs image_url.url';
      if (image.detail !== undefined && !IMAGE_DETAILS.has(String(image.detail))) {
        return 'image_url.detail must be auto, low, high or original';
      }
      if (image.url.startsWith('https://')) {
        out.images.push({ mimeType: 'unknown', bytes: null, url: image.url });
        return null;
      }
      const data = DATA_URL.exec(image.url);
      if (!data || !(data[1] ?? '').toLowerCase().startsWith('image/')) {
        return 'image_url.url must be an https URL or a data:image/…;base64 URL';
      }
      out.images.push({
        mimeType: (data[1] ?? '').toLowerCase(),
        bytes: decode(data[2] ?? ''),
        url: image.url,
      });
      return null;
    }
    case 'file': {
      const file = part.file;
      if (!isObject(file) || typeof file.filename !== 'string' || typeof file.file_data !== 'string') {
        return 'a file part needs file.filename and file.file_data';
      }
      if (file.file_data.startsWith('https://')) {
        out.files.push({
          filename: file.filename,
          mimeType: 'unknown',
          bytes: null,
          sha256: null,
          parse: 'parsed',
        });
        return null;
      }
      const data = DATA_URL.exec(file.file_data);
      if (!data) return 'file.file_data must be an https URL or a base64 data URL';
      const bytes = decode(data[2] ?? '');
      out.files.push({
        filename: file.filename,
        mimeType: (data[1] ?? '').toLowerCase(),
        bytes,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        parse: 'parsed',
      });
      return null;
    }
    case 'input_audio': {
      const audio = part.input_audio;
      if (!isObject(audio) || typeof audio.data !== 'string' || typeof audio.format !== 'string') {
        return 'an input_audio part needs input_audio.data and input_audio.format';
      }
      // Base64 only: OpenRouter takes no URL for audio (ai-sdk-provider file-url-utils.ts getInputAudioData).
      if (audio.data.startsWith('data:') || !BASE64.test(audio.data)) {
        return 'input_audio.data must be base64 without a data: prefix';
      }
      out.audio.push({ format: audio.format, bytes: decode(audio.data) });
      return null;
    }
    default:
      return `unsupported content part type "${part.type}"`;
  }
}

/**
 * OpenRouter's answer when the model has no endpoint that reads images: a 404 with exactly these
 * bytes (main/services/openrouter/fixtures/real/errors/image-input-404-no-endpoints.reconstructed.json;
 * the body is quoted verbatim in several clients' logs, SOURCES.md says where). Fault models
 * (`emulator/<mode>`) are test tools and take any input.
 */
export function refusesImages(model: string, received: ReceivedAttachments): boolean {
  if (received.images.length === 0 || model.startsWith(FAULT_MODEL_PREFIX)) return false;
  const input = findModel(model)?.architecture.input_modalities;
  return input !== undefined && !input.includes('image');
}

const IMAGE_INPUT_404 = resolve(
  import.meta.dirname,
  '../../main/services/openrouter/fixtures/real/errors/image-input-404-no-endpoints.reconstructed.json',
);

export function imageInput404Text(): string {
  return readFileSync(IMAGE_INPUT_404, 'utf8');
}

/**
 * The `file` annotations of the files parsed for this request, in the shape of the ai-sdk-provider's
 * anonymised real answers (fixtures/real/annotations/): `hash`, `name` and `content` opening with a
 * `<file name="…">` text part, then the "parsed" text (the emulator's own, deterministic).
 */
export function fileAnnotations(received: ReceivedAttachments): Record<string, unknown>[] {
  return received.files
    .filter((f) => f.parse === 'parsed' && f.sha256 !== null)
    .map((f) => ({
      type: 'file',
      file: {
        hash: f.sha256,
        name: f.filename,
        content: [
          { type: 'text', text: `<file name="${f.filename}">` },
          { type: 'text', text: `Parsed by the emulator: ${f.bytes?.byteLength ?? 0} bytes.` },
        ],
      },
    }));
}

/** True when the request carries anything but plain text, so the reply starts with `echoText`. */
export function hasAttachments(r: ReceivedAttachments): boolean {
  return r.images.length + r.files.length + r.textFiles.length + r.audio.length > 0;
}

/**
 * One deterministic sentence naming what arrived, e.g. "Received 1 image (image/png, 68 bytes), 1 file
 * (report.pdf, engine cloudflare-ai), 1 text file." — a test can check it in the reply the window shows.
 */
export function echoText(r: ReceivedAttachments): string {
  const parts: string[] = [];
  const engine = r.pdfEngine ?? 'default';
  if (r.images.length > 0) {
    const what = r.images.map((i) => (i.bytes ? `${i.mimeType}, ${i.bytes.byteLength} bytes` : i.url));
    parts.push(`${count(r.images.length, 'image')} (${what.join('; ')})`);
  }
  if (r.files.length > 0) {
    const what = r.files.map(
      (f) => `${f.filename}, engine ${engine}${f.parse === 'skipped' ? ', parse skipped' : ''}`,
    );
    parts.push(`${count(r.files.length, 'file')} (${what.join('; ')})`);
  }
  if (r.textFiles.length > 0) parts.push(count(r.textFiles.length, 'text file'));
  if (r.audio.length > 0) {
    const what = r.audio.map((a) => `${a.format}, ${a.bytes.byteLength} bytes`);
    parts.push(`${count(r.audio.length, 'audio clip')} (${what.join('; ')})`);
  }
  return `Received ${parts.join(', ')}.`;
}

/** The echo as reply tokens (a word and its following space each), then a paragraph break. */
export function echoTokens(r: ReceivedAttachments): string[] {
  const words = echoText(r).split(' ');
  return [...words.map((w, i) => (i < words.length - 1 ? `${w} ` : w)), '\n\n'];
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function pdfEngineOf(body: unknown): string | null {
  if (!isObject(body) || !Array.isArray(body.plugins)) return null;
  for (const plugin of body.plugins as unknown[]) {
    if (isObject(plugin) && plugin.id === 'file-parser' && isObject(plugin.pdf)) {
      return typeof plugin.pdf.engine === 'string' ? plugin.pdf.engine : null;
    }
  }
  return null;
}

function annotationHashes(annotations: unknown): string[] {
  if (!Array.isArray(annotations)) return [];
  return (annotations as unknown[]).flatMap((a) =>
    isObject(a) && a.type === 'file' && isObject(a.file) && typeof a.file.hash === 'string'
      ? [a.file.hash]
      : [],
  );
}

function unescapeName(name: string): string {
  return name
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function decode(base64: string): Uint8Array {
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
