import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AnyConversationFile, serializeConversationFile } from '../store/conversation-file';
import { layoutFor } from '../store/layout';
import { makeTempDir, openStore, sequentialIds } from '../testing/test-support';
import type { HistoryStore } from '../types';

let dir: string;
let cleanup: () => Promise<void>;
let store: HistoryStore;

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  store = (await openStore(dir, { idFactory: sequentialIds() })).store;
});
afterEach(async () => {
  await store.close();
  await cleanup();
});

const found = async (query: string) => (await store.search(query)).hits.map((h) => h.messageId);

describe('search through the store', () => {
  it('finds a message as soon as it is appended, with highlight offsets into the snippet', async () => {
    const c = await store.create({ model: null, title: 'Kitchen' });
    const m = await store.appendUserMessage(c.id, 'My sourdough starter smells like nail polish remover.');
    const result = await store.search('sourdough smell');
    expect(result.complete).toBe(true);
    expect(result.total).toBe(1);
    const [hit] = result.hits;
    expect(hit).toMatchObject({ conversationId: c.id, messageId: m.id, title: 'Kitchen' });
    expect(hit?.snippet.highlights.map(([s, e]) => hit.snippet.text.slice(s, e))).toEqual([
      'sourdough',
      'smells',
    ]);
  });

  it('indexes a streamed reply once, when it finishes — not its checkpoints', async () => {
    const c = await store.create({ model: null });
    await store.appendUserMessage(c.id, 'question');
    const reply = await store.beginReply(c.id, { model: 'm' });
    store.checkpointReply(c.id, reply.id, { content: 'partial zebra', reasoning: '' });
    await store.flush();
    expect(await found('zebra')).toEqual([]);
    await store.finishReply(c.id, reply.id, { status: 'complete', content: 'final zebra answer' });
    expect(await found('zebra')).toEqual([reply.id]);
    // Finishing twice (a retry) does not index it twice.
    await store.finishReply(c.id, reply.id, { status: 'complete', content: 'final zebra answer' });
    expect((await store.search('zebra')).total).toBe(1);
  });

  it('forgets deleted conversations; restore brings them back', async () => {
    const c = await store.create({ model: null });
    const keep = await store.appendUserMessage(c.id, 'walrus one');
    expect(await found('walrus')).toEqual([keep.id]);
    const { undoToken } = await store.remove(c.id);
    expect(await found('walrus')).toEqual([]);
    await store.restore(undoToken);
    expect(await found('walrus')).toEqual([keep.id]);
  });

  it('follows renames for title words', async () => {
    const c = await store.create({ model: null, title: 'Untitled thing' });
    await store.appendUserMessage(c.id, 'body text');
    await store.rename(c.id, 'Quarterly taxes');
    expect((await store.search('quarterly')).hits).toEqual([
      expect.objectContaining({ conversationId: c.id, title: 'Quarterly taxes', score: 0.5 }),
    ]);
    expect(await found('untitled')).toEqual([]);
  });

  it('answers from what is indexed while the start-up build runs, and says so', async () => {
    await store.close();
    // Written directly (no fsync per write) to keep the test fast.
    const layout = layoutFor(dir);
    for (let i = 0; i < 300; i++) {
      const id = `n${i}`;
      const at = new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString();
      // Version 1 on purpose: the index build reads older files without the slow path too.
      const file: AnyConversationFile = {
        formatVersion: 1,
        conversation: { id, title: `t${i}`, createdAt: at, updatedAt: at, model: null },
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
      await fs.writeFile(layout.conversationFile(id), serializeConversationFile(file));
    }
    store = (await openStore(dir, { idFactory: sequentialIds('z') })).store;
    const early = await store.search('needle');
    expect(early.complete).toBe(false);
    expect(early.total).toBeLessThan(300);
    expect(store.searchStatus().complete).toBe(false);
    await store.whenSearchReady();
    const late = await store.search('needle', { limit: 5 });
    expect(late).toMatchObject({ complete: true, total: 300 });
    expect(late.hits).toHaveLength(5);
    expect(store.searchStatus()).toMatchObject({
      complete: true,
      indexedConversations: 300,
      indexedMessages: 300,
    });
  });

  it('closes without waiting for the start-up build to finish', async () => {
    await store.close();
    const layout = layoutFor(dir);
    const text = await fs.readFile(join(import.meta.dirname, '..', 'fixtures', 'v1', 'large.json'), 'utf8');
    for (let i = 0; i < 200; i++) {
      await fs.writeFile(layout.conversationFile(`big${i}`), text.replace('"fx-large"', `"big${i}"`));
    }
    store = (await openStore(dir)).store;
    await store.close();
    expect(store.searchStatus().complete).toBe(false);
    store = (await openStore(dir)).store;
    expect(store.list({ limit: 1 }).total).toBe(200);
  });
});
