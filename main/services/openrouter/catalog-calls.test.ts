import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../common/errors';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createOpenRouterClient } from './client';
import { parseModelEndpoints } from './endpoints';
import { buildUrl, modelEndpointsPath } from './http';
import { parseProviders } from './providers';
import { fakeFetch, TEST_KEY } from './testing/test-support';
import { parseAccountModelIds } from './user-models';

function clientWith(respond: Parameters<typeof fakeFetch>[0]) {
  const { fetch, calls } = fakeFetch(respond);
  const log = createMemoryLogger();
  const client = createOpenRouterClient({
    baseUrl: 'https://openrouter.test/api/v1',
    getKey: () => TEST_KEY,
    log,
    fetch,
  });
  return { client, calls, log };
}

describe('modelEndpointsPath', () => {
  it('builds models/{author}/{slug}/endpoints under the base URL', () => {
    const path = modelEndpointsPath('deepseek/deepseek-v3.2:free');
    expect(path).toBe('models/deepseek/deepseek-v3.2%3Afree/endpoints');
    const base = new URL('https://openrouter.ai/api/v1');
    expect(path && buildUrl(base, path).href).toBe(
      'https://openrouter.ai/api/v1/models/deepseek/deepseek-v3.2%3Afree/endpoints',
    );
  });

  it.each([
    '@preset/work',
    'openai',
    '/gpt-4o',
    'openai/',
    '../key',
    'openai/..',
    'a/b/c',
    'openai/gpt-4o?x=1',
    'openai/gpt-4o#x',
    'openai/gpt 4o',
    'https://evil.example/x',
    '//evil.example/x',
    'openai/%2e%2e',
  ])('refuses %s', (id) => {
    expect(modelEndpointsPath(id)).toBeNull();
  });
});

