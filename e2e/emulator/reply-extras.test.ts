import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from './server';
import { chat, chunksOf, contentChunks, get, type StreamChunk } from './test-support';

// What a reply carries beyond text, in the shapes of the real recordings
// (main/services/openrouter/fixtures/real/SOURCES.md): url_citation annotations for web search, images
// for image output, reasoning_details with a signature and an encrypted block, usage extras, and the
// generation's figures on GET /generation.

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

type ExtraDelta = {
  annotations?: { type: string; url_citation: { url: string; title: string } }[];
  images?: { type: string; image_url: { url: string } }[];
  reasoning_details?: Record<string, unknown>[];
};
type Usage = {
  server_tool_use_details?: { web_search_requests: number };
  completion_tokens_details: { image_tokens: number; reasoning_tokens: number };
  completion_tokens: number;
};

const deltaOf = (c: StreamChunk) => (c.choices[0]?.delta ?? {}) as ExtraDelta;
const usageOf = (chunks: StreamChunk[]) => chunks.at(-1)?.usage as unknown as Usage | undefined;

async function streamChunks(extra: Record<string, unknown>, model?: string, fault?: string) {
  const res = await chat(emu, { extra, ...(model ? { model } : {}), ...(fault ? { fault } : {}) });
  expect(res.status).toBe(200);
  return { chunks: chunksOf(await res.text()), id: res.headers.get('x-generation-id') ?? '' };
}

