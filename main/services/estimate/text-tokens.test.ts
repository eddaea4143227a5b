import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { createSlicer } from './slicer';
import { CHUNK_MAX_CHARS, countText, MAX_EXACT_CHARS, splitIntoChunks } from './text-tokens';
import { loadTokenizer } from './tokenizer';

const plain = (text: string) => countTokens(text, { disallowedSpecial: new Set() });

/** Prose with code and non-Latin text, long enough for many pieces. */
function longText(chars: number): string {
  const parts = [
    'The estimate counts every message the request would carry, ',
    'const total = items.reduce((sum, x) => sum + x.price, 0);\n',
    'Grüße aus München — 東京の天気は晴れです。 ',
    '🎉 emoji and surrogate pairs 😀😀😀',
    '\n\n    indented line\n',
  ];
  let out = '';
  for (let i = 0; out.length < chars; i += 1) out += `${parts[i % parts.length] ?? ''}${i}`;
  return out.slice(0, chars);
}

const memo = () => ({ known: new Map<string, number>(), seen: new Map<string, number>() });

describe('splitIntoChunks', () => {
  it('cuts long texts into pieces that join back to the text, never inside a surrogate pair', () => {
    const text = longText(100_000);
    const chunks = splitIntoChunks(text);
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.join('')).toBe(text);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(CHUNK_MAX_CHARS);
      expect(c.charCodeAt(0) & 0xfc00).not.toBe(0xdc00);
    }
    // No newline or space in sight: a hard cut, still not inside a pair.
    const emoji = `a${'😀'.repeat(10_000)}`;
    expect(splitIntoChunks(emoji).join('')).toBe(emoji);
    for (const c of splitIntoChunks(emoji)) expect(c.charCodeAt(0) & 0xfc00).not.toBe(0xdc00);
  });

  it('an insertion early in a text leaves the later pieces the same strings', () => {
    const text = longText(60_000);
    const before = splitIntoChunks(text);
    const after = splitIntoChunks(`${text.slice(0, 100)}inserted words ${text.slice(100)}`);
    const same = after.filter((c) => before.includes(c)).length;
    expect(same).toBeGreaterThanOrEqual(before.length - 3);
  });
});

describe('countText', () => {
  it('counts piece by piece within 0.5% of counting the whole text', async () => {
    const text = longText(150_000);
    const whole = plain(text);
    const pieces = await countText(text, plain, memo(), createSlicer());
    expect(Math.abs(pieces - whole) / whole).toBeLessThan(0.005);
  });

  it('re-counts only the pieces it has not seen', async () => {
    const text = longText(50_000);
    const first = memo();
    await countText(text, plain, first, createSlicer());
    const counted: number[] = [];
    const spy = (t: string) => {
      counted.push(t.length);
      return plain(t);
    };
    const n = await countText(
      `${text}, and more`,
      spy,
      { known: first.seen, seen: new Map() },
      createSlicer(),
    );
    expect(counted.length).toBe(1);
    expect(counted[0]).toBeLessThanOrEqual(CHUNK_MAX_CHARS);
    expect(n).toBeGreaterThan(0);
  });

  it('beyond 200,000 characters extrapolates from the first 200,000 instead of tokenizing it all', async () => {
    const text = longText(600_000);
    let tokenized = 0;
    const spy = (t: string) => {
      tokenized += t.length;
      return plain(t);
    };
    const n = await countText(text, spy, memo(), createSlicer());
    expect(tokenized).toBe(MAX_EXACT_CHARS);
    const whole = plain(text);
    expect(Math.abs(n - whole) / whole).toBeLessThan(0.02);
  });

  it('the loaded tokenizer counts special-token text as text instead of refusing it', async () => {
    const count = await loadTokenizer();
    expect(count('say <|endoftext|> please')).toBe(plain('say <|endoftext|> please'));
    expect(count('')).toBe(0);
  });
});
