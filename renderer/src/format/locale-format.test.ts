import { describe, expect, it } from 'vitest';
import { formatActivity } from './activity-time';
import { formatBytes } from './attachments';
import { formatRelativeTime } from './relative-time';
import { formatCost, formatUsd } from './usd';

// Figures as Intl (ICU) writes them for each language; its no-break spaces (U+00A0, U+202F) are
// compared as plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
describe('numbers in the interface language', () => {
  it.each([
    ['en', '$1234.56', '$0.00014', '-$1.00'],
    ['de', '1.234,56 $', '0,00014 $', '-1,00 $'],
    ['fr', '1 234,56 $US', '0,00014 $US', '-1,00 $US'],
    ['es', '1234,56 US$', '0,00014 US$', '-1,00 US$'],
    ['ja', '$1,234.56', '$0.00014', '-$1.00'],
    ['zh-CN', 'US$1,234.56', 'US$0.00014', '-US$1.00'],
  ] as const)('US dollars in %s', (locale, sum, tiny, negative) => {
    expect(plain(formatUsd(1234.56, locale))).toBe(sum);
    expect(plain(formatUsd(0.000141, locale))).toBe(tiny);
    expect(plain(formatUsd(-1, locale))).toBe(negative);
  });

  it('keeps every digit OpenRouter billed, in any language', () => {
    expect(plain(formatCost(0.0013545))).toBe('$0.0013545');
    expect(plain(formatCost(0.0013545, 'de'))).toBe('0,0013545 $');
    expect(plain(formatCost(2, 'fr'))).toBe('2,00 $US');
  });

  it('writes file sizes in the units of the language', () => {
    expect(plain(formatBytes(2500))).toBe('2.4 KB');
    expect(plain(formatBytes(2500, 'de'))).toBe('2,4 kB');
    expect(plain(formatBytes(2500, 'fr'))).toBe('2,4 ko');
    expect(plain(formatBytes(20 * 1024 * 1024, 'fr'))).toBe('20 Mo');
    expect(plain(formatBytes(512, 'de'))).toBe('512 Byte');
    expect(plain(formatBytes(512, 'zh-CN'))).toBe('512字节');
  });

  it('writes relative times and dates in the language', () => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    expect(plain(formatRelativeTime(now - 3 * 60_000, now, 'de'))).toBe('vor 3 Minuten');
    expect(plain(formatRelativeTime(now - 24 * 3_600_000, now, 'fr'))).toBe('hier');
    expect(plain(formatRelativeTime(now - 3 * 60_000, now, 'ja'))).toBe('3 分前');
    expect(plain(formatRelativeTime(now - 3 * 60_000, now, 'en-XA'))).toBe('3 minutes ago');
    expect(plain(formatActivity('2025-01-05T12:00:00Z', new Date(now), 'de'))).toBe('5. Jan. 2025');
  });
});
