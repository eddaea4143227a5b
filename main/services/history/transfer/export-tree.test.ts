import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, openStore, sequentialIds } from '../testing/test-support';
import type { HistoryStore } from '../types';

/**
 * Exports of a conversation that is a tree (issue 18): JSON (version 3) keeps every branch, each
 * message's `parentId` and the leaf shown, and imports back to the same tree; Markdown writes what is
 * shown. Older exports import as single branches; a damaged tree is imported repaired, and said so.
 */

let dirs: Array<() => Promise<void>> = [];
let stores: HistoryStore[] = [];

async function fresh(prefix: string) {
  const { dir, cleanup } = await makeTempDir();
  dirs.push(cleanup);
  const { store } = await openStore(dir, { idFactory: sequentialIds(prefix), buildSearchIndex: false });
  stores.push(store);
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

async function branchy(store: HistoryStore) {
  const c = await store.create({ model: null, title: 'Branches' });
  const u1 = await store.appendUserMessage(c.id, 'Name a bird.');
  const first = await store.beginReply(c.id, { model: 'm/one' });
  await store.finishReply(c.id, first.id, { status: 'complete', content: 'A heron.' });
  const u2 = await store.appendUserMessage(c.id, 'Where does it live?');
  const a2 = await store.beginReply(c.id, { model: 'm/one' });
  await store.finishReply(c.id, a2.id, { status: 'complete', content: 'By rivers.' });
  const second = await store.beginReply(c.id, { model: 'm/two', parentId: u1.id });
  await store.finishReply(c.id, second.id, { status: 'complete', content: 'A kingfisher.' });
  // Shown: the first reply and what followed it.
  await store.switchBranch(c.id, first.id);
  return { c, u1, first, u2, a2, second };
}

describe('exporting a tree', () => {
  it('JSON keeps every branch and the leaf shown; the import is the same tree, showing the same path', async () => {
    const source = await fresh('a');
    const { c, a2, second } = await branchy(source);
    const json = await source.exportConversation(c.id, 'json');
    const doc = JSON.parse(json);
    expect(doc.version).toBe(3);
    expect(doc.conversations[0].activeLeafId).toBe(a2.id);
    expect(doc.conversations[0].messages).toHaveLength(5);
    for (const m of doc.conversations[0].messages) expect(m).toHaveProperty('parentId');
    expect(doc.conversations[0].messages.find((m: { id: string }) => m.id === second.id)).toMatchObject({
      content: 'A kingfisher.',
    });

    const target = await fresh('b');
    expect(await target.importJson(json)).toMatchObject({ imported: 1, errors: [] });
    expect(await target.tree(c.id)).toEqual(await source.tree(c.id));
    expect(await target.allMessages(c.id)).toEqual(await source.allMessages(c.id));
    expect(target.get(c.id)?.messageCount).toBe(4);
    // Exported again: the same text; imported again: a duplicate.
    const again = await target.exportConversation(c.id, 'json');
    const stamp = (text: string) => text.replace(/"exportedAt": "[^"]+"/, '');
    expect(stamp(again)).toBe(stamp(json));
    expect(await target.importJson(json)).toMatchObject({ imported: 0, duplicates: 1 });
  });

  it('Markdown writes the path shown, not the other versions', async () => {
    const store = await fresh('a');
    const { c } = await branchy(store);
    const markdown = await store.exportConversation(c.id, 'markdown');
    expect(markdown).toContain('A heron.');
    expect(markdown).toContain('By rivers.');
    expect(markdown).not.toContain('A kingfisher.');
  });

  it('imports a version 2 export as a single branch', async () => {
    const source = await fresh('a');
    const c = await source.create({ model: null, title: 'Old' });
    const u1 = await source.appendUserMessage(c.id, 'one');
    const a1 = await source.beginReply(c.id, { model: 'm' });
    await source.finishReply(c.id, a1.id, { status: 'complete', content: 'two' });
    const doc = JSON.parse(await source.exportConversation(c.id, 'json'));
    // What a version 2 build wrote: no parentId, no activeLeafId.
    doc.version = 2;
    delete doc.conversations[0].activeLeafId;
    for (const m of doc.conversations[0].messages) delete m.parentId;
    const target = await fresh('b');
    expect(await target.importJson(JSON.stringify(doc))).toMatchObject({ imported: 1, errors: [] });
    expect(await target.tree(c.id)).toEqual({
      messages: [
        expect.objectContaining({ id: u1.id, parentId: null }),
        expect.objectContaining({ id: a1.id, parentId: u1.id }),
      ],
      activeLeafId: a1.id,
    });
  });

  it('imports a damaged tree repaired, with every message, and says what was repaired', async () => {
    const source = await fresh('a');
    const { c, first, u2 } = await branchy(source);
    const doc = JSON.parse(await source.exportConversation(c.id, 'json'));
    const messages = doc.conversations[0].messages as Array<{ id: string; parentId: string | null }>;
    // A cycle (first → u2 → first) and a leaf naming nothing.
    const firstMessage = messages.find((m) => m.id === first.id);
    if (firstMessage) firstMessage.parentId = u2.id;
    doc.conversations[0].activeLeafId = 'nothing';
    const target = await fresh('b');
    const result = await target.importJson(JSON.stringify(doc));
    expect(result).toMatchObject({ imported: 1, rejected: 0 });
    expect(result.errors).toEqual([
      expect.stringMatching(
        /^Conversation 1 "Branches" was imported repaired: .*came after it \(a loop\).*"nothing"/,
      ),
    ]);
    const tree = await target.tree(c.id);
    expect(tree.messages).toHaveLength(5);
    expect(tree.activeLeafId).toBe(messages.at(-1)?.id);
  });
});
