/**
 * Issue 15 against the OpenRouter emulator (e2e/emulator), over real HTTP: each request option reaches
 * OpenRouter as exactly its own field, the catalogue calls read what the emulator serves, and the
 * reasoning metadata of /models arrives in ModelSummary.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../../common/chat-types';
import { DEFAULT_PRIVACY_EXCLUDED, type Emulator, startEmulator } from '../../../e2e/emulator/server';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createOpenRouterClient } from './client';

const LIMITED_KEY = `sk-or-v1-${'6'.repeat(64)}`;
let emulator: Emulator;

function client(key = emulator.defaultKey) {
  return createOpenRouterClient({ baseUrl: emulator.baseUrl, getKey: () => key, log: createMemoryLogger() });
}

async function send(req: Partial<ChatRequest>) {
  const result = await client().streamChat(
    { model: 'anthropic/claude-sonnet-4.5', messages: [{ role: 'user', content: 'Hi' }], ...req },
    { onEvent: () => undefined },
  );
  const recorded = emulator.requests.find((r) => r.path === '/api/v1/chat/completions');
  return { result, recorded };
}

beforeAll(async () => {
  emulator = await startEmulator({ keys: [{ key: LIMITED_KEY, mayListAccountModels: false }] });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.clearRequests());

describe('request options as the emulator receives them', () => {
  it('no options: none of the fields is sent', async () => {
    const { recorded } = await send({});
    expect(recorded?.chatOptions).toEqual({});
  });

  it.each<[string, Partial<ChatRequest>, Record<string, unknown>]>([
    ['reasoning effort', { reasoning: { kind: 'effort', effort: 'low' } }, { reasoning: { effort: 'low' } }],
    [
      'reasoning budget',
      { reasoning: { kind: 'budget', maxTokens: 2048 } },
      { reasoning: { max_tokens: 2048 } },
    ],
    ['reasoning off', { reasoning: { kind: 'off' } }, { reasoning: { enabled: false } }],
    [
      'provider',
      { provider: { only: ['google-vertex'], dataCollection: 'deny', maxPrice: { promptPerMTok: 5 } } },
      { provider: { only: ['google-vertex'], data_collection: 'deny', max_price: { prompt: 5 } } },
    ],
    [
      'fallback models',
      { fallbackModels: ['openai/gpt-4o'] },
      { models: ['anthropic/claude-sonnet-4.5', 'openai/gpt-4o'] },
    ],
    ['session id', { sessionId: 'conv-42' }, { session_id: 'conv-42' }],
    [
      'web search',
      { webSearch: { engine: 'exa', maxResults: 3 } },
      { tools: [{ type: 'openrouter:web_search', parameters: { engine: 'exa', max_results: 3 } }] },
    ],
  ])('%s → only its field', async (_name, options, expected) => {
    const { recorded } = await send(options);
    expect(recorded?.chatOptions).toEqual(expected);
    expect(recorded?.responseStatus).toBe(200);
  });

  it('the provider that served is the one the preferences allow', async () => {
    const { result } = await send({ provider: { only: ['amazon-bedrock'] } });
    expect(result.provider).toBe('Amazon Bedrock');
  });

  it('a fallback answers when the first model fails, and the result names it', async () => {
    const { result } = await send({ model: 'emulator/status-503', fallbackModels: ['openai/gpt-4o-mini'] });
    expect(result.model).toBe('openai/gpt-4o-mini');
  });

  it('web search brings numbered citations back', async () => {
    const { result } = await send({ webSearch: { engine: 'auto', maxResults: 5 } });
    expect(result.citations.length).toBeGreaterThan(0);
  });
});

describe('catalogue calls against the emulator', () => {
  it('listModels carries reasoning metadata for reasoning models only', async () => {
    const list = await client().listModels();
    const byId = new Map(list.models.map((m) => [m.id, m]));
    expect(byId.get('openai/o3')?.reasoning).toEqual({
      supportedEfforts: ['high', 'medium', 'low', 'minimal'],
      defaultEffort: 'medium',
      defaultEnabled: true,
      mandatory: true,
      supportsMaxTokens: false,
    });
    expect(byId.get('anthropic/claude-sonnet-4.5')?.reasoning?.supportsMaxTokens).toBe(true);
    expect(byId.get('openai/gpt-4o')?.reasoning).toBeUndefined();
  });

  it('listModelEndpoints reads every provider of a model', async () => {
    const result = await client().listModelEndpoints('anthropic/claude-sonnet-4.5');
    expect(result.skipped).toBe(0);
    expect(result.endpoints.map((e) => [e.providerName, e.tag])).toEqual([
      ['Anthropic', 'anthropic'],
      ['Amazon Bedrock', 'amazon-bedrock'],
      ['Google Vertex', 'google-vertex'],
    ]);
    expect(result.endpoints[0]).toMatchObject({
      promptPricePerMTok: 3,
      completionPricePerMTok: 15,
      quantization: null,
    });
    const open = await client().listModelEndpoints('meta-llama/llama-3.3-70b-instruct');
    expect(open.endpoints.every((e) => e.quantization !== null && e.uptimeLast30m !== null)).toBe(true);
  });

  it('listAccountModelIds leaves out what the privacy settings exclude; null for a key that may not ask', async () => {
    const ids = await client().listAccountModelIds();
    expect(ids).not.toBeNull();
    expect(ids).toContain('openai/gpt-4o');
    for (const id of DEFAULT_PRIVACY_EXCLUDED) expect(ids).not.toContain(id);
    await expect(client(LIMITED_KEY).listAccountModelIds()).resolves.toBeNull();
  });

  it('listProviders reads slugs, names and privacy policies', async () => {
    const providers = await client().listProviders();
    expect(providers).toContainEqual({
      slug: 'deepinfra',
      name: 'DeepInfra',
      privacyPolicyUrl: 'https://deepinfra.example/privacy',
    });
  });
});
