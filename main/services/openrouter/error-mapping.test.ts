import { describe, expect, it } from 'vitest';
import { type ErrorCode, errorWithText } from '../../../common/errors';
import type { ErrorMessage } from '../../../common/i18n/error-messages';
import { formatSeconds, MESSAGES, mapHttpError, mapStreamError, readUpstreamError } from './error-mapping';

const KEY = `sk-or-v1-${'0123456789abcdef'.repeat(4)}`;
const body = (code: number, message: string, metadata?: Record<string, unknown>) => ({
  error: { code, message, ...(metadata ? { metadata } : {}) },
});

describe('mapHttpError by status', () => {
  it.each([
    [401, 'key_rejected', MESSAGES.keyRejected],
    [402, 'out_of_credits', MESSAGES.outOfCredits],
    [408, 'timeout', MESSAGES.upstreamTimeout],
    [524, 'timeout', MESSAGES.upstreamTimeout],
    [500, 'provider_unavailable', MESSAGES.providerUnavailable],
    [502, 'provider_unavailable', MESSAGES.providerUnavailable],
    [503, 'provider_unavailable', MESSAGES.providerUnavailable],
    [529, 'provider_unavailable', MESSAGES.providerUnavailable],
    [404, 'model_unavailable', MESSAGES.modelUnavailable],
  ] satisfies [number, ErrorCode, ErrorMessage][])('%i → %s', (status, code, message) => {
    const e = mapHttpError(status, body(status, 'whatever'), undefined).error;
    expect(e).toEqual({ ...errorWithText(code, message), status });
  });

  it.each([400, 413, 422])('%i → bad_request including OpenRouter’s message', (status) => {
    const e = mapHttpError(status, body(status, 'temperature must be <= 2'), undefined).error;
    expect(e.code).toBe('bad_request');
    expect(e.status).toBe(status);
    expect(e.message).toBe('OpenRouter rejected the request: temperature must be <= 2.');
  });

  it('403 with reasons → moderation carrying the reasons', () => {
    const e = mapHttpError(403, body(403, 'flagged', { reasons: ['violence', 'hate'] }), undefined).error;
    expect(e).toEqual({
      code: 'moderation',
      status: 403,
      reasons: ['violence', 'hate'],
      message:
        "Your message was blocked by the provider's moderation for violence, hate. Rephrase it, or pick a model without this moderation.",
      messageId: 'errors.openrouter.moderationBlocked',
      values: { named: 'no', forModel: 'no', why: 'yes', reasons: 'violence, hate', flagged: 'no' },
    });
  });

  it('403 without reasons → forbidden', () => {
    const e = mapHttpError(403, body(403, 'Key is disabled for this model'), undefined).error;
    expect(e.code).toBe('forbidden');
    expect(e.message).toContain('Key is disabled for this model');
  });

  it('429 → rate_limited with the Retry-After seconds, or a vaguer message without them', () => {
    const withHeader = mapHttpError(429, body(429, 'slow down'), 7).error;
    expect(withHeader).toEqual({
      code: 'rate_limited',
      status: 429,
      retryAfterSeconds: 7,
      message: 'Rate limited by OpenRouter. Wait 7 seconds and retry.',
      messageId: 'errors.openrouter.rateLimitedFor',
      values: { seconds: 7 },
    });
    const without = mapHttpError(429, body(429, 'slow down'), undefined).error;
    expect(without.retryAfterSeconds).toBeUndefined();
    expect(without.message).toBe('Rate limited by OpenRouter. Wait a moment and retry.');
  });

  it('400 whose message mentions the context length → context_too_long', () => {
    const e = mapHttpError(
      400,
      body(400, "This endpoint's maximum context length is 8192 tokens"),
      undefined,
    );
    expect(e.error).toEqual({ ...errorWithText('context_too_long', MESSAGES.contextTooLong), status: 400 });
  });

  it('a non-JSON body or unknown status still maps', () => {
    expect(mapHttpError(502, '<html>Bad gateway</html>', undefined).error.code).toBe('provider_unavailable');
    const teapot = mapHttpError(418, 'short and stout', undefined).error;
    expect(teapot.code).toBe('upstream_error');
    expect(teapot.status).toBe(418);
  });
});

describe('mapHttpError branches on error_type before status', () => {
  it.each([
    ['context_length_exceeded', 400, 'context_too_long'],
    ['rate_limit_exceeded', 400, 'rate_limited'],
    ['payment_required', 400, 'out_of_credits'],
    ['provider_overloaded', 400, 'provider_unavailable'],
    ['provider_unavailable', 400, 'provider_unavailable'],
    ['content_policy_violation', 400, 'moderation'],
    ['timeout', 500, 'timeout'],
    ['model_not_found', 400, 'model_unavailable'],
  ])('%s (status %i) → %s', (errorType, status, code) => {
    expect(mapHttpError(status, body(status, 'x', { error_type: errorType }), undefined).error.code).toBe(
      code,
    );
  });

  it('an unknown error_type falls back to the status', () => {
    expect(mapHttpError(401, body(401, 'x', { error_type: 'brand_new' }), undefined).error.code).toBe(
      'key_rejected',
    );
  });

  it('reads the availability form (error_type, http_status, availability.retry_after)', () => {
    const availability = {
      error: {
        error_type: 'rate_limit_exceeded',
        http_status: 429,
        message: 'model busy',
        availability: { code: 'capacity_exhausted', retryable: true, retry_after: 12 },
      },
    };
    // The availability code is the more specific signal: every provider is full, not a rate limit.
    expect(mapHttpError(429, availability, undefined).error).toEqual({
      code: 'provider_unavailable',
      status: 429,
      availability: 'capacity_exhausted',
      retryable: true,
      retryAfterSeconds: 12,
      message:
        'Every provider of this model is at capacity right now. Wait 12 seconds and retry, or pick another model.',
      messageId: 'errors.openrouter.capacityExhausted',
      values: { suggested: 'no', wait: 'seconds', seconds: 12 },
    });
    // The header, when present, wins over the body.
    expect(mapHttpError(429, availability, 3).error.retryAfterSeconds).toBe(3);
  });

  it('availability.code alone decides when there is no error_type', () => {
    const b = { error: { http_status: 404, message: 'gone', availability: { code: 'free_variant_ended' } } };
    expect(mapHttpError(410, b, undefined).error).toMatchObject({
      code: 'model_retired',
      availability: 'free_variant_ended',
    });
  });
});

