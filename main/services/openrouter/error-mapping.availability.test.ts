import { describe, expect, it } from 'vitest';
import { AppErrorSchema } from '../../../common/errors';
import { mapHttpError, mapStreamError } from './error-mapping';

/**
 * The 2026 availability errors and the 403 moderation error, on the documented shapes
 * (../shared/docs/openrouter-api.md §4 and "Responses and errors"): no real body of either was found
 * in public code or issues (fixtures/real/SOURCES.md, "## Errors").
 */

const KEY = `sk-or-v1-${'0123456789abcdef'.repeat(4)}`;

function availabilityBody(status: number, availability: Record<string, unknown>, message = 'x') {
  return { error: { code: status, message, availability } };
}

describe('error.availability codes', () => {
  it.each([
    [
      'model_not_found',
      404,
      'model_unavailable',
      /^OpenRouter has no model with this id .*Pick another model/,
    ],
    ['wrong_endpoint', 400, 'model_unavailable', /can't answer chat requests.*Pick a chat model/],
    ['no_endpoints', 404, 'model_unavailable', /No provider serves this model.*retry later/],
    ['model_deprecated', 410, 'model_retired', /has retired this model.*Pick another model/],
    [
      'model_unavailable_upstream',
      503,
      'provider_unavailable',
      /taken it offline for now.*Retry in a moment/,
    ],
    ['capacity_exhausted', 503, 'provider_unavailable', /at capacity right now/],
    ['temporarily_unavailable', 503, 'provider_unavailable', /temporarily unavailable on OpenRouter/],
    ['region_restricted', 403, 'region_restricted', /isn't offered in your region.*Pick another model/],
    ['privacy_restricted', 404, 'privacy_blocked', /privacy settings.*openrouter\.ai\/settings\/privacy/],
    [
      'constraint_filtered',
      404,
      'no_matching_provider',
      /routing constraints.*Loosen the provider restrictions/,
    ],
    ['free_variant_ended', 410, 'model_retired', /free variant of this model has ended.*paid version/],
  ])('%s (%i) → %s with its own message', (availability, status, code, message) => {
    const e = mapHttpError(status, availabilityBody(status, { code: availability }), undefined).error;
    expect(e).toMatchObject({ code, status, availability });
    expect(e.message).toMatch(message);
    expect(AppErrorSchema.safeParse(e).success).toBe(true);
  });

  it('the docs form: error_type and http_status, availability without a code', () => {
    const body = {
      error: {
        message: 'The free variant has ended',
        error_type: 'free_variant_ended',
        http_status: 410,
        availability: { retryable: false, fallback_models: ['meta-llama/llama-3.3-70b-instruct'] },
      },
    };
    expect(mapHttpError(410, body, undefined).error).toEqual({
      code: 'model_retired',
      status: 410,
      availability: 'free_variant_ended',
      retryable: false,
      fallbackModels: ['meta-llama/llama-3.3-70b-instruct'],
      message:
        'The free variant of this model has ended. Pick the paid version (it costs credits) or another free model, or try a suggested one.',
      messageId: 'errors.openrouter.freeVariantEnded',
      values: { suggested: 'yes' },
    });
  });

  it('retry_after becomes retryAfterSeconds and the message says how long; the header wins', () => {
    const body = availabilityBody(503, { code: 'capacity_exhausted', retryable: true, retry_after: 29.2 });
    const e = mapHttpError(503, body, undefined).error;
    expect(e).toMatchObject({ retryAfterSeconds: 30, retryable: true });
    expect(e.message).toBe(
      'Every provider of this model is at capacity right now. Wait 30 seconds and retry, or pick another model.',
    );
    expect(mapHttpError(503, body, 5).error.retryAfterSeconds).toBe(5);
  });

  it('no countdown for a case OpenRouter says will not pass', () => {
    const body = availabilityBody(410, { code: 'model_deprecated', retryable: false, retry_after: 60 });
    const e = mapHttpError(410, body, undefined).error;
    expect(e).toMatchObject({ code: 'model_retired', retryable: false });
    expect(e).not.toHaveProperty('retryAfterSeconds');
  });

  it('fallback_models: valid ids only, no duplicates, at most three, objects with an id too', () => {
    const body = availabilityBody(503, {
      code: 'temporarily_unavailable',
      fallback_models: [
        'anthropic/claude-sonnet-4.5',
        'anthropic/claude-sonnet-4.5',
        'javascript:alert(1)',
        '../../etc/passwd',
        `evil/${'x'.repeat(300)}`,
        42,
        { id: 'openai/gpt-5' },
        'meta-llama/llama-3.3-70b-instruct:free',
        'google/gemini-2.5-pro',
      ],
    });
    const e = mapHttpError(503, body, undefined).error;
    expect(e.fallbackModels).toEqual([
      'anthropic/claude-sonnet-4.5',
      'openai/gpt-5',
      'meta-llama/llama-3.3-70b-instruct:free',
    ]);
    expect(e.message).toMatch(/or try a suggested model\.$/);
    expect(AppErrorSchema.safeParse(e).success).toBe(true);
    const none = mapHttpError(
      503,
      availabilityBody(503, { code: 'no_endpoints', fallback_models: 'x/y' }),
      undefined,
    );
    expect(none.error).not.toHaveProperty('fallbackModels');
  });

  it('excluded_by and constraint are named (cleaned and bounded)', () => {
    const body = availabilityBody(404, {
      code: 'constraint_filtered',
      excluded_by: ['max_price', 'provider_ignore'],
      constraint: `require_parameters\u001b[31m ${'y'.repeat(400)}`,
    });
    const e = mapHttpError(404, body, undefined).error;
    expect(e.message).toMatch(
      /\(excluded by: max price, provider ignore; constraint: require parameters\[31m y+…\)/,
    );
    expect(e.message).not.toContain('\u001b');
    expect(e.message.length).toBeLessThan(400);
  });

  it('privacy_restricted keeps the data policy the wording names', () => {
    const body = availabilityBody(
      404,
      { code: 'privacy_restricted', fallback_models: ['openai/gpt-5'] },
      'No endpoints found matching your data policy (Paid model training). Configure: https://openrouter.ai/settings/privacy',
    );
    expect(mapHttpError(404, body, undefined).error).toMatchObject({
      code: 'privacy_blocked',
      availability: 'privacy_restricted',
      fallbackModels: ['openai/gpt-5'],
      message: expect.stringContaining('(data policy: Paid model training)'),
    });
    // With suggested models (offered as "Try …") the message points at them, not at the picker.
    expect(mapHttpError(404, body, undefined).error.message).toMatch(
      /, or try a model OpenRouter suggests\.$/,
    );
    const withoutSuggestions = availabilityBody(
      404,
      { code: 'privacy_restricted' },
      'No endpoints found matching your data policy (Paid model training). Configure: https://openrouter.ai/settings/privacy',
    );
    expect(mapHttpError(404, withoutSuggestions, undefined).error.message).toMatch(
      /, or pick another model\.$/,
    );
  });

  it('a 402 is about credits even with an availability block', () => {
    const body = {
      error: {
        code: 402,
        message:
          'This request requires more credits, or fewer max_tokens. You requested up to 4096 tokens, but can only afford 100',
        availability: { code: 'capacity_exhausted' },
      },
    };
    expect(mapHttpError(402, body, undefined).error.code).toBe('max_tokens_unaffordable');
  });

  it('works in a mid-stream error chunk too', () => {
    const e = mapStreamError({
      code: 503,
      message: 'Model temporarily unavailable',
      availability: { code: 'model_unavailable_upstream', retryable: true, retry_after: 10 },
    }).error;
    expect(e).toMatchObject({
      code: 'provider_unavailable',
      status: 503,
      retryAfterSeconds: 10,
      availability: 'model_unavailable_upstream',
    });
    expect(e.message).toBe(
      "This model's provider has taken it offline for now. Wait 10 seconds and retry, or pick another model.",
    );
  });

  it('an unknown availability code falls back to the status', () => {
    const e = mapHttpError(404, availabilityBody(404, { code: 'brand_new_reason' }), undefined).error;
    expect(e.code).toBe('model_unavailable');
    expect(e).not.toHaveProperty('availability');
  });
});

describe('403 moderation', () => {
  const moderation = (metadata: Record<string, unknown>) => ({
    error: { code: 403, message: 'Input was flagged', metadata },
  });

  it('names the reasons, the flagged excerpt, the provider and the model', () => {
    const e = mapHttpError(
      403,
      moderation({
        reasons: ['harassment', 'violence'],
        flagged_input: 'some text that was flagged...',
        provider_name: 'OpenAI',
        model_slug: 'openai/gpt-4o',
      }),
      undefined,
    ).error;
    expect(e).toEqual({
      code: 'moderation',
      status: 403,
      reasons: ['harassment', 'violence'],
      flaggedInput: 'some text that was flagged...',
      provider: 'OpenAI',
      model: 'openai/gpt-4o',
      message:
        "Your message was blocked by OpenAI's moderation (required for openai/gpt-4o) for harassment, violence. Flagged text: “some text that was flagged...”. Rephrase it, or pick a model without this moderation.",
      // The provider, model, reasons and excerpt are OpenRouter's words: values, shown as given.
      messageId: 'errors.openrouter.moderationBlocked',
      values: {
        named: 'yes',
        provider: 'OpenAI',
        forModel: 'yes',
        model: 'openai/gpt-4o',
        why: 'yes',
        reasons: 'harassment, violence',
        flagged: 'yes',
        excerpt: 'some text that was flagged...',
      },
    });
    expect(AppErrorSchema.safeParse(e).success).toBe(true);
  });

  it('the excerpt is redacted, stripped of control and format characters and at most 100 characters', () => {
    const e = mapHttpError(
      403,
      moderation({
        reasons: ['self_harm'],
        flagged_input: `my key ${KEY}\u0000\u202e and \u001b[2J${'z'.repeat(200)}`,
      }),
      undefined,
      [KEY],
    ).error;
    expect(JSON.stringify(e)).not.toContain(KEY.slice(9));
    expect(e.flaggedInput).toMatch(/^my key \[REDACTED\] and \[2Jz+…$/);
    expect(Array.from(e.flaggedInput ?? '').length).toBeLessThanOrEqual(101);
    expect(e.reasons).toEqual(['self harm']);
  });

  it('a flagged excerpt without reasons is still moderation', () => {
    const e = mapHttpError(403, moderation({ flagged_input: 'hello' }), undefined).error;
    expect(e).toMatchObject({ code: 'moderation', flaggedInput: 'hello' });
  });
});
