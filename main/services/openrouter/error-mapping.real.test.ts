import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../common/errors';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createOpenRouterClient } from './client';
import { ChatStreamFailure } from './stream-failure';
import { contentChunk, fakeFetch, TEST_KEY, writableBody } from './testing/test-support';

/**
 * Real OpenRouter error bodies (fixtures/real/errors, origins in fixtures/real/SOURCES.md) replayed byte
 * for byte through the real client: a fake fetch answers with the file's exact bytes, and the test
 * asserts what the person is shown (message) and which action the code selects.
 */

const FIXTURES = join(__dirname, 'fixtures', 'real', 'errors');
const bytes = (name: string) => readFileSync(join(FIXTURES, name));

function client(fetchImpl: typeof fetch) {
  return createOpenRouterClient({
    baseUrl: 'https://openrouter.test/api/v1',
    getKey: () => TEST_KEY,
    log: createMemoryLogger(),
    fetch: fetchImpl,
    sleep: async () => {},
    retry: { maxRetries: 0 },
  });
}

async function replayHttp(name: string, status: number): Promise<AppError> {
  const { fetch } = fakeFetch(
    () => new Response(bytes(name), { status, headers: { 'content-type': 'application/json' } }),
  );
  const error = await client(fetch)
    .streamChat({ model: 'test/model', messages: [{ role: 'user', content: 'Hi' }] }, { onEvent: () => {} })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(ChatStreamFailure);
  return (error as ChatStreamFailure).error;
}

describe('provider errors show the provider’s own reason and name', () => {
  it('400 OpenAI, raw is pretty-printed JSON in a string', async () => {
    const e = await replayHttp('provider-400-openai-json-raw.json', 400);
    expect(e).toEqual({
      code: 'bad_request',
      status: 400,
      provider: 'OpenAI',
      message:
        "OpenAI (the model's provider) rejected the request: Response input messages must contain the word 'json' in some form to use 'text.format' of type 'json_object'. Change the request or pick another model.",
      messageId: 'errors.openrouter.providerRejected',
      values: {
        named: 'yes',
        provider: 'OpenAI',
        reason:
          "Response input messages must contain the word 'json' in some form to use 'text.format' of type 'json_object'.",
      },
    });
  });

  it('400 Crucible, raw is compact JSON in a string', async () => {
    const e = await replayHttp('provider-400-crucible-json-raw.json', 400);
    expect(e.code).toBe('bad_request');
    expect(e.provider).toBe('Crucible');
    expect(e.message).toBe(
      "Crucible (the model's provider) rejected the request: Model 'moonshotai/kimi-k2.6' supports at most 1 image per prompt. Change the request or pick another model.",
    );
  });

  it('403 from the provider (region) is not moderation and not a key problem', async () => {
    const e = await replayHttp('provider-403-openai-region.json', 403);
    expect(e.code).toBe('forbidden');
    expect(e.message).toBe(
      "OpenAI (the model's provider) refused the request: Country, region, or territory not supported. Pick another model.",
    );
  });

  it('502 mid-stream error chunk with raw as an object, partial reply kept', async () => {
    const body = writableBody();
    const { fetch } = fakeFetch(() => ({ body }));
    body.push(contentChunk('Partial'));
    // The chunk envelope is built here (see SOURCES.md); the error object inside is the real bytes.
    const chunk = `{"id":"gen-real","object":"chat.completion.chunk","error":${bytes('stream-502-atlascloud-object-raw.json').toString('utf8')},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}`;
    body.push(`data: ${chunk.replace(/\n/g, '')}\n\n`);
    body.close();
    const failure = await client(fetch)
      .streamChat({ model: 'test/model', messages: [{ role: 'user', content: 'Hi' }] }, { onEvent: () => {} })
      .then(
        () => undefined,
        (e: unknown) => e as ChatStreamFailure,
      );
    expect(failure?.partialContent).toBe('Partial');
    expect(failure?.error).toEqual({
      code: 'provider_unavailable',
      status: 502,
      provider: 'AtlasCloud',
      message:
        "AtlasCloud (the model's provider) failed: Unexpected token 173781 while expecting start token 200006. Retry in a moment or pick another model.",
      messageId: 'errors.openrouter.providerFailedRetry',
      values: {
        named: 'yes',
        provider: 'AtlasCloud',
        reason: 'Unexpected token 173781 while expecting start token 200006.',
      },
    });
  });
});

