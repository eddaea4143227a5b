import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from './server';
import { chat, type ErrorJson, get } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ keys: [{ key: 'sk-or-v1-extra' }] });
});
afterAll(() => emu.close());

describe('authentication', () => {
  it('has a default key in the documented format', () => {
    expect(emu.defaultKey).toMatch(/^sk-or-v1-[0-9a-f]{64}$/);
    expect(emu.baseUrl).toBe(`${emu.origin}/api/v1`);
    expect(emu.origin).toBe(`http://127.0.0.1:${emu.port}`);
  });

  it.each(['/models', '/key'])(
    'answers %s without a key with 401 "No auth credentials found"',
    async (path) => {
      const res = await fetch(`${emu.baseUrl}${path}`);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toEqual({ error: { code: 401, message: 'No auth credentials found' } });
    },
  );

  it('treats a non-Bearer or empty Authorization header as missing', async () => {
    for (const authorization of [`Basic ${emu.defaultKey}`, 'Bearer ', emu.defaultKey]) {
      const res = await get(emu, '/key', { authorization });
      expect(res.status).toBe(401);
      expect(((await res.json()) as ErrorJson).error.message).toBe('No auth credentials found');
    }
  });

  it('answers an unknown key with 401 "User not found."', async () => {
    const res = await chat(emu, { key: `sk-or-v1-${'0'.repeat(64)}` });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 401, message: 'User not found.' } });
  });

  it('accepts the default key, keys from the options and keys added later', async () => {
    expect((await get(emu, '/key')).status).toBe(200);
    expect((await chat(emu, { key: 'sk-or-v1-extra', stream: false })).status).toBe(200);
    expect((await chat(emu, { key: 'sk-or-v1-later', stream: false })).status).toBe(401);
    emu.addKey({ key: 'sk-or-v1-later' });
    expect((await chat(emu, { key: 'sk-or-v1-later', stream: false })).status).toBe(200);
  });

  it('records failed requests too, with lower-cased headers and the Authorization value as sent', async () => {
    await fetch(`${emu.baseUrl}/models?limit=5&q=claude`, {
      headers: { Authorization: 'Bearer nope', 'X-Title': 'T' },
    });
    const r = await emu.waitForRequest((q) => q.headers.authorization === 'Bearer nope');
    expect(r).toMatchObject({
      method: 'GET',
      path: '/api/v1/models',
      query: { limit: '5', q: 'claude' },
      body: null,
      responseStatus: 401,
      clientClosed: false,
    });
    expect(r.headers['x-title']).toBe('T');
  });
});

describe('routing', () => {
  it('answers unknown routes with a 404 error body', async () => {
    for (const path of [`${emu.baseUrl}/nope`, `${emu.origin}/elsewhere`, `${emu.origin}/api/v1`]) {
      const res = await fetch(path, { headers: { authorization: `Bearer ${emu.defaultKey}` } });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toEqual({ error: { code: 404, message: 'Not Found' } });
    }
  });

  it('answers a wrong method with 405', async () => {
    const res = await get(emu, '/chat/completions');
    expect(res.status).toBe(405);
    expect(((await res.json()) as ErrorJson).error.code).toBe(405);
  });
});
