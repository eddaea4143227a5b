import {
  ATTACHMENT_LIMITS,
  type Attachment,
  type AttachmentKind,
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

const MODALITY_WORDS: Record<string, string> = {
  image: 'images',
  audio: 'audio',
  file: 'PDFs with its own reading (Settings → PDF reading is set to the model’s own reading only)',
};

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
  const what = missing.map((m) => MODALITY_WORDS[m] ?? m).join(' or ');
  throw appError(
    'unsupported_input',
    `${info.name || model} cannot read ${what}, so nothing was sent. Choose a model that can, or remove those attachments.`,
  );
}

/**
 * One message's attachments within the per-message limits (count and total size): past them the
 * request risks being refused upstream after the files were written, so nothing is sent.
 */
export function checkMessageLimits(attachments: readonly Attachment[]): void {
  const { maxFilesPerMessage, maxBytesPerMessage } = ATTACHMENT_LIMITS;
  if (attachments.length > maxFilesPerMessage) {
    throw appError(
      'attachment_refused',
      `A message can carry ${maxFilesPerMessage} attachments at most; this one has ${attachments.length}. Remove some, or send them in another message.`,
    );
  }
  const total = attachments.reduce((sum, a) => sum + a.byteLength, 0);
  if (total > maxBytesPerMessage) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    throw appError(
      'attachment_refused',
      `This message's attachments come to ${mb(total)}; a message can carry ${mb(maxBytesPerMessage)} at most. Remove some, or send them in another message.`,
    );
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
