import { describe, expect, it } from 'vitest';
import { challengeFor, createPkcePair, createState, secretsEqual } from './pkce';

// RFC 7636 Appendix B: the 32 octets, the verifier they encode to, and its S256 challenge.
const RFC_OCTETS = [
  116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191,
  240, 91, 88, 5, 88, 83, 132, 141, 121,
];
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

const BASE64URL_256_BITS = /^[A-Za-z0-9_-]{43}$/;

describe('PKCE', () => {
  it('matches the RFC 7636 Appendix B vector', () => {
    expect(challengeFor(RFC_VERIFIER)).toBe(RFC_CHALLENGE);
    expect(createPkcePair(() => Buffer.from(RFC_OCTETS))).toEqual({
      verifier: RFC_VERIFIER,
      challenge: RFC_CHALLENGE,
      method: 'S256',
    });
  });

  it('makes a fresh 43-character base64url verifier (no padding) each time', () => {
    const a = createPkcePair();
    const b = createPkcePair();
    expect(a.verifier).toMatch(BASE64URL_256_BITS);
    expect(a.challenge).toMatch(BASE64URL_256_BITS);
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.challenge).toBe(challengeFor(a.verifier));
  });

  it('asks the random source for 32 bytes and refuses a short answer', () => {
    const sizes: number[] = [];
    createPkcePair((n) => {
      sizes.push(n);
      return Buffer.alloc(n, 7);
    });
    expect(sizes).toEqual([32]);
    expect(() => createPkcePair(() => Buffer.alloc(8))).toThrow(/8 of 32 bytes/);
  });
});

describe('state', () => {
  it('is URL-safe, 256 bits, and never repeats', () => {
    const states = Array.from({ length: 500 }, () => createState());
    for (const state of states) {
      expect(state).toMatch(BASE64URL_256_BITS);
      expect(encodeURIComponent(state)).toBe(state);
    }
    expect(new Set(states).size).toBe(states.length);
  });

  it('uses all of its random bytes', () => {
    const fixed = Buffer.from(RFC_OCTETS);
    expect(
      Buffer.from(
        createState(() => fixed),
        'base64url',
      ),
    ).toEqual(fixed);
    expect(() => createState(() => Buffer.alloc(15))).toThrow();
  });
});

describe('secretsEqual', () => {
  it('is true only for identical strings', () => {
    const s = createState();
    expect(secretsEqual(s, s)).toBe(true);
    expect(secretsEqual(`${s}x`, s)).toBe(false);
    expect(secretsEqual(s.slice(1), s)).toBe(false);
    expect(secretsEqual('', s)).toBe(false);
    expect(
      secretsEqual(
        s.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
        s,
      ),
    ).toBe(false);
  });
});
