import { describe, expect, it } from 'vitest';
import { formatByteSize } from './byte-size';

describe('formatByteSize', () => {
  it('writes bytes, KB and MB as people read them', () => {
    expect(formatByteSize(1)).toBe('1 byte');
    expect(formatByteSize(900)).toBe('900 bytes');
    expect(formatByteSize(1536)).toBe('1.5 KB');
    expect(formatByteSize(200 * 1024)).toBe('200 KB');
    expect(formatByteSize(Math.round(1.2 * 1024 * 1024))).toBe('1.2 MB');
    expect(formatByteSize(32 * 1024 * 1024)).toBe('32 MB');
  });
});
