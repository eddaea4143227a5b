import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../common/errors';
import { DEFAULT_TITLE } from './store/conversation-file';
import { layoutFor } from './store/layout';
import { createManualClock, makeTempDir, openStore, sequentialIds } from './testing/test-support';
import type { HistoryStore } from './types';

let dir: string;
let cleanup: () => Promise<void>;
const open: HistoryStore[] = [];

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  await cleanup();
});

async function start(extra: Parameters<typeof openStore>[1] = {}) {
  const opened = await openStore(dir, { idFactory: sequentialIds('c'), ...extra });
  open.push(opened.store);
  return opened;
}

async function reopen(previous: HistoryStore, extra: Parameters<typeof openStore>[1] = {}) {
  await previous.close();
  // Ids must not collide with the first store's.
  return start({ idFactory: sequentialIds('r'), ...extra });
}

describe('conversations', () => {
  it('creates, lists by last activity, renames and survives a restart', async () => {
    const clock = createManualClock();
    const { store } = await start({ now: clock.now, scheduler: clock.scheduler });
    const a = await store.create({ model: 'openai/gpt-4o' });
    clock.advance(1000);
    const b = await store.create({ model: null, title: '  Trip   planning ' });
    expect(a.title).toBe(DEFAULT_TITLE);
    expect(b.title).toBe('Trip planning');
    expect(store.list({ limit: 10 }).items.map((s) => s.id)).toEqual([b.id, a.id]);

    clock.advance(1000);
    await store.appendUserMessage(a.id, 'hello there');
    expect(store.list({ limit: 10 }).items.map((s) => s.id)).toEqual([a.id, b.id]);
    expect(store.list({ offset: 1, limit: 1 })).toEqual({ items: [store.get(b.id)], total: 2 });

    const renamed = await store.rename(b.id, 'Alps in September');
    expect(renamed.title).toBe('Alps in September');
    // Renaming is not activity: the order stays.
    expect(store.list({ limit: 10 }).items[0]?.id).toBe(a.id);

    const { store: again } = await reopen(store);
    expect(again.list({ limit: 10 }).items).toEqual([
      expect.objectContaining({ id: a.id, title: 'hello there', messageCount: 1 }),
      expect.objectContaining({ id: b.id, title: 'Alps in September', messageCount: 0 }),
    ]);
  });

  it('rejects an empty title and unknown conversations with a typed error', async () => {
    const { store } = await start();
    const c = await store.create({ model: null });
    await expect(store.rename(c.id, '   ')).rejects.toThrow('A title cannot be empty.');
    await expect(store.messages('nope', { limit: 5 })).rejects.toBeInstanceOf(AppFailure);
    await expect(store.messages('nope', { limit: 5 })).rejects.toMatchObject({
      error: { code: 'validation', message: expect.stringContaining('no longer exists') },
    });
    await expect(store.remove('nope')).rejects.toThrow('no longer exists');
    expect(store.get('nope')).toBeNull();
  });

  it('refuses calls before init and after close', async () => {
    const { store } = await start();
    await store.close();
    expect(() => store.list({ limit: 1 })).toThrow('already closed');
  });

  it('pages messages backwards, newest page last', async () => {
    const { store } = await start();
    const c = await store.create({ model: null });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await store.appendUserMessage(c.id, `message ${i}`)).id);
    const last = await store.messages(c.id, { limit: 3 });
    expect(last.messages.map((m) => m.content)).toEqual(['message 4', 'message 5', 'message 6']);
    expect(last.hasMore).toBe(true);
    const before = await store.messages(c.id, { before: ids[4], limit: 3 });
    expect(before.messages.map((m) => m.content)).toEqual(['message 1', 'message 2', 'message 3']);
    const first = await store.messages(c.id, { before: ids[1], limit: 3 });
    expect(first).toMatchObject({ messages: [{ content: 'message 0' }], hasMore: false });
    await expect(store.messages(c.id, { before: 'missing', limit: 3 })).rejects.toThrow('no longer exists');
    expect((await store.allMessages(c.id)).length).toBe(7);
  });

  it('returns copies: changing a returned message does not change the history', async () => {
    const { store } = await start();
    const c = await store.create({ model: null });
    const m = await store.appendUserMessage(c.id, 'original');
    m.content = 'changed';
    const [first] = await store.allMessages(c.id);
    expect(first?.content).toBe('original');
  });

  it('gives a transcript (id, role, text) that cannot change the history either', async () => {
    const { store } = await start();
    const c = await store.create({ model: null });
    const q = await store.appendUserMessage(c.id, 'question');
    const r = await store.beginReply(c.id, { model: 'm/x' });
    const transcript = await store.transcript(c.id);
    expect(transcript).toEqual([
      { id: q.id, role: 'user', content: 'question' },
      { id: r.id, role: 'assistant', content: '' },
    ]);
    (transcript[0] as { content: string }).content = 'changed';
    expect((await store.allMessages(c.id))[0]?.content).toBe('question');
  });

  it('titles a new conversation from its first message only while the title is the default', async () => {
    const { store } = await start();
    const c = await store.create({ model: null });
    await store.appendUserMessage(
      c.id,
      '\n\n  # Why does my sourdough starter smell like nail polish remover after feeding?\nmore',
    );
    expect(store.get(c.id)?.title).toBe('Why does my sourdough starter smell like nail polish…');
    await store.appendUserMessage(c.id, 'second message');
    expect(store.get(c.id)?.title).toBe('Why does my sourdough starter smell like nail polish…');
    const named = await store.create({ model: null, title: 'Mine' });
    await store.appendUserMessage(named.id, 'hello');
    expect(store.get(named.id)?.title).toBe('Mine');
  });

  it('rejects a message longer than any request could carry', async () => {
    const { store } = await start();
    const c = await store.create({ model: null });
    await expect(store.appendUserMessage(c.id, 'x'.repeat(2_000_001))).rejects.toThrow('too long');
  });
});

