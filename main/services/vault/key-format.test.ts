import { describe, expect, it } from 'vitest';
import { thrownFailure } from '../../../common/testing/thrown-failure';
import { MAX_KEY_LENGTH, MIN_KEY_LENGTH, normaliseKey } from './key-format';

const VALID = 'sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

const formatError = (input: string) => thrownFailure(() => normaliseKey(input));

describe('normaliseKey', () => {
  it('accepts a v1 key and trims surrounding whitespace and line breaks', () => {
    expect(normaliseKey(VALID)).toBe(VALID);
    expect(normaliseKey(`  \t${VALID}\r\n`)).toBe(VALID);
  });

  it('accepts the length limits exactly and rejects one past them', () => {
    const shortest = `sk-or-${'a'.repeat(MIN_KEY_LENGTH - 6)}`;
    const longest = `sk-or-${'a'.repeat(MAX_KEY_LENGTH - 6)}`;
    expect(normaliseKey(shortest)).toBe(shortest);
    expect(normaliseKey(longest)).toBe(longest);
    expect(formatError(shortest.slice(0, -1)).message).toMatch(/too short/);
    expect(formatError(`${longest}a`).message).toMatch(/too long/);
  });

  it.each([
    ['empty', '', /No key was entered/],
    ['only spaces', '   \n ', /No key was entered/],
    ['wrong prefix', 'sk-proj-0123456789abcdef0123456789abcdef', /start with "sk-or-"/],
    ['a URL', 'https://openrouter.ai/keys', /start with "sk-or-"/],
    ['inner space', `${VALID.slice(0, 20)} ${VALID.slice(20)}`, /spaces, line breaks or invisible/],
    ['inner tab', `${VALID.slice(0, 20)}\t${VALID.slice(20)}`, /spaces, line breaks or invisible/],
    ['inner newline', `${VALID.slice(0, 20)}\n${VALID.slice(20)}`, /spaces, line breaks or invisible/],
    ['NUL', `${VALID.slice(0, 20)}\u0000${VALID.slice(20)}`, /spaces, line breaks or invisible/],
    ['zero-width space', `${VALID.slice(0, 20)}\u200b${VALID.slice(20)}`, /spaces, line breaks or invisible/],
    ['non-ASCII letter', `${VALID.slice(0, 20)}é${VALID.slice(20)}`, /cannot be part of an OpenRouter key/],
  ])('rejects %s with key_invalid_format and does not echo the input', (_name, input, message) => {
    const failure = formatError(input);
    expect(failure.error.code).toBe('key_invalid_format');
    expect(failure.message).toMatch(message);
    expect(failure.message).not.toContain(VALID.slice(10, 30));
  });
});
