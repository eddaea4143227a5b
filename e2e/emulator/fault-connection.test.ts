import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from './server';
import { chat, chunksOf, contentChunks, readUntilError, type StreamChunk, within } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

/** Window in which a stalled response must show nothing more. */
const QUIET_MS = 300;

/** Reads SSE text until `count` content chunks have arrived; returns the reader to keep going. */
async function readContentChunks(res: Response, count: number) {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  let chunks: StreamChunk[] = [];
  while (contentChunks(chunks).length < count) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`stream ended after ${contentChunks(chunks).length} content chunks`);
    text += decoder.decode(value, { stream: true });
    chunks = chunksOf(text.slice(0, text.lastIndexOf('\n\n') + 2));
  }
  return { reader, text, chunks };
}

describe('connection faults', () => {
  it('reset-before: the connection drops before any byte, so fetch rejects', async () => {
    await expect(chat(emu, { fault: 'reset-before' })).rejects.toThrow(TypeError);
    const record = await emu.waitForRequest((r) => r.headers['x-emulator-fault'] === 'reset-before');
    expect(record.responseStatus).toBeNull();
    expect(record.clientClosed).toBe(false);
  });

  it('reset-after: three content chunks arrive, then reading the body fails', async () => {
    const res = await chat(emu, { fault: 'reset-after' });
    expect(res.status).toBe(200);
    const { text, error } = await readUntilError(res);
    expect(error).toBeInstanceOf(Error);
    const chunks = chunksOf(text);
    expect(contentChunks(chunks)).toHaveLength(3);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(text).not.toContain('[DONE]');
  });

  it('reset-after without streaming: a truncated body, then the read fails', async () => {
    const res = await chat(emu, { fault: 'reset-after', stream: false });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('stall-before: the request is taken but nothing comes back until the client gives up', async () => {
    const abort = new AbortController();
    const pending = chat(emu, { fault: 'stall-before', signal: abort.signal });
    const record = await emu.waitForRequest((r) => r.headers['x-emulator-fault'] === 'stall-before');
    expect(await within(pending, QUIET_MS)).toBe('timeout');
    expect(record.responseStatus).toBeNull();
    abort.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    await emu.waitForClientClose(record.id);
    expect(record.clientClosed).toBe(true);
  });

  it('stall-after: three content chunks, then nothing more', async () => {
    const abort = new AbortController();
    const res = await chat(emu, { fault: 'stall-after', signal: abort.signal });
    const { reader, chunks } = await readContentChunks(res, 3);
    expect(contentChunks(chunks)).toHaveLength(3);
    const next = reader.read();
    expect(await within(next, QUIET_MS)).toBe('timeout');
    abort.abort();
    await expect(next).rejects.toThrow(/abort/i);
    const record = await emu.waitForRequest((r) => r.headers['x-emulator-fault'] === 'stall-after');
    await emu.waitForClientClose(record.id);
  });

  it('slow-first-byte-<ms>: the headers wait that long', async () => {
    const started = performance.now();
    const res = await chat(emu, { fault: 'slow-first-byte-250' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('[DONE]');
  });

  it('slow-first-byte also delays an error response', async () => {
    const started = performance.now();
    const res = await chat(emu, { fault: 'slow-first-byte-150,status-502' });
    expect(res.status).toBe(502);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('drip', () => {
  it('drip-<tps>: 20 tokens at 100 tokens/s take about 190 ms', async () => {
    const started = performance.now();
    const res = await chat(emu, { fault: 'drip-100,tokens-20' });
    const chunks = chunksOf(await res.text());
    const elapsed = performance.now() - started;
    expect(contentChunks(chunks)).toHaveLength(20);
    expect(elapsed).toBeGreaterThanOrEqual(150);
    expect(elapsed).toBeLessThan(1500);
  });

  it('keeps the rate over a longer run instead of drifting', async () => {
    const started = performance.now();
    await (await chat(emu, { fault: 'drip-200,tokens-100' })).text();
    const elapsed = performance.now() - started;
    // 99 intervals of 5 ms; fixed sleeps would add each timer's lateness on top.
    expect(elapsed).toBeGreaterThanOrEqual(470);
    expect(elapsed).toBeLessThan(1200);
  });

  it('stops when the client aborts, and records clientClosed', async () => {
    const abort = new AbortController();
    const res = await chat(emu, { fault: 'drip-50,tokens-1000', signal: abort.signal });
    const { reader } = await readContentChunks(res, 2);
    const record = await emu.waitForRequest((r) => r.headers['x-emulator-fault'] === 'drip-50,tokens-1000');
    expect(record.clientClosed).toBe(false);
    abort.abort();
    await expect(reader.read()).rejects.toThrow(/abort/i);
    await emu.waitForClientClose(record.id);
    expect(record.clientClosed).toBe(true);
    expect(record.responseStatus).toBe(200);
  });
});
