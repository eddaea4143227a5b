import { promises as fs } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createManualClock,
  type ManualClock,
  makeTempDir,
  openStore,
  sequentialIds,
} from '../testing/test-support';
import type { HistoryStore, ReplyPersisted } from '../types';
import { layoutFor } from './layout';

let dir: string;
let cleanup: () => Promise<void>;
let clock: ManualClock;
let store: HistoryStore;
let persisted: Array<ReplyPersisted & { at: number }>;

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  clock = createManualClock();
  persisted = [];
  store = (
    await openStore(dir, {
      now: clock.now,
      scheduler: clock.scheduler,
      idFactory: sequentialIds(),
      onReplyPersisted: (e) => persisted.push({ ...e, at: clock.now().getTime() }),
    })
  ).store;
});
afterEach(async () => {
  await store.close();
  await cleanup();
});

async function startReply() {
  const c = await store.create({ model: null });
  await store.appendUserMessage(c.id, 'Tell me a long story');
  const reply = await store.beginReply(c.id, { model: 'test/model' });
  return { conversationId: c.id, messageId: reply.id };
}

/**
 * Advances fake time; if a timer ran (a checkpoint or index write started), waits in real time until it
 * is on disk. Fake time stands still meanwhile, so a write's recorded time is when it started.
 */
async function tick(ms: number) {
  if (clock.advance(ms) > 0) await store.flush();
}

const fileText = async (id: string) => fs.readFile(layoutFor(dir).conversationFile(id), 'utf8');

