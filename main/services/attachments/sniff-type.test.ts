import { describe, expect, it } from 'vitest';
import { sniffAttachmentType } from './sniff-type';
import {
  gifBytes,
  jpegBytes,
  junkBytes,
  mp3FramesBytes,
  mp3WithId3Bytes,
  pdfBytes,
  pngBytes,
  utf8,
  wavBytes,
  webpVp8xBytes,
} from './testing/sample-files';

const kindOf = (b: Uint8Array) => {
  const t = sniffAttachmentType(b);
  return t ? `${t.kind} ${t.mimeType}` : null;
};

describe('sniffAttachmentType', () => {
  it('recognises the four image types by their magic numbers', () => {
    expect(kindOf(pngBytes(2, 2))).toBe('image image/png');
    expect(kindOf(jpegBytes(2, 2))).toBe('image image/jpeg');
    expect(kindOf(webpVp8xBytes(2, 2))).toBe('image image/webp');
    expect(kindOf(gifBytes(2, 2))).toBe('image image/gif');
  });

  it('recognises PDF, WAV and MP3 (with an ID3 tag, or frames alone)', () => {
    expect(kindOf(pdfBytes())).toBe('pdf application/pdf');
    expect(kindOf(wavBytes())).toBe('audio audio/wav');
    expect(kindOf(mp3WithId3Bytes())).toBe('audio audio/mpeg');
    expect(kindOf(mp3FramesBytes())).toBe('audio audio/mpeg');
  });

  it('takes UTF-8 text and source code as text, without the byte-order mark', () => {
    const t = sniffAttachmentType(utf8('\uFEFFconst x = 1;\r\n\tif (x) {}\f\n// ünïcödé ✓\n'));
    expect(t?.kind).toBe('text');
    expect(t?.mimeType).toBe('text/plain');
    expect(new TextDecoder().decode(t?.bytes)).toBe('const x = 1;\r\n\tif (x) {}\f\n// ünïcödé ✓\n');
  });

  it('takes SVG as text, never as an image', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    expect(kindOf(utf8(svg))).toBe('text text/plain');
  });

  it('decodes UTF-16 text with a byte-order mark to UTF-8', () => {
    const le = new Uint8Array([0xff, 0xfe, 0x68, 0x00, 0x69, 0x00, 0x0a, 0x00]);
    const t = sniffAttachmentType(le);
    expect(t?.kind).toBe('text');
    expect(new TextDecoder().decode(t?.bytes)).toBe('hi\n');
  });

  it('refuses bytes with NULs even when they are otherwise valid UTF-8', () => {
    expect(kindOf(utf8('hello\u0000world, this looks like text\u0000\u0000'))).toBeNull();
    // One NUL in a long text: under the control-character share, still not text.
    expect(kindOf(utf8(`${'plain words '.repeat(200)}\u0000`))).toBeNull();
  });

  it('refuses text with many control characters, invalid UTF-8 and random bytes', () => {
    expect(kindOf(utf8(`abc${'\u0001\u0002\u001b'.repeat(10)}def`))).toBeNull();
    expect(kindOf(new Uint8Array([0x61, 0x62, 0xc3, 0x28, 0x63]))).toBeNull();
    expect(kindOf(junkBytes(512))).toBeNull();
  });

  it('refuses a zip archive (a zip bomb renamed to .png)', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, ...junkBytes(200)]);
    expect(kindOf(zip)).toBeNull();
  });

  it('refuses an MPEG-like header whose layer or bitrate is not valid', () => {
    // 0xFF 0xFF: layer bits 11 = Layer I, not III.
    expect(kindOf(new Uint8Array([0xff, 0xff, 0x90, 0x64, ...junkBytes(64)]))).toBeNull();
    // bitrate index 1111 (bad).
    expect(kindOf(new Uint8Array([0xff, 0xfb, 0xf0, 0x64, ...junkBytes(64)]))).toBeNull();
  });
});
