/**
 * The composed services, with OpenRouter answering every call with an error that echoes the key in
 * forms the shape rule cannot see (upper case, base64, percent-encoded): neither the error the window
 * gets nor main's log may hold the key in any of them. Before the known-secrets registry, redaction
 * was by shape only and these passed straight through.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../common/errors';
import { createLogger } from '../services/log/logger';
import { makeKey } from '../services/vault/testing/test-support';
import { composeServices } from './compose-services';
import { testServiceAdapters } from './testing/service-adapters';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

function forms(key: string): string[] {
  return [
    key.toUpperCase(),
    Buffer.from(key).toString('base64'),
    encodeURIComponent(key).replace(/-/g, '%2D'),
  ];
}

/** OpenRouter (faked) rejects every call with a 400 whose message quotes the key it was sent. */
const echoingFetch: typeof fetch = async (_input, init) => {
  const auth = new Headers(init?.headers).get('authorization') ?? '';
  const sent = auth.replace(/^Bearer /, '');
  const message = `Invalid request for ${forms(sent).join(' / ')}`;
  return new Response(JSON.stringify({ error: { code: 400, message } }), {
    status: 400,
    headers: { 'content-type': 'application/json' },
  });
};

async function compose() {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-errors-redacted-'));
  dirs.push(dataDir);
  const lines: string[] = [];
  const services = composeServices(
    testServiceAdapters({
      dataDir,
      log: (scope) => createLogger(scope, (line) => lines.push(line), 'debug'),
      fetch: echoingFetch,
    }),
  );
  await services.init();
  return { services, lines };
}

const ctx = { windowId: 1, emit: () => undefined };

describe('errors that echo the key in other forms', () => {
  it('the key window gets the refusal without the candidate in any form, and the log neither', async () => {
    const { services, lines } = await compose();
    const key = makeKey();
    const result = await services.keyEntryHandlers.submit({ key, persistence: 'session' }, ctx);
    expect(result.ok).toBe(false);
    const text = JSON.stringify(result);
    expect(text).toContain('OpenRouter'); // the message itself is still there
    for (const form of forms(key)) expect(text.includes(form), 'a form of the key in the result').toBe(false);
    for (const form of forms(key))
      expect(lines.join('\n').includes(form), 'a form of the key in the log').toBe(false);
    await services.shutdown();
  });

  it('the chat window gets errors for the stored key without it in any form', async () => {
    const { services, lines } = await compose();
    const key = makeKey();
    // A key stored earlier, unverified (offline then); now every call echoes it back.
    await services.vault.store({ key, source: 'typed', persistence: 'session' }).catch(() => undefined);
    const outcome = await services.handlers.listModels({ refresh: true }, ctx).then(
      () => null,
      (error: unknown) => error,
    );
    const verify = await services.handlers.verifyKey(undefined, ctx).then(
      () => null,
      (error: unknown) => error,
    );
    for (const error of [outcome, verify]) {
      if (error === null) continue;
      expect(error).toBeInstanceOf(AppFailure);
      const message = (error as AppFailure).error.message;
      for (const form of forms(key))
        expect(message.includes(form), 'a form of the key in an error').toBe(false);
    }
    for (const form of forms(key))
      expect(lines.join('\n').includes(form), 'a form of the key in the log').toBe(false);
    await services.shutdown();
  });
});
