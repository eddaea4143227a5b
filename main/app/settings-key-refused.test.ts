/**
 * Through the composed services: a system prompt holding an OpenRouter key is refused by main when
 * the window saves it (`key_in_message`), so it never reaches settings.json or the model.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../common/errors';
import { makeKey } from '../services/vault/testing/test-support';
import { composeServices } from './compose-services';
import { testServiceAdapters } from './testing/service-adapters';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const okFetch: typeof fetch = async () =>
  new Response(JSON.stringify({ data: { label: 'test', usage: 0 } }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });

describe('saving a system prompt that holds a key', () => {
  it('is refused; settings and their file keep the old prompt', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-settings-key-'));
    dirs.push(dataDir);
    const services = composeServices(testServiceAdapters({ dataDir, fetch: okFetch }));
    await services.init();
    const key = makeKey();
    await services.vault.store({ key, source: 'typed', persistence: 'session' });
    const ctx = { windowId: 1, emit: () => undefined };
    await services.handlers.updateSettings({ systemPrompt: 'Be brief.' }, ctx);

    const refused = await services.handlers.updateSettings({ systemPrompt: `Be brief. ${key}` }, ctx).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(AppFailure);
    expect((refused as AppFailure).error.code).toBe('key_in_message');
    expect(services.settings.get().systemPrompt).toBe('Be brief.');
    const files = await readdir(dataDir, { recursive: true, withFileTypes: true });
    for (const file of files.filter((f) => f.isFile())) {
      const text = await readFile(join(file.parentPath, file.name), 'utf8');
      expect(text.includes(key.slice(9)), `${file.name} holds the key`).toBe(false);
    }
    await services.shutdown();
  });
});
