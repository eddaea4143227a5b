import { describe, expect, it } from 'vitest';
import { cleanFileName } from './file-name';

describe('cleanFileName', () => {
  it('keeps only the last path segment, for both separators', () => {
    expect(cleanFileName('../../etc/passwd', 'text')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\x\\secret.txt', 'text')).toBe('secret.txt');
    expect(cleanFileName('/home/ann/Pictures/cat.png', 'image')).toBe('cat.png');
  });

  it('removes control characters (C0, DEL, C1) and collapses whitespace', () => {
    expect(cleanFileName('re\u0000po\u0007rt\u007f\u009b  final\t\nv2.pdf', 'pdf')).toBe(
      'report final v2.pdf',
    );
  });

  it('removes bidirectional overrides and isolates, so the extension shown is the real one', () => {
    expect(cleanFileName('evil\u202Egnp.exe', 'image')).toBe('evilgnp.exe');
    expect(cleanFileName('a\u2066b\u2067c\u2068d\u2069e\u202Af\u202Bg\u202Ch\u202D.txt', 'text')).toBe(
      'abcdefgh.txt',
    );
  });

  it('removes zero-width characters and trims dots and spaces', () => {
    expect(cleanFileName('  ..na\u200Bme\u200D\uFEFF.txt. . ', 'text')).toBe('name.txt');
  });

  it('shortens a long name to 120 characters and keeps its extension', () => {
    const cleaned = cleanFileName(`${'a'.repeat(300)}.markdown`, 'text');
    expect(cleaned).toHaveLength(120);
    expect(cleaned.endsWith('a.markdown')).toBe(true);
  });

  it('does not split a character made of two UTF-16 units when shortening', () => {
    const cleaned = cleanFileName(`${'😀'.repeat(100)}.txt`, 'text');
    expect(cleaned.length).toBeLessThanOrEqual(120);
    expect(cleaned.endsWith('.txt')).toBe(true);
    expect(() => encodeURIComponent(cleaned)).not.toThrow();
  });

  it('falls back to a name by kind when nothing is left', () => {
    expect(cleanFileName('', 'image')).toBe('attachment.png');
    expect(cleanFileName('../..', 'pdf')).toBe('attachment.pdf');
    expect(cleanFileName('\u202E\u0000', 'audio')).toBe('attachment.audio');
    expect(cleanFileName(' / ', null)).toBe('file');
  });
});
