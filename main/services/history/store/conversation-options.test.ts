import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, openStore, sequentialIds } from '../testing/test-support';
import type { HistoryStore } from '../types';

/** A conversation's request options (issue 15) live in its file and travel with exports. */

let dirs: Array<() => Promise<void>> = [];
let stores: HistoryStore[] = [];

async function fresh(prefix: string) {
  const { dir, cleanup } = await makeTempDir();
  dirs.push(cleanup);
  const { store } = await openStore(dir, { idFactory: sequentialIds(prefix) });
  stores.push(store);
  return { store, dir };
}

beforeEach(() => {
  dirs = [];
  stores = [];
});
afterEach(async () => {
  for (const s of stores) await s.close();
  for (const c of dirs) await c();
});

const OPTIONS = {
  reasoning: { kind: 'effort', effort: 'high' },
  provider: { only: ['anthropic'], dataCollection: 'deny' },
  fallbackModels: ['openai/gpt-4o'],
  webSearchAlways: true,
};

describe('conversation options in history', () => {
  it('a conversation without options gives {} (the chat service then uses the defaults)', async () => {
    const { store } = await fresh('a');
    const c = await store.create({ model: null });
    expect(await store.options(c.id)).toEqual({});
  });

  it('are written to the conversation file and read back after a restart; a patch keeps the other fields', async () => {
    const { store, dir } = await fresh('a');
    const c = await store.create({ model: null });
    await store.updateOptions(c.id, { reasoning: OPTIONS.reasoning, provider: OPTIONS.provider });
    expect(await store.updateOptions(c.id, { webSearchAlways: true })).toEqual({
      reasoning: OPTIONS.reasoning,
      provider: OPTIONS.provider,
      webSearchAlways: true,
    });
    const file = JSON.parse(await fs.readFile(join(dir, 'conversations', `${c.id}.json`), 'utf8'));
    expect(file.options).toEqual({
      reasoning: OPTIONS.reasoning,
      provider: OPTIONS.provider,
      webSearchAlways: true,
    });
    expect(file.formatVersion).toBe(3);
    await store.close();
    const { store: reopened } = await openStore(dir);
    stores.push(reopened);
    expect((await reopened.options(c.id)).provider).toEqual(OPTIONS.provider);
  });

  it('keeps a bad stored value as it is (reported where it is read), without quarantining the conversation', async () => {
    const { store, dir } = await fresh('a');
    const c = await store.create({ model: null });
    await store.appendUserMessage(c.id, 'hello');
    await store.close();
    const path = join(dir, 'conversations', `${c.id}.json`);
    const file = JSON.parse(await fs.readFile(path, 'utf8'));
    file.options = { provider: { only: ['Anthropic '] }, fallbackModels: [] };
    await fs.writeFile(path, JSON.stringify(file));
    const { store: reopened, quarantined } = await openStore(dir);
    stores.push(reopened);
    expect(quarantined).toEqual([]);
    expect(await reopened.options(c.id)).toEqual(file.options);
    expect((await reopened.messages(c.id, { limit: 10 })).messages).toHaveLength(1);
  });

  it('go with a JSON export and come back with its import', async () => {
    const { store: source } = await fresh('a');
    const c = await source.create({ model: 'openai/gpt-4o' });
    await source.appendUserMessage(c.id, 'hello');
    await source.updateOptions(c.id, OPTIONS);
    const exported = await source.exportConversation(c.id, 'json');
    expect(JSON.parse(exported).conversations[0].options).toEqual(OPTIONS);

    const { store: target } = await fresh('b');
    expect(await target.importJson(exported)).toMatchObject({ imported: 1, rejected: 0 });
    expect(await target.options(c.id)).toEqual(OPTIONS);
    const stamp = (t: string) => t.replace(/"exportedAt": "[^"]+"/, '');
    expect(stamp(await target.exportConversation(c.id, 'json'))).toBe(stamp(exported));
  });

  it('an export of a conversation without options has no options field (as before)', async () => {
    const { store } = await fresh('a');
    const c = await store.create({ model: null });
    await store.appendUserMessage(c.id, 'hello');
    expect(JSON.parse(await store.exportConversation(c.id, 'json')).conversations[0]).not.toHaveProperty(
      'options',
    );
  });
});