describe('429: who is limiting', () => {
  it('an upstream provider (raw wrapped in {__kind, data}) is named, not OpenRouter', async () => {
    const e = await replayHttp('provider-429-sambanova-object-raw.json', 429);
    expect(e.code).toBe('rate_limited');
    expect(e.provider).toBe('SambaNova');
    expect(e.message).toBe(
      "SambaNova (the model's provider) is rate limiting this model, not OpenRouter: Rate limit exceeded. Wait a moment and retry, or pick another model.",
    );
  });

  it('when the body suggests it, says that your own provider key helps', async () => {
    const e = await replayHttp('provider-429-baseten-upstream-rate-limit.json', 429);
    expect(e.code).toBe('rate_limited');
    expect(e.message).toBe(
      "BaseTen (the model's provider) is rate limiting this model, not OpenRouter: z-ai/glm-5.3-flash is temporarily rate-limited upstream. Please retry shortly, or add your own key to accumulate your rate limits. Wait a moment and retry, or pick another model. Adding your own BaseTen key in OpenRouter's integrations settings lifts the shared limit.",
    );
  });
});

describe('402 is not always "out of credits"', () => {
  it('"can only afford N" → lower Max tokens to N', async () => {
    const e = await replayHttp('credits-402-can-only-afford.json', 402);
    expect(e).toEqual({
      code: 'max_tokens_unaffordable',
      status: 402,
      affordableTokens: 10114,
      message:
        "Your OpenRouter credits can't cover a reply of up to 65536 tokens; they cover about 10114. Set Max tokens to 10114 or less in Settings (or add credits), then retry.",
      messageId: 'errors.openrouter.maxTokensCredits',
      values: { affordable: 10114, reply: 'sized', requested: 65536 },
    });
  });

  it('a key limit nested one level deeper, with tokens still available → lower Max tokens or raise the key limit', async () => {
    const e = await replayHttp('credits-402-key-limit-nested.json', 402);
    expect(e).toEqual({
      code: 'max_tokens_unaffordable',
      status: 402,
      affordableTokens: 19484,
      message:
        "This API key's spending limit can't cover a reply of up to 128000 tokens; it covers about 19484. Set Max tokens to 19484 or less in Settings (or raise the key's limit at openrouter.ai/settings/keys), then retry.",
      messageId: 'errors.openrouter.maxTokensKeyLimit',
      values: { affordable: 19484, reply: 'sized', requested: 128000 },
    });
  });

  it.each([
    ['credits-402-key-monthly-limit-zero.reconstructed.json', 402],
    ['key-403-limit-exceeded.reconstructed.json', 403],
  ])('%s → raise the key’s limit', async (name, status) => {
    const e = await replayHttp(name, status);
    expect(e).toEqual({
      code: 'key_limit_reached',
      status,
      message:
        "This API key has reached its own spending limit (your account may still have credits). Raise the key's limit at openrouter.ai/settings/keys, then retry.",
      messageId: 'errors.openrouter.keyLimitReached',
    });
  });

  it('a true zero balance → add credits (unchanged)', async () => {
    const e = await replayHttp('credits-402-never-purchased.reconstructed.json', 402);
    expect(e).toEqual({
      code: 'out_of_credits',
      status: 402,
      message:
        'Your OpenRouter account is out of credits. Add credits at openrouter.ai/settings/credits, then retry.',
      messageId: 'errors.openrouter.outOfCredits',
    });
  });
});

describe('404 by account policy', () => {
  it('data policy → privacy settings', async () => {
    const e = await replayHttp('policy-404-data-policy.reconstructed.json', 404);
    expect(e).toEqual({
      code: 'privacy_blocked',
      status: 404,
      message:
        'No provider of this model meets your OpenRouter privacy settings (data policy: Paid model training). Allow more in openrouter.ai/settings/privacy, or pick another model.',
      messageId: 'errors.openrouter.dataPolicy',
      values: { dataPolicy: 'named', policy: 'Paid model training', next: 'picker' },
    });
  });

  it('"No allowed providers" names what was allowed and what serves the model', async () => {
    const e = await replayHttp('policy-404-no-allowed-providers.json', 404);
    expect(e).toEqual({
      code: 'privacy_blocked',
      status: 404,
      message:
        'None of the providers your OpenRouter account allows serve this model (allowed: anthropic; served by: z-ai). Change the provider restrictions in openrouter.ai/settings/privacy, or pick another model.',
      messageId: 'errors.openrouter.noAllowedProviders',
      values: { lists: 'both', allowed: 'anthropic', servedBy: 'z-ai', next: 'picker' },
    });
  });
});

describe('404 for an input no provider of the model reads (issue 17)', () => {
  it('"No endpoints found that support image input" → unsupported_input, saying what to do', async () => {
    const e = await replayHttp('image-input-404-no-endpoints.reconstructed.json', 404);
    expect(e).toEqual({
      code: 'unsupported_input',
      status: 404,
      message:
        'No provider of this model can read images, so OpenRouter did not send the message. Choose a model that can, or remove those attachments.',
      messageId: 'errors.openrouter.unsupportedInput',
      values: { kind: 'image' },
    });
  });
});
