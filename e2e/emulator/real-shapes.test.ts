import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from './server';
import { chat, chunksOf } from './test-support';

// Shapes seen in streams recorded against the live API (main/services/openrouter/fixtures/real/,
// SOURCES.md) that the documentation leaves out: every chunk names the `provider` that served it, and
// the usage object carries the cache, audio/video, image and upstream-cost breakdowns, with
// `upstream_inference_cost: null` when the request was not BYOK.

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ now: () => Date.UTC(2026, 0, 1) });
});
afterAll(() => emu.close());

describe('shapes from real recorded streams', () => {
  it('names the serving provider on every chunk, the usage chunk included', async () => {
    const chunks = chunksOf(await (await chat(emu)).text());
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) expect((c as unknown as { provider?: unknown }).provider).toBe('OpenAI');
  });

  it('breaks usage down as real streams do, with the upstream cost null when not BYOK', async () => {
    const usage = chunksOf(await (await chat(emu)).text()).at(-1)?.usage;
    expect(usage).toMatchObject({
      is_byok: false,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0, audio_tokens: 0, video_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, image_tokens: 0 },
      cost_details: {
        upstream_inference_cost: null,
        upstream_inference_prompt_cost: expect.any(Number),
        upstream_inference_completions_cost: expect.any(Number),
      },
    });
    const details = (usage as unknown as { cost_details: Record<string, number> }).cost_details;
    // The two parts add up to the cost (gpt-4o prices), as in the recordings.
    expect(
      (details.upstream_inference_prompt_cost ?? 0) + (details.upstream_inference_completions_cost ?? 0),
    ).toBeCloseTo(usage?.cost ?? -1, 12);
  });
});
