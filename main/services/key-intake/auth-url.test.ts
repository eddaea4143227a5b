import { describe, expect, it } from 'vitest';
import { authUrlFor, buildAuthorizeUrl } from './auth-url';
import { createPkcePair } from './pkce';

describe('authorize URL', () => {
  it('puts the consent page at the API origin root', () => {
    expect(authUrlFor('https://openrouter.ai/api/v1')).toBe('https://openrouter.ai/auth');
    expect(authUrlFor('http://127.0.0.1:4100/api/v1/')).toBe('http://127.0.0.1:4100/auth');
    expect(() => authUrlFor('http://openrouter.ai/api/v1')).toThrow(/https/);
  });

  it('carries the callback, the S256 challenge and the state', () => {
    const pkce = createPkcePair();
    const url = new URL(
      buildAuthorizeUrl({
        authUrl: 'https://openrouter.ai/auth',
        callbackUrl: 'http://127.0.0.1:51423/callback/abc',
        pkce,
        state: 'the-state',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://openrouter.ai/auth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      callback_url: 'http://127.0.0.1:51423/callback/abc',
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
      state: 'the-state',
    });
    expect(url.href).not.toContain(pkce.verifier);
  });
});
