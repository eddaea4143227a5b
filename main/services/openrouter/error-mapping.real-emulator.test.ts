import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REAL_ERROR_STATUS, type RealErrorName } from '../../../e2e/emulator/real-errors';
import { type Emulator, startEmulator } from '../../../e2e/emulator/server';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createOpenRouterClient } from './client';
import { mapHttpError } from './error-mapping';
import { ChatStreamFailure } from './stream-failure';

/**
 * The emulator's `real-<fixture>` fault mode serves each real error body byte for byte, and the client
 * talking to it over HTTP shows the same thing as for the body replayed directly
 * (error-mapping.real.test.ts asserts the wording itself).
 */

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

const NAMES = Object.keys(REAL_ERROR_STATUS) as RealErrorName[];
const fixture = (name: string) =>
  readFileSync(join(__dirname, 'fixtures', 'real', 'errors', `${name}.json`), 'utf8');

describe.each(NAMES)('emulator/real-%s', (name) => {
  it('is served with its status and exact bytes', async () => {
    const response = await fetch(`${emulator.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulator.defaultKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: `emulator/real-${name}`,
        messages: [{ role: 'user', content: 'Hi' }],
        stream: true,
      }),
    });
    expect(response.status).toBe(REAL_ERROR_STATUS[name]);
    expect(await response.text()).toBe(fixture(name));
  });

  it('reaches the person as the same error as the body itself', async () => {
    const client = createOpenRouterClient({
      baseUrl: emulator.baseUrl,
      getKey: () => emulator.defaultKey,
      log: createMemoryLogger(),
      sleep: async () => {},
      retry: { maxRetries: 0 },
    });
    const failure = await client
      .streamChat(
        { model: `emulator/real-${name}`, messages: [{ role: 'user', content: 'Hi' }] },
        { onEvent: () => {} },
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(failure).toBeInstanceOf(ChatStreamFailure);
    const expected = mapHttpError(REAL_ERROR_STATUS[name], JSON.parse(fixture(name)), undefined).error;
    expect((failure as ChatStreamFailure).error).toEqual(expected);
  });
});