describe('delete with undo', () => {
  it('moves the file to the trash and restores it', async () => {
    const { store } = await start();
    const c = await store.create({ model: null, title: 'Keep me' });
    await store.appendUserMessage(c.id, 'precious words');
    const { undoToken } = await store.remove(c.id);
    expect(store.get(c.id)).toBeNull();
    expect(store.list({ limit: 10 }).total).toBe(0);
    const layout = layoutFor(dir);
    await expect(fs.access(layout.conversationFile(c.id))).rejects.toThrow();
    expect(await fs.readdir(layout.trash)).toEqual([`${undoToken}.json`]);

    const restored = await store.restore(undoToken);
    expect(restored).toMatchObject({ id: c.id, title: 'Keep me', messageCount: 1 });
    expect((await store.allMessages(c.id))[0]?.content).toBe('precious words');
    expect(await fs.readdir(layout.trash)).toEqual([]);
    await expect(store.restore(undoToken)).rejects.toThrow('no longer in the trash');
    await expect(store.restore('../../etc/passwd')).rejects.toThrow('not valid');
  });

  it('restores under a new id when the old one was taken meanwhile', async () => {
    const { store } = await start();
    const c = await store.create({ model: null, title: 'Original' });
    const { undoToken } = await store.remove(c.id);
    const exported = JSON.parse(await fs.readFile(join(layoutFor(dir).trash, `${undoToken}.json`), 'utf8'));
    const importText = JSON.stringify({
      format: 'switchboard-export',
      version: 1,
      conversations: [{ conversation: { ...exported.conversation, title: 'Imported' }, messages: [] }],
    });
    await store.importJson(importText);
    const restored = await store.restore(undoToken);
    expect(restored.id).not.toBe(c.id);
    expect(
      store
        .list({ limit: 10 })
        .items.map((s) => s.title)
        .sort(),
    ).toEqual(['Imported', 'Original']);
  });

  it('purges trash entries older than 30 days when opening, and only those', async () => {
    const clock = createManualClock();
    const { store } = await start({ now: clock.now, scheduler: clock.scheduler });
    const old = await store.create({ model: null });
    const recent = await store.create({ model: null });
    await store.remove(old.id);
    clock.advance(20 * 24 * 3600 * 1000);
    const { undoToken } = await store.remove(recent.id);
    clock.advance(11 * 24 * 3600 * 1000);
    const { store: again, log } = await reopen(store, { now: clock.now, scheduler: clock.scheduler });
    expect(await fs.readdir(layoutFor(dir).trash)).toEqual([`${undoToken}.json`]);
    expect(log.lines.some((l) => l.includes('purged'))).toBe(true);
    await again.restore(undoToken);
  });
});

