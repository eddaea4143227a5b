import { describe, expect, it } from 'vitest';
import { benchmarkTokens, longBenchmarkTokens, tokenize } from './document';

describe('benchmark document', () => {
  it('is deterministic and has the requested number of tokens', () => {
    const tokens = benchmarkTokens(5000);
    expect(tokens).toHaveLength(5000);
    expect(benchmarkTokens(5000)).toEqual(tokens);
    const text = tokens.join('');
    for (const marker of ['```', '| --- |', '\n- ', '\n1. ', '$$', '> ']) expect(text).toContain(marker);
  });

  it('the long reply is deterministic, with long listings, tables and math', () => {
    const tokens = longBenchmarkTokens(20_000);
    expect(tokens).toHaveLength(20_000);
    expect(longBenchmarkTokens(20_000)).toEqual(tokens);
    const text = tokens.join('');
    for (const marker of ['```', '| --- |', '$$\n\\']) expect(text).toContain(marker);
    const longestFence = Math.max(
      ...text
        .split('```')
        .filter((_, i) => i % 2 === 1)
        .map((code) => code.split('\n').length),
    );
    expect(longestFence).toBeGreaterThan(120);
  });

  it('tokenizes without losing characters', () => {
    const text = 'Hello, world!\n\n```ts\nconst x = 42;\n```\n| a | b |\n';
    expect(tokenize(text).join('')).toBe(text);
  });
});
