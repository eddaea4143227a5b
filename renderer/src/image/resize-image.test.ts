import { describe, expect, it } from 'vitest';
import { fitWithin, type ImageEncoder, shrinkToFit } from './resize-image';

/** An encoder whose output size is a formula of the pixels, type and quality; it records each try. */
function fakeEncoder(bytesPerPixel: (type: string, quality: number | undefined) => number) {
  const tries: string[] = [];
  const encoder: ImageEncoder = async (size, type, quality) => {
    tries.push(`${type} ${size.width}x${size.height} q${quality ?? '-'}`);
    const length = Math.ceil(size.width * size.height * bytesPerPixel(type, quality));
    return new Blob([new Uint8Array(length)], { type });
  };
  return { encoder, tries };
}

describe('fitWithin', () => {
  it('fits the longer side to maxSide and keeps the aspect ratio', () => {
    expect(fitWithin({ width: 12000, height: 6000 }, 8000)).toEqual({ width: 8000, height: 4000 });
    expect(fitWithin({ width: 3000, height: 9000 }, 8000)).toEqual({ width: 2667, height: 8000 });
  });

  it('never makes an image larger, nor a side zero', () => {
    expect(fitWithin({ width: 640, height: 480 }, 8000)).toEqual({ width: 640, height: 480 });
    expect(fitWithin({ width: 100_000, height: 1 }, 8000)).toEqual({ width: 8000, height: 1 });
  });
});

describe('shrinkToFit', () => {
  it('keeps a PNG a PNG when it fits at the new size', async () => {
    const { encoder, tries } = fakeEncoder(() => 1);
    const out = await shrinkToFit(
      { width: 10000, height: 5000 },
      'image/png',
      { maxSide: 1000, maxBytes: 600_000 },
      encoder,
    );
    expect(out.type).toBe('image/png');
    expect(out.size).toEqual({ width: 1000, height: 500 });
    expect(out.blob.size).toBeLessThanOrEqual(600_000);
    expect(tries).toEqual(['image/png 1000x500 q-']);
  });

  it('encodes a photo as JPEG, lowering the quality until it is under maxBytes', async () => {
    // JPEG at quality q costs q bytes per pixel: 0.92 and 0.85 are too big for 1000×1000 under 800,000.
    const { encoder, tries } = fakeEncoder((_type, quality) => quality ?? 4);
    const out = await shrinkToFit(
      { width: 4000, height: 4000 },
      'image/jpeg',
      { maxSide: 1000, maxBytes: 800_000 },
      encoder,
    );
    expect(out.type).toBe('image/jpeg');
    expect(out.size).toEqual({ width: 1000, height: 1000 });
    expect(out.blob.size).toBeLessThanOrEqual(800_000);
    expect(tries.every((t) => t.startsWith('image/jpeg'))).toBe(true);
    expect(tries.at(-1)).toBe('image/jpeg 1000x1000 q0.75');
  });

  it('falls back from PNG to JPEG, then to fewer pixels, when quality alone is not enough', async () => {
    const { encoder, tries } = fakeEncoder((type) => (type === 'image/png' ? 4 : 1));
    const out = await shrinkToFit(
      { width: 2000, height: 2000 },
      'image/png',
      { maxSide: 2000, maxBytes: 2_500_000 },
      encoder,
    );
    expect(out.type).toBe('image/jpeg');
    expect(out.size).toEqual({ width: 1500, height: 1500 });
    expect(out.blob.size).toBeLessThanOrEqual(2_500_000);
    expect(tries[0]).toBe('image/png 2000x2000 q-');
  });

  it('gives up with a reason rather than sending an image over the limit', async () => {
    const { encoder } = fakeEncoder(() => 1);
    await expect(
      shrinkToFit({ width: 400, height: 300 }, 'image/jpeg', { maxSide: 400, maxBytes: 10 }, encoder),
    ).rejects.toMatchObject({ problem: 'tooBig', maxBytes: 10 });
  });
});
