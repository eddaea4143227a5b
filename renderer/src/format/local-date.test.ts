import { describe, expect, it } from 'vitest';
import { formatLedgerDay, formatLocalDate } from './local-date';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('local dates in the interface language', () => {
  const day = new Date(2026, 11, 6, 15, 30);
  it.each([
    ['en', '6 Dec 2026', '6 Dec'],
    ['en-XA', '6 Dec 2026', '6 Dec'],
    ['de', '6. Dez. 2026', '6. Dez.'],
    ['fr', '6 déc. 2026', '6 déc.'],
    ['es', '6 dic 2026', '6 dic'],
    ['ja', '2026年12月6日', '12月6日'],
    ['zh-CN', '2026年12月6日', '12月6日'],
  ] as const)('%s', (locale, withYear, withoutYear) => {
    expect(plain(formatLocalDate(day, locale, { year: true }))).toBe(withYear);
    expect(plain(formatLocalDate(day, locale, { year: false }))).toBe(withoutYear);
  });

  it('reads a ledger day as a local day, and leaves anything else as written', () => {
    expect(formatLedgerDay('2026-12-06', 'en')).toBe('6 Dec');
    expect(formatLedgerDay('not a day', 'de')).toBe('not a day');
    expect(formatLocalDate(new Date(Number.NaN), 'en', { year: true })).toBe('');
  });
});
