import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from './server';
import { chat, get, within } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

describe('the Emulator handle', () => {
  it('records requests with increasing ids and parsed JSON bodies', async () => {
    await chat(emu, { stream: false, extra: { temperature: 0.3 } }).then((r) => r.text());
    await fetch(`${emu.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emu.defaultKey}` },
      body: 'not json',
    }).then((r) => r.text());
    const [a, b] = emu.requests.slice(-2);
    expect(a?.body).toMatchObject({ model: 'openai/gpt-4o', temperature: 0.3 });
    expect(a?.responseStatus).toBe(200);
    expect(b?.body).toBe('not json');
    expect(b?.responseStatus).toBe(400);
    expect(b?.id).toBe((a?.id ?? 0) + 1);
  });

  it('waitForRequest resolves from the existing requests first, then from new ones', async () => {
    await get(emu, '/key').then((r) => r.text());
    const existing = await emu.waitForRequest((r) => r.path === '/api/v1/key');
    expect(existing.responseStatus).toBe(200);
    const pending = emu.waitForRequest((r) => r.query.marker === 'later');
    await get(emu, '/models?marker=later').then((r) => r.text());
    expect((await pending).path).toBe('/api/v1/models');
  });

  it('waitForRequest rejects after its timeout', async () => {
    await expect(emu.waitForRequest((r) => r.path === '/never', 50)).rejects.toThrow(/timed out/);
    await expect(emu.waitForClientClose(999_999, 50)).rejects.toThrow(/timed out/);
  });

  it('clearRequests empties the same array', async () => {
    const requests = emu.requests;
    await get(emu, '/key').then((r) => r.text());
    emu.clearRequests();
    expect(requests).toHaveLength(0);
    expect(emu.requests).toBe(requests);
    await get(emu, '/key').then((r) => r.text());
    expect(requests).toHaveLength(1);
  });
});

describe('close()', () => {
  it('ends stalled and dripping responses promptly, without marking them client-closed', async () => {
    const own = await startEmulator();
    const stalled = chat(own, { fault: 'stall-before' });
    const dripping = await chat(own, { fault: 'drip-1,tokens-100' });
    const stalledRecord = await own.waitForRequest((r) => r.headers['x-emulator-fault'] === 'stall-before');
    // The assertion is attached now so the rejection is handled when close() triggers it.
    const pendingRequest = expect(own.waitForRequest((r) => r.path === '/never', 10_000)).rejects.toThrow(
      /closed/,
    );
    const started = performance.now();
    await own.close();
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(stalled).rejects.toThrow();
    await expect(dripping.text()).rejects.toThrow();
    await pendingRequest;
    expect(stalledRecord.clientClosed).toBe(false);
    // Closing twice is harmless.
    expect(await within(own.close(), 1000)).toBeUndefined();
  });
});