describe('listModelEndpoints', () => {
  const body = {
    data: {
      id: 'deepseek/deepseek-v3.2',
      endpoints: [
        {
          name: 'DeepInfra | deepseek/deepseek-v3.2',
          provider_name: 'DeepInfra',
          tag: 'deepinfra/fp8',
          quantization: 'fp8',
          context_length: 163840,
          max_completion_tokens: 16384,
          pricing: { prompt: '0.00000027', completion: '0.0000004' },
          status: 0,
          uptime_last_30m: 99.34,
          supported_parameters: ['reasoning', 'temperature'],
        },
        {
          provider_name: 'Odd Host',
          tag: 'Odd Host!',
          quantization: 'unknown',
          context_length: 'big',
          pricing: { prompt: '-1' },
          status: -2,
          uptime_last_30m: null,
        },
        { tag: 'no-name' },
      ],
    },
  };

  it('GETs the encoded path with the key and maps each endpoint', async () => {
    const { client, calls } = clientWith(() => Response.json(body));
    const result = await client.listModelEndpoints('deepseek/deepseek-v3.2');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('https://openrouter.test/api/v1/models/deepseek/deepseek-v3.2/endpoints');
    expect(calls[0]?.init.method).toBe('GET');
    expect(calls[0]?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(result).toEqual({
      modelId: 'deepseek/deepseek-v3.2',
      skipped: 1,
      endpoints: [
        {
          providerName: 'DeepInfra',
          tag: 'deepinfra/fp8',
          quantization: 'fp8',
          contextLength: 163840,
          maxCompletionTokens: 16384,
          promptPricePerMTok: 0.27,
          completionPricePerMTok: 0.4,
          uptimeLast30m: 99.34,
          status: 0,
          supportedParameters: ['reasoning', 'temperature'],
        },
        {
          providerName: 'Odd Host',
          tag: null,
          quantization: null,
          contextLength: null,
          maxCompletionTokens: null,
          promptPricePerMTok: null,
          completionPricePerMTok: null,
          uptimeLast30m: null,
          status: -2,
          supportedParameters: [],
        },
      ],
    });
  });

  it('refuses a preset or malformed id without a request', async () => {
    const { client, calls } = clientWith(() => Response.json(body));
    await expect(client.listModelEndpoints('@preset/work')).rejects.toMatchObject({
      error: { code: 'validation' },
    });
    expect(calls).toHaveLength(0);
  });

  it('maps a 404 like any OpenRouter error, and an odd body to upstream_error', async () => {
    const missing = clientWith(() =>
      Response.json({ error: { code: 404, message: 'Model not found' } }, { status: 404 }),
    );
    await expect(missing.client.listModelEndpoints('x/y')).rejects.toBeInstanceOf(AppFailure);
    const odd = clientWith(() => Response.json({ data: [] }));
    await expect(odd.client.listModelEndpoints('x/y')).rejects.toMatchObject({
      error: { code: 'upstream_error' },
    });
  });

  it('parseModelEndpoints rejects another envelope', () => {
    expect(parseModelEndpoints('x/y', { endpoints: [] })).toBeNull();
  });
});

describe('listAccountModelIds', () => {
  it('GETs models/user and returns the ids', async () => {
    const { client, calls } = clientWith(() =>
      Response.json({
        data: [{ id: 'openai/gpt-4o' }, { id: 'anthropic/claude-sonnet-4.5' }, { name: 'no id' }],
      }),
    );
    await expect(client.listAccountModelIds()).resolves.toEqual([
      'openai/gpt-4o',
      'anthropic/claude-sonnet-4.5',
    ]);
    expect(calls[0]?.url).toBe('https://openrouter.test/api/v1/models/user');
    expect(calls[0]?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
  });

  it.each([401, 403, 404])('answers null quietly (debug only) for %i', async (status) => {
    const { client, log } = clientWith(() =>
      Response.json({ error: { code: status, message: 'no' } }, { status }),
    );
    await expect(client.listAccountModelIds()).resolves.toBeNull();
    expect(log.lines.filter((line) => /warn|error/i.test(line.slice(0, 40)))).toEqual([]);
    expect(log.lines.some((line) => line.includes('may not list'))).toBe(true);
  });

  it('still fails for other errors, e.g. 500', async () => {
    const { client } = clientWith(() =>
      Response.json({ error: { code: 500, message: 'boom' } }, { status: 500 }),
    );
    await expect(client.listAccountModelIds()).rejects.toBeInstanceOf(AppFailure);
  });

  it('parseAccountModelIds keeps each id once and rejects another shape', () => {
    expect(parseAccountModelIds({ data: [{ id: 'a/b' }, { id: 'a/b' }, 3] })).toEqual(['a/b']);
    expect(parseAccountModelIds([])).toBeNull();
  });
});

describe('listProviders', () => {
  it('GETs providers and maps slug, name and an https privacy policy', async () => {
    const { client, calls } = clientWith(() =>
      Response.json({
        data: [
          {
            name: 'OpenAI',
            slug: 'openai',
            privacy_policy_url: 'https://openai.com/policies/privacy-policy/',
          },
          { name: 'Google Vertex', slug: 'google-vertex', privacy_policy_url: 'javascript:alert(1)' },
          { name: 'Bad', slug: 'Not A Slug' },
          { name: 'Dup', slug: 'openai' },
          { slug: 'nameless' },
        ],
      }),
    );
    await expect(client.listProviders()).resolves.toEqual([
      { slug: 'google-vertex', name: 'Google Vertex' },
      { slug: 'openai', name: 'OpenAI', privacyPolicyUrl: 'https://openai.com/policies/privacy-policy/' },
    ]);
    expect(calls[0]?.url).toBe('https://openrouter.test/api/v1/providers');
  });

  it('an odd body is an upstream_error', async () => {
    const { client } = clientWith(() => Response.json({ providers: [] }));
    await expect(client.listProviders()).rejects.toMatchObject({ error: { code: 'upstream_error' } });
    expect(parseProviders('x')).toBeNull();
  });
});
