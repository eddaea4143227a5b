import { describe, expect, it } from 'vitest';
import { englishErrorText } from '../../../common/i18n/error-messages';
import { fakeFetch } from '../openrouter/testing/test-support';
import { expectFailure, makeKey } from '../vault/testing/test-support';
import { exchangeAuthCode } from './exchange-code';
import { SIGN_IN_MESSAGES } from './sign-in-errors';
import { createCaptureLogger } from './testing/test-support';

const BASE = 'https://openrouter.ai/api/v1';
const INPUT = { code: 'one-time-code-1234', verifier: 'verifier-abcdefghijklmnop' };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

function setup(respond: Parameters<typeof fakeFetch>[0], extra: { timeoutMs?: number } = {}) {
  const log = createCaptureLogger();
  const fake = fakeFetch(respond);
  const exchange = (input: Parameters<typeof exchangeAuthCode>[1] = INPUT) =>
    exchangeAuthCode({ baseUrl: BASE, fetch: fake.fetch, log, ...extra }, input);
  return { exchange, calls: fake.calls, log };
}

describe('exchangeAuthCode', () => {
  it('POSTs code, verifier and S256 to /auth/keys with attribution and no Bearer', async () => {
    const key = makeKey();
    const { exchange, calls, log } = setup(() => json(200, { key, user_id: 'user_1' }));
    expect(await exchange()).toBe(key);

    const [call] = calls;
    expect(call?.url).toBe('https://openrouter.ai/api/v1/auth/keys');
    expect(call?.init.method).toBe('POST');
    expect(call?.init.redirect).toBe('manual');
    expect(JSON.parse(String(call?.init.body))).toEqual({
      code: INPUT.code,
      code_verifier: INPUT.verifier,
      code_challenge_method: 'S256',
    });
    expect(call?.headers).toMatchObject({
      'content-type': 'application/json',
      'http-referer': expect.stringMatching(/^https:\/\//),
      'x-openrouter-title': 'Switchboard',
      'x-title': 'Switchboard',
    });
    expect(call?.headers.authorization).toBeUndefined();
    expect(log.lines.join('\n')).not.toContain(key);
  });

  it('accepts an answer without user_id and extra fields', async () => {
    const key = makeKey();
    const { exchange } = setup(() => json(200, { key, extra: true }));
    expect(await exchange()).toBe(key);
  });

  it('turns a 403 (bad verifier, unknown or expired code) into a clear message', async () => {
    const { exchange } = setup(() =>
      json(403, { error: { code: 403, message: 'Invalid code or code_verifier' } }),
    );
    const failure = await expectFailure(exchange(), 'forbidden');
    expect(failure.message).toBe('The sign-in code was invalid or expired. Try signing in again.');
    expect(failure.error.status).toBe(403);
  });

  it('keeps the client mapping for a 400, without echoing the code or verifier', async () => {
    const { exchange } = setup(() =>
      json(400, { error: { code: 400, message: `bad verifier ${INPUT.verifier} for ${INPUT.code}` } }),
    );
    const failure = await expectFailure(exchange(), 'bad_request');
    expect(failure.message).toMatch(/^OpenRouter rejected the request/);
    expect(failure.message).not.toContain(INPUT.verifier);
    expect(failure.message).not.toContain(INPUT.code);
  });

  it('rewords chat-specific messages for an outage or a timeout', async () => {
    const outage = await expectFailure(
      setup(() => json(503, { error: { code: 503, message: 'down' } }, { 'retry-after': '2' })).exchange(),
      'provider_unavailable',
    );
    expect(outage.message).toBe(englishErrorText(SIGN_IN_MESSAGES.exchangeUnavailable));
    expect(outage.error.retryAfterSeconds).toBe(2);
    const slow = await expectFailure(setup(() => json(524, {})).exchange(), 'timeout');
    expect(slow.message).toBe(englishErrorText(SIGN_IN_MESSAGES.exchangeTimeout));
    const odd = await expectFailure(setup(() => json(404, {})).exchange(), 'upstream_error');
    expect(odd.message).toMatch(/HTTP 404/);
  });

  it('refuses redirects, malformed answers and non-keys', async () => {
    await expectFailure(
      setup(
        () => new Response(null, { status: 302, headers: { location: 'https://elsewhere.example' } }),
      ).exchange(),
      'upstream_error',
    );
    for (const body of [{ nope: 1 }, { key: 42 }, { key: 'not a key at all' }, 'plain text']) {
      const failure = await expectFailure(setup(() => json(200, body)).exchange(), 'upstream_error');
      expect(failure.message).toBe(englishErrorText(SIGN_IN_MESSAGES.badResponse));
    }
  });

  it('reports a network failure as offline', async () => {
    const failure = await expectFailure(
      setup(() => {
        throw new TypeError('fetch failed');
      }).exchange(),
      'offline',
    );
    expect(failure.message).toMatch(/Can't reach OpenRouter/);
  });

  it('stops when the sign-in is cancelled, and when it takes too long', async () => {
    // Like undici: a request that never answers rejects once its signal aborts.
    const never: Parameters<typeof fakeFetch>[0] = (call) =>
      new Promise<Response>((_resolve, reject) => {
        call.init.signal?.addEventListener('abort', () => reject(call.init.signal?.reason));
      });
    const controller = new AbortController();
    const cancelled = setup(never).exchange({ ...INPUT, signal: controller.signal });
    controller.abort();
    await expectFailure(cancelled, 'cancelled');

    await expectFailure(setup(never, { timeoutMs: 30 }).exchange(), 'timeout');
  });
});
