/**
 * Shrinks an image main asked to be resized (`StagedAttachment.resize`): images are decoded only here,
 * in the sandboxed renderer, never in main. The result keeps the aspect ratio, fits `maxSide`, and is
 * at most `maxBytes`: a PNG stays a PNG when it fits (screenshots keep sharp text), otherwise it becomes
 * a JPEG at the best quality that fits, and if even the lowest quality is too big, fewer pixels.
 */

export interface PixelSize {
  width: number;
  height: number;
}

export interface ResizeLimits {
  maxSide: number;
  maxBytes: number;
}

export type EncodedType = 'image/png' | 'image/jpeg';

/** Why an image could not be shrunk: the chip says it in the interface's language (area chat.resize). */
export type ResizeProblem = 'unreadable' | 'tooBig' | 'notEncoded' | 'notDrawn';

/** A shrink that gave up: which problem, and for `tooBig` the limit it could not get under. */
export class ResizeFailure extends Error {
  constructor(
    readonly problem: ResizeProblem,
    readonly maxBytes?: number,
  ) {
    super(`resize failed: ${problem}`);
    this.name = 'ResizeFailure';
  }
}

/** Draws the decoded image at `size` and encodes it; `quality` only for JPEG. */
export type ImageEncoder = (size: PixelSize, type: EncodedType, quality?: number) => Promise<Blob>;

export interface ResizedImage {
  blob: Blob;
  size: PixelSize;
  type: EncodedType;
}

/** Qualities tried in turn: the first is visually lossless for photos, the last still readable. */
const JPEG_QUALITIES = [0.92, 0.85, 0.75, 0.6, 0.45] as const;
/** Each further round keeps three quarters of each side (about half the pixels). */
const SHRINK_STEP = 0.75;
const MAX_ROUNDS = 8;

/** The largest size with the same aspect ratio whose longer side is at most `maxSide` (never larger). */
export function fitWithin(size: PixelSize, maxSide: number): PixelSize {
  const scale = Math.min(1, maxSide / Math.max(size.width, size.height));
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale)),
  };
}

/** The encoding loop, separate from the canvas so its choices can be tested without one. */
export async function shrinkToFit(
  original: PixelSize,
  originalType: string,
  limits: ResizeLimits,
  encode: ImageEncoder,
): Promise<ResizedImage> {
  let size = fitWithin(original, limits.maxSide);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (originalType === 'image/png') {
      const blob = await encode(size, 'image/png');
      if (blob.size <= limits.maxBytes) return { blob, size, type: 'image/png' };
    }
    for (const quality of JPEG_QUALITIES) {
      const blob = await encode(size, 'image/jpeg', quality);
      if (blob.size <= limits.maxBytes) return { blob, size, type: 'image/jpeg' };
    }
    size = fitWithin(size, Math.floor(Math.max(size.width, size.height) * SHRINK_STEP));
  }
  throw new ResizeFailure('tooBig', limits.maxBytes);
}

function makeCanvas(size: PixelSize): OffscreenCanvas | HTMLCanvasElement {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(size.width, size.height);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  return canvas;
}

async function canvasToBlob(
  canvas: OffscreenCanvas | HTMLCanvasElement,
  type: EncodedType,
  quality: number | undefined,
): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type, quality });
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new ResizeFailure('notEncoded'))), type, quality),
  );
}

/** Decodes `source` and shrinks it to the limits with a canvas. Rejects with a `ResizeFailure` saying why. */
export async function resizeImage(source: Blob, limits: ResizeLimits): Promise<ResizedImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(source);
  } catch {
    throw new ResizeFailure('unreadable');
  }
  try {
    const encode: ImageEncoder = async (size, type, quality) => {
      const canvas = makeCanvas(size);
      const context = canvas.getContext('2d') as
        | OffscreenCanvasRenderingContext2D
        | CanvasRenderingContext2D
        | null;
      if (!context) throw new ResizeFailure('notDrawn');
      // JPEG has no transparency: transparent pixels become white, as on a page, not black.
      if (type === 'image/jpeg') {
        context.fillStyle = '#ffffff';
        context.fillRect(0, 0, size.width, size.height);
      }
      context.imageSmoothingQuality = 'high';
      context.drawImage(bitmap, 0, 0, size.width, size.height);
      return canvasToBlob(canvas, type, quality);
    };
    return await shrinkToFit({ width: bitmap.width, height: bitmap.height }, source.type, limits, encode);
  } finally {
    bitmap.close();
  }
}
