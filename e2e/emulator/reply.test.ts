import { describe, expect, it } from 'vitest';
import { buildReplyText, buildReplyTokens, DEFAULT_REPLY_TOKENS, HUGE_LINE_LENGTH } from './reply';

const spec = { seed: 42, tokens: DEFAULT_REPLY_TOKENS, multibyte: false, hugeLine: false };

describe('buildReplyTokens', () => {
  it('builds the default reply as 40 short tokens of complete Markdown', () => {
    const tokens = buildReplyTokens(spec);
    expect(tokens).toHaveLength(40);
    for (const t of tokens) expect(t.length).toBeLessThanOrEqual(16);
    const text = tokens.join('');
    expect(text).toMatch(/^[A-Z]\w* (\w+ ){4}\w+\.\n\n/); // a paragraph
    expect(text).toMatch(/\n- \w+ \w+\n- \w+ \w+\n\n/); // a list
    expect(text).toMatch(/```ts\nconst \w+ = \d+;\n```\n\n/); // a closed code block
    expect(text).toMatch(/\| Name \| Value \|\n\| --- \| --- \|\n\| \w+ \| \d+ \|$/); // a table
  });

  it('is deterministic per seed and varies between seeds', () => {
    expect(buildReplyText(spec)).toBe(buildReplyText({ ...spec }));
    expect(buildReplyText(spec)).not.toBe(buildReplyText({ ...spec, seed: 43 }));
  });

  it('makes exactly n tokens, each a word plus space or a punctuation/newline/syntax piece', () => {
    for (const n of [1, 7, 41, 999]) expect(buildReplyTokens({ ...spec, tokens: n })).toHaveLength(n);
    for (const t of buildReplyTokens({ ...spec, tokens: 2000 })) {
      // Indentation is its own piece; a table's separator row is the one Markdown piece kept whole.
      expect(t).toMatch(/^(\S+ ?| +|\n+|\| (---:? \| )*---:? \|)$/u);
    }
  });

  it('keeps code blocks, lists, tables and paragraphs coming in a 20,000-token reply', () => {
    const text = buildReplyText({ ...spec, tokens: 20_000 });
    const fences = text.match(/^```/gm) ?? [];
    expect(fences.length).toBeGreaterThan(100);
    expect((text.match(/^(- |\d+\. )/gm) ?? []).length).toBeGreaterThan(200);
    expect((text.match(/^\| --- \|/gm) ?? []).length).toBeGreaterThan(50);
    // Code blocks are spread through the reply, not bunched at the start.
    const lastFence = text.lastIndexOf('```');
    expect(lastFence).toBeGreaterThan(text.length * 0.95);
  });

  it('uses multi-byte characters when asked', () => {
    const text = buildReplyText({ ...spec, multibyte: true });
    for (const s of ['é', '中文', '🙂', '👩‍💻']) expect(text).toContain(s);
    const ascii = buildReplyText(spec);
    expect(Buffer.byteLength(ascii)).toBe(ascii.length);
  });

  it('puts one 1,000,000-character token in a huge-line reply', () => {
    const tokens = buildReplyTokens({ ...spec, hugeLine: true });
    expect(tokens).toHaveLength(40);
    expect(tokens[1]).toHaveLength(HUGE_LINE_LENGTH);
    expect(buildReplyTokens({ ...spec, tokens: 1, hugeLine: true })[0]).toHaveLength(HUGE_LINE_LENGTH);
  });
});
