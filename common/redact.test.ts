import { describe, expect, it } from 'vitest';
import { describeError, maskKey, redact } from './redact';

const KEY = `sk-or-v1-${'0123456789abcdef'.repeat(4)}`;

describe('redact', () => {
  it('removes anything shaped like an OpenRouter key', () => {
    const out = redact(`upstream said: invalid key ${KEY}, try again`);
    expect(out).not.toContain('0123456789abcdef');
    expect(out).toContain('sk-or-[REDACTED]');
  });

  it('removes Bearer tokens and authorization headers of any shape', () => {
    const out = redact('headers: {"Authorization":"Bearer abc.def-ghi"} authorization: token123');
    expect(out).not.toContain('abc.def-ghi');
    expect(out).not.toContain('token123');
  });

  it('redacts thrown errors including their cause', () => {
    const err = new Error(`fetch failed for ${KEY}`, { cause: new Error(`inner ${KEY}`) });
    expect(describeError(err)).not.toContain(KEY.slice(10));
  });

  it('leaves ordinary text alone', () => {
    expect(redact('The model replied: sk is not a key')).toBe('The model replied: sk is not a key');
  });
});

describe('maskKey', () => {
  it('shows the prefix and last four characters only', () => {
    expect(maskKey(KEY)).toBe('sk-or-v1-…cdef');
  });
  it('reveals nothing of a short key', () => {
    expect(maskKey('sk-or-short')).toBe('sk-or-…');
  });
});
