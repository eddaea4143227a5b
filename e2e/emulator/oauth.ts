import { createHash, randomBytes } from 'node:crypto';
import { errorBody } from './errors';

// OAuth PKCE as OpenRouter runs it: `/auth` redirects to the app's callback with a one-time code, and
// `POST /api/v1/auth/keys` trades the code plus the verifier for a new API key.

export const CODE_LIFETIME_MS = 10 * 60 * 1000;

interface PendingCode {
  challenge: string | null;
  method: string | null;
  createdAt: number;
}

export type AuthorizeResult = { ok: true; location: string } | { ok: false; message: string };
export type ExchangeResult =
  | { ok: true; key: string; userId: string }
  | { ok: false; status: number; body: ReturnType<typeof errorBody> };

export class OAuthServer {
  private readonly codes = new Map<string, PendingCode>();

  constructor(private readonly now: () => number) {}

  /**
   * Handles the browser visit to `/auth`. `emulator_auth` picks a misbehaviour the app must survive:
   * `deny` (user refused), `no_code` (callback without a code), `bad_state` (state altered).
   */
  authorize(query: URLSearchParams): AuthorizeResult {
    const callback = parseCallback(query.get('callback_url'));
    if (callback === null) return { ok: false, message: 'callback_url is missing or is not an http(s) URL' };
    const method = query.get('code_challenge_method');
    if (method !== null && method !== 'S256' && method !== 'plain') {
      return { ok: false, message: `Unsupported code_challenge_method "${method}"; use S256 or plain` };
    }
    const state = query.get('state');
    const mode = query.get('emulator_auth');
    if (mode === 'deny') {
      callback.searchParams.set('error', 'access_denied');
    } else if (mode !== 'no_code') {
      const challenge = query.get('code_challenge');
      const code = randomBytes(16).toString('hex');
      this.codes.set(code, {
        challenge,
        method: challenge === null ? null : (method ?? 'plain'),
        createdAt: this.now(),
      });
      callback.searchParams.set('code', code);
    }
    if (mode === 'bad_state') callback.searchParams.set('state', `${state ?? ''}tampered`);
    else if (state !== null) callback.searchParams.set('state', state);
    return { ok: true, location: callback.toString() };
  }

  exchange(body: unknown): ExchangeResult {
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const { code, code_verifier: verifier, code_challenge_method: method } = fields;
    if (typeof code !== 'string' || code === '') return fail(400, 'Missing required field: code');
    const pending = this.codes.get(code);
    if (!pending) return fail(403, 'Invalid code or code_verifier');
    if (pending.method !== null && (method ?? 'plain') !== pending.method) {
      return fail(
        400,
        `code_challenge_method does not match the one used to create the code (${pending.method})`,
      );
    }
    if (this.now() - pending.createdAt > CODE_LIFETIME_MS) {
      this.codes.delete(code);
      return fail(403, 'Authorization code has expired');
    }
    if (pending.challenge !== null) {
      if (typeof verifier !== 'string' || !verifierMatches(verifier, pending.challenge, pending.method)) {
        return fail(403, 'Invalid code or code_verifier');
      }
    }
    this.codes.delete(code);
    return {
      ok: true,
      key: `sk-or-v1-${randomBytes(32).toString('hex')}`,
      userId: `user_${randomBytes(12).toString('hex')}`,
    };
  }
}

/** RFC 7636: S256 compares base64url(sha256(verifier)) without padding; plain compares directly. */
export function verifierMatches(verifier: string, challenge: string, method: string | null): boolean {
  if (method === 'S256') return createHash('sha256').update(verifier).digest('base64url') === challenge;
  return verifier === challenge;
}

function parseCallback(raw: string | null): URL | null {
  if (raw === null) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function fail(status: number, message: string): ExchangeResult {
  return { ok: false, status, body: errorBody(status, message) };
}
