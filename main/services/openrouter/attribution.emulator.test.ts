/**
 * Every request main sends to OpenRouter carries the app attribution headers, and the key travels in
 * Authorization only — checked on what the emulator actually received, for each endpoint the client calls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../../e2e/emulator/server';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createOpenRouterClient } from './client';
import { DEFAULT_APP_URL } from './options';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator?.close();
});

describe('attribution headers', () => {
  it('go with every call (models, key, chat), and only Authorization carries the key', async () => {
    const key = emulator.defaultKey;
    const client = createOpenRouterClient({
      baseUrl: emulator.baseUrl,
      getKey: () => key,
      log: createMemoryLogger(),
    });
    await client.listModels();
    await client.getKeyInfo();
    await client.streamChat(
      { model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'Hi' }] },
      { onEvent: () => undefined },
    );

    const paths = emulator.requests.map((r) => r.path);
    expect(paths).toEqual(['/api/v1/models', '/api/v1/key', '/api/v1/chat/completions']);
    for (const request of emulator.requests) {
      expect(request.headers).toMatchObject({
        authorization: `Bearer ${key}`,
        'x-openrouter-title': 'Switchboard',
        'x-title': 'Switchboard',
        'http-referer': DEFAULT_APP_URL,
      });
      const carriers = Object.entries(request.headers)
        .filter(([, value]) => String(value).includes(key))
        .map(([name]) => name);
      expect(carriers).toEqual(['authorization']);
      expect(JSON.stringify(request.query)).not.toContain(key);
    }
  });
});
