import { promises as fs } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AnyConversationFile, serializeConversationFile } from '../store/conversation-file';
import { layoutFor } from '../store/layout';
import { makeTempDir, openStore, sequentialIds } from '../testing/test-support';
import type { HistoryStore } from '../types';

/**
 * The saved search index (issue 19) through the store: a start loads it and re-reads only what changed
 * since; anything that left the list is never found; a damaged file is rebuilt, never trusted.
 * "A stale session" runs the store with search off, so the saved index is not told of its changes —
 * as after a crash, or a version of the app without it.
 */
let dir: string;
let cleanup: () => Promise<void>;
let store: HistoryStore;
let log: { lines: string[] };
let ids: () => string;

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  ids = sequentialIds();
  ({ store, log } = await openStore(dir, { idFactory: ids }));
});
afterEach(async () => {
  await store.close();
  await cleanup();
});

const layout = () => layoutFor(dir);
const found = async (query: string) =>
  (await store.search(query)).hits.map((h) => `${h.conversationId}/${h.messageId}`);

async function reopen(extra: Parameters<typeof openStore>[1] = {}): Promise<void> {
  await store.close();
  ({ store, log } = await openStore(dir, { idFactory: ids, ...extra }));
  await store.whenSearchReady();
}

/** Runs `change` on a store whose search is off: the saved index does not hear of it. */
async function staleSession(change: (s: HistoryStore) => Promise<void>): Promise<void> {
  await store.close();
  const stale = (await openStore(dir, { idFactory: ids, buildSearchIndex: false })).store;
  await change(stale);
  await stale.close();
  ({ store, log } = await openStore(dir, { idFactory: ids }));
  await store.whenSearchReady();
}

const loadedLine = () => log.lines.find((l) => l.includes('search index loaded')) ?? '';

async function twoConversations() {
  const a = await store.create({ model: null, title: 'Arctic' });
  const a1 = await store.appendUserMessage(a.id, 'the walrus sleeps on the ice');
  const b = await store.create({ model: null, title: 'Tropics' });
  const b1 = await store.appendUserMessage(b.id, 'the parrot talks all day');
  await store.whenSearchReady();
  return { a: a.id, a1: a1.id, b: b.id, b1: b1.id };
}

