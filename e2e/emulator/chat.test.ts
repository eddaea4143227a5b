import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReplyText } from './reply';
import { hashString } from './rng';
import { type Emulator, startEmulator } from './server';
import { chat, chunksOf, contentChunks, contentOf, type ErrorJson, MESSAGES, parseSse } from './test-support';

const FIXED_NOW = Date.UTC(2026, 0, 1);
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ now: () => FIXED_NOW });
});
afterAll(() => emu.close());

/** The reply the emulator derives from MESSAGES when the request has no `seed`. */
const expectedReply = (tokens = 40) =>
  buildReplyText({ seed: hashString(JSON.stringify(MESSAGES)), tokens, multibyte: false, hugeLine: false });

describe('streaming chat completion', () => {
  it('frames every event as `data: <json>` plus a blank line, ending with [DONE]', async () => {
    const res = await chat(emu);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const raw = await res.text();
    expect(raw).not.toContain('\r');
    expect(raw.endsWith('data: [DONE]\n\n')).toBe(true);
    const events = raw.slice(0, -2).split('\n\n');
    // 40 content chunks, the finish chunk, the usage chunk and [DONE].
    expect(events).toHaveLength(43);
    for (const event of events) expect(event).toMatch(/^data: [^\n]+$/);
    expect(parseSse(raw).comments).toEqual([]);
  });

  it('streams the deterministic reply one token per chunk, role first, then stop', async () => {
    const res = await chat(emu);
    const chunks = chunksOf(await res.text());
    const id = res.headers.get('x-generation-id');
    expect(id).toMatch(/^gen-\d+-[A-Za-z0-9]{20}$/);
    for (const c of chunks) {
      expect(c).toMatchObject({
        id,
        object: 'chat.completion.chunk',
        created: FIXED_NOW / 1000,
        model: 'openai/gpt-4o',
      });
    }
    const [first, ...rest] = chunks;
    expect(first?.choices[0]).toEqual({
      index: 0,
      delta: { role: 'assistant', content: expect.any(String) },
      finish_reason: null,
      native_finish_reason: null,
    });
    expect(rest.every((c) => c.choices[0]?.delta.role === undefined)).toBe(true);
    expect(contentChunks(chunks)).toHaveLength(40);
    expect(contentOf(chunks)).toBe(expectedReply());
    const finish = chunks.at(-2);
    expect(finish?.choices).toEqual([
      { index: 0, delta: { content: '' }, finish_reason: 'stop', native_finish_reason: 'stop' },
    ]);
  });

  it('ends with a usage chunk that has an empty choices array', async () => {
    const chunks = chunksOf(await (await chat(emu)).text());
    const usageChunk = chunks.at(-1);
    expect(usageChunk?.choices).toEqual([]);
    expect(usageChunk?.usage).toEqual({
      prompt_tokens: expect.any(Number),
      completion_tokens: 40,
      total_tokens: (usageChunk?.usage?.prompt_tokens ?? 0) + 40,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0, audio_tokens: 0, video_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, image_tokens: 0 },
      cost: expect.any(Number),
      is_byok: false,
      cost_details: expect.any(Object),
    });
    // gpt-4o: $2.50 / $10 per million tokens.
    const usage = usageChunk?.usage;
    expect(usage?.cost).toBeCloseTo(((usage?.prompt_tokens ?? 0) * 2.5 + 40 * 10) / 1e6, 12);
    expect(chunks.filter((c) => c.usage !== undefined)).toHaveLength(1);
  });

  it('gives the same reply for the same messages, and another for another seed', async () => {
    const a = contentOf(chunksOf(await (await chat(emu)).text()));
    const b = contentOf(chunksOf(await (await chat(emu)).text()));
    const c = contentOf(chunksOf(await (await chat(emu, { extra: { seed: 7 } })).text()));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(c).toBe(buildReplyText({ seed: 7, tokens: 40, multibyte: false, hugeLine: false }));
  });

  it('caps the reply at max_tokens or max_completion_tokens with finish_reason "length"', async () => {
    for (const extra of [{ max_tokens: 7 }, { max_completion_tokens: 7 }]) {
      const chunks = chunksOf(await (await chat(emu, { extra })).text());
      expect(contentChunks(chunks)).toHaveLength(7);
      expect(contentOf(chunks)).toBe(expectedReply(7));
      expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('length');
      expect(chunks.at(-1)?.usage?.completion_tokens).toBe(7);
    }
    const uncapped = chunksOf(await (await chat(emu, { extra: { max_tokens: 500 } })).text());
    expect(uncapped.at(-2)?.choices[0]?.finish_reason).toBe('stop');
  });

  it('gives a new generation id per request', async () => {
    const a = (await chat(emu)).headers.get('x-generation-id');
    const b = (await chat(emu)).headers.get('x-generation-id');
    expect(a).not.toBe(b);
  });
});

describe('non-streaming chat completion', () => {
  it('returns a chat.completion JSON body', async () => {
    const res = await chat(emu, { stream: false, model: 'anthropic/claude-sonnet-4.5' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: res.headers.get('x-generation-id'),
      object: 'chat.completion',
      created: FIXED_NOW / 1000,
      model: 'anthropic/claude-sonnet-4.5',
      provider: 'Anthropic',
      choices: [
        {
          index: 0,
          finish_reason: 'stop',
          native_finish_reason: 'stop',
          message: { role: 'assistant', content: expectedReply(), reasoning: null },
        },
      ],
      usage: { completion_tokens: 40, is_byok: false, completion_tokens_details: { reasoning_tokens: 0 } },
    });
  });
});

describe('request validation', () => {
  const post = (body: unknown) =>
    fetch(`${emu.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emu.defaultKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it.each([
    ['missing', { model: 'openai/gpt-4o' }],
    ['empty', { model: 'openai/gpt-4o', messages: [] }],
    ['not a list', { model: 'openai/gpt-4o', messages: 'hi' }],
  ])('rejects %s messages with 400', async (_, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.headers.get('x-generation-id')).toMatch(/^gen-/);
    const json = (await res.json()) as ErrorJson;
    expect(json.error.code).toBe(400);
    expect(json.error.message).toContain('messages');
  });

  it('rejects a model id that is not in the catalogue', async () => {
    const res = await post({ model: 'openai/gpt-404', messages: MESSAGES });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorJson).error.message).toBe('openai/gpt-404 is not a valid model ID');
  });

  it('uses a default model when none is given', async () => {
    const res = await post({ messages: MESSAGES });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { model: string }).model).toBe('openai/gpt-4o');
  });
});
