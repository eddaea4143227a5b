import { z } from 'zod';
import { REPLY_IMAGE_TYPES } from './chat-types';
import { ErrorValuesSchema } from './errors';
import { ConversationIdSchema, MessageIdSchema } from './ids';

/**
 * Attachments (issue 17): files the person adds to a message. Main recognises each by its bytes, never
 * by its name; keeps the bytes as content-addressed files in the history folder (named by SHA-256);
 * and sends them to OpenRouter as the part its type calls for. The window only ever sees these
 * references: never a path on the person's disk, never the bytes unless it asks for an image preview.
 */

export const MiB = 1024 * 1024;

/** What an attachment is sent as: `image_url`, a `file` part (PDF), inlined text, or `input_audio`. */
export const ATTACHMENT_KINDS = ['image', 'pdf', 'text', 'audio'] as const;
export const AttachmentKindSchema = z.enum(ATTACHMENT_KINDS);
export type AttachmentKind = z.infer<typeof AttachmentKindSchema>;

export const AUDIO_TYPES = ['audio/wav', 'audio/mpeg'] as const;
export const ATTACHMENT_MIME_TYPES = [
  ...REPLY_IMAGE_TYPES,
  'application/pdf',
  'text/plain',
  ...AUDIO_TYPES,
] as const;
export const AttachmentMimeTypeSchema = z.enum(ATTACHMENT_MIME_TYPES);
export type AttachmentMimeType = z.infer<typeof AttachmentMimeTypeSchema>;

/** Lower-case hex SHA-256 of the bytes: the attachment's file name in the store and its identity. */
export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * A file name as main cleaned it (no path separators, no control or bidirectional-override
 * characters, at most 120 characters). Shown as text, never as markup.
 */
export const AttachmentNameSchema = z.string().min(1).max(120);

export const PixelSizeSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

