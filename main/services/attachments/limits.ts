import { ATTACHMENT_LIMITS, type AttachmentKind, MiB } from '../../../common/attachment-types';
import { appError } from '../../../common/errors';
import type { PixelSize } from './image-size';

/** The largest file of any kind: `stageFiles` refuses a bigger one from its size, without reading it. */
export const MAX_READ_BYTES = Math.max(...Object.values(ATTACHMENT_LIMITS.maxBytes));

const KIND_PLURAL: Readonly<Record<AttachmentKind, string>> = {
  image: 'images',
  pdf: 'PDFs',
  text: 'text files',
  audio: 'audio files',
};

const SMALLER_HINT: Readonly<Record<AttachmentKind, string>> = {
  image: 'Shrink the image or save it in a smaller format, then attach it again.',
  pdf: 'Split the PDF or attach only the pages you need.',
  text: 'Attach a shorter file, or paste the part you need into the message.',
  audio: 'Attach a shorter recording or save it as MP3.',
};

/** Sizes as people read them: MiB with one decimal, "20 MB" rather than "20.0 MB". */
export function formatMegabytes(bytes: number): string {
  const mb = Math.round((bytes / MiB) * 10) / 10;
  if (mb === 0) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${Number.isInteger(mb) ? mb.toFixed(0) : mb.toFixed(1)} MB`;
}

/** The refusal every check throws: the person reads it next to the file's name. */
export function refuse(message: string): never {
  throw appError('attachment_refused', message);
}

export function refuseEmpty(name: string): never {
  return refuse(`${name} is empty. Choose a file with something in it.`);
}

/** Before reading: over the largest limit of any kind. */
export function refuseOverReadCap(name: string, byteLength: number): never {
  return refuse(
    `${name} is ${formatMegabytes(byteLength)}; Switchboard attaches files up to ${formatMegabytes(MAX_READ_BYTES)}. Attach a smaller file.`,
  );
}

/** The file's own kind limit (ATTACHMENT_LIMITS.maxBytes). */
export function checkKindSize(name: string, kind: AttachmentKind, byteLength: number): void {
  const max = ATTACHMENT_LIMITS.maxBytes[kind];
  if (byteLength > max) {
    refuse(
      `${name} is ${formatMegabytes(byteLength)}; Switchboard attaches ${KIND_PLURAL[kind]} up to ${formatMegabytes(max)}. ${SMALLER_HINT[kind]}`,
    );
  }
}

/** Refuses a decompression bomb: a header claiming more pixels than any image Switchboard sends. */
export function checkPixels(name: string, size: PixelSize): void {
  const max = ATTACHMENT_LIMITS.image.maxPixels;
  if (size.width * size.height > max) {
    const fmt = (n: number) => n.toLocaleString('en-US');
    refuse(
      `${name} claims ${fmt(size.width)} × ${fmt(size.height)} pixels; Switchboard attaches images up to ${fmt(max / 1_000_000)} megapixels. Shrink the image, then attach it again.`,
    );
  }
}

/** The resize an image needs before it can be sent to every vision model, or null when it fits. */
export function resizeFor(size: PixelSize, byteLength: number): { maxSide: number; maxBytes: number } | null {
  const { sendMaxBytes, sendMaxSide } = ATTACHMENT_LIMITS.image;
  const fits = byteLength <= sendMaxBytes && size.width <= sendMaxSide && size.height <= sendMaxSide;
  return fits ? null : { maxSide: sendMaxSide, maxBytes: sendMaxBytes };
}
