import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../../common/conversation-types';
import { createManualClock, makeTempDir, openStore, sequentialIds } from '../testing/test-support';
import type { HistoryStore } from '../types';

/**
 * A conversation is a tree (issue 18): regenerate adds a sibling reply, edit a sibling user message,
 * compare 2–4 sibling replies; nothing is deleted. The window and requests see the visible path.
 */

let dir: string;
let cleanup: () => Promise<void>;
let stores: HistoryStore[];

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  stores = [];
});
afterEach(async () => {
  for (const s of stores) await s.close();
  await cleanup();
});

async function open(extra: Parameters<typeof openStore>[1] = {}) {
  const opened = await openStore(dir, { buildSearchIndex: false, idFactory: sequentialIds('m'), ...extra });
  stores.push(opened.store);
  return opened;
}

/** The visible path as `id` or `id index/count` for messages with siblings. */
const shown = (messages: readonly Message[]) =>
  messages.map((m) => (m.branch ? `${m.id} ${m.branch.index + 1}/${m.branch.count}` : m.id));

async function reply(store: HistoryStore, id: string, content: string, opts: { parentId?: string } = {}) {
  const r = await store.beginReply(id, { model: 'test/model', ...opts });
  return store.finishReply(id, r.id, { status: 'complete', content });
}

/** u1 → a1 → u2 → a2, ids m0002… (m0001 is the conversation). */
async function fourMessages(store: HistoryStore) {
  const c = await store.create({ model: null });
  const u1 = await store.appendUserMessage(c.id, 'first question');
  const a1 = await reply(store, c.id, 'first answer');
  const u2 = await store.appendUserMessage(c.id, 'second question');
  const a2 = await reply(store, c.id, 'second answer');
  return { c, u1, a1, u2, a2 };
}

