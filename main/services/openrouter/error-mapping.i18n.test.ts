import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../common/errors';
import { APP_LOCALES, type DisplayLocale, PSEUDO_LOCALE } from '../../../common/i18n/locales';
import { formatWithNestedMessages } from '../../../common/i18n/nested-messages';
import { catalogIntl } from '../i18n/catalog-intl';
import { exchangeAuthCode } from '../key-intake/exchange-code';
import { createCaptureLogger } from '../key-intake/testing/test-support';
import { expectFailure } from '../vault/testing/test-support';
import { mapHttpError, mapStreamError } from './error-mapping';
import { fakeFetch } from './testing/test-support';

/**
 * Issue 20: what OpenRouter reports reaches the window as a catalog message (`messageId` + `values`),
 * so each window says it in its own language; OpenRouter's and the provider's own words (their
 * reasons, names, excerpts) are values, shown as given, so the error keeps its true cause. `message`
 * stays the English text, byte for byte as before.
 */
const german = catalogIntl('de');
function inGerman(error: AppError): string {
  expect(error.messageId, 'the error has a catalog message').toMatch(/^errors\./);
  return formatWithNestedMessages(german, error.messageId as string, error.values);
}

const providerBody = (code: number, raw: unknown, providerName?: string) => ({
  error: {
    code,
    message: 'Provider returned error',
    metadata: { raw, ...(providerName !== undefined ? { provider_name: providerName } : {}) },
  },
});
const availabilityBody = (status: number, availability: Record<string, unknown>) => ({
  error: { code: status, message: 'unavailable', availability },
});

