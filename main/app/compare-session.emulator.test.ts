/**
 * Issue 18, Compare, through the composed services, the real OpenRouter client and the emulator: one
 * message to two models sends two requests with the same messages, each reply a sibling under the one
 * user message, streamed under its own stream id; "Continue with this" (switchBranch to a column's
 * reply) makes the next request carry that reply; a column whose model fails shows the error on its
 * own reply; a limit that admits one column but not two refuses the whole compare with nothing sent or
 * written; cancelling one column leaves the other to finish; deleting the conversation stops them all.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../e2e/emulator/server';
import { pngBytes } from '../services/attachments/testing/sample-files';
import { openEmulatorSession } from './testing/emulator-session';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.close();
});
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function session() {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-compare-emu-'));
  dirs.push(dataDir);
  const { services, ctx, batches } = await openEmulatorSession(emulator, { dataDir });
  const conversation = await services.history.create({ model: 'openai/gpt-4o' });
  const compare = (content: string, models: string[]) => {
    const columns = models.map((model) => ({ streamId: randomUUID(), model }));
    return {
      columns,
      result: services.handlers.compareModels({ conversationId: conversation.id, content, columns }, ctx),
    };
  };
  return { services, ctx, batches, conversationId: conversation.id, compare };
}

interface SentBody {
  model: string;
  messages: Array<{ role: string; content: unknown }>;
}
const chatRequests = () => emulator.requests.filter((r) => r.path === '/api/v1/chat/completions');
const bodyOf = (r: { body: unknown } | undefined) => r?.body as SentBody;
const sentMessages = (r: { body: unknown } | undefined) =>
  (bodyOf(r)?.messages ?? []).map((m) => [m.role, m.content]);

describe('compare against the emulator', () => {
  it('sends one request per model with the same messages; both replies are siblings under one message', async () => {
    const s = await session();
    emulator.clearRequests();
    const { columns, result } = s.compare('Which is faster?', ['openai/gpt-4o', 'anthropic/claude-sonnet-4']);
    const { userMessage, replies } = await result;
    await s.services.sessions.settle();

    const sent = chatRequests();
    expect(sent.map((r) => bodyOf(r).model)).toEqual(['openai/gpt-4o', 'anthropic/claude-sonnet-4']);
    expect(sentMessages(sent[0])).toEqual([['user', 'Which is faster?']]);
    expect(sentMessages(sent[1])).toEqual(sentMessages(sent[0]));

    expect(replies.map((r) => [r.model, r.parentId])).toEqual([
      ['openai/gpt-4o', userMessage.id],
      ['anthropic/claude-sonnet-4', userMessage.id],
    ]);
    const tree = await s.services.history.tree(s.conversationId);
    expect(tree.messages.filter((m) => m.role === 'user')).toHaveLength(1);
    expect(tree.messages.map((m) => [m.id, m.parentId ?? null, m.status])).toEqual([
      [userMessage.id, null, 'complete'],
      [replies[0]?.id, userMessage.id, 'complete'],
      [replies[1]?.id, userMessage.id, 'complete'],
    ]);
    // The first column is the branch shown until another is picked.
    expect(tree.activeLeafId).toBe(replies[0]?.id);
    const visible = await s.services.history.allMessages(s.conversationId);
    expect(visible.map((m) => m.id)).toEqual([userMessage.id, replies[0]?.id]);
    expect(visible[1]?.branch).toMatchObject({ index: 0, count: 2 });

    // Each column's events go to the window under its own stream id, naming its own reply.
    for (const [i, column] of columns.entries()) {
      const mine = s.batches.filter((b) => b.streamId === column.streamId);
      expect(mine.length).toBeGreaterThan(0);
      expect(new Set(mine.map((b) => b.messageId))).toEqual(new Set([replies[i]?.id]));
      expect(mine.flatMap((b) => b.events).filter((e) => e.type === 'done')).toHaveLength(1);
    }
    await s.services.shutdown();
  });

  it('"Continue with this": after switching to the second reply, the next request carries its text, not the first\'s', async () => {
    const s = await session();
    // A shorter reply in the second column, so the two replies' texts differ.
    const { replies } = await s.compare('Hello', ['openai/gpt-4o', 'emulator/tokens-12']).result;
    await s.services.sessions.settle();
    const tree = await s.services.history.tree(s.conversationId);
    const text = (id: string | undefined) => tree.messages.find((m) => m.id === id)?.content;
    expect(text(replies[0]?.id)).not.toBe(text(replies[1]?.id));

    await s.services.handlers.switchBranch(
      { conversationId: s.conversationId, messageId: replies[1]?.id as string },
      s.ctx,
    );
    emulator.clearRequests();
    await s.services.handlers.sendMessage(
      { streamId: randomUUID(), conversationId: s.conversationId, content: 'Go on', model: 'openai/gpt-4o' },
      s.ctx,
    );
    await s.services.sessions.settle();
    expect(sentMessages(chatRequests()[0])).toEqual([
      ['user', 'Hello'],
      ['assistant', text(replies[1]?.id)],
      ['user', 'Go on'],
    ]);
    await s.services.shutdown();
  });

  it('a column whose model fails shows the error on its own reply; the other completes', async () => {
    const s = await session();
    const { replies } = await s.compare('Hello', ['openai/gpt-4o', 'emulator/status-500']).result;
    await s.services.sessions.settle();
    const tree = await s.services.history.tree(s.conversationId);
    const stored = (id: string | undefined) => tree.messages.find((m) => m.id === id);
    expect(stored(replies[0]?.id)).toMatchObject({ status: 'complete', error: null });
    expect(stored(replies[0]?.id)?.content.length).toBeGreaterThan(0);
    expect(stored(replies[1]?.id)?.status).toBe('error');
    expect(stored(replies[1]?.id)?.error).toMatchObject({ status: 500 });
    await s.services.shutdown();
  });

  it('a daily limit that admits one column but not two refuses the compare: nothing sent, nothing written', async () => {
    const s = await session();
    // Worst cases at 1,000 reply tokens: GPT-4o about $0.010, Claude Sonnet 4 about $0.015; together $0.025.
    await s.services.handlers.updateSettings(
      { maxTokens: 1000, spending: { dailyUsd: 0.02, monthlyUsd: null, askAboveUsd: null } },
      s.ctx,
    );
    emulator.clearRequests();
    await expect(
      s.compare('Hello', ['openai/gpt-4o', 'anthropic/claude-sonnet-4']).result,
    ).rejects.toMatchObject({ error: { code: 'spending_limit_reached' } });
    expect(chatRequests()).toHaveLength(0);
    expect((await s.services.history.tree(s.conversationId)).messages).toEqual([]);
    expect(s.batches).toEqual([]);

    // The same limit admits one of them alone (the refused compare held nothing back).
    await s.services.handlers.sendMessage(
      {
        streamId: randomUUID(),
        conversationId: s.conversationId,
        content: 'Hello',
        model: 'anthropic/claude-sonnet-4',
      },
      s.ctx,
    );
    await s.services.sessions.settle();
    expect(chatRequests()).toHaveLength(1);
    await s.services.shutdown();
  });

  it('an image for a column whose model cannot read it refuses the whole compare; both image models get its bytes', async () => {
    const s = await session();
    await s.services.handlers.listModels(undefined, s.ctx);
    const png = pngBytes(4, 3);
    const image = await s.services.handlers.stageAttachment(
      { name: 'photo.png', dataBase64: Buffer.from(png).toString('base64') },
      s.ctx,
    );
    emulator.clearRequests();
    const compareWith = (models: string[]) =>
      s.services.handlers.compareModels(
        {
          conversationId: s.conversationId,
          content: 'What is this?',
          attachments: [image.sha256],
          columns: models.map((model) => ({ streamId: randomUUID(), model })),
        },
        s.ctx,
      );
    await expect(compareWith(['openai/gpt-4o', 'openai/gpt-3.5-turbo'])).rejects.toMatchObject({
      error: { code: 'unsupported_input' },
    });
    expect(chatRequests()).toHaveLength(0);
    expect((await s.services.history.tree(s.conversationId)).messages).toEqual([]);
    // Still staged: the person can drop that model and compare again.
    expect(s.services.attachments.get(image.sha256)).not.toBeNull();

    const { userMessage } = await compareWith(['openai/gpt-4o', 'anthropic/claude-sonnet-4']);
    await s.services.sessions.settle();
    expect(userMessage.attachments?.map((a) => a.sha256)).toEqual([image.sha256]);
    const sent = chatRequests();
    expect(sent).toHaveLength(2);
    for (const r of sent)
      expect(r.attachments?.images.map((i) => Buffer.from(i.bytes ?? []).equals(Buffer.from(png)))).toEqual([
        true,
      ]);
    // Written once, in the history folder: the composer's copy is gone.
    expect(s.services.attachments.get(image.sha256)).toBeNull();
    await s.services.shutdown();
  });

  it('cancelling one column leaves the other streaming to completion', async () => {
    const s = await session();
    emulator.clearRequests();
    // The first column drips its reply (40 tokens at 50 a second); the second stalls after 3 chunks.
    const { columns, result } = s.compare('Hello', ['emulator/drip-50', 'emulator/stall-after']);
    const { replies } = await result;
    await emulator.waitForRequest((r) => bodyOf(r)?.model === 'emulator/stall-after');
    const cancelled = await s.services.handlers.cancelChat(
      { streamId: columns[1]?.streamId as string },
      s.ctx,
    );
    expect(cancelled).toEqual({ cancelled: true });
    // Still streaming: the first column has not finished when the second is stopped.
    const doneBeforeCancel = s.batches.some(
      (b) => b.streamId === columns[0]?.streamId && b.events.some((e) => e.type === 'done'),
    );
    expect(doneBeforeCancel).toBe(false);
    await s.services.sessions.settle();
    await s.services.history.flush();

    const tree = await s.services.history.tree(s.conversationId);
    const stored = (id: string | undefined) => tree.messages.find((m) => m.id === id);
    expect(stored(replies[0]?.id)?.status).toBe('complete');
    expect(stored(replies[0]?.id)?.content.length).toBeGreaterThan(0);
    expect(stored(replies[1]?.id)?.status).toBe('cancelled');
    await s.services.shutdown();
  });

  it('deleting the conversation stops every column', async () => {
    const s = await session();
    emulator.clearRequests();
    await s.compare('Hello', ['emulator/stall-before', 'emulator/stall-after']).result;
    const sent = [
      await emulator.waitForRequest((r) => bodyOf(r)?.model === 'emulator/stall-before'),
      await emulator.waitForRequest((r) => bodyOf(r)?.model === 'emulator/stall-after'),
    ];
    await s.services.handlers.deleteConversation({ conversationId: s.conversationId }, s.ctx);
    for (const r of sent) await emulator.waitForClientClose(r.id);
    await s.services.sessions.settle();
    expect(s.services.sessions.activeCount).toBe(0);
    await s.services.shutdown();
  });
});