describe('mapStreamError (error chunk after the first token)', () => {
  it('uses a numeric code as the status', () => {
    const e = mapStreamError({
      code: 502,
      message: 'Provider disconnected',
      metadata: { error_type: 'provider_unavailable' },
    });
    expect(e.error).toEqual({
      ...errorWithText('provider_unavailable', MESSAGES.providerUnavailable),
      status: 502,
    });
  });

  it('accepts a string code and no status', () => {
    const e = mapStreamError({ code: 'server_error', message: 'boom' });
    expect(e.error.code).toBe('provider_unavailable');
    expect(e.error.status).toBeUndefined();
  });

  it('an unrecognisable error object is still an upstream_error, never a crash', () => {
    expect(mapStreamError('nonsense').error.code).toBe('upstream_error');
    expect(mapStreamError({ code: { nested: true }, message: 42 }).error.code).toBe('upstream_error');
  });
});

describe('redaction of every message', () => {
  it('removes a key and an Authorization value echoed by upstream, from message and reasons', () => {
    const echoed = body(400, `Authorization: Bearer ${KEY} (key ${KEY} is not allowed)`);
    const e = mapHttpError(400, echoed, undefined).error;
    expect(e.message).not.toContain(KEY.slice(9));
    expect(e.message).toContain('[REDACTED]');

    const moderation = mapHttpError(403, body(403, 'x', { reasons: [`leaked ${KEY}`] }), undefined).error;
    expect(JSON.stringify(moderation)).not.toContain(KEY.slice(9));
  });

  it('removes the exact key even when it does not look like an OpenRouter key', () => {
    const odd = 'custom-proxy-token-1234567890';
    const e = mapHttpError(400, body(400, `bad token ${odd}`), undefined, [odd]).error;
    expect(e.message).not.toContain(odd);
  });
});

describe('helpers', () => {
  it('readUpstreamError ignores wrongly typed fields but keeps the rest', () => {
    expect(readUpstreamError({ code: 429, message: 7, metadata: 'x' })).toEqual({ status: 429 });
  });

  it('formatSeconds', () => {
    expect(formatSeconds(60_000)).toBe('60 s');
    expect(formatSeconds(300)).toBe('0.3 s');
    expect(formatSeconds(1500)).toBe('2 s');
  });
});

describe('metadata.raw from upstream is shown safely', () => {
  const providerBody = (raw: unknown) => ({
    error: { code: 400, message: 'Provider returned error', metadata: { raw, provider_name: 'Acme' } },
  });

  it('unparseable JSON-looking raw is shown as text', () => {
    const e = mapHttpError(400, providerBody('{"error": {"message": "cut off'), undefined).error;
    expect(e.message).toBe(
      'Acme (the model\'s provider) rejected the request: {"error": {"message": "cut off. Change the request or pick another model.',
    );
  });

  it('a 100 KB raw is cut to a sane length and never parsed whole', () => {
    const huge = JSON.stringify({ error: { message: 'x'.repeat(100_000) } });
    const e = mapHttpError(400, providerBody(huge), undefined).error;
    expect(e.code).toBe('bad_request');
    expect(e.message.length).toBeLessThan(500);
    expect(e.message).toContain('…');
  });

  it('a key-shaped string in raw is redacted, also when the exact key is not known', () => {
    const e = mapHttpError(
      400,
      providerBody(JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}` } })),
      undefined,
    ).error;
    expect(e.message).toMatch(
      /^Acme \(the model's provider\) rejected the request: Incorrect API key provided: .*\[REDACTED\]/,
    );
    expect(JSON.stringify(e)).not.toContain(KEY.slice(9));
  });

  it('a key straddling the display cut is still redacted (scrubbed before cutting)', () => {
    const raw = `${'y'.repeat(280)} ${KEY}`;
    const e = mapHttpError(400, providerBody(raw), undefined).error;
    expect(e.message).not.toMatch(/sk-or-v1-[0-9a-f]{4}/);
  });

  it('control and format characters are dropped; the provider name is cleaned too', () => {
    const body = {
      error: {
        code: 400,
        message: 'Provider returned error',
        metadata: { raw: 'bad\u0000 \u001b[31mred\u202e text', provider_name: 'Ev\u202eil' },
      },
    };
    const e = mapHttpError(400, body, undefined).error;
    expect(e.message).toBe(
      "Evil (the model's provider) rejected the request: bad [31mred text. Change the request or pick another model.",
    );
    expect(e.provider).toBe('Evil');
  });

  it('raw that is empty, null or a number falls back to the usual message', () => {
    for (const raw of ['', '   ', null, 42, {}]) {
      const e = mapHttpError(400, providerBody(raw), undefined).error;
      expect(e.message).toBe('OpenRouter rejected the request: Provider returned error.');
      expect(e.provider).toBeUndefined();
    }
  });
});
