import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatRequest, ChatResult, ChatStreamEvent } from '../../../common/chat-types';
import { DEFAULT_SETTINGS } from '../../../common/settings-types';
import { createHistoryStore } from '../history';
import { createMemoryLogger } from '../log/testing/memory-logger';
import type { Scheduler } from '../shared/scheduler';
import { createChatSessions } from './chat-sessions';
import { buildContext, createConversationChat } from './conversation-chat';
import { recordingStreamer } from './testing/recording-streamer';

const immediate: Scheduler = {
  now: () => 0,
  schedule(fn) {
    queueMicrotask(fn);
    return () => {};
  },
};

async function setup(text = 'Hi there') {
  const history = createHistoryStore({
    dir: await mkdtemp(join(tmpdir(), 'sb-chat-')),
    log: createMemoryLogger(),
  });
  await history.init();
  const streamer = recordingStreamer(text);
  const sessions = createChatSessions({ client: streamer, log: createMemoryLogger(), scheduler: immediate });
  const chat = createConversationChat({
    history,
    sessions,
    settings: () => ({ ...DEFAULT_SETTINGS, systemPrompt: 'Be brief.', temperature: 0.2 }),
    noteModelUsed: async () => {},
    log: createMemoryLogger(),
    knownKeys: () => [],
  });
  const delivered: Array<{ messageId: string; events: ChatStreamEvent[] }> = [];
  const target = (streamId: string) => ({
    streamId,
    windowId: 1,
    deliver: (_c: string, messageId: string, events: ChatStreamEvent[]) =>
      delivered.push({ messageId, events }),
  });
  return { history, streamer, sessions, chat, delivered, target };
}

describe('conversation chat', () => {
  it('sends the system prompt, history and new message, and stores the finished reply', async () => {
    const { history, streamer, sessions, chat, delivered, target } = await setup();
    const conversation = await history.create({ model: 'm' });
    const { userMessage, assistantMessage } = await chat.send(
      { conversationId: conversation.id, content: 'Hello', model: 'm' },
      target('00000000-0000-4000-8000-000000000001'),
    );
    await sessions.settle();
    await history.flush();
    expect(streamer.requests[0]).toMatchObject({
      model: 'm',
      temperature: 0.2,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello' },
      ],
    });
    expect(userMessage.content).toBe('Hello');
    // Every delivered batch names the persisted reply, even events that raced the writes.
    expect(delivered.every((d) => d.messageId === assistantMessage.id)).toBe(true);
    const stored = await history.allMessages(conversation.id);
    expect(stored.map((m) => [m.role, m.content, m.status])).toEqual([
      ['user', 'Hello', 'complete'],
      ['assistant', 'Hi there', 'complete'],
    ]);
    expect(stored[1]?.model).toBe('served/model');
  });

  it('regenerates as a new version: the old reply stays beside it, the new one is shown', async () => {
    const { history, sessions, chat, target } = await setup();
    const conversation = await history.create({ model: 'm' });
    const first = await chat.send(
      { conversationId: conversation.id, content: 'Hello', model: 'm' },
      target('00000000-0000-4000-8000-000000000002'),
    );
    await sessions.settle();
    const { assistantMessage } = await chat.regenerate(
      { conversationId: conversation.id, fromMessageId: first.assistantMessage.id, model: 'm' },
      target('00000000-0000-4000-8000-000000000003'),
    );
    await sessions.settle();
    await history.flush();
    const stored = await history.allMessages(conversation.id);
    expect(stored.map((m) => m.id)).toEqual([first.userMessage.id, assistantMessage.id]);
    expect(stored[1]?.branch).toMatchObject({ index: 1, count: 2 });
    const tree = await history.tree(conversation.id);
    expect(tree.messages.map((m) => [m.id, m.parentId ?? null])).toEqual([
      [first.userMessage.id, null],
      [first.assistantMessage.id, first.userMessage.id],
      [assistantMessage.id, first.userMessage.id],
    ]);
  });

  it('edits as a new version: the old message and its reply stay, the new text is a sibling with its own reply', async () => {
    const { history, streamer, sessions, chat, target } = await setup();
    const conversation = await history.create({ model: 'm' });
    const first = await chat.send(
      { conversationId: conversation.id, content: 'Hello', model: 'm' },
      target('00000000-0000-4000-8000-000000000010'),
    );
    await sessions.settle();
    const edited = await chat.editAndResend(
      { conversationId: conversation.id, messageId: first.userMessage.id, content: 'Hi', model: 'm' },
      target('00000000-0000-4000-8000-000000000011'),
    );
    await sessions.settle();
    await history.flush();
    expect(streamer.requests[1]?.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ]);
    const tree = await history.tree(conversation.id);
    expect(tree.messages.map((m) => [m.id, m.parentId ?? null])).toEqual([
      [first.userMessage.id, null],
      [first.assistantMessage.id, first.userMessage.id],
      [edited.userMessage.id, null],
      [edited.assistantMessage.id, edited.userMessage.id],
    ]);
    const shown = await history.allMessages(conversation.id);
    expect(shown.map((m) => m.content)).toEqual(['Hi', 'Hi there']);
    expect(shown[0]?.branch).toMatchObject({ index: 1, count: 2 });
  });

  it('refuses to regenerate a user message', async () => {
    const { history, sessions, chat, target } = await setup();
    const conversation = await history.create({ model: 'm' });
    const first = await chat.send(
      { conversationId: conversation.id, content: 'Hello', model: 'm' },
      target('00000000-0000-4000-8000-000000000004'),
    );
    await sessions.settle();
    await expect(
      chat.regenerate(
        { conversationId: conversation.id, fromMessageId: first.userMessage.id, model: 'm' },
        target('00000000-0000-4000-8000-000000000005'),
      ),
    ).rejects.toMatchObject({ error: { code: 'validation' } });
  });
});

