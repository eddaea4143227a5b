import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { sniffImageType } from '../shared/image-bytes';
import { ImageCollector, MAX_IMAGE_BYTES, MAX_IMAGES_PER_REPLY } from './reply-images';
import {
  dataUrl,
  GIF_START,
  imageEntry,
  JPEG_START,
  ONE_PIXEL_PNG_BASE64,
  pngDataUrl,
  WEBP_START,
} from './testing/images';

function collect(...batches: unknown[]) {
  const log = createMemoryLogger();
  const c = new ImageCollector(log);
  for (const b of batches) c.add(b);
  return { images: c.images, refs: c.references(), lines: log.lines };
}

describe('ImageCollector', () => {
  it('decodes data-URL images in order with ids 1.png, 2.jpeg…', () => {
    const { images, refs, lines } = collect(
      [imageEntry(pngDataUrl())],
      [imageEntry(dataUrl('image/jpeg', JPEG_START)), imageEntry(dataUrl('image/jpg', JPEG_START))],
      [imageEntry(dataUrl('image/gif', GIF_START)), imageEntry(dataUrl('image/webp', WEBP_START))],
    );
    expect(refs).toEqual([
      { id: '1.png', mimeType: 'image/png', byteLength: 70 },
      { id: '2.jpeg', mimeType: 'image/jpeg', byteLength: JPEG_START.length },
      { id: '3.jpeg', mimeType: 'image/jpeg', byteLength: JPEG_START.length },
      { id: '4.gif', mimeType: 'image/gif', byteLength: GIF_START.length },
      { id: '5.webp', mimeType: 'image/webp', byteLength: WEBP_START.length },
    ]);
    expect(Buffer.from(images[0]?.bytes ?? []).toString('base64')).toBe(ONE_PIXEL_PNG_BASE64);
    expect(lines).toEqual([]);
  });

  it('drops what is not an image, never fetches remote URLs, and logs count and reason only', () => {
    const { refs, lines } = collect([
      imageEntry('https://cdn.example/secret-image.png'),
      imageEntry(dataUrl('image/png', '<svg onload=alert(1)>')),
      imageEntry(dataUrl('image/svg+xml', '<svg/>')),
      imageEntry(dataUrl('image/jpeg', Buffer.from(ONE_PIXEL_PNG_BASE64, 'base64'))),
      imageEntry('data:image/png;base64,@@@not base64@@@'),
      imageEntry('data:image/png,rawbytes'),
      { type: 'image_url' },
      'junk',
      imageEntry(pngDataUrl()),
    ]);
    expect(refs.map((r) => r.id)).toEqual(['1.png']);
    const text = lines.join('\n');
    for (const reason of ['not-a-data-url', 'not-an-image', 'type-mismatch', 'not-base64', 'malformed']) {
      expect(text).toContain(`reason="${reason}"`);
    }
    expect(text).not.toContain('cdn.example');
  });

  it('reads entries that carry their own index, as real non-streamed image replies do', () => {
    const { refs } = collect([{ ...imageEntry(pngDataUrl()), index: 0 }]);
    expect(refs.map((r) => r.id)).toEqual(['1.png']);
  });

  it('caps the size of one image and the number per reply', () => {
    const huge = `data:image/png;base64,${'A'.repeat(Math.ceil((MAX_IMAGE_BYTES * 4) / 3) + 8)}`;
    const many = Array.from({ length: MAX_IMAGES_PER_REPLY + 2 }, () => imageEntry(pngDataUrl()));
    const { refs, lines } = collect([imageEntry(huge)], many, { not: 'a list' });
    expect(refs).toHaveLength(MAX_IMAGES_PER_REPLY);
    const text = lines.join('\n');
    expect(text).toContain('reason="too-large"');
    expect(text).toContain('reason="too-many"');
    expect(text).toContain('reason="not-a-list"');
  });

  it('sniffs the four types by their magic bytes only', () => {
    expect(sniffImageType(new TextEncoder().encode('GIF89a'))).toBe('image/gif');
    expect(sniffImageType(new TextEncoder().encode('RIFF0000WAVE'))).toBeNull();
    expect(sniffImageType(new Uint8Array())).toBeNull();
  });
});