describe('the saved search index', () => {
  it('is read in plain work; only a full rebuild runs as bulk work (main lets its young generation grow for it)', async () => {
    const bulk: string[] = [];
    const bulkWork = async <T>(work: () => Promise<T>): Promise<T> => {
      bulk.push('start');
      const result = await work();
      bulk.push('end');
      return result;
    };
    await twoConversations();
    await reopen({ bulkWork });
    expect(loadedLine()).toContain('conversations=2');
    expect(bulk).toEqual([]);
    await store.close();
    await fs.rm(layout().searchIndex);
    ({ store, log } = await openStore(dir, { idFactory: ids, bulkWork }));
    await store.whenSearchReady();
    expect(bulk).toEqual(['start', 'end']);
    expect(await found('walrus')).toHaveLength(1);
  });

  it('is loaded at the next start, without reading the conversations, and answers the same', async () => {
    const { a, a1, b, b1 } = await twoConversations();
    const before = await store.search('the');
    await reopen();
    expect(loadedLine()).toContain('conversations=2');
    expect(loadedLine()).toContain('outdated=0');
    expect(await store.search('the')).toEqual(before);
    expect(await found('walrus')).toEqual([`${a}/${a1}`]);
    expect(await found('parrot')).toEqual([`${b}/${b1}`]);
    expect(store.searchStatus()).toMatchObject({
      complete: true,
      indexedConversations: 2,
      indexedMessages: 2,
    });
  });

  it('is written owner-only (0600) in the history folder, at close', async () => {
    await twoConversations();
    await store.close();
    const stat = await fs.stat(layout().searchIndex);
    if (process.platform !== 'win32') expect(stat.mode & 0o777).toBe(0o600);
    ({ store } = await openStore(dir));
  });

  it('re-reads a conversation edited since it was saved', async () => {
    const { a, a1 } = await twoConversations();
    let added = '';
    await staleSession(async (s) => {
      added = (await s.appendUserMessage(a, 'a narwhal joined')).id;
    });
    expect(loadedLine()).toContain('outdated=1');
    expect(await found('narwhal')).toEqual([`${a}/${added}`]);
    expect(await found('walrus')).toEqual([`${a}/${a1}`]);
  });

  it('indexes a conversation added since it was saved', async () => {
    await twoConversations();
    let added = { c: '', m: '' };
    await staleSession(async (s) => {
      const c = await s.create({ model: null });
      added = { c: c.id, m: (await s.appendUserMessage(c.id, 'penguins everywhere')).id };
    });
    expect(await found('penguins')).toEqual([`${added.c}/${added.m}`]);
  });

  it('never finds a conversation deleted since it was saved, nor after it is purged', async () => {
    const { a, b, b1 } = await twoConversations();
    await staleSession(async (s) => {
      await s.remove(a);
    });
    expect(await found('walrus')).toEqual([]);
    expect(await found('arctic')).toEqual([]);
    expect(await found('parrot')).toEqual([`${b}/${b1}`]);
    expect(store.searchStatus()).toMatchObject({ indexedConversations: 1, indexedMessages: 1 });
    // Purged from the trash at a later start (far in the future): still nowhere.
    await reopen({ now: () => new Date(Date.now() + 90 * 24 * 3600 * 1000) });
    expect(log.lines.some((l) => l.includes('purged'))).toBe(true);
    expect(await found('walrus')).toEqual([]);
  });

  it('never finds a conversation deleted and purged while the saved index was not running', async () => {
    const { a } = await twoConversations();
    await staleSession(async (s) => {
      await s.remove(a);
    });
    await store.close();
    // The first store saved nothing new (nothing changed for it): delete the file the index last
    // saw, and purge in a stale session.
    ({ store, log } = await openStore(dir, {
      buildSearchIndex: false,
      now: () => new Date(Date.now() + 90 * 864e5),
    }));
    await store.close();
    ({ store, log } = await openStore(dir));
    await store.whenSearchReady();
    expect(await found('walrus')).toEqual([]);
  });

  it('finds a conversation trashed and restored since it was saved, under the id it has now', async () => {
    const { a } = await twoConversations();
    let restored = '';
    await staleSession(async (s) => {
      const { undoToken } = await s.remove(a);
      restored = (await s.restore(undoToken)).id;
    });
    const hits = await store.search('walrus');
    expect(hits.hits.map((h) => h.conversationId)).toEqual([restored]);
    expect(store.searchStatus()).toMatchObject({ indexedConversations: 2, indexedMessages: 2 });
  });

  it('re-reads a file rewritten with the same size after a crash (its mtime moved)', async () => {
    const { a, a1 } = await twoConversations();
    await store.close();
    const path = layout().conversationFile(a);
    const text = await fs.readFile(path, 'utf8');
    const rewritten = text.replace('walrus', 'seacow');
    expect(rewritten.length).toBe(text.length);
    const before = await fs.stat(path);
    await fs.writeFile(path, rewritten);
    await fs.utimes(path, before.atime, new Date(before.mtimeMs + 5));
    await fs.writeFile(layout().session, '{}'); // the last run did not close: every file is checked
    ({ store, log } = await openStore(dir, { idFactory: ids }));
    await store.whenSearchReady();
    expect(await found('seacow')).toEqual([`${a}/${a1}`]);
    expect(await found('walrus')).toEqual([]);
  });

  it('re-reads a conversation whose reply was still streaming when it was saved', async () => {
    const c = await store.create({ model: null });
    await store.appendUserMessage(c.id, 'question');
    const reply = await store.beginReply(c.id, { model: 'm' });
    store.checkpointReply(c.id, reply.id, { content: 'partial zebra', reasoning: '' });
    await store.flush();
    await reopen();
    // Interrupted now (the stream did not survive the quit), and searchable.
    expect(await found('zebra')).toEqual([`${c.id}/${reply.id}`]);
  });

  it('follows changes after it is loaded, and saves them for the next start', async () => {
    const { a, b } = await twoConversations();
    await reopen();
    const m = await store.appendUserMessage(a, 'an orca appears');
    await store.rename(b, 'Rainforest');
    await store.remove(b);
    await reopen();
    expect(loadedLine()).toContain('outdated=0');
    expect(await found('orca')).toEqual([`${a}/${m.id}`]);
    expect(await found('parrot')).toEqual([]);
    expect(await found('rainforest')).toEqual([]);
  });

  it('is rebuilt from the conversations when damaged, answering from what is indexed meanwhile', async () => {
    await store.close();
    const files = layout();
    for (let i = 0; i < 300; i++) {
      const id = `c${String(i).padStart(4, '0')}`;
      const at = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
      const file: AnyConversationFile = {
        formatVersion: 1,
        conversation: { id, title: `Chat ${i}`, createdAt: at, updatedAt: at, model: null },
        messages: [
          {
            id: 'm1',
            role: 'user',
            content: `needle number ${i}`,
            reasoning: '',
            createdAt: at,
            model: null,
            status: 'complete',
            error: null,
            usage: null,
            finishReason: null,
            generationId: null,
          },
        ],
      };
      await fs.writeFile(files.conversationFile(id), serializeConversationFile(file));
    }
    ({ store } = await openStore(dir));
    await store.whenSearchReady();
    await store.close();
    const saved = await fs.readFile(files.searchIndex);
    for (const damage of ['flip', 'truncate'] as const) {
      const bytes = damage === 'flip' ? Buffer.from(saved) : saved.subarray(0, saved.length - 100);
      if (damage === 'flip') bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0x10;
      await fs.writeFile(files.searchIndex, bytes);
      ({ store, log } = await openStore(dir));
      const early = await store.search('needle');
      expect(early.complete).toBe(false);
      expect(early.total).toBeLessThan(300);
      await store.whenSearchReady();
      expect(loadedLine()).toBe('');
      expect(log.lines.some((l) => l.includes('building the search index from the conversations'))).toBe(
        true,
      );
      expect(await store.search('needle', { limit: 5 })).toMatchObject({ complete: true, total: 300 });
      await store.close();
      // Saved again, sound: the next start loads it.
      ({ store, log } = await openStore(dir));
      await store.whenSearchReady();
      expect(loadedLine()).toContain('conversations=300');
      await store.close();
    }
    ({ store } = await openStore(dir));
  });
});
