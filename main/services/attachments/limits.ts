import { ATTACHMENT_LIMITS, type AttachmentKind, MiB } from '../../../common/attachment-types';
import { appError } from '../../../common/errors';
import type { ErrorMessage } from '../../../common/i18n/error-messages';
import type { PixelSize } from './image-size';

/** The largest file of any kind: `stageFiles` refuses a bigger one from its size, without reading it. */
export const MAX_READ_BYTES = Math.max(...Object.values(ATTACHMENT_LIMITS.maxBytes));

/**
 * A size as the refusals give it: MiB rounded to one decimal, a number the catalog formats in the
 * window's language (`{size, number, ::unit/megabyte .# group-off}`: "20 MB", "20.5 MB", "20,5 Mo").
 * Every size these messages name is over a limit of at least 1 MiB, so it is never under a megabyte.
 */
export function megabytes(bytes: number): number {
  return Math.round((bytes / MiB) * 10) / 10;
}

/** The refusal every check throws: the person reads it next to the file's name. */
export function refuse(text: ErrorMessage): never {
  throw appError('attachment_refused', text);
}

export function refuseEmpty(name: string): never {
  return refuse({ id: 'errors.attachments.empty', values: { name } });
}

/** Before reading: over the largest limit of any kind. */
export function refuseOverReadCap(name: string, byteLength: number): never {
  return refuse({
    id: 'errors.attachments.overReadCap',
    values: { name, size: megabytes(byteLength), max: megabytes(MAX_READ_BYTES) },
  });
}

/**
 * The file's own kind limit (ATTACHMENT_LIMITS.maxBytes). `kind` selects the words and the hint in
 * the catalog (audio is its `other` case).
 */
export function checkKindSize(name: string, kind: AttachmentKind, byteLength: number): void {
  const max = ATTACHMENT_LIMITS.maxBytes[kind];
  if (byteLength > max) {
    refuse({
      id: 'errors.attachments.kindTooLarge',
      values: { name, kind, size: megabytes(byteLength), max: megabytes(max) },
    });
  }
}

/** Refuses a decompression bomb: a header claiming more pixels than any image Switchboard sends. */
export function checkPixels(name: string, size: PixelSize): void {
  const max = ATTACHMENT_LIMITS.image.maxPixels;
  if (size.width * size.height > max) {
    refuse({
      id: 'errors.attachments.tooManyPixels',
      values: { name, width: size.width, height: size.height, megapixels: max / 1_000_000 },
    });
  }
}

/** The resize an image needs before it can be sent to every vision model, or null when it fits. */
export function resizeFor(size: PixelSize, byteLength: number): { maxSide: number; maxBytes: number } | null {
  const { sendMaxBytes, sendMaxSide } = ATTACHMENT_LIMITS.image;
  const fits = byteLength <= sendMaxBytes && size.width <= sendMaxSide && size.height <= sendMaxSide;
  return fits ? null : { maxSide: sendMaxSide, maxBytes: sendMaxBytes };
}