describe('deleting a conversation while it streams', () => {
  it('stops the reply at once, and every column of a compare', async () => {
    const history = createHistoryStore({
      dir: await mkdtemp(join(tmpdir(), 'sb-chat-')),
      log: createMemoryLogger(),
    });
    await history.init();
    let aborted = 0;
    const streamer = {
      streamChat: (
        _r: ChatRequest,
        { signal, onEvent }: { signal?: AbortSignal; onEvent: (e: ChatStreamEvent) => void },
      ) =>
        new Promise<ChatResult>((_resolve, reject) => {
          onEvent({ type: 'delta', content: 'Once', reasoning: '' });
          signal?.addEventListener('abort', () => {
            aborted += 1;
            onEvent({
              type: 'error',
              error: { code: 'cancelled', message: 'Stopped.' },
              partialContent: 'Once',
              partialReasoning: '',
            });
            reject(new Error('aborted'));
          });
        }),
    };
    const sessions = createChatSessions({
      client: streamer,
      log: createMemoryLogger(),
      scheduler: immediate,
    });
    const chat = createConversationChat({
      history,
      sessions,
      settings: () => DEFAULT_SETTINGS,
      noteModelUsed: async () => {},
      log: createMemoryLogger(),
      knownKeys: () => [],
    });
    const conversation = await history.create({ model: 'm' });
    await chat.send(
      { conversationId: conversation.id, content: 'Hello', model: 'm' },
      { streamId: '00000000-0000-4000-8000-000000000009', windowId: 1, deliver: () => {} },
    );
    expect(sessions.activeCount).toBe(1);
    chat.cancelConversation(conversation.id);
    await sessions.settle();
    expect(aborted).toBe(1);
    expect(sessions.activeCount).toBe(0);

    // A compare: every column stops.
    const target = (n: number) => ({
      streamId: `00000000-0000-4000-8000-00000000002${n}`,
      windowId: 1,
      deliver: () => {},
    });
    await chat.compare({ conversationId: conversation.id, content: 'Again' }, [
      { model: 'a', target: target(1) },
      { model: 'b', target: target(2) },
      { model: 'c', target: target(3) },
    ]);
    expect(sessions.activeCount).toBe(3);
    chat.cancelConversation(conversation.id);
    await sessions.settle();
    expect(aborted).toBe(4);
    expect(sessions.activeCount).toBe(0);

    // A column whose stream id is already streaming: none of the columns goes ahead, nothing is written.
    const before = await history.tree(conversation.id);
    await chat.send({ conversationId: conversation.id, content: 'Busy', model: 'm' }, target(4));
    const during = await history.tree(conversation.id);
    await expect(
      chat.compare({ conversationId: conversation.id, content: 'Clash' }, [
        { model: 'a', target: target(5) },
        { model: 'b', target: target(4) },
      ]),
    ).rejects.toMatchObject({ error: { code: 'validation' } });
    expect(sessions.activeCount).toBe(1);
    expect(aborted).toBe(5);
    expect((await history.tree(conversation.id)).messages).toEqual(during.messages);
    expect(during.messages.length).toBe(before.messages.length + 2);
    chat.cancelConversation(conversation.id);
    await sessions.settle();
  });
});

describe('buildContext', () => {
  it('skips failed replies without text and keeps partial ones', () => {
    const context = buildContext(
      [
        { id: 'a', role: 'user', content: 'Q' },
        { id: 'b', role: 'assistant', content: '' },
        { id: 'c', role: 'assistant', content: 'partial' },
      ],
      '',
    );
    expect(context).toEqual([
      { role: 'user', content: 'Q' },
      { role: 'assistant', content: 'partial' },
    ]);
  });
});
