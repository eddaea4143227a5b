/**
 * streamChat against the OpenRouter emulator (e2e/emulator): every fault mode, over real HTTP.
 * Expected texts come from a fault-free run of the same messages (the emulator seeds its reply from
 * them), so each fault is compared with what the model "would have said".
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatResult, ChatStreamEvent } from '../../../common/chat-types';
import { type Emulator, startEmulator } from '../../../e2e/emulator/server';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createOpenRouterClient } from './client';
import type { OpenRouterClientOptions } from './options';
import type { ReplyData } from './reply-data';
import { ChatStreamFailure } from './stream-failure';

const MESSAGES = [
  { role: 'system' as const, content: 'You are terse.' },
  { role: 'user' as const, content: 'Explain how streaming replies work.' },
];
const PLAIN_MODEL = 'openai/gpt-4o';
const CHAT_PATH = '/api/v1/chat/completions';

let emulator: Emulator;
/** The fault-free reply, one entry per streamed token. */
let plainTokens: string[];
let plainResult: ChatResult;

function setup(overrides: Partial<OpenRouterClientOptions> = {}) {
  const log = createMemoryLogger();
  const sleeps: number[] = [];
  const client = createOpenRouterClient({
    baseUrl: emulator.baseUrl,
    getKey: () => emulator.defaultKey,
    log,
    // Retries must not really wait: record the requested delay instead.
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
  return { client, log, sleeps };
}

interface Outcome {
  result: ChatResult | null;
  failure: ChatStreamFailure | null;
  events: ChatStreamEvent[];
  deltas: string[];
}

async function run(
  model: string,
  overrides: Partial<OpenRouterClientOptions> = {},
  opts: { signal?: AbortSignal; onDelta?: (count: number) => void; maxTokens?: number } = {},
): Promise<Outcome & ReturnType<typeof setup>> {
  const s = setup(overrides);
  const events: ChatStreamEvent[] = [];
  const deltas: string[] = [];
  let result: ChatResult | null = null;
  let failure: ChatStreamFailure | null = null;
  try {
    result = await s.client.streamChat(
      { model, messages: MESSAGES, ...(opts.maxTokens ? { maxTokens: opts.maxTokens } : {}) },
      {
        ...(opts.signal ? { signal: opts.signal } : {}),
        onEvent: (e) => {
          events.push(e);
          if (e.type === 'delta' && e.content !== '') {
            deltas.push(e.content);
            opts.onDelta?.(deltas.length);
          }
        },
      },
    );
  } catch (error) {
    if (!(error instanceof ChatStreamFailure)) throw error;
    failure = error;
  }
  return { ...s, result, failure, events, deltas };
}

function chatRequests() {
  return emulator.requests.filter((r) => r.path === CHAT_PATH);
}

beforeAll(async () => {
  emulator = await startEmulator();
  const plain = await run(PLAIN_MODEL);
  if (!plain.result) throw new Error(`plain run failed: ${plain.failure?.message}`);
  plainResult = plain.result;
  plainTokens = plain.deltas;
});

afterAll(async () => {
  await emulator?.close();
});

beforeEach(() => {
  emulator.clearRequests();
  emulator.resetFaultCounters();
});

describe('a fault-free stream', () => {
  it('delivers the 40-token reply with usage, finish reason, model and generation id', async () => {
    const { result, events, deltas } = await run(PLAIN_MODEL);
    expect(deltas).toHaveLength(40);
    expect(deltas).toEqual(plainTokens);
    expect(result?.content).toBe(plainTokens.join(''));
    expect(result?.content).toContain('```');
    expect(result).toMatchObject({ finishReason: 'stop', reasoning: '', model: PLAIN_MODEL });
    expect(result?.generationId).toMatch(/^gen-\d+-[A-Za-z0-9]{20}$/);
    expect(result?.usage?.completionTokens).toBe(40);
    expect(result?.usage?.promptTokens).toBeGreaterThan(0);
    // 2.5 $/M prompt, 10 $/M completion for openai/gpt-4o in the emulator's table.
    const usage = result?.usage;
    expect(usage?.cost).toBeCloseTo(((usage?.promptTokens ?? 0) * 2.5 + 40 * 10) / 1e6, 10);
    expect(events.filter((e) => e.type === 'usage')).toHaveLength(1);
    expect(events.at(-1)).toEqual({ type: 'done', result });
    expect(events.findIndex((e) => e.type === 'usage')).toBeGreaterThan(
      events.findLastIndex((e) => e.type === 'delta'),
    );
  });

  it('sends Bearer, attribution headers and the request body, to the base URL only', async () => {
    await run(PLAIN_MODEL, {}, { maxTokens: 100 });
    const [request] = chatRequests();
    expect(emulator.requests).toHaveLength(1);
    expect(request?.method).toBe('POST');
    expect(request?.headers).toMatchObject({
      authorization: `Bearer ${emulator.defaultKey}`,
      'http-referer': 'https://github.com/switchboard-app/switchboard',
      'x-openrouter-title': 'Switchboard',
      'x-title': 'Switchboard',
      'content-type': 'application/json',
    });
    expect(request?.body).toEqual({ model: PLAIN_MODEL, messages: MESSAGES, stream: true, max_tokens: 100 });
  });

  it('uses the configured appUrl as HTTP-Referer', async () => {
    await run(PLAIN_MODEL, { appUrl: 'https://example.test/switchboard' });
    expect(chatRequests()[0]?.headers['http-referer']).toBe('https://example.test/switchboard');
  });

  it('maps max_tokens truncation to finishReason length', async () => {
    const { result } = await run(PLAIN_MODEL, {}, { maxTokens: 7 });
    expect(result?.finishReason).toBe('length');
    expect(result?.content).toBe(plainTokens.slice(0, 7).join(''));
  });
});

describe('stream framing faults', () => {
  it.each(['crlf', 'keepalive', 'no-done', 'crlf+keepalive'])(
    '%s gives the same content as a plain run',
    async (mode) => {
      const { result, deltas } = await run(`emulator/${mode}`);
      expect(deltas).toEqual(plainTokens);
      expect(result?.content).toBe(plainResult.content);
      expect(result?.finishReason).toBe('stop');
      expect(result?.usage?.completionTokens).toBe(40);
    },
  );

  it('utf8-split: multi-byte characters split across writes decode exactly', async () => {
    const { result } = await run('emulator/utf8-split');
    const content = result?.content ?? '';
    expect(content.startsWith('Voilà un café 中文 🙂 👩‍💻.\n\n')).toBe(true);
    for (const s of ['é', '中文', '🙂', '👩‍💻']) expect(content).toContain(s);
    expect(content).not.toContain('\uFFFD');
  });

  it('huge-line: a single 1,000,000-character delta arrives whole', async () => {
    const { result, deltas } = await run('emulator/huge-line');
    expect(deltas).toHaveLength(40);
    expect(deltas[1]).toHaveLength(1_000_000);
    expect(deltas.filter((_, i) => i !== 1)).toEqual(plainTokens.filter((_, i) => i !== 1));
    expect(result?.content.length).toBe(
      plainResult.content.length - (plainTokens[1]?.length ?? 0) + 1_000_000,
    );
  });

  it('usage-in-choices: usage is read from a chunk with a non-empty choices array', async () => {
    const { result, events } = await run('emulator/usage-in-choices');
    expect(result?.content).toBe(plainResult.content);
    // Fault models have no price in the emulator's table, hence cost 0 (present, not missing).
    expect(result?.usage).toEqual({
      promptTokens: plainResult.usage?.promptTokens,
      completionTokens: 40,
      reasoningTokens: 0,
      cost: 0,
      cachedPromptTokens: 0,
      cacheWriteTokens: 0,
      imageTokens: 0,
      isByok: false,
    });
    expect(events.filter((e) => e.type === 'usage')).toHaveLength(1);
  });

  it('reasoning: reasoning deltas are collected apart from the content', async () => {
    const { result } = await run('emulator/reasoning');
    expect(result?.reasoning).toMatch(/^Let me outline the \w+ first\. Then answer\.$/);
    expect(result?.content).toBe(plainResult.content);
    expect(result?.usage?.reasoningTokens).toBe(10);
  });

  it('tokens-<n> streams exactly n tokens', async () => {
    const { deltas, result } = await run('emulator/tokens-120');
    expect(deltas).toHaveLength(120);
    expect(deltas.slice(0, 40)).toEqual(plainTokens);
    expect(result?.usage?.completionTokens).toBe(120);
  });

  it('slow-first-byte within the first-byte timeout still succeeds', async () => {
    const { result } = await run('emulator/slow-first-byte-150', { timeouts: { firstByteMs: 5000 } });
    expect(result?.content).toBe(plainResult.content);
  });
});

describe('mid-stream failures keep the partial text and are never retried', () => {
  it('error-mid → provider_unavailable (status 502) with the first 5 tokens', async () => {
    const { failure, events } = await run('emulator/error-mid');
    expect(failure?.error).toEqual({
      code: 'provider_unavailable',
      status: 502,
      message: "The model's provider is unavailable right now. Retry in a moment or pick another model.",
      messageId: 'errors.openrouter.providerUnavailable',
    });
    expect(failure?.partialContent).toBe(plainTokens.slice(0, 5).join(''));
    expect(events.at(-1)).toEqual({
      type: 'error',
      error: failure?.error,
      partialContent: failure?.partialContent,
      partialReasoning: '',
    });
    expect(chatRequests()).toHaveLength(1);
  });

  it('length-then-error → a complete reply cut off by the length limit, text and usage kept', async () => {
    const { result, failure, events, log } = await run('emulator/length-then-error');
    expect(failure).toBeNull();
    expect(result).toMatchObject({ finishReason: 'length', content: plainTokens.join('') });
    expect(result?.usage?.completionTokens).toBe(40);
    expect(events.filter((e) => e.type === 'usage')).toHaveLength(1);
    expect(events.at(-1)).toEqual({ type: 'done', result });
    expect(log.lines.some((l) => l.includes('after the reply was cut off'))).toBe(true);
  });

  it('error-mid-string-code → provider_unavailable without a status', async () => {
    const { failure } = await run('emulator/error-mid-string-code');
    expect(failure?.error.code).toBe('provider_unavailable');
    expect(failure?.error.status).toBeUndefined();
    expect(failure?.partialContent).toBe(plainTokens.slice(0, 5).join(''));
    expect(chatRequests()).toHaveLength(1);
  });

  it('reset-after → connection_lost with the first 3 tokens', async () => {
    const { failure } = await run('emulator/reset-after');
    expect(failure?.error).toEqual({
      code: 'connection_lost',
      message: 'The connection to OpenRouter broke mid-reply. The partial reply is kept; retry to continue.',
      messageId: 'errors.openrouter.connectionLost',
    });
    expect(failure?.partialContent).toBe(plainTokens.slice(0, 3).join(''));
    expect(chatRequests()).toHaveLength(1);
  });

  it('reset-before → offline, not retried', async () => {
    const { failure } = await run('emulator/reset-before');
    expect(failure?.error).toEqual({
      code: 'offline',
      message: "Can't reach OpenRouter. Check your internet connection and try again.",
      messageId: 'errors.openrouter.offline',
    });
    expect(failure?.partialContent).toBe('');
    expect(chatRequests()).toHaveLength(1);
  });
});

describe('timeouts', () => {
  it('stall-before → first-byte timeout, and the connection is closed', async () => {
    const { failure } = await run('emulator/stall-before', { timeouts: { firstByteMs: 300 } });
    expect(failure?.error).toEqual({
      code: 'timeout',
      message:
        "OpenRouter didn't start replying within 0.3 s. The model may be overloaded — try again or pick another model.",
      messageId: 'errors.openrouter.firstByteTimeout',
      values: { seconds: 0.3 },
    });
    const [request] = chatRequests();
    await emulator.waitForClientClose(request?.id ?? -1, 5000);
    expect(chatRequests()).toHaveLength(1);
  });

  it('slow-first-byte beyond the first-byte timeout → timeout', async () => {
    const { failure } = await run('emulator/slow-first-byte-5000', { timeouts: { firstByteMs: 300 } });
    expect(failure?.error.code).toBe('timeout');
    expect(failure?.error.message).toContain('within 0.3 s');
  });

  it('stall-after → idle timeout with the stall message and the first 3 tokens', async () => {
    const { failure } = await run('emulator/stall-after', { timeouts: { idleMs: 300 } });
    expect(failure?.error).toEqual({
      code: 'timeout',
      message: 'The reply stalled: nothing arrived for 0.3 s. The partial reply is kept; retry to continue.',
      messageId: 'errors.openrouter.idleTimeout',
      values: { seconds: 0.3 },
    });
    expect(failure?.partialContent).toBe(plainTokens.slice(0, 3).join(''));
    const [request] = chatRequests();
    await emulator.waitForClientClose(request?.id ?? -1, 5000);
  });

  it('a slow but steady drip is not an idle timeout: every chunk restarts the idle window', async () => {
    // 10 tokens/s = one chunk every 100 ms; the whole reply (~0.8 s) outlasts the 450 ms idle window.
    const { result } = await run('emulator/drip-10+tokens-8', {
      timeouts: { idleMs: 300, firstByteMs: 2000 },
    });
    expect(result?.content).toBe(plainTokens.slice(0, 8).join(''));
  });
});

describe('cancellation', () => {
  it('abort mid-stream rejects cancelled with the partial text and closes the connection', async () => {
    const controller = new AbortController();
    const { failure, deltas } = await run(
      'emulator/drip-20+tokens-2000',
      {},
      { signal: controller.signal, onDelta: (n) => n === 3 && controller.abort() },
    );
    expect(failure?.error.code).toBe('cancelled');
    expect(deltas).toHaveLength(3);
    expect(failure?.partialContent).toBe(plainTokens.slice(0, 3).join(''));
    const request = await emulator.waitForRequest((r) => r.path === CHAT_PATH);
    await emulator.waitForClientClose(request.id, 5000);
    expect(emulator.requests.find((r) => r.id === request.id)?.clientClosed).toBe(true);
  });
});

describe('HTTP error statuses', () => {
  const providerDown =
    "The model's provider is unavailable right now. Retry in a moment or pick another model.";
  it.each([
    ['status-401', { code: 'key_rejected', status: 401 }],
    ['status-402', { code: 'out_of_credits', status: 402 }],
    ['status-404', { code: 'model_unavailable', status: 404 }],
    ['status-408', { code: 'timeout', status: 408 }],
    ['status-413', { code: 'bad_request', status: 413 }],
    ['status-500', { code: 'provider_unavailable', status: 500, message: providerDown }],
    ['status-502', { code: 'provider_unavailable', status: 502, message: providerDown }],
    [
      'status-503',
      { code: 'provider_unavailable', status: 503, retryAfterSeconds: 2, message: providerDown },
    ],
    ['status-524', { code: 'timeout', status: 524 }],
    ['status-529', { code: 'provider_unavailable', status: 529, message: providerDown }],
    [
      'status-401',
      {
        message:
          'OpenRouter rejected the API key. It may have been revoked or mistyped. Remove it in Settings and sign in again.',
      },
    ],
    [
      'status-402',
      {
        message:
          'Your OpenRouter account is out of credits. Add credits at openrouter.ai/settings/credits, then retry.',
      },
    ],
    [
      'context-length',
      {
        code: 'context_too_long',
        status: 400,
        message:
          "The conversation is longer than this model's context window. Start a new chat or pick a model with a larger context.",
      },
    ],
    [
      'status-429',
      {
        code: 'rate_limited',
        status: 429,
        retryAfterSeconds: 2,
        message: 'Rate limited by OpenRouter. Wait 2 seconds and retry.',
      },
    ],
    ['status-429+retry-after-7', { code: 'rate_limited', retryAfterSeconds: 7 }],
    ['availability', { code: 'provider_unavailable', status: 503, retryAfterSeconds: 3 }],
  ])('%s → %o', async (mode, expected) => {
    const { failure } = await run(`emulator/${mode}`, { retry: { maxRetries: 0 } });
    expect(failure?.error).toMatchObject(expected);
    expect(failure?.partialContent).toBe('');
    expect(chatRequests()).toHaveLength(1);
  });

  it('status-400 → bad_request carrying OpenRouter’s message, never retried', async () => {
    const { failure, sleeps } = await run('emulator/status-400');
    expect(failure?.error).toEqual({
      code: 'bad_request',
      status: 400,
      message:
        'OpenRouter rejected the request: Provider returned error: invalid request parameters for emulator/status-400.',
      messageId: 'errors.openrouter.rejectedDetail',
      values: { detail: 'Provider returned error: invalid request parameters for emulator/status-400' },
    });
    expect(chatRequests()).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('status-403 → moderation with reasons, the flagged excerpt, provider and model', async () => {
    const { failure } = await run('emulator/status-403');
    expect(failure?.error).toEqual({
      code: 'moderation',
      status: 403,
      reasons: ['violence'],
      flaggedInput: 'Describe in detail how the knight attacks the…',
      provider: 'OpenAI',
      model: 'openai/gpt-4o',
      message:
        "Your message was blocked by OpenAI's moderation (required for openai/gpt-4o) for violence. Flagged text: “Describe in detail how the knight attacks the…”. Rephrase it, or pick a model without this moderation.",
      messageId: 'errors.openrouter.moderationBlocked',
      values: {
        named: 'yes',
        provider: 'OpenAI',
        forModel: 'yes',
        model: 'openai/gpt-4o',
        why: 'yes',
        reasons: 'violence',
        flagged: 'yes',
        excerpt: 'Describe in detail how the knight attacks the…',
      },
    });
  });

  it('an unknown key → key_rejected', async () => {
    const { failure } = await run(PLAIN_MODEL, { getKey: () => `sk-or-v1-${'0'.repeat(64)}` });
    expect(failure?.error).toMatchObject({ code: 'key_rejected', status: 401 });
  });
});

describe('retries', () => {
  it('status-429+once succeeds after exactly one retry that waited Retry-After', async () => {
    const { result, sleeps, log } = await run('emulator/status-429+once');
    expect(result?.content).toBe(plainResult.content);
    expect(chatRequests()).toHaveLength(2);
    expect(chatRequests().map((r) => r.responseStatus)).toEqual([429, 200]);
    expect(sleeps).toEqual([2000]);
    expect(log.lines.filter((l) => l.includes('Retrying OpenRouter chat request'))).toHaveLength(1);
  });

  it('Retry-After is capped at maxDelayMs', async () => {
    const { result, sleeps } = await run('emulator/status-429+once+retry-after-60', {
      retry: { maxDelayMs: 1500 },
    });
    expect(result).not.toBeNull();
    expect(sleeps).toEqual([1500]);
  });

  it('status-502+times-5 with maxRetries 2 fails after exactly 3 requests, backing off', async () => {
    const { failure, sleeps } = await run('emulator/status-502+times-5', {
      retry: { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 10_000 },
    });
    expect(failure?.error).toMatchObject({ code: 'provider_unavailable', status: 502 });
    expect(chatRequests()).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(50);
    expect(sleeps[0]).toBeLessThanOrEqual(100);
    expect(sleeps[1]).toBeGreaterThanOrEqual(100);
    expect(sleeps[1]).toBeLessThanOrEqual(200);
  });

  it('status-503+times-2 recovers on the third request', async () => {
    const { result } = await run('emulator/status-503+times-2');
    expect(result?.content).toBe(plainResult.content);
    expect(chatRequests()).toHaveLength(3);
  });

  it.each(['status-500', 'status-401', 'status-529', 'context-length'])('%s is not retried', async (mode) => {
    const { failure, sleeps } = await run(`emulator/${mode}`);
    expect(failure).not.toBeNull();
    expect(chatRequests()).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('a failure after partial output is not retried even with a once budget', async () => {
    const { failure } = await run('emulator/error-mid+once');
    expect(failure?.partialContent).toBe(plainTokens.slice(0, 5).join(''));
    expect(chatRequests()).toHaveLength(1);
  });
});

describe('redaction', () => {
  it('echo-key: the key appears nowhere in the error, the events or the log', async () => {
    // First prove the emulator really echoes the key, so this test can fail.
    const raw = await fetch(`${emulator.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulator.defaultKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'emulator/echo-key', messages: MESSAGES, stream: true }),
    });
    const secret = emulator.defaultKey.slice('sk-or-v1-'.length);
    expect(await raw.text()).toContain(secret);

    const { failure, events, log } = await run('emulator/echo-key');
    expect(failure?.error.code).toBe('bad_request');
    expect(failure?.error.message).toContain('[REDACTED]');
    expect(failure?.message).not.toContain(secret);
    expect(JSON.stringify(failure?.error)).not.toContain(secret);
    expect(JSON.stringify(events)).not.toContain(secret);
    expect(log.lines.length).toBeGreaterThan(0);
    expect(log.lines.join('\n')).not.toContain(secret);
    expect(log.lines.join('\n')).not.toContain(secret.slice(0, 16));
  });
});

describe('what a reply carries beyond text (issue 14)', () => {
  async function runWithReplyData(model: string) {
    const s = setup();
    const replyData: ReplyData[] = [];
    const result = await s.client.streamChat(
      { model, messages: MESSAGES },
      { onEvent: () => {}, onReplyData: (d) => replyData.push(d) },
    );
    return { ...s, result, replyData };
  }

  it('reasoning: the details come back merged, with the signature and the encrypted block', async () => {
    const { result, replyData } = await runWithReplyData('emulator/reasoning');
    expect(result.provider).toBe('Emulator');
    const details = replyData[0]?.reasoningDetails ?? [];
    expect(details).toHaveLength(2);
    expect(details[0]).toMatchObject({ type: 'reasoning.text', text: result.reasoning, index: 0 });
    expect(String(details[0]?.signature)).not.toBe('');
    expect(details[1]).toMatchObject({ type: 'reasoning.encrypted', index: 1 });
  });

  it('web-search: numbered sources with title and host, one web search in usage', async () => {
    const { result } = await runWithReplyData('emulator/web-search');
    expect(result.content).toBe(plainResult.content);
    expect(result.citations).toEqual([
      {
        url: 'https://docs.emulator.test/streams',
        title: 'Streams in depth — Emulator Docs',
        host: 'docs.emulator.test',
      },
      {
        url: 'https://blog.emulator.test/backpressure?ref=search',
        title: 'Backpressure explained',
        host: 'blog.emulator.test',
      },
    ]);
    expect(result.usage?.webSearchRequests).toBe(1);
  });

  it.each(['emulator/image-output', 'black-forest-labs/flux.2-pro'])(
    '%s: the image arrives as a reference, its PNG bytes as reply data',
    async (model) => {
      const { result, replyData } = await runWithReplyData(model);
      expect(result.images).toEqual([{ id: '1.png', mimeType: 'image/png', byteLength: 70 }]);
      const bytes = replyData[0]?.images[0]?.bytes ?? new Uint8Array();
      expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      expect(result.usage?.imageTokens).toBeGreaterThan(0);
    },
  );

  it('no-usage: the reply completes without usage; /generation gives the final figures', async () => {
    const { result, client } = await runWithReplyData('emulator/no-usage');
    expect(result.usage).toBeNull();
    expect(result.finishReason).toBe('stop');
    const generation = await client.fetchGeneration(result.generationId ?? '');
    expect(generation).toMatchObject({
      cancelled: false,
      finishReason: 'stop',
      provider: 'Emulator',
      model: 'emulator/no-usage',
      usage: { completionTokens: 40, promptTokens: plainResult.usage?.promptTokens },
    });
  });

  it('a cancelled stream: the failure names the generation, /generation reports the tokens sent', async () => {
    const controller = new AbortController();
    const { failure, client } = await run(
      'emulator/stall-after',
      {},
      { signal: controller.signal, onDelta: (n) => n === 3 && controller.abort() },
    );
    expect(failure?.error.code).toBe('cancelled');
    expect(failure?.generationId).toMatch(/^gen-/);
    const request = await emulator.waitForRequest((r) => r.path === CHAT_PATH);
    await emulator.waitForClientClose(request.id, 5000);
    const generation = await client.fetchGeneration(failure?.generationId ?? '');
    expect(generation).toMatchObject({ cancelled: true, finishReason: null, usage: { completionTokens: 3 } });
    expect(await client.fetchGeneration('gen-never-served')).toBeNull();
  });
});
