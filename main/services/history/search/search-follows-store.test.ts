import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, openStore, sequentialIds } from '../testing/test-support';
import type { HistoryStore } from '../types';

/**
 * Search follows the store's change events, not calls placed by hand in each write path. This test
 * holds every public method of the store to that: each write must leave search current (new text
 * found, removed text no longer found), and a method added to the store fails the first test until it
 * is listed here as a read or as a write with its check.
 */

let dirs: Array<() => Promise<void>> = [];
let stores: HistoryStore[] = [];

async function fresh(prefix: string): Promise<HistoryStore> {
  const { dir, cleanup } = await makeTempDir();
  dirs.push(cleanup);
  const { store } = await openStore(dir, { idFactory: sequentialIds(prefix) });
  stores.push(store);
  // Later changes are then what search has to follow (the start-up build has nothing left to read).
  await store.whenSearchReady();
  return store;
}

beforeEach(() => {
  dirs = [];
  stores = [];
});
afterEach(async () => {
  for (const s of stores) await s.close();
  for (const c of dirs) await c();
});

const found = async (store: HistoryStore, query: string) => {
  const result = await store.search(query);
  // A stale index still counts a message whose file is gone, though no snippet can be shown for it.
  expect(result.total).toBe(result.hits.length);
  return result.hits.map((h) => h.messageId);
};

type WriteCheck = (store: HistoryStore) => Promise<void>;

/** Every method of the store: 'read' (changes nothing search shows) or a write with its check. */
const methods: { [K in keyof HistoryStore]: 'read' | WriteCheck } = {
  init: 'read',
  list: 'read',
  get: 'read',
  messages: 'read',
  allMessages: 'read',
  transcript: 'read',
  tree: 'read',
  search: 'read',
  searchStatus: 'read',
  whenSearchReady: 'read',
  exportConversation: 'read',
  exportAll: 'read',
  quarantined: 'read',
  replyImage: 'read',
  attachmentBytes: 'read',
  attachment: 'read',
  // Request options are not searchable text (conversation-options-changed is followed as a no-op).
  options: 'read',
  updateOptions: 'read',
  // Usage and provider are not searchable text (it re-emits message-replaced all the same).
  updateReplyUsage: 'read',
  flush: 'read',
  close: 'read',

  async create(store) {
    // Indexed from its creation: its title words find the messages added later.
    const c = await store.create({ model: null, title: 'Xylophone lessons' });
    const m = await store.appendUserMessage(c.id, 'first practice notes');
    expect(await found(store, 'xylophone')).toEqual([m.id]);
  },

  async rename(store) {
    const c = await store.create({ model: null, title: 'Untitled thing' });
    const m = await store.appendUserMessage(c.id, 'body text');
    await store.rename(c.id, 'Quarterly taxes');
    expect(await found(store, 'quarterly')).toEqual([m.id]);
    expect(await found(store, 'untitled')).toEqual([]);
  },

  async remove(store) {
    const c = await store.create({ model: null });
    await store.appendUserMessage(c.id, 'walrus tusks');
    await store.remove(c.id);
    expect(await found(store, 'walrus')).toEqual([]);
  },

  async restore(store) {
    const c = await store.create({ model: null, title: 'Seals' });
    const m = await store.appendUserMessage(c.id, 'walrus tusks');
    const { undoToken } = await store.remove(c.id);
    const restored = await store.restore(undoToken);
    expect((await store.search('walrus seals')).hits).toEqual([
      expect.objectContaining({ conversationId: restored.id, messageId: m.id }),
    ]);
  },

  async appendUserMessage(store) {
    const c = await store.create({ model: null });
    const first = await store.appendUserMessage(c.id, 'Quokka habitat');
    expect(await found(store, 'habitat')).toEqual([first.id]);
    // The first message also named the conversation: its title words now match the later messages.
    const second = await store.appendUserMessage(c.id, 'another question');
    expect(await found(store, 'quokka another')).toEqual([second.id]);
  },

  async switchBranch(store) {
    // Every branch stays searchable: showing another one changes nothing search finds.
    const c = await store.create({ model: null });
    const question = await store.appendUserMessage(c.id, 'question');
    const first = await store.beginReply(c.id, { model: 'm' });
    await store.finishReply(c.id, first.id, { status: 'complete', content: 'tapir answer' });
    const second = await store.beginReply(c.id, { model: 'm', parentId: question.id });
    await store.finishReply(c.id, second.id, { status: 'complete', content: 'tapir again' });
    await store.switchBranch(c.id, first.id);
    expect((await found(store, 'tapir')).sort()).toEqual([first.id, second.id].sort());
  },

  async beginReply(store) {
    // A reply being streamed is not searchable; it becomes so once, when finished.
    const c = await store.create({ model: null });
    await store.appendUserMessage(c.id, 'question');
    const reply = await store.beginReply(c.id, { model: 'm' });
    expect((await store.search('question')).total).toBe(1);
    await store.finishReply(c.id, reply.id, { status: 'complete', content: 'pelican answer' });
    expect(await found(store, 'pelican')).toEqual([reply.id]);
  },

  async checkpointReply(store) {
    const c = await store.create({ model: null });
    await store.appendUserMessage(c.id, 'question');
    const reply = await store.beginReply(c.id, { model: 'm' });
    store.checkpointReply(c.id, reply.id, { content: 'partial ibis', reasoning: '' });
    await store.flush();
    expect(await found(store, 'ibis')).toEqual([]);
    // Finishing without repeating the text saves (and indexes) the checkpointed text.
    await store.finishReply(c.id, reply.id, { status: 'cancelled' });
    expect(await found(store, 'ibis')).toEqual([reply.id]);
  },

  async finishReply(store) {
    const c = await store.create({ model: null });
    await store.appendUserMessage(c.id, 'question');
    const reply = await store.beginReply(c.id, { model: 'm' });
    await store.finishReply(c.id, reply.id, { status: 'complete', content: 'final zebra answer' });
    expect(await found(store, 'zebra')).toEqual([reply.id]);
    // Finishing again (a retry with other text) replaces what was indexed.
    await store.finishReply(c.id, reply.id, { status: 'complete', content: 'final okapi answer' });
    expect(await found(store, 'zebra')).toEqual([]);
    expect(await found(store, 'okapi')).toEqual([reply.id]);
  },

  async importJson(store) {
    const source = await fresh('s');
    const c = await source.create({ model: null, title: 'Imported' });
    const m = await source.appendUserMessage(c.id, 'capybara facts');
    const result = await store.importJson(await source.exportAll('json'));
    expect(result.imported).toBe(1);
    expect((await store.search('capybara imported')).hits).toEqual([
      expect.objectContaining({ messageId: m.id }),
    ]);
  },
};

const writes = Object.entries(methods).filter(
  (entry): entry is [string, WriteCheck] => typeof entry[1] === 'function',
);

describe('search follows every write of the store', () => {
  it('knows every method of the store as a read or a write', async () => {
    const store = await fresh('k');
    expect(Object.keys(store).sort()).toEqual(Object.keys(methods).sort());
  });

  it.each(writes)('%s leaves search current', async (_name, check) => {
    await check(await fresh('c'));
  });
});
