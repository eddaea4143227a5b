import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAULT_STATUS_CODES } from './faults';
import { type Emulator, startEmulator } from './server';
import { chat, type ErrorJson, get } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.resetFaultCounters());

const EXPECTED_ERROR_TYPE: Record<number, string> = {
  400: 'bad_request',
  401: 'authentication',
  402: 'payment_required',
  403: 'content_policy_violation',
  404: 'not_found',
  408: 'timeout',
  413: 'payload_too_large',
  429: 'rate_limit_exceeded',
  500: 'server',
  502: 'provider_unavailable',
  503: 'provider_unavailable',
  524: 'timeout',
  529: 'provider_overloaded',
};

describe('status-<code>', () => {
  it.each(FAULT_STATUS_CODES.map((c) => [c]))(
    'status-%i answers with that status and error JSON',
    async (code) => {
      const res = await chat(emu, { fault: `status-${code}` });
      expect(res.status).toBe(code);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(res.headers.get('x-generation-id')).toMatch(/^gen-/);
      const body = (await res.json()) as ErrorJson;
      expect(body.error.code).toBe(code);
      expect(body.error.message.length).toBeGreaterThan(5);
      expect(body.error.metadata?.error_type).toBe(EXPECTED_ERROR_TYPE[code]);
      expect(res.headers.get('retry-after')).toBe(code === 429 || code === 503 ? '2' : null);
    },
  );

  it('words 402 and 503 as OpenRouter does', async () => {
    const payment = (await (await chat(emu, { fault: 'status-402' })).json()) as ErrorJson;
    expect(payment.error.message).toMatch(/^Insufficient credits/);
    const routing = (await (await chat(emu, { fault: 'status-503' })).json()) as ErrorJson;
    expect(routing.error.message).toBe('No provider meets the routing requirements');
  });

  it('gives 403 the moderation metadata', async () => {
    const body = (await (await chat(emu, { fault: 'status-403' })).json()) as ErrorJson;
    expect(body.error.metadata).toEqual({
      error_type: 'content_policy_violation',
      reasons: ['violence'],
      flagged_input: expect.any(String),
      provider_name: 'OpenAI',
      model_slug: 'openai/gpt-4o',
    });
    expect(String(body.error.metadata?.flagged_input).length).toBeLessThanOrEqual(100);
  });

  it('lets retry-after-<s> set or override Retry-After', async () => {
    expect((await chat(emu, { fault: 'status-429,retry-after-7' })).headers.get('retry-after')).toBe('7');
    expect((await chat(emu, { fault: 'status-500,retry-after-1' })).headers.get('retry-after')).toBe('1');
  });

  it('is selected by the model id too', async () => {
    const res = await chat(emu, { model: 'emulator/status-429' });
    expect(res.status).toBe(429);
    expect(((await res.json()) as ErrorJson).error.message).toContain('emulator/status-429');
  });

  it('applies to /models and /key as well', async () => {
    expect((await get(emu, '/models', { 'x-emulator-fault': 'status-500' })).status).toBe(500);
    const key = await get(emu, '/key', { 'x-emulator-fault': 'status-401' });
    expect(key.status).toBe(401);
    expect(((await key.json()) as ErrorJson).error.message).toBe('User not found.');
  });
});

describe('other error modes', () => {
  it('context-length: 400 context_length_exceeded', async () => {
    const res = await chat(emu, { fault: 'context-length' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe(400);
    expect(body.error.metadata?.error_type).toBe('context_length_exceeded');
    expect(body.error.message).toMatch(/maximum context length is 8192 tokens/);
  });

  it('availability: 503 in the model-availability form, without `code`', async () => {
    const res = await chat(emu, { fault: 'availability' });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('3');
    const body = (await res.json()) as ErrorJson;
    expect(body.error).toEqual({
      error_type: 'provider_unavailable',
      http_status: 503,
      message: expect.any(String),
      availability: { code: 'capacity_exhausted', retryable: true, retry_after: 3 },
    });
    expect('code' in body.error).toBe(false);
  });

  it('echo-key: a 400 whose message leaks the Authorization header and the key', async () => {
    const res = await chat(emu, { fault: 'echo-key' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.message).toContain(`Bearer ${emu.defaultKey}`);
    expect(body.error.message).toContain(`key ${emu.defaultKey}`);
    expect(String(body.error.metadata?.raw)).toContain(emu.defaultKey);
  });

  it('an unknown mode is a 400 naming it, from the header or the model', async () => {
    const fromHeader = await chat(emu, { fault: 'status-429,stall-aftr' });
    expect(fromHeader.status).toBe(400);
    expect(((await fromHeader.json()) as ErrorJson).error.message).toContain('"stall-aftr"');
    const fromModel = await chat(emu, { model: 'emulator/keepalive+bogus' });
    expect(fromModel.status).toBe(400);
    expect(((await fromModel.json()) as ErrorJson).error.message).toContain('"bogus"');
    expect((await get(emu, '/models', { 'x-emulator-fault': 'bogus' })).status).toBe(400);
  });
});

describe('once / times-<n>', () => {
  it('once: only the first request fails', async () => {
    expect((await chat(emu, { fault: 'status-500,once' })).status).toBe(500);
    const second = await chat(emu, { fault: 'status-500,once' });
    expect(second.status).toBe(200);
    expect(await second.text()).toContain('data: [DONE]');
    expect((await chat(emu, { fault: 'status-500,once' })).status).toBe(200);
  });

  it('times-n: the first n fail; counters are per fault string and reset on demand', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await chat(emu, { fault: 'status-429,times-2', stream: false })).status);
    expect(statuses).toEqual([429, 429, 200, 200]);
    // Another fault string has its own budget.
    expect((await chat(emu, { fault: 'status-429,times-2,keepalive' })).status).toBe(429);
    emu.resetFaultCounters();
    expect((await chat(emu, { fault: 'status-429,times-2', stream: false })).status).toBe(429);
  });

  it('works with model-selected faults, and a malformed request does not use up the budget', async () => {
    const bad = await fetch(`${emu.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emu.defaultKey}` },
      body: JSON.stringify({ model: 'emulator/status-503+once', messages: [] }),
    });
    expect(bad.status).toBe(400);
    expect((await chat(emu, { model: 'emulator/status-503+once' })).status).toBe(503);
    expect((await chat(emu, { model: 'emulator/status-503+once' })).status).toBe(200);
  });
});
