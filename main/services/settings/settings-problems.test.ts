import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEB_SEARCH } from '../../../common/request-options';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createSettingsStore } from './settings-store';

/** Bad values in a stored settings file (issue 15): described in `problems`, never used. */

async function storeWith(settings: Record<string, unknown>) {
  const dir = await mkdtemp(join(tmpdir(), 'sb-settings-problems-'));
  await writeFile(join(dir, 'settings.json'), JSON.stringify({ formatVersion: 1, settings }));
  const log = createMemoryLogger();
  const store = createSettingsStore({ dir, log });
  await store.init();
  return { store, log };
}

describe('stored settings problems', () => {
  it('an invalid provider slug: the message names it and where to fix it; no provider routing is used', async () => {
    const { store } = await storeWith({ theme: 'dark', providerDefaults: { only: ['Anthropic '] } });
    expect(store.get().providerDefaults).toBeNull();
    expect(store.get().theme).toBe('dark');
    expect(store.problems()).toEqual([
      expect.objectContaining({
        field: 'providerDefaults',
        message:
          'Providers: “Anthropic ” is not a provider slug (such as “anthropic”). Fix it in Settings → Providers.',
      }),
    ]);
  });

  it('a negative max price and an empty list are each named', async () => {
    const { store } = await storeWith({
      providerDefaults: { ignore: [], maxPrice: { promptPerMTok: -1 } },
    });
    expect(store.get().providerDefaults).toBeNull();
    expect(store.problems().map((p) => p.message)).toEqual([
      'Providers: the “ignore” list is empty; name at least one provider or remove it. Fix it in Settings → Providers.',
      'Providers: a maximum price cannot be negative (prompt: -1 USD per million tokens). Fix it in Settings → Providers.',
    ]);
  });

  it('effort and budget both set for a model: that model’s choice is dropped, the others kept', async () => {
    const { store } = await storeWith({
      reasoningByModel: {
        'openai/o3': { kind: 'effort', effort: 'high' },
        'anthropic/claude-sonnet-4': { kind: 'effort', effort: 'high', maxTokens: 2000 },
      },
    });
    expect(store.get().reasoningByModel).toEqual({ 'openai/o3': { kind: 'effort', effort: 'high' } });
    expect(store.problems()).toEqual([
      expect.objectContaining({
        field: 'reasoningByModel',
        message:
          'Reasoning for “anthropic/claude-sonnet-4”: both an effort and a token budget are set, and OpenRouter accepts only one. Choose one. Fix it in Settings → Reasoning.',
      }),
    ]);
  });

  it('an unknown web-search engine falls back to the default search settings', async () => {
    const { store } = await storeWith({ webSearch: { engine: 'bing', maxResults: 5 } });
    expect(store.get().webSearch).toEqual(DEFAULT_WEB_SEARCH);
    expect(store.problems()[0]?.message).toMatch(/^Web search: “bing” is not a search engine \(auto, native/);
  });

  it('older fields get a plain sentence; a file from before issue 15 (no new fields) has no problems', async () => {
    const { store } = await storeWith({ temperature: 'hot' });
    expect(store.problems()).toEqual([
      expect.objectContaining({
        field: 'temperature',
        message: 'Temperature: the saved value is not valid, so the default is used. Fix it in Settings.',
      }),
    ]);
    const { store: older } = await storeWith({ theme: 'light', systemPrompt: 'Be brief.' });
    expect(older.problems()).toEqual([]);
  });

  it('setting the field again clears its problem; other problems stay', async () => {
    const { store, log } = await storeWith({
      providerDefaults: { only: ['Anthropic '] },
      temperature: 'hot',
    });
    expect(log.lines.join('\n')).toContain('temperature, providerDefaults');
    await store.update({ providerDefaults: { only: ['anthropic'] } });
    expect(store.problems().map((p) => p.field)).toEqual(['temperature']);
  });
});
