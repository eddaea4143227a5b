import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TITLE_CHARS, normalizeTitle, titleFromMessage } from './title';

const graphemes = (s: string) =>
  [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)].length;

describe('titleFromMessage', () => {
  it('takes the first non-empty line, trimmed, whitespace collapsed', () => {
    expect(titleFromMessage('  \n\n  Plan   a\ttrip  \nsecond line')).toBe('Plan a trip');
    expect(titleFromMessage('## A heading')).toBe('A heading');
    expect(titleFromMessage('   \n\t ')).toBeNull();
  });

  it('cuts long lines at a word boundary with an ellipsis, within 60 characters', () => {
    const title = titleFromMessage(
      'Could you explain how write-ahead logging protects a database against power failures during commits?',
    );
    expect(title).toBe('Could you explain how write-ahead logging protects a…');
    expect(graphemes(title ?? '')).toBeLessThanOrEqual(MAX_TITLE_CHARS);
  });

  it('cuts a single very long word hard rather than leaving nothing', () => {
    const title = titleFromMessage('x'.repeat(200)) ?? '';
    expect(title).toBe(`${'x'.repeat(59)}…`);
  });

  it('never splits an emoji or accented character', () => {
    const family = '👩‍👩‍👧';
    const title = titleFromMessage(family.repeat(100)) ?? '';
    expect(title.endsWith('…')).toBe(true);
    expect(title.slice(0, -1)).toBe(family.repeat(59));
  });

  it('is at most 60 characters for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const title = titleFromMessage(text);
        if (title !== null) {
          expect(graphemes(title)).toBeLessThanOrEqual(MAX_TITLE_CHARS);
          expect(title).not.toMatch(/\n/);
          expect(title.trim()).toBe(title);
        }
      }),
    );
  });
});

describe('normalizeTitle', () => {
  it('makes one trimmed line', () => {
    expect(normalizeTitle('  a\n b  ')).toBe('a b');
    expect(normalizeTitle('   ')).toBe('');
  });
});