describe('web search', () => {
  it.each([
    ['the openrouter:web_search tool', { tools: [{ type: 'openrouter:web_search' }] }],
    ['the web plugin', { plugins: [{ id: 'web' }] }],
  ])('%s: url_citation annotations in a delta before the finish, one search in usage', async (_n, extra) => {
    const { chunks } = await streamChunks(extra);
    const withAnnotations = chunks.filter((c) => deltaOf(c).annotations !== undefined);
    expect(withAnnotations).toHaveLength(1);
    const annotations = deltaOf(withAnnotations[0] as StreamChunk).annotations ?? [];
    expect(annotations.length).toBeGreaterThan(0);
    for (const a of annotations) {
      expect(a.type).toBe('url_citation');
      expect(Object.keys(a.url_citation)).toEqual(['end_index', 'start_index', 'title', 'url', 'content']);
      expect(a.url_citation.url).toMatch(/^https:\/\//);
    }
    const finish = chunks.findIndex((c) => c.choices[0]?.finish_reason === 'stop');
    expect(chunks.indexOf(withAnnotations[0] as StreamChunk)).toBeLessThan(finish);
    expect(usageOf(chunks)?.server_tool_use_details).toEqual({ web_search_requests: 1 });
  });

  it('no annotations and no server_tool_use_details without web search', async () => {
    const { chunks } = await streamChunks({});
    expect(chunks.some((c) => deltaOf(c).annotations !== undefined)).toBe(false);
    expect(usageOf(chunks)?.server_tool_use_details).toBeUndefined();
  });

  it('non-streamed: annotations on the message', async () => {
    const res = await chat(emu, { stream: false, extra: { plugins: [{ id: 'web' }] } });
    const body = (await res.json()) as { choices: { message: ExtraDelta }[] };
    expect(body.choices[0]?.message.annotations?.[0]?.type).toBe('url_citation');
  });
});

describe('image output', () => {
  it.each([
    ['modalities ["image","text"]', 'google/gemini-2.5-flash', { modalities: ['image', 'text'] }],
    ['an image-only model', 'black-forest-labs/flux.2-pro', {}],
  ])('%s: a real PNG data URL in delta.images, image tokens in usage', async (_n, model, extra) => {
    const { chunks } = await streamChunks(extra, model);
    const withImages = chunks.filter((c) => deltaOf(c).images !== undefined);
    expect(withImages).toHaveLength(1);
    const image = deltaOf(withImages[0] as StreamChunk).images?.[0];
    expect(image?.type).toBe('image_url');
    const url = image?.image_url.url ?? '';
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    const bytes = Buffer.from(url.slice('data:image/png;base64,'.length), 'base64');
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(usageOf(chunks)?.completion_tokens_details.image_tokens).toBeGreaterThan(0);
  });

  it('a text model asked for nothing else sends no images', async () => {
    const { chunks } = await streamChunks({});
    expect(chunks.some((c) => deltaOf(c).images !== undefined)).toBe(false);
  });
});

describe('reasoning asked for in the request', () => {
  it('a reasoning model streams reasoning_details with a signature and an encrypted block', async () => {
    const { chunks } = await streamChunks({ reasoning: { effort: 'low' } }, 'deepseek/deepseek-r1');
    const details = chunks.flatMap((c) => deltaOf(c).reasoning_details ?? []);
    expect(details.filter((d) => typeof d.text === 'string' && d.text !== '').length).toBeGreaterThan(3);
    expect(details.some((d) => typeof d.signature === 'string' && d.signature !== '')).toBe(true);
    expect(details.filter((d) => d.type === 'reasoning.encrypted')).toHaveLength(1);
  });

  it('not for a model that does not reason, nor when disabled', async () => {
    for (const [model, reasoning] of [
      ['openai/gpt-4o', { effort: 'low' }],
      ['deepseek/deepseek-r1', { enabled: false }],
    ] as const) {
      const { chunks } = await streamChunks({ reasoning }, model);
      expect(chunks.some((c) => (deltaOf(c).reasoning_details ?? []).length > 0)).toBe(false);
    }
  });
});

describe('no-usage fault', () => {
  it('the stream finishes and ends with [DONE] but carries no usage chunk', async () => {
    const res = await chat(emu, { fault: 'no-usage' });
    const text = await res.text();
    const chunks = chunksOf(text);
    expect(chunks.some((c) => c.usage !== undefined)).toBe(false);
    expect(chunks.some((c) => c.choices[0]?.finish_reason === 'stop')).toBe(true);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  });
});

describe('GET /generation', () => {
  type Generation = {
    data: {
      id: string;
      cancelled: boolean;
      finish_reason: string | null;
      tokens_completion: number;
      native_tokens_completion: number;
      native_tokens_reasoning: number;
      total_cost: number;
      provider_name: string;
      model: string;
      streamed: boolean;
    };
  };
  const generation = async (id: string) => get(emu, `/generation?id=${encodeURIComponent(id)}`);

  it('answers for a served generation, also when its stream carried no usage', async () => {
    const res = await chat(emu, { fault: 'no-usage', model: 'emulator/no-usage' });
    const id = res.headers.get('x-generation-id') ?? '';
    const chunks = chunksOf(await res.text());
    const answer = await generation(id);
    expect(answer.status).toBe(200);
    const { data } = (await answer.json()) as Generation;
    expect(data).toMatchObject({
      id,
      cancelled: false,
      finish_reason: 'stop',
      tokens_completion: contentChunks(chunks).length,
      native_tokens_completion: contentChunks(chunks).length,
      provider_name: 'Emulator',
      model: 'emulator/no-usage',
      streamed: true,
    });
  });

  it('reports a cancelled generation with the tokens sent so far', async () => {
    const abort = new AbortController();
    const res = await chat(emu, { fault: 'stall-after', signal: abort.signal });
    const id = res.headers.get('x-generation-id') ?? '';
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (contentChunks(chunksOf(text.slice(0, text.lastIndexOf('\n\n') + 2))).length < 3) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended early');
      text += decoder.decode(value, { stream: true });
    }
    abort.abort();
    const record = await emu.waitForRequest((r) => r.headers['x-emulator-fault'] === 'stall-after');
    await emu.waitForClientClose(record.id);
    const { data } = (await (await generation(id)).json()) as Generation;
    expect(data).toMatchObject({ id, cancelled: true, finish_reason: null, tokens_completion: 3 });
  });

  it('counts reasoning and matches the streamed usage for a finished reply', async () => {
    const { chunks, id } = await streamChunks({}, undefined, 'reasoning');
    const usage = chunks.at(-1)?.usage;
    const { data } = (await (await generation(id)).json()) as Generation;
    expect(data.native_tokens_completion).toBe(usage?.completion_tokens);
    expect(data.native_tokens_reasoning).toBe(usage?.completion_tokens_details.reasoning_tokens);
    expect(data.total_cost).toBe(usage?.cost);
  });

  it('404 for an id it never served, and a key is required', async () => {
    expect((await generation('gen-0-unknown')).status).toBe(404);
    expect((await get(emu, '/generation')).status).toBe(404);
    const noKey = await fetch(`${emu.baseUrl}/generation?id=x`);
    expect(noKey.status).toBe(401);
  });
});
