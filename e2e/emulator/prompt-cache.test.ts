import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimatePromptTokens } from './completion';
import { MIN_CACHED_PROMPT_TOKENS } from './prompt-cache';
import { type Emulator, startEmulator } from './server';
import { chat, chunksOf, get } from './test-support';

// Prompt caching and per-request prices, as real usage reports them (prompt-cache.ts, completion.ts).

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

type Message = { role: string; content: string };
// Long enough to be cached (MIN_CACHED_PROMPT_TOKENS, at about 4 characters a token).
const DOCUMENT = 'The printing press changed how knowledge spread. '.repeat(100);
const FIRST: Message[] = [{ role: 'user', content: `Summarise this in detail: ${DOCUMENT}` }];
const SECOND: Message[] = [
  ...FIRST,
  { role: 'assistant', content: 'The printing press spread across Europe after 1450.' },
  { role: 'user', content: 'And in Asia?' },
];

interface FullUsage {
  prompt_tokens: number;
  completion_tokens: number;
  cost: number;
  prompt_tokens_details: { cached_tokens: number };
  cost_details: { upstream_inference_prompt_cost: number; upstream_inference_completions_cost: number };
}

async function usageOf(model: string, messages: Message[], stream = true): Promise<FullUsage> {
  const res = await chat(emu, { model, stream, extra: { messages } });
  expect(res.status).toBe(200);
  if (!stream) return ((await res.json()) as { usage: FullUsage }).usage;
  return chunksOf(await res.text()).at(-1)?.usage as unknown as FullUsage;
}

describe('prompt caching', () => {
  it("a conversation's next turn reads the previous prompt from the cache, billed at the cache-read price", async () => {
    // anthropic/claude-sonnet-4: $3/M prompt, $0.30/M cache read, $15/M completion.
    const model = 'anthropic/claude-sonnet-4';
    const first = await usageOf(model, FIRST);
    expect(first.prompt_tokens_details.cached_tokens).toBe(0);
    const second = await usageOf(model, SECOND);
    const cached = estimatePromptTokens(FIRST);
    expect(cached).toBeGreaterThanOrEqual(MIN_CACHED_PROMPT_TOKENS);
    expect(second.prompt_tokens_details.cached_tokens).toBe(cached);
    const promptCost = ((second.prompt_tokens - cached) * 3 + cached * 0.3) / 1_000_000;
    expect(second.cost_details.upstream_inference_prompt_cost).toBeCloseTo(promptCost, 12);
    expect(second.cost).toBeCloseTo(promptCost + (second.completion_tokens * 15) / 1_000_000, 12);
    // Cheaper than the same prompt uncached.
    expect(second.cost_details.upstream_inference_prompt_cost).toBeLessThan((second.prompt_tokens * 3) / 1e6);
  });

  it('GET /generation reports the cached tokens and the discounted cost too', async () => {
    const model = 'anthropic/claude-haiku-4.5';
    await usageOf(model, FIRST);
    const res = await chat(emu, { model, extra: { messages: SECOND } });
    const id = res.headers.get('x-generation-id') ?? '';
    const usage = chunksOf(await res.text()).at(-1)?.usage as unknown as FullUsage;
    const generation = (await (await get(emu, `/generation?id=${id}`)).json()) as {
      data: { native_tokens_cached: number; total_cost: number };
    };
    expect(generation.data.native_tokens_cached).toBe(estimatePromptTokens(FIRST));
    expect(generation.data.total_cost).toBe(usage.cost);
  });

  it('the same prompt again (a regenerated reply) is read whole from the cache, non-streamed too', async () => {
    const model = 'anthropic/claude-3.5-haiku';
    await usageOf(model, FIRST);
    const again = await usageOf(model, FIRST, false);
    expect(again.prompt_tokens_details.cached_tokens).toBe(again.prompt_tokens);
  });

  it('a prompt that does not start with the previous one, or another model, reads nothing', async () => {
    const model = 'anthropic/claude-opus-4';
    await usageOf(model, SECOND);
    expect((await usageOf(model, FIRST)).prompt_tokens_details.cached_tokens).toBe(0);
    // FIRST was the last prompt to claude-opus-4, not to claude-sonnet-4.5.
    expect((await usageOf('anthropic/claude-sonnet-4.5', SECOND)).prompt_tokens_details.cached_tokens).toBe(
      0,
    );
  });

  it('a model listed without a cache-read price never reports cached tokens', async () => {
    // Mistral's models are listed without cache prices (model-table.ts: not a moderated provider).
    const model = 'mistralai/mistral-large-2411';
    await usageOf(model, FIRST);
    expect((await usageOf(model, SECOND)).prompt_tokens_details.cached_tokens).toBe(0);
  });

  it('a prompt shorter than the minimum is not cached', async () => {
    const model = 'anthropic/claude-3.7-sonnet';
    const short: Message[] = [{ role: 'user', content: 'Hi' }];
    expect(estimatePromptTokens(short)).toBeLessThan(MIN_CACHED_PROMPT_TOKENS);
    await usageOf(model, short);
    expect((await usageOf(model, short)).prompt_tokens_details.cached_tokens).toBe(0);
  });
});

describe('per-request prices', () => {
  it('an image model priced per request (FLUX) bills that price in usage.cost', async () => {
    const usage = await usageOf('black-forest-labs/flux.2-pro', FIRST);
    expect(usage.cost).toBe(0.03);
  });
});
