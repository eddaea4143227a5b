import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatResult, ChatStreamEvent } from '../../../common/chat-types';
import { DEFAULT_SETTINGS } from '../../../common/settings-types';
import { createHistoryStore } from '../history';
import { PNG_BYTES, SAMPLE_REASONING_DETAILS } from '../history/testing/sample-images';
import { createMemoryLogger } from '../log/testing/memory-logger';
import type { Scheduler } from '../shared/scheduler';
import { createChatSessions } from './chat-sessions';
import { createConversationChat } from './conversation-chat';
import type { FinalFiguresRequest } from './final-figures';
import { type Script, scriptedStreamer } from './testing/scripted-streamer';

const immediate: Scheduler = {
  now: () => 0,
  schedule(fn) {
    queueMicrotask(fn);
    return () => {};
  },
};

const result = (over: Partial<ChatResult> = {}): ChatResult => ({
  content: 'A cat.',
  reasoning: '',
  finishReason: 'stop',
  usage: { promptTokens: 3, completionTokens: 2, cost: 0.00004 },
  generationId: 'gen-1',
  model: 'served/model',
  provider: null,
  citations: [],
  images: [],
  ...over,
});

async function setup(scripts: Script[], settings = DEFAULT_SETTINGS) {
  const history = createHistoryStore({
    dir: await mkdtemp(join(tmpdir(), 'sb-chat-')),
    log: createMemoryLogger(),
  });
  await history.init();
  const { streamer, requests } = scriptedStreamer(scripts);
  const sessions = createChatSessions({ client: streamer, log: createMemoryLogger(), scheduler: immediate });
  const later: FinalFiguresRequest[] = [];
  const chat = createConversationChat({
    history,
    sessions,
    settings: () => settings,
    noteModelUsed: async () => {},
    log: createMemoryLogger(),
    knownKeys: () => [],
    finalFigures: { fetchLater: (r) => later.push(r) },
  });
  const usageSent: unknown[] = [];
  let n = 0;
  const target = () => ({
    streamId: `00000000-0000-4000-8000-00000000000${++n}`,
    windowId: 1,
    deliver: (_c: string, _m: string, _e: ChatStreamEvent[]) => {},
    deliverUsage: (figures: unknown) => usageSent.push(figures),
  });
  const conversation = await history.create({ model: 'm' });
  const send = async (content = 'Draw a cat') => {
    const sent = await chat.send({ conversationId: conversation.id, content, model: 'm' }, target());
    await sessions.settle();
    await history.flush();
    return sent;
  };
  return { history, chat, sessions, requests, later, usageSent, target, conversation, send };
}

describe('what a reply carries beyond its text', () => {
  it('stores provider, citations and image files, and sends reasoning details back on the next turn', async () => {
    const citation = { url: 'https://example.com/a', title: 'A', host: 'example.com' };
    const s = await setup([
      {
        kind: 'done',
        result: result({
          provider: 'Google',
          citations: [citation],
          images: [{ id: '1.png', mimeType: 'image/png', byteLength: PNG_BYTES.length }],
        }),
        replyData: {
          images: [{ id: '1.png', mimeType: 'image/png', bytes: PNG_BYTES }],
          reasoningDetails: SAMPLE_REASONING_DETAILS,
        },
      },
      { kind: 'done', result: result({ content: 'Again.' }) },
    ]);
    const { assistantMessage } = await s.send();
    const [, reply] = (await s.history.messages(s.conversation.id, { limit: 10 })).messages;
    expect(reply).toMatchObject({
      provider: 'Google',
      citations: [citation],
      images: [{ id: '1.png', mimeType: 'image/png', byteLength: PNG_BYTES.length }],
    });
    expect(reply).not.toHaveProperty('reasoningDetails');
    expect((await s.history.replyImage(s.conversation.id, assistantMessage.id, '1.png')).bytes).toEqual(
      PNG_BYTES,
    );

    await s.send('Another');
    expect(s.requests[1]?.messages).toEqual([
      { role: 'user', content: 'Draw a cat' },
      { role: 'assistant', content: 'A cat.', reasoningDetails: SAMPLE_REASONING_DETAILS },
      { role: 'user', content: 'Another' },
    ]);
    // A reply with usage and its cost needs no figures fetched later.
    expect(s.later).toEqual([]);
  });

  it('a reply whose usage has no cost (missing, or not a number) gets its figures from /generation later', async () => {
    const s = await setup([
      {
        kind: 'done',
        result: result({ usage: { promptTokens: 3, completionTokens: 2 }, generationId: 'gen-nocost' }),
      },
    ]);
    await s.send();
    expect(s.later.map((r) => r.generationId)).toEqual(['gen-nocost']);
  });

  it('regenerates with a one-off Max tokens override, leaving the setting for later requests', async () => {
    const s = await setup(
      [
        { kind: 'done', result: result() },
        { kind: 'done', result: result() },
        { kind: 'done', result: result() },
      ],
      { ...DEFAULT_SETTINGS, maxTokens: 4000 },
    );
    const first = await s.send();
    const again = await s.chat.regenerate(
      {
        conversationId: s.conversation.id,
        fromMessageId: first.assistantMessage.id,
        model: 'm',
        maxTokens: 1234,
      },
      s.target(),
    );
    await s.sessions.settle();
    await s.chat.regenerate(
      { conversationId: s.conversation.id, fromMessageId: again.assistantMessage.id, model: 'm' },
      s.target(),
    );
    await s.sessions.settle();
    expect(s.requests.map((r) => r.maxTokens)).toEqual([4000, 1234, 4000]);
  });

  it('asks for final figures when a reply ends without usage and its generation is known', async () => {
    const s = await setup([
      { kind: 'done', result: result({ usage: null, generationId: 'gen-done' }) },
      { kind: 'fail', text: 'Half', code: 'cancelled', generationId: 'gen-cut' },
      { kind: 'fail', text: 'Half', code: 'connection_lost', generationId: null },
    ]);
    const a = await s.send();
    const b = await s.send('Next');
    await s.send('Third');
    expect(s.later.map((r) => [r.messageId, r.generationId])).toEqual([
      [a.assistantMessage.id, 'gen-done'],
      [b.assistantMessage.id, 'gen-cut'],
    ]);
    s.later[1]?.notify({ usage: { promptTokens: 5, completionTokens: 1 }, provider: 'OpenAI' });
    expect(s.usageSent).toEqual([
      {
        conversationId: s.conversation.id,
        messageId: b.assistantMessage.id,
        usage: { promptTokens: 5, completionTokens: 1 },
        provider: 'OpenAI',
      },
    ]);
  });
});
