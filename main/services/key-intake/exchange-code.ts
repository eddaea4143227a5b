/**
 * Step 4 of OpenRouter's PKCE sign-in: trade the one-time code plus our verifier for an API key at
 * `POST <base>/auth/keys`. This is the one OpenRouter call made without a Bearer key (there is none
 * yet), so it does not go through the client's `send`, which always adds Authorization.
 */
import { z } from 'zod';
import { AppFailure } from '../../../common/errors';
import { describeError } from '../../../common/redact';
import { parseBaseUrl } from '../../config/base-url';
import { knownSecrets } from '../log/known-secrets';
import type { Logger } from '../log/logger';
import { failure, MESSAGES, mapHttpError, requestTimeoutMessage } from '../openrouter/error-mapping';
import { APP_TITLE, readBody } from '../openrouter/http';
import { DEFAULT_APP_URL } from '../openrouter/options';
import { parseRetryAfter } from '../openrouter/retry';
import { AttemptScope } from '../openrouter/timeouts';
import { normaliseKey } from '../vault/key-format';
import { SIGN_IN_MESSAGES, signInCancelled } from './sign-in-errors';

export interface ExchangeAuthCodeOptions {
  /** The OpenRouter API base, e.g. https://openrouter.ai/api/v1 (launch config, never the renderer). */
  baseUrl: string;
  log: Logger;
  fetch?: typeof fetch;
  /** Sent as HTTP-Referer, like the client's attribution. */
  appUrl?: string;
  /** Whole-request bound. Default 30 000, the client's non-streaming default. */
  timeoutMs?: number;
  now?: () => number;
}

export interface ExchangeInput {
  code: string;
  verifier: string;
  /** Aborts the request when the person cancels the sign-in. */
  signal?: AbortSignal;
}

/** What the sign-in flow needs: the code and verifier in, the new key out (throws AppFailure). */
export type ExchangeCode = (input: ExchangeInput) => Promise<string>;

const DEFAULT_TIMEOUT_MS = 30_000;

// Loose: OpenRouter may add fields. `user_id` is documented but unused here, so its absence is no error.
const ExchangeResponseSchema = z.looseObject({
  key: z.string(),
  user_id: z.string().nullish(),
});

function authKeysUrl(base: URL): URL {
  const url = new URL(`${base.href.replace(/\/+$/, '')}/auth/keys`);
  // Same defence as the client's buildUrl: the code and verifier go only to the configured origin.
  if (url.origin !== base.origin) throw new Error('Refusing to build an OpenRouter URL outside its origin');
  return url;
}

/** The client's attribution headers, minus Authorization: this call has no key to send. */
function exchangeHeaders(appUrl: string): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'HTTP-Referer': appUrl,
    'X-OpenRouter-Title': APP_TITLE,
    'X-Title': APP_TITLE,
  };
}

/**
 * The client's mapping, with messages fitted to sign-in where its wording is about models or keys.
 * Any 403 means a wrong verifier or an unknown or expired code (the documented exchange errors).
 */
function exchangeFailure(status: number, body: unknown, retryAfter: number | undefined, secrets: string[]) {
  if (status === 403) return failure('forbidden', SIGN_IN_MESSAGES.invalidCode, { status });
  const mapped = mapHttpError(status, body, retryAfter, secrets);
  const { code } = mapped.error;
  if (code === 'bad_request' || code === 'rate_limited' || code === 'upstream_error') return mapped;
  if (code === 'timeout') return failure('timeout', SIGN_IN_MESSAGES.exchangeTimeout, { status });
  if (code === 'provider_unavailable') {
    const retryAfterSeconds = mapped.error.retryAfterSeconds;
    return failure('provider_unavailable', SIGN_IN_MESSAGES.exchangeUnavailable, {
      status,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    });
  }
  return failure(
    'upstream_error',
    { id: 'errors.signIn.exchangeFailedStatus', values: { status } },
    { status },
  );
}

export async function exchangeAuthCode(
  options: ExchangeAuthCodeOptions,
  input: ExchangeInput,
): Promise<string> {
  const { log } = options;
  const doFetch = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const url = authKeysUrl(parseBaseUrl(options.baseUrl));
  const secrets = [input.code, input.verifier];

  const scope = new AttemptScope(input.signal);
  scope.arm('request', timeoutMs);
  const aborted = (): AppFailure | null => {
    const cause = scope.cause;
    if (cause === 'cancelled') return signInCancelled();
    if (cause === 'request') return failure('timeout', requestTimeoutMessage(timeoutMs));
    return null;
  };
  try {
    let response: Response;
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: exchangeHeaders(options.appUrl ?? DEFAULT_APP_URL),
        body: JSON.stringify({
          code: input.code,
          code_verifier: input.verifier,
          code_challenge_method: 'S256',
        }),
        signal: scope.signal,
        // A redirect would carry the code and verifier somewhere we did not choose.
        redirect: 'manual',
      });
    } catch (error) {
      const stopped = aborted();
      if (stopped) throw stopped;
      log.warn('sign-in code exchange could not reach OpenRouter', { error: describeError(error) });
      throw failure('offline', MESSAGES.offline);
    }
    log.debug('sign-in code exchange answered', { status: response.status });

    try {
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel().catch(() => undefined);
        throw failure('upstream_error', MESSAGES.unexpectedRedirect, { status: response.status });
      }
      if (!response.ok) {
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'), now());
        const mapped = exchangeFailure(response.status, await readBody(response), retryAfter, secrets);
        log.warn('sign-in code exchange refused', { status: response.status, code: mapped.error.code });
        throw mapped;
      }
      const parsed = ExchangeResponseSchema.safeParse(await readBody(response));
      if (!parsed.success) {
        // Issue details are not logged: they could quote the key.
        log.warn('sign-in code exchange answer had an unexpected shape');
        throw failure('upstream_error', SIGN_IN_MESSAGES.badResponse);
      }
      // Redaction registry (log/known-secrets.ts): the new key, before anything can log or echo it.
      knownSecrets.add(parsed.data.key);
      try {
        return normaliseKey(parsed.data.key);
      } catch {
        log.warn('sign-in code exchange returned something that is not an OpenRouter key');
        throw failure('upstream_error', SIGN_IN_MESSAGES.badResponse);
      }
    } catch (error) {
      if (error instanceof AppFailure) throw error;
      const stopped = aborted();
      if (stopped) throw stopped;
      log.warn('sign-in code exchange answer was cut short', { error: describeError(error) });
      throw failure('offline', MESSAGES.offline);
    }
  } finally {
    scope.dispose();
  }
}