describe('a conversation as a tree', () => {
  it('links each new message to the active leaf', async () => {
    const { store } = await open();
    const { c, u1, a1, u2, a2 } = await fourMessages(store);
    expect([u1, a1, u2, a2].map((m) => m.parentId)).toEqual([null, u1.id, a1.id, u2.id]);
    const all = await store.allMessages(c.id);
    expect(shown(all)).toEqual([u1.id, a1.id, u2.id, a2.id]);
    expect(all.map((m) => m.parentId)).toEqual([null, u1.id, a1.id, u2.id]);
    expect(await store.tree(c.id)).toMatchObject({ activeLeafId: a2.id });
  });

  it('regenerate: a sibling reply becomes the version shown; the old one and what followed it are kept', async () => {
    const { store } = await open();
    const { c, u1, a1, u2, a2 } = await fourMessages(store);
    const again = await reply(store, c.id, 'first answer, again', { parentId: u1.id });
    expect(again.parentId).toBe(u1.id);
    expect(shown(await store.allMessages(c.id))).toEqual([u1.id, `${again.id} 2/2`]);
    expect((await store.transcript(c.id)).map((m) => m.content)).toEqual([
      'first question',
      'first answer, again',
    ]);
    expect(store.get(c.id)?.messageCount).toBe(2);
    // Nothing was deleted.
    expect((await store.tree(c.id)).messages.map((m) => m.id)).toEqual([
      u1.id,
      a1.id,
      u2.id,
      a2.id,
      again.id,
    ]);
    // "Previous version" shows that version and what followed it.
    expect(await store.switchBranch(c.id, a1.id)).toEqual({ leafId: a2.id });
    expect(shown(await store.allMessages(c.id))).toEqual([u1.id, `${a1.id} 1/2`, u2.id, a2.id]);
    expect(store.get(c.id)?.messageCount).toBe(4);
    const [, sibling] = await store.allMessages(c.id);
    expect(sibling?.branch?.siblingIds).toEqual([a1.id, again.id]);
  });

  it('edit: a sibling user message (also of the first one, parent null) with its own continuation', async () => {
    const { store } = await open();
    const { c, u1, a1, u2 } = await fourMessages(store);
    const edited = await store.appendUserMessage(c.id, 'second question, edited', [], { parentId: a1.id });
    const answer = await reply(store, c.id, 'answer to the edit');
    expect(answer.parentId).toBe(edited.id);
    expect(shown(await store.allMessages(c.id))).toEqual([u1.id, a1.id, `${edited.id} 2/2`, answer.id]);
    await store.switchBranch(c.id, u2.id);
    expect(shown(await store.allMessages(c.id))).toEqual([u1.id, a1.id, `${u2.id} 1/2`, expect.any(String)]);
    const newFirst = await store.appendUserMessage(c.id, 'a different start', [], { parentId: null });
    expect(shown(await store.allMessages(c.id))).toEqual([`${newFirst.id} 2/2`]);
    await store.switchBranch(c.id, u1.id);
    expect(shown(await store.allMessages(c.id))[0]).toBe(`${u1.id} 1/2`);
  });

  it('compare: replies started under one message, only the first activated', async () => {
    const { store } = await open();
    const c = await store.create({ model: null });
    const u1 = await store.appendUserMessage(c.id, 'compare this');
    const columns = [
      await store.beginReply(c.id, { model: 'a/one', parentId: u1.id }),
      await store.beginReply(c.id, { model: 'b/two', parentId: u1.id, activate: false }),
      await store.beginReply(c.id, { model: 'c/three', parentId: u1.id, activate: false }),
    ];
    expect(columns.map((m) => m.parentId)).toEqual([u1.id, u1.id, u1.id]);
    expect(shown(await store.allMessages(c.id))).toEqual([u1.id, `${columns[0]?.id} 1/3`]);
    // Each column finishes on its own, visible or not; the conversation's model is the shown one's.
    for (const [i, column] of columns.entries())
      await store.finishReply(c.id, column.id, {
        status: 'complete',
        content: `column ${i}`,
        model: `${column.model}-x`,
      });
    expect(store.get(c.id)?.model).toBe('a/one-x');
    expect(
      await store.updateReplyUsage(c.id, columns[2]?.id ?? '', {
        usage: { promptTokens: 1, completionTokens: 2, cost: 0.5 },
        provider: 'P',
      }),
    ).toMatchObject({ provider: 'P', content: 'column 2' });
    await store.switchBranch(c.id, columns[1]?.id ?? '');
    expect((await store.transcript(c.id)).map((m) => m.content)).toEqual(['compare this', 'column 1']);
    const next = await store.appendUserMessage(c.id, 'go on with two');
    expect(next.parentId).toBe(columns[1]?.id);
  });

  it('each checkpoint write of one streaming sibling carries the newest text of the others', async () => {
    const clock = createManualClock();
    let aWritten: (() => void) | null = null;
    const { store } = await open({
      now: clock.now,
      scheduler: clock.scheduler,
      checkpointIntervalMs: 400,
      onReplyPersisted: (e) => {
        if (e.messageId === a.id && e.contentLength === 'alpha 1 2'.length) aWritten?.();
      },
    });
    const c = await store.create({ model: null });
    const u1 = await store.appendUserMessage(c.id, 'compare this');
    const a = await store.beginReply(c.id, { model: 'a/one', parentId: u1.id });
    const b = await store.beginReply(c.id, { model: 'b/two', parentId: u1.id, activate: false });
    clock.advance(400);
    store.checkpointReply(c.id, a.id, { content: 'alpha 1', reasoning: '' });
    await store.flush();
    clock.advance(200);
    store.checkpointReply(c.id, b.id, { content: 'beta 1', reasoning: 'thinking' });
    await store.flush();
    clock.advance(200);
    // a is due now (its last write was 400 ms ago), b only in 200 ms: a's write must carry b's text.
    const written = new Promise<void>((resolve) => {
      aWritten = resolve;
    });
    store.checkpointReply(c.id, b.id, { content: 'beta 1 2', reasoning: 'thinking more' });
    store.checkpointReply(c.id, a.id, { content: 'alpha 1 2', reasoning: '' });
    clock.advance(0);
    await written;
    const file = JSON.parse(await fs.readFile(join(dir, 'conversations', `${c.id}.json`), 'utf8')) as {
      messages: Array<{ id: string; content: string; reasoning: string; status: string }>;
    };
    expect(file.messages.slice(1).map((m) => [m.id, m.content, m.reasoning, m.status])).toEqual([
      [a.id, 'alpha 1 2', '', 'streaming'],
      [b.id, 'beta 1 2', 'thinking more', 'streaming'],
    ]);
    await store.finishReply(c.id, b.id, { status: 'cancelled' });
    await store.finishReply(c.id, a.id, { status: 'complete' });
    expect((await store.tree(c.id)).messages.slice(1).map((m) => [m.content, m.status])).toEqual([
      ['alpha 1 2', 'complete'],
      ['beta 1 2', 'cancelled'],
    ]);
  });

  it('the branch shown survives a restart; paging walks the visible path', async () => {
    const first = await open();
    const { c, u1, a1, u2, a2 } = await fourMessages(first.store);
    const again = await reply(first.store, c.id, 'again', { parentId: u1.id });
    await first.store.switchBranch(c.id, a1.id);
    await first.store.close();
    const { store } = await open();
    expect(store.get(c.id)?.messageCount).toBe(4);
    const newest = await store.messages(c.id, { limit: 2 });
    expect(shown(newest.messages)).toEqual([u2.id, a2.id]);
    expect(newest.hasMore).toBe(true);
    const older = await store.messages(c.id, { limit: 2, before: u2.id });
    expect(shown(older.messages)).toEqual([u1.id, `${a1.id} 1/2`]);
    expect(older.hasMore).toBe(false);
    // A page before a message not on the path shown (the window still shows another branch).
    await expect(store.messages(c.id, { limit: 2, before: again.id })).rejects.toThrow('no longer exists');
  });

  it('refuses a parent or a branch that does not exist, writing nothing', async () => {
    const { store } = await open();
    const { c } = await fourMessages(store);
    const before = await fs.readFile(join(dir, 'conversations', `${c.id}.json`), 'utf8');
    await expect(store.appendUserMessage(c.id, 'x', [], { parentId: 'nope' })).rejects.toThrow(
      'no longer exists',
    );
    await expect(store.beginReply(c.id, { model: 'm', parentId: 'nope' })).rejects.toThrow(
      'no longer exists',
    );
    await expect(store.switchBranch(c.id, 'nope')).rejects.toThrow('no longer exists');
    expect(await fs.readFile(join(dir, 'conversations', `${c.id}.json`), 'utf8')).toBe(before);
  });

  it('finds text that is only in a branch not shown; the hit names its message', async () => {
    const { store } = await open({ buildSearchIndex: true });
    await store.whenSearchReady();
    const { c, u1, a1 } = await fourMessages(store);
    await store.finishReply(c.id, a1.id, { status: 'complete', content: 'the marmoset answer' });
    await reply(store, c.id, 'another answer', { parentId: u1.id });
    expect((await store.allMessages(c.id)).some((m) => m.content.includes('marmoset'))).toBe(false);
    expect((await store.search('marmoset')).hits).toEqual([
      expect.objectContaining({ conversationId: c.id, messageId: a1.id }),
    ]);
    // And after a restart, from the background build.
    await store.close();
    stores = [];
    const { store: reopened } = await open({ buildSearchIndex: true });
    await reopened.whenSearchReady();
    expect((await reopened.search('marmoset')).hits.map((h) => h.messageId)).toEqual([a1.id]);
  });
});