describe('reply checkpoints', () => {
  it('write at least every 500 ms and at most every ~400 ms under continuous deltas', async () => {
    const { conversationId, messageId } = await startReply();
    const start = clock.now().getTime();
    let content = '';
    const history: Array<{ at: number; length: number }> = [];
    for (let t = 0; t < 5000; t += 20) {
      content += 'word ';
      store.checkpointReply(conversationId, messageId, { content, reasoning: '' });
      history.push({ at: clock.now().getTime(), length: content.length });
      await tick(20);
    }
    const times = [start, ...persisted.map((p) => p.at)];
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    expect(persisted.length).toBeGreaterThanOrEqual(10);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(250);
      expect(gap).toBeLessThanOrEqual(500);
    }
    // Each write holds the text as it was when the write started (within the tick before p.at).
    for (const p of persisted) {
      const latest = history.filter((h) => h.at < p.at).at(-1);
      expect(p.contentLength).toBe(latest?.length);
    }
  });

  it('write the first delta after a quiet spell at once, and nothing while nothing changes', async () => {
    const { conversationId, messageId } = await startReply();
    await tick(2000);
    expect(persisted).toEqual([]);
    store.checkpointReply(conversationId, messageId, { content: 'late', reasoning: '' });
    await tick(0);
    expect(persisted.map((p) => p.contentLength)).toEqual([4]);
    await tick(5000);
    expect(persisted).toHaveLength(1);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('finish writes at once, keeps the text of a checkpoint not yet written, and stops the timer', async () => {
    const { conversationId, messageId } = await startReply();
    store.checkpointReply(conversationId, messageId, {
      content: 'all the text so far',
      reasoning: 'thinking',
    });
    const message = await store.finishReply(conversationId, messageId, {
      status: 'error',
      error: { code: 'connection_lost', message: 'The connection broke.' },
    });
    expect(message).toMatchObject({ status: 'error', content: 'all the text so far', reasoning: 'thinking' });
    expect(persisted.at(-1)).toMatchObject({ final: true, contentLength: 19 });
    const writes = persisted.length;
    const onDisk = JSON.parse(await fileText(conversationId)).messages.at(-1);
    expect(onDisk).toMatchObject({ status: 'error', content: 'all the text so far' });
    // Late deltas after the end change nothing.
    store.checkpointReply(conversationId, messageId, { content: 'late', reasoning: '' });
    await tick(1000);
    expect(persisted).toHaveLength(writes);
    expect((await store.allMessages(conversationId)).at(-1)?.content).toBe('all the text so far');
  });

  it('finish without text keeps the text of a checkpoint write it overtook', async () => {
    const { conversationId, messageId } = await startReply();
    store.checkpointReply(conversationId, messageId, { content: 'in flight', reasoning: '' });
    clock.advance(400); // the checkpoint write starts (queued behind nothing, not yet on disk)
    const message = await store.finishReply(conversationId, messageId, { status: 'cancelled' });
    expect(message).toMatchObject({ status: 'cancelled', content: 'in flight' });
    expect(JSON.parse(await fileText(conversationId)).messages.at(-1)).toMatchObject({
      content: 'in flight',
    });
  });

  it('records the final state with usage, finish reason, generation and served model', async () => {
    const { conversationId, messageId } = await startReply();
    await store.finishReply(conversationId, messageId, {
      status: 'complete',
      content: 'The end.',
      reasoning: '',
      usage: { promptTokens: 3, completionTokens: 2 },
      finishReason: 'stop',
      generationId: 'gen-9',
      model: 'test/model-served',
      error: null,
    });
    expect((await store.allMessages(conversationId)).at(-1)).toMatchObject({
      status: 'complete',
      usage: { promptTokens: 3, completionTokens: 2 },
      finishReason: 'stop',
      generationId: 'gen-9',
      model: 'test/model-served',
    });
    expect(store.get(conversationId)?.model).toBe('test/model-served');
    await expect(store.finishReply(conversationId, messageId, { status: 'streaming' })).rejects.toThrow(
      'cannot still be streaming',
    );
  });

  it('after a crash, the reply is interrupted with the last checkpoint text, and the file is rewritten', async () => {
    const { conversationId, messageId } = await startReply();
    store.checkpointReply(conversationId, messageId, { content: 'Once upon a time', reasoning: '' });
    await tick(400);
    expect(persisted).toHaveLength(1);
    // No close(): the process "dies" here. A second store opens the same folder.
    const { store: after } = await openStore(dir, { idFactory: sequentialIds('after') });
    const last = (await after.allMessages(conversationId)).at(-1);
    expect(last).toMatchObject({ id: messageId, status: 'interrupted', content: 'Once upon a time' });
    expect(JSON.parse(await fileText(conversationId)).messages.at(-1).status).toBe('interrupted');
    await after.close();
  });

  it('flush writes a pending checkpoint immediately', async () => {
    const { conversationId, messageId } = await startReply();
    store.checkpointReply(conversationId, messageId, { content: 'pending text', reasoning: '' });
    await store.flush();
    expect(JSON.parse(await fileText(conversationId)).messages.at(-1).content).toBe('pending text');
  });

  it('stops checkpointing a reply whose conversation was deleted', async () => {
    const b = await startReply();
    store.checkpointReply(b.conversationId, b.messageId, { content: 'y', reasoning: '' });
    await store.remove(b.conversationId);
    store.checkpointReply(b.conversationId, b.messageId, { content: 'yz', reasoning: '' });
    clock.advance(1000);
    await store.flush();
    await expect(fs.access(layoutFor(dir).conversationFile(b.conversationId))).rejects.toThrow();
    await expect(store.finishReply(b.conversationId, b.messageId, { status: 'cancelled' })).rejects.toThrow(
      'no longer exists',
    );
  });

  it('keeps streaming text out of the way of other writes to the same conversation', async () => {
    const { conversationId, messageId } = await startReply();
    store.checkpointReply(conversationId, messageId, { content: 'abc', reasoning: '' });
    const renamed = store.rename(conversationId, 'Renamed while streaming');
    clock.advance(400);
    await renamed;
    await store.flush();
    const file = JSON.parse(await fileText(conversationId));
    expect(file.conversation.title).toBe('Renamed while streaming');
    expect(file.messages.at(-1)).toMatchObject({ status: 'streaming', content: 'abc' });
  });
});
