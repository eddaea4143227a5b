/**
 * Through the composed services (issue 15): stored settings problems reach the window, a provider slug
 * OpenRouter's provider list does not name becomes one once main has the list, and conversation
 * options are read and written through the handlers.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeKey } from '../services/vault/testing/test-support';
import { composeServices } from './compose-services';
import { testServiceAdapters } from './testing/service-adapters';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const fakeOpenRouter: typeof fetch = async (input) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const body = url.pathname.endsWith('/providers')
    ? { data: [{ name: 'Anthropic', slug: 'anthropic' }] }
    : { data: { label: 'test', usage: 0 } };
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
};

async function start(settings: Record<string, unknown>) {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-options-'));
  dirs.push(dataDir);
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ formatVersion: 1, settings }));
  const services = composeServices(testServiceAdapters({ dataDir, fetch: fakeOpenRouter }));
  await services.init();
  await services.vault.store({ key: makeKey(), source: 'typed', persistence: 'session' });
  return services;
}

const ctx = { windowId: 1, emit: () => undefined };

describe('request option handlers', () => {
  it('getSettings lists stored problems; an unknown slug is one once the provider list is known', async () => {
    const services = await start({ providerDefaults: { order: ['anthropic', 'acme'] }, temperature: 'hot' });
    const before = await services.handlers.getSettings(undefined, ctx);
    expect(before.providerDefaults).toEqual({ order: ['anthropic', 'acme'] });
    expect(before.problems.map((p) => p.field)).toEqual(['temperature']);
    expect((await services.handlers.listProviders(undefined, ctx)).providers).toEqual([
      { slug: 'anthropic', name: 'Anthropic' },
    ]);
    const after = await services.handlers.getSettings(undefined, ctx);
    expect(after.problems).toContainEqual(
      expect.objectContaining({
        field: 'providerDefaults',
        message: 'Providers: “acme” is not a provider OpenRouter knows. Fix it in Settings → Providers.',
      }),
    );
    // Setting the field again clears the stored problem (temperature) it is about.
    const updated = await services.handlers.updateSettings({ temperature: 0.5 }, ctx);
    expect(updated.problems.map((p) => p.field)).toEqual(['providerDefaults']);
    await services.shutdown();
  });

  it('conversation options: defaults for a new conversation, then what was set', async () => {
    const services = await start({});
    const c = await services.handlers.createConversation({ model: 'openai/gpt-4o' }, ctx);
    expect(await services.handlers.getConversationOptions({ conversationId: c.id }, ctx)).toEqual({
      reasoning: null,
      provider: null,
      fallbackModels: null,
      webSearchAlways: false,
      problems: [],
    });
    const set = await services.handlers.setConversationOptions(
      { conversationId: c.id, options: { provider: { sort: 'price' } } },
      ctx,
    );
    expect(set.provider).toEqual({ sort: 'price' });
    expect((await services.handlers.getConversationOptions({ conversationId: c.id }, ctx)).provider).toEqual({
      sort: 'price',
    });
    await services.shutdown();
  });
});
