import { describe, expect, it } from 'vitest';
import { benchmarkTokens, tokenize } from './document';

describe('benchmark document', () => {
  it('is deterministic and has the requested number of tokens', () => {
    const tokens = benchmarkTokens(5000);
    expect(tokens).toHaveLength(5000);
    expect(benchmarkTokens(5000)).toEqual(tokens);
    const text = tokens.join('');
    for (const marker of ['```', '| --- |', '\n- ', '\n1. ', '$$', '> ']) expect(text).toContain(marker);
  });

  it('tokenizes without losing characters', () => {
    const text = 'Hello, world!\n\n```ts\nconst x = 42;\n```\n| a | b |\n';
    expect(tokenize(text).join('')).toBe(text);
  });
});