describe('OpenRouter errors in the interface language', () => {
  it('"can only afford N": the catalog message, German with the token counts ungrouped', () => {
    const body = {
      error: {
        code: 402,
        message:
          'This request requires more credits, or fewer max_tokens. You requested up to 65536 tokens, but can only afford 10114.',
      },
    };
    const error = mapHttpError(402, body, undefined).error;
    expect(error).toMatchObject({
      code: 'max_tokens_unaffordable',
      messageId: 'errors.openrouter.maxTokensCredits',
      values: { affordable: 10114, reply: 'sized', requested: 65536 },
      message:
        "Your OpenRouter credits can't cover a reply of up to 65536 tokens; they cover about 10114. Set Max tokens to 10114 or less in Settings (or add credits), then retry.",
    });
    expect(inGerman(error)).toBe(
      'Ihr OpenRouter-Guthaben reicht nicht für eine Antwort mit bis zu 65536 Tokens; es reicht für etwa 10114. Setzen Sie „Maximale Tokens“ in den Einstellungen auf 10114 oder weniger (oder laden Sie Guthaben auf) und versuchen Sie es dann erneut.',
    );
  });

  it('a provider’s own reason and name stay as they were given, inside the German sentence', () => {
    const raw = JSON.stringify({ error: { message: 'Rate limit exceeded. Use your own key.' } });
    const error = mapHttpError(429, providerBody(429, raw, 'SambaNova'), 7).error;
    expect(error.messageId).toBe('errors.openrouter.providerRateLimited');
    expect(error.message).toBe(
      "SambaNova (the model's provider) is rate limiting this model, not OpenRouter: Rate limit exceeded. Use your own key. Wait 7 seconds and retry, or pick another model. Adding your own SambaNova key in OpenRouter's integrations settings lifts the shared limit.",
    );
    expect(inGerman(error)).toBe(
      'SambaNova (der Anbieter des Modells) begrenzt die Anfragen an dieses Modell, nicht OpenRouter: Rate limit exceeded. Use your own key. Warten Sie 7 Sekunden und versuchen Sie es erneut oder wählen Sie ein anderes Modell. Wenn Sie in den Integrationseinstellungen von OpenRouter einen eigenen SambaNova-Schlüssel hinterlegen, gilt das gemeinsame Limit nicht mehr.',
    );
  });

  it('moderation: the reasons and the flagged excerpt are values, the sentence is German', () => {
    const error = mapHttpError(
      403,
      {
        error: {
          code: 403,
          message: 'flagged',
          metadata: { reasons: ['violence'], flagged_input: 'the knight attacks', provider_name: 'OpenAI' },
        },
      },
      undefined,
    ).error;
    expect(inGerman(error)).toBe(
      'Ihre Nachricht wurde von der Moderation von OpenAI blockiert wegen: violence. Markierter Text: „the knight attacks“. Formulieren Sie sie um oder wählen Sie ein Modell ohne diese Moderation.',
    );
  });

  it('the values are redacted like the message: an echoed key or exact secret never reaches a window', () => {
    const key = `sk-or-v1-${'0123456789abcdef'.repeat(4)}`;
    const secret = 'custom-proxy-token-1234567890';
    const echoed = { error: { code: 400, message: `Authorization: Bearer ${key}, token ${secret}` } };
    const error = mapHttpError(400, echoed, undefined, [secret]).error;
    expect(error.messageId).toBe('errors.openrouter.rejectedDetail');
    expect(String(error.values?.detail)).toContain('[REDACTED]');
    for (const leaked of [key.slice(9), secret]) expect(JSON.stringify(error)).not.toContain(leaked);
    expect(inGerman(error)).not.toContain(key.slice(9));
  });

  it('a failed sign-in exchange names the HTTP status, in German too', async () => {
    const failure = await expectFailure(
      exchangeAuthCode(
        {
          baseUrl: 'https://openrouter.ai/api/v1',
          log: createCaptureLogger(),
          fetch: fakeFetch(() => Response.json({}, { status: 404 })).fetch,
        },
        { code: 'one-time-code-1234', verifier: 'verifier-abcdefghijklmnop' },
      ),
      'upstream_error',
    );
    expect(failure.error).toMatchObject({
      messageId: 'errors.signIn.exchangeFailedStatus',
      values: { status: 404 },
      message: "OpenRouter couldn't finish the sign-in (HTTP 404). Try signing in again.",
    });
    expect(inGerman(failure.error)).toBe(
      'OpenRouter konnte die Anmeldung nicht abschließen (HTTP 404). Melden Sie sich erneut an.',
    );
  });

  // One case per way a message is put together; every language must format each without a missing
  // value, and English must be exactly `message`.
  const cases: Record<string, AppError> = {
    refused: mapHttpError(403, { error: { code: 403 } }, undefined).error,
    refusedDetail: mapHttpError(403, { error: { code: 403, message: 'Key is disabled.' } }, undefined).error,
    rejected: mapHttpError(400, { error: { code: 400 } }, undefined).error,
    reported: mapStreamError({ code: 'weird' }).error,
    reportedDetail: mapStreamError({ code: 'weird', message: 'odd' }).error,
    reportedStatus: mapHttpError(418, {}, undefined).error,
    reportedStatusDetail: mapHttpError(418, { error: { message: 'teapot' } }, undefined).error,
    providerRefused: mapHttpError(403, providerBody(403, 'Region not supported'), undefined).error,
    providerFailed: mapHttpError(404, providerBody(404, 'gone', 'Acme'), undefined).error,
    providerFailedRetry: mapHttpError(502, providerBody(502, 'boom', 'Acme'), undefined).error,
    providerRejected: mapHttpError(400, providerBody(400, 'bad', 'Acme'), undefined).error,
    providerRateLimitedPlain: mapHttpError(429, providerBody(429, 'slow down'), undefined).error,
    keyLimit: mapHttpError(403, { error: { code: 403, message: 'Key limit exceeded' } }, undefined).error,
    keyLimitTokens: mapHttpError(
      402,
      { error: { code: 402, message: 'create a key with a higher limit; can only afford 50' } },
      undefined,
    ).error,
    noAllowedProviders: mapHttpError(
      404,
      {
        error: {
          code: 404,
          message: 'No allowed providers are available for the selected model.',
          metadata: { available_providers: ['z-ai'] },
        },
      },
      undefined,
    ).error,
    dataPolicy: mapHttpError(
      404,
      { error: { code: 404, message: 'No endpoints found matching your data policy' } },
      undefined,
    ).error,
    unsupportedInput: mapHttpError(
      404,
      { error: { code: 404, message: 'No endpoints found that support file input' } },
      undefined,
    ).error,
    modelNotFound: mapHttpError(404, availabilityBody(404, { code: 'model_not_found' }), undefined).error,
    wrongEndpoint: mapHttpError(
      400,
      availabilityBody(400, { code: 'wrong_endpoint', fallback_models: ['openai/gpt-4o'] }),
      undefined,
    ).error,
    noEndpoints: mapHttpError(404, availabilityBody(404, { code: 'no_endpoints' }), undefined).error,
    modelRetired: mapHttpError(410, availabilityBody(410, { code: 'model_deprecated' }), undefined).error,
    providerTookOffline: mapHttpError(
      503,
      availabilityBody(503, { code: 'model_unavailable_upstream', retry_after: 1 }),
      undefined,
    ).error,
    temporarilyUnavailable: mapHttpError(
      503,
      availabilityBody(503, { code: 'temporarily_unavailable' }),
      undefined,
    ).error,
    regionRestricted: mapHttpError(
      403,
      availabilityBody(403, { code: 'region_restricted', excluded_by: 'region', constraint: ['eu_only'] }),
      undefined,
    ).error,
    privacyRestricted: mapHttpError(
      404,
      availabilityBody(404, { code: 'privacy_restricted', constraint: 'zdr' }),
      undefined,
    ).error,
    privacyRestrictedPolicy: mapHttpError(
      404,
      {
        error: {
          code: 404,
          message: 'No endpoints found matching your data policy (Paid model training)',
          availability: { code: 'privacy_restricted', fallback_models: ['openai/gpt-4o'] },
        },
      },
      undefined,
    ).error,
    constraintFiltered: mapHttpError(
      404,
      availabilityBody(404, { code: 'constraint_filtered', excluded_by: 'max_price' }),
      undefined,
    ).error,
  };

  it('English is exactly the error’s message, for every way a message is put together', () => {
    const english = catalogIntl('en');
    for (const [name, error] of Object.entries(cases)) {
      expect(error.messageId, name).toMatch(/^errors\.(openrouter|signIn)\./);
      expect(formatWithNestedMessages(english, error.messageId as string, error.values), name).toBe(
        error.message,
      );
    }
    // Two spot checks that the pieces still read as before.
    expect(cases.privacyRestrictedPolicy?.message).toBe(
      'No provider of this model meets your OpenRouter privacy settings (data policy: Paid model training). Allow more in openrouter.ai/settings/privacy, or try a model OpenRouter suggests.',
    );
    expect(cases.regionRestricted?.message).toBe(
      "This model isn't offered in your region (excluded by: region; constraint: eu only). Pick another model.",
    );
  });

  it.each([...APP_LOCALES.filter((l) => l !== 'en'), PSEUDO_LOCALE] as DisplayLocale[])(
    '%s formats every case with all its values and none left over',
    (locale) => {
      const problems: string[] = [];
      const intl = catalogIntl(locale, (message) => problems.push(message));
      for (const [name, error] of Object.entries(cases)) {
        const text = formatWithNestedMessages(intl, error.messageId as string, error.values);
        expect(text, `${locale} ${name}`).not.toBe(error.message);
        expect(text, `${locale} ${name}`).not.toMatch(/[{}]/);
        // OpenRouter's own words are shown as given, in every language.
        for (const value of Object.values(error.values ?? {}))
          if (typeof value === 'string' && /\s|\//.test(value))
            expect(text, `${locale} ${name}`).toContain(value);
      }
      expect(problems).toEqual([]);
    },
  );
});
