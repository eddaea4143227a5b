import { describe, expect, it } from 'vitest';
import { knownSecrets } from '../log/known-secrets';
import { scrub } from './scrub';

describe('scrub', () => {
  it('removes a key main has seen in any encoding, also one without the sk-or- shape (the sign-in failure page and OpenRouter error texts pass here)', () => {
    const key = 'proxy-token-7f3a9c2e5b1d4f6a8c0e';
    knownSecrets.add(key);
    const base64 = Buffer.from(key).toString('base64');
    const text = `upstream said: ${key.toUpperCase()} / ${base64} / ${encodeURIComponent(key)}`;
    const out = scrub(text);
    expect(out).not.toContain(key.toUpperCase());
    expect(out).not.toContain(base64);
    expect(out).not.toContain(key);
    expect(out).toContain('upstream said:');
  });

  it('still removes the literal secrets it is given and key shapes', () => {
    const out = scrub('state abcdefgh12345678 and sk-or-v1-0123456789abcdef0123456789abcdef', [
      'abcdefgh12345678',
    ]);
    expect(out).not.toContain('abcdefgh12345678');
    expect(out).not.toContain('0123456789abcdef0123456789abcdef');
  });
});
