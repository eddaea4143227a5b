/**
 * Through the composed services (issue 16): the window's `estimateCost` counts the conversation as
 * the chat service would send it, prices it from the model list, and says what the key has left as
 * main last heard it from /key (no /key call per estimate).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { afterEach, describe, expect, it } from 'vitest';
import { keyLimitBelowEstimate } from '../../common/spending-types';
import { TOKENS_PER_MESSAGE, TOKENS_PER_REPLY } from '../services/estimate/context-tokens';
import { makeKey } from '../services/vault/testing/test-support';
import { composeServices } from './compose-services';
import { testServiceAdapters } from './testing/service-adapters';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const MODEL = {
  id: 'anthropic/claude-sonnet-4',
  name: 'Anthropic: Claude Sonnet 4',
  context_length: 200000,
  pricing: { prompt: '0.000003', completion: '0.000015' },
  architecture: { input_modalities: ['text'], output_modalities: ['text'] },
  supported_parameters: ['max_tokens'],
  top_provider: { max_completion_tokens: 1000 },
};

async function start() {
  const paths: string[] = [];
  const fakeOpenRouter: typeof fetch = async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    paths.push(url.pathname);
    const body = url.pathname.endsWith('/models')
      ? { data: [MODEL] }
      : { data: { label: 'test', usage: 9.99, limit: 10, limit_remaining: 0.01 } };
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-estimate-'));
  dirs.push(dataDir);
  const services = composeServices(testServiceAdapters({ dataDir, fetch: fakeOpenRouter }));
  await services.init();
  // Storing the key asks /key once (the vault verifies it): that answer is what estimates report.
  await services.vault.store({ key: makeKey(), source: 'typed', persistence: 'session' });
  return { services, paths };
}

const ctx = { windowId: 1, emit: () => undefined };
const tokens = (text: string) => countTokens(text, { disallowedSpecial: new Set() }) + TOKENS_PER_MESSAGE;

describe('estimateCost handler', () => {
  it('prices the whole context and the draft, and says the key has less left than the high end', async () => {
    const { services, paths } = await start();
    const conversation = await services.history.create({ model: MODEL.id });
    await services.history.appendUserMessage(conversation.id, 'An earlier question about tokens.');
    const keyCalls = paths.filter((p) => p.endsWith('/key')).length;

    const estimate = await services.handlers.estimateCost(
      { conversationId: conversation.id, model: MODEL.id, draft: 'And now this one.' },
      ctx,
    );
    const prompt =
      TOKENS_PER_REPLY + tokens('An earlier question about tokens.') + tokens('And now this one.');
    expect(estimate.promptTokens).toBe(prompt);
    expect(estimate.unknownPrice).toBe(false);
    expect(estimate.lowUsd).toBeCloseTo(prompt * 3e-6, 12);
    // The model's longest reply (1,000 tokens) at $15 per million.
    expect(estimate.highUsd).toBeCloseTo(prompt * 3e-6 + 0.015, 12);
    expect(estimate.keyLimitRemainingUsd).toBe(0.01);
    expect(keyLimitBelowEstimate(estimate)).toBe(true);

    // Typing on asks OpenRouter nothing more.
    await services.handlers.estimateCost(
      { conversationId: conversation.id, model: MODEL.id, draft: 'And' },
      ctx,
    );
    expect(paths.filter((p) => p.endsWith('/key')).length).toBe(keyCalls);
    await services.shutdown();
  });

  it('a preset has no known price; a conversation that does not exist is an error', async () => {
    const { services } = await start();
    const preset = await services.handlers.estimateCost(
      { conversationId: null, model: '@preset/daily-driver', draft: 'hi' },
      ctx,
    );
    expect(preset).toMatchObject({ unknownPrice: true, promptTokens: TOKENS_PER_REPLY + tokens('hi') });
    await expect(
      services.handlers.estimateCost({ conversationId: 'c-missing', model: MODEL.id, draft: 'hi' }, ctx),
    ).rejects.toThrow();
    await services.shutdown();
  });
});
