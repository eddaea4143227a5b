import { describe, expect, it } from 'vitest';
import { readImageSize } from './image-size';
import {
  gifBytes,
  jpegBytes,
  pngBytes,
  webpVp8Bytes,
  webpVp8lBytes,
  webpVp8xBytes,
} from './testing/sample-files';

describe('readImageSize', () => {
  it('reads the pixel size from each format header', () => {
    expect(readImageSize(pngBytes(640, 480), 'image/png')).toEqual({ width: 640, height: 480 });
    expect(readImageSize(jpegBytes(1920, 1080), 'image/jpeg')).toEqual({ width: 1920, height: 1080 });
    expect(readImageSize(gifBytes(31, 17), 'image/gif')).toEqual({ width: 31, height: 17 });
    expect(readImageSize(webpVp8xBytes(5000, 3000), 'image/webp')).toEqual({ width: 5000, height: 3000 });
    expect(readImageSize(webpVp8lBytes(300, 200), 'image/webp')).toEqual({ width: 300, height: 200 });
    expect(readImageSize(webpVp8Bytes(1024, 768), 'image/webp')).toEqual({ width: 1024, height: 768 });
  });

  it('reports the size a PNG header claims, however large (the limit is checked by the intake)', () => {
    expect(readImageSize(pngBytes(100_000, 100_000), 'image/png')).toEqual({
      width: 100_000,
      height: 100_000,
    });
  });

  it('returns null for a truncated or damaged header', () => {
    expect(readImageSize(pngBytes(10, 10).slice(0, 20), 'image/png')).toBeNull();
    expect(readImageSize(pngBytes(0, 10), 'image/png')).toBeNull();
    expect(readImageSize(jpegBytes(10, 10).slice(0, 30), 'image/jpeg')).toBeNull();
    expect(readImageSize(gifBytes(10, 10).slice(0, 8), 'image/gif')).toBeNull();
    expect(readImageSize(webpVp8xBytes(10, 10).slice(0, 26), 'image/webp')).toBeNull();
    const noSof = new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 2, 0xff, 0xd9]);
    expect(readImageSize(noSof, 'image/jpeg')).toBeNull();
  });
});
