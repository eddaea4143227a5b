/**
 * The secrets of one OAuth PKCE sign-in (RFC 7636, OpenRouter's `/auth` flow): the code verifier and
 * its S256 challenge, the `state` that ties the browser's answer to this request, and a constant-time
 * comparison for checking that answer.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Same shape as `crypto.randomBytes`; injectable so tests can use fixed bytes. */
export type RandomBytes = (size: number) => Buffer;

export interface PkcePair {
  verifier: string;
  challenge: string;
  method: 'S256';
}

/** 32 bytes is what OpenRouter asks for and gives a 43-character verifier, inside RFC 7636's 43..128. */
const SECRET_BYTES = 32;

/** Takes exactly `size` bytes, refusing a short source: a truncated secret would be guessable. */
function takeBytes(random: RandomBytes, size: number): Buffer {
  const bytes = random(size);
  if (bytes.length < size) throw new Error(`random source returned ${bytes.length} of ${size} bytes`);
  return bytes.subarray(0, size);
}

/** base64url(SHA-256(verifier)) without padding: the S256 method. */
export function challengeFor(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function createPkcePair(random: RandomBytes = randomBytes): PkcePair {
  const verifier = takeBytes(random, SECRET_BYTES).toString('base64url');
  return { verifier, challenge: challengeFor(verifier), method: 'S256' };
}

/**
 * An unguessable, URL-safe token (256 bits, base64url). Used as the OAuth `state` and as the
 * loopback server's one-time callback path.
 */
export function createState(random: RandomBytes = randomBytes): string {
  return takeBytes(random, SECRET_BYTES).toString('base64url');
}

/**
 * Compares a value that came from outside (the browser's callback) with our secret without leaking,
 * through timing, how many leading characters matched.
 */
export function secretsEqual(received: string, expected: string): boolean {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
