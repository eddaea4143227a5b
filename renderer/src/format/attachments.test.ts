import { describe, expect, it } from 'vitest';
import { makeStaged } from '../testing/fake-attachments';
import { describeResize, formatBytes, kindLabel } from './attachments';

describe('attachment formatting', () => {
  it('writes sizes in bytes, KB and MB with one decimal below ten', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(2500)).toBe('2.4 KB');
    expect(formatBytes(120 * 1024)).toBe('120 KB');
    expect(formatBytes(1.2 * 1024 * 1024)).toBe('1.2 MB');
    expect(formatBytes(2.44 * 1024 * 1024)).toBe('2.4 MB');
    expect(formatBytes(32 * 1024 * 1024)).toBe('32 MB');
    // Never "1024 KB": a size that rounds up to the next unit is written in it.
    expect(formatBytes(1024 * 1024 - 1)).toBe('1 MB');
  });

  it('names each kind for people', () => {
    expect(kindLabel('image')).toBe('Image');
    expect(kindLabel('pdf')).toBe('PDF');
    expect(kindLabel('text')).toBe('Text file');
    expect(kindLabel('audio')).toBe('Audio');
  });

  it('says an image was resized, to what size, only when it was', () => {
    expect(describeResize(makeStaged({ name: 'a.png' }))).toBeNull();
    expect(
      describeResize(
        makeStaged({
          name: 'a.jpg',
          kind: 'image',
          mimeType: 'image/jpeg',
          size: { width: 8000, height: 4500 },
          resizedFrom: { width: 12000, height: 6750, byteLength: 30_000_000 },
        }),
      ),
    ).toBe('Resized to 8000×4500');
  });
});