describe('index.json is only a cache', () => {
  async function seed() {
    const { store } = await start();
    const a = await store.create({ model: 'm1', title: 'Alpha' });
    const b = await store.create({ model: 'm2', title: 'Beta' });
    await store.appendUserMessage(b.id, 'hi');
    await store.close();
    return { a, b };
  }

  it('is rebuilt from the files when missing or corrupt', async () => {
    const { a, b } = await seed();
    const layout = layoutFor(dir);
    for (const damage of [
      () => fs.rm(layout.index),
      () => fs.writeFile(layout.index, '{"formatVersion": 1, "kind"'),
    ]) {
      await damage();
      const { store, quarantined } = await start({ idFactory: sequentialIds('x') });
      expect(quarantined).toEqual([]);
      expect(
        store
          .list({ limit: 10 })
          .items.map((s) => [s.id, s.title, s.messageCount])
          .sort(),
      ).toEqual([
        [a.id, 'Alpha', 0],
        [b.id, 'Beta', 1],
      ]);
      await store.close();
      open.pop();
      // Closing wrote a fresh index.
      expect(JSON.parse(await fs.readFile(layout.index, 'utf8')).conversations).toHaveLength(2);
    }
  });

  it('is checked against the files after a crash (session marker left behind)', async () => {
    const { b } = await seed();
    const layout = layoutFor(dir);
    // Simulate a crash after a conversation write but before the debounced index write.
    const file = JSON.parse(await fs.readFile(layout.conversationFile(b.id), 'utf8'));
    file.conversation.title = 'Beta (renamed just before the crash)';
    await fs.writeFile(layout.conversationFile(b.id), JSON.stringify(file));
    await fs.writeFile(layout.session, '{}');
    const { store, log } = await start({ idFactory: sequentialIds('y') });
    expect(store.get(b.id)?.title).toBe('Beta (renamed just before the crash)');
    expect(log.lines.some((l) => l.includes('did not close cleanly'))).toBe(true);
  });

  it('drops entries whose file was removed outside the app and picks up new files', async () => {
    const { a, b } = await seed();
    const layout = layoutFor(dir);
    await fs.rename(layout.conversationFile(a.id), join(dir, 'elsewhere.json'));
    const copy = JSON.parse(await fs.readFile(layout.conversationFile(b.id), 'utf8'));
    copy.conversation.id = 'dropped-in';
    await fs.writeFile(layout.conversationFile('dropped-in'), JSON.stringify(copy));
    const { store } = await start();
    expect(
      store
        .list({ limit: 10 })
        .items.map((s) => s.id)
        .sort(),
    ).toEqual([b.id, 'dropped-in'].sort());
  });

  it('removes temporary files left by writes cut off by a crash, and nothing else', async () => {
    await seed();
    const layout = layoutFor(dir);
    await fs.writeFile(join(layout.conversations, 'c0001.json.123456'), '{"partial');
    await fs.writeFile(join(layout.conversations, 'notes.txt'), 'mine');
    await fs.writeFile(join(dir, 'index.json.99'), '{');
    await start();
    expect((await fs.readdir(layout.conversations)).sort()).toEqual([
      'c0001.json',
      'c0002.json',
      'notes.txt',
    ]);
    expect(await fs.readdir(dir)).not.toContain('index.json.99');
  });

  it('removes the session marker on close', async () => {
    const { store } = await start();
    await expect(fs.access(layoutFor(dir).session)).resolves.toBeUndefined();
    await store.close();
    await expect(fs.access(layoutFor(dir).session)).rejects.toThrow();
  });
});

describe('storage failures', () => {
  it('fails init with a typed error when the folder cannot be used, and can retry', async () => {
    const blocked = join(dir, 'blocked');
    await fs.writeFile(blocked, 'a file where the history folder should be');
    const { createHistoryStore } = await import('./history-store');
    const { createMemoryLogger } = await import('../log/testing/memory-logger');
    const store = createHistoryStore({ dir: blocked, log: createMemoryLogger() });
    const failure = await store.init().then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(AppFailure);
    expect((failure as AppFailure).message).toContain(blocked);
    await fs.rm(blocked);
    await expect(store.init()).resolves.toEqual({ quarantined: [] });
    await store.close();
  });

  it('says what to do when the history folder cannot be written', async () => {
    const { store } = await start();
    const c = await store.create({ model: null });
    // A directory where the file should go makes the atomic rename fail, like a permission problem would.
    const layout = layoutFor(dir);
    await fs.rm(layout.conversationFile(c.id));
    await fs.mkdir(layout.conversationFile(c.id));
    await fs.writeFile(join(layout.conversationFile(c.id), 'x'), 'x');
    const failed = await store.rename(c.id, 'new').catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(AppFailure);
    expect((failed as AppFailure).message).toMatch(/could not rename the conversation|not allowed to write/);
  });
});