export const AttachmentSchema = z.object({
  sha256: Sha256Schema,
  name: AttachmentNameSchema,
  kind: AttachmentKindSchema,
  mimeType: AttachmentMimeTypeSchema,
  byteLength: z.number().int().positive(),
  /** Images: the pixel size of the bytes kept (read from the file's header by main). */
  size: PixelSizeSchema.optional(),
  /** PDFs: the number of pages as main counted them (for the parser's per-page price); absent if unknown. */
  pages: z.number().int().positive().optional(),
  /** Images Switchboard shrank to fit providers' limits before sending: what the person attached. */
  resizedFrom: PixelSizeSchema.extend({ byteLength: z.number().int().positive() }).optional(),
  /**
   * Set by main when a stored attachment's file is missing or damaged as the message is read; never
   * stored. The message shows it and the request leaves the file out, saying so.
   */
  missing: z.literal(true).optional(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

/**
 * The limits main enforces (and the composer shows). Images above `sendMaxBytes` or `sendMaxSide` are
 * resized before sending: Anthropic's 5 MB and 8,000 px per image are the tightest limits published
 * by the providers OpenRouter sends images to (docs.anthropic.com, "Vision": image size limits), so an
 * image within them is accepted by every vision model. `maxPixels` refuses decompression bombs (a
 * tiny PNG that claims 100,000 × 100,000 pixels) before anything decodes them.
 */
export const ATTACHMENT_LIMITS = {
  maxFilesPerMessage: 10,
  maxBytesPerMessage: 32 * MiB,
  maxBytes: { image: 20 * MiB, pdf: 32 * MiB, text: 1 * MiB, audio: 20 * MiB },
  image: { sendMaxBytes: 5 * MiB, sendMaxSide: 8000, maxPixels: 100_000_000 },
} as const;

/** The base64 of the largest file main accepts from the window (drop and paste), with some slack. */
export const MAX_ATTACHMENT_BASE64_CHARS = Math.ceil((32 * MiB) / 3) * 4 + 16;

/** A file in the composer, kept by main until the message is sent or the chip removed. */
export const StagedAttachmentSchema = AttachmentSchema.extend({
  /**
   * The image is over `ATTACHMENT_LIMITS.image` and must be resized before it can be sent: the window
   * draws it smaller (images are decoded only in the sandboxed renderer, never in main) and stages
   * the result with `replaces` set to this attachment's sha256.
   */
  resize: z
    .object({ maxSide: z.number().int().positive(), maxBytes: z.number().int().positive() })
    .nullable(),
});
export type StagedAttachment = z.infer<typeof StagedAttachmentSchema>;

/**
 * A file main would not take, and why (written for the person: what happened and what to do). Like an
 * AppError (issue 20): `messageId` (an `errors.*` id) and `values` let the window say it in its
 * own language (`errorNote`); `message` is the English text, for the logs and as the fallback.
 */
export const AttachmentRefusalSchema = z.object({
  name: z.string().max(200),
  message: z.string(),
  messageId: z
    .string()
    .regex(/^errors\.[A-Za-z0-9_.]{1,118}$/)
    .optional(),
  values: ErrorValuesSchema.optional(),
});
export type AttachmentRefusal = z.infer<typeof AttachmentRefusalSchema>;

/** What "Attach files" (main's open dialog) added and refused. */
export const AttachOutcomeSchema = z.object({
  cancelled: z.boolean(),
  attached: z.array(StagedAttachmentSchema),
  refused: z.array(AttachmentRefusalSchema),
});
export type AttachOutcome = z.infer<typeof AttachOutcomeSchema>;

/**
 * One attachment the window asks about: a staged one (no conversation) or one a stored message names
 * (main serves it only if that message names that hash).
 */
export const AttachmentRefSchema = z.union([
  z.object({ sha256: Sha256Schema }).strict(),
  z
    .object({ sha256: Sha256Schema, conversationId: ConversationIdSchema, messageId: MessageIdSchema })
    .strict(),
]);
export type AttachmentRef = z.infer<typeof AttachmentRefSchema>;

/**
 * How PDFs are read (Settings → "PDF reading"), sent as OpenRouter's `file-parser` plugin on every
 * request that carries a PDF, so a paid engine is never chosen for the person
 * (https://openrouter.ai/docs/guides/overview/multimodal/pdfs, "Plugin Configuration").
 * `auto`: the model's own reading when its `input_modalities` include `file`, else the free parser.
 */
export const PDF_ENGINE_CHOICES = ['auto', 'cloudflare-ai', 'mistral-ocr', 'native'] as const;
export const PdfEngineChoiceSchema = z.enum(PDF_ENGINE_CHOICES);
export type PdfEngineChoice = z.infer<typeof PdfEngineChoiceSchema>;
export type PdfEngine = Exclude<PdfEngineChoice, 'auto'>;
export const DEFAULT_PDF_ENGINE: PdfEngineChoice = 'auto';

/** "mistral-ocr": Best for scanned documents or PDFs with images ($2 per 1,000 pages) — same page. */
export const MISTRAL_OCR_USD_PER_PAGE = 2 / 1000;

/** The model input modality each kind needs (`architecture.input_modalities`); PDFs: see pdfNeeds. */
export const MODALITY_FOR_KIND: Readonly<Record<AttachmentKind, string | null>> = {
  image: 'image',
  audio: 'audio',
  // Any model can take a PDF through the file-parser plugin; only the `native` engine needs `file`.
  pdf: null,
  text: null,
};

/** The modality a model must accept for these attachments to be sent with this engine. */
export function requiredModalities(kinds: Iterable<AttachmentKind>, engine: PdfEngineChoice): Set<string> {
  const out = new Set<string>();
  for (const kind of kinds) {
    const modality = MODALITY_FOR_KIND[kind];
    if (modality !== null) out.add(modality);
    if (kind === 'pdf' && engine === 'native') out.add('file');
  }
  return out;
}

/** The engine a request uses for PDFs: `auto` becomes the model's own reading when it has one. */
export function resolvePdfEngine(choice: PdfEngineChoice, inputModalities: readonly string[]): PdfEngine {
  if (choice !== 'auto') return choice;
  return inputModalities.includes('file') ? 'native' : 'cloudflare-ai';
}
