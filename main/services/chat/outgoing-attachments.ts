import {
  ATTACHMENT_LIMITS,
  type Attachment,
  type AttachmentKind,
  MiB,
  type PdfEngine,
  type PdfEngineChoice,
  requiredModalities,
  resolvePdfEngine,
} from '../../../common/attachment-types';
import type { ModelSummary, OutgoingAttachment } from '../../../common/chat-types';
import { appError } from '../../../common/errors';
import type { AttachmentBytes } from '../attachments/types';
import type { TranscriptEntry } from '../history';

/**
 * The bytes of every attachment a request carries (issue 17): the earlier messages' from the history
 * folder (checked against their hash there; null when missing or damaged), the new message's from the
 * composer's staging. Keyed by sha256; one read per distinct file.
 */
export type AttachmentContents = ReadonlyMap<string, Uint8Array | null>;

export async function loadAttachmentContents(
  entries: readonly TranscriptEntry[],
  fresh: readonly AttachmentBytes[],
  readStored: (sha256: string) => Promise<Uint8Array | null>,
): Promise<AttachmentContents> {
  const contents = new Map<string, Uint8Array | null>();
  for (const item of fresh) contents.set(item.attachment.sha256, item.bytes);
  const wanted = new Set<string>();
  for (const entry of entries)
    for (const a of entry.attachments ?? []) if (!contents.has(a.sha256)) wanted.add(a.sha256);
  await Promise.all(
    [...wanted].map(async (sha) => {
      contents.set(sha, await readStored(sha).catch(() => null));
    }),
  );
  return contents;
}

/** A text attachment's text as it is sent (UTF-8; the intake accepted only valid UTF-8 as text). */
export function attachmentText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * A message's attachments as the client sends them, and the names of those whose file is gone (the
 * request says so in their place: the model and the person are never silently told less).
 */
export function outgoingAttachments(
  attachments: readonly Attachment[] | undefined,
  contents: AttachmentContents,
): { attachments: OutgoingAttachment[]; missing: string[] } {
  const out: OutgoingAttachment[] = [];
  const missing: string[] = [];
  for (const a of attachments ?? []) {
    const bytes = contents.get(a.sha256) ?? null;
    if (bytes === null) missing.push(a.name);
    else out.push({ kind: a.kind, name: a.name, mimeType: a.mimeType, bytes });
  }
  return { attachments: out, missing };
}

/**
 * Text the key guard must read besides the messages: each text attachment of the context as an entry
 * of its own (id `<message>#<sha256>`, so its verdict is remembered like a message's).
 */
export function attachedTextEntries(
  entries: readonly TranscriptEntry[],
  contents: AttachmentContents,
): TranscriptEntry[] {
  const out: TranscriptEntry[] = [];
  for (const entry of entries) {
    for (const a of entry.attachments ?? []) {
      const bytes = contents.get(a.sha256);
      if (a.kind === 'text' && bytes) {
        out.push({ id: `${entry.id}#${a.sha256}`, role: 'user', content: attachmentText(bytes) });
      }
    }
  }
  return out;
}

/**
 * What the model cannot read, as the catalog's `what` select key (errors.attachments.modelCannotRead):
 * the missing input modalities in a fixed order (images, audio, PDFs by the model's own reading) in
 * camelCase (`imageAudio`; all three, `imageAudioFile`, is the message's `other` case). The old wording followed the
 * attachments' order; a fixed order lets every language phrase each combination once.
 */
const MODALITY_ORDER = ['image', 'audio', 'file'] as const;
export function missingModalitiesKey(missing: readonly string[]): string {
  return MODALITY_ORDER.filter((m) => missing.includes(m))
    .map((m, i) => (i === 0 ? m : `${m.charAt(0).toUpperCase()}${m.slice(1)}`))
    .join('');
}

/**
 * Refuses (`unsupported_input`) a request whose attachments the model cannot read, naming what, before
 * anything is sent or written. Only when the model list says so: an unknown model is sent as asked
 * (OpenRouter then answers with its own error, which the window shows).
 */
export function checkModelCanRead(
  model: string,
  info: ModelSummary | null,
  kinds: ReadonlySet<AttachmentKind>,
  engine: PdfEngineChoice,
): void {
  if (info === null || kinds.size === 0) return;
  const missing = [...requiredModalities(kinds, engine)].filter((m) => !info.inputModalities.includes(m));
  if (missing.length === 0) return;
  throw appError('unsupported_input', {
    id: 'errors.attachments.modelCannotRead',
    values: { model: info.name || model, what: missingModalitiesKey(missing) },
  });
}

/**
 * One message's attachments within the per-message limits (count and total size): past them the
 * request risks being refused upstream after the files were written, so nothing is sent.
 */
export function checkMessageLimits(attachments: readonly Attachment[]): void {
  const { maxFilesPerMessage, maxBytesPerMessage } = ATTACHMENT_LIMITS;
  if (attachments.length > maxFilesPerMessage) {
    throw appError('attachment_refused', {
      id: 'errors.attachments.tooManyFiles',
      values: { max: maxFilesPerMessage, count: attachments.length },
    });
  }
  const total = attachments.reduce((sum, a) => sum + a.byteLength, 0);
  if (total > maxBytesPerMessage) {
    // MiB to one decimal, always shown with it (the catalog's `::unit/megabyte .0`: "33.0 MB").
    const mb = (n: number) => Math.round((n / MiB) * 10) / 10;
    throw appError('attachment_refused', {
      id: 'errors.attachments.messageTooLarge',
      values: { total: mb(total), max: mb(maxBytesPerMessage) },
    });
  }
}

/** Every attachment kind in a context. */
export function attachmentKinds(entries: readonly TranscriptEntry[]): Set<AttachmentKind> {
  const kinds = new Set<AttachmentKind>();
  for (const entry of entries) for (const a of entry.attachments ?? []) kinds.add(a.kind);
  return kinds;
}

/** The engine for this request's PDFs (null when it carries none, so no plugin is sent). */
export function pdfEngineFor(
  kinds: ReadonlySet<AttachmentKind>,
  choice: PdfEngineChoice,
  info: ModelSummary | null,
): PdfEngine | null {
  return kinds.has('pdf') ? resolvePdfEngine(choice, info?.inputModalities ?? []) : null;
}
