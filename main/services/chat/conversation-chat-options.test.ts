import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelSummary } from '../../../common/chat-types';
import { DEFAULT_SETTINGS, type Settings } from '../../../common/settings-types';
import { createHistoryStore } from '../history';
import { createMemoryLogger } from '../log/testing/memory-logger';
import type { Scheduler } from '../shared/scheduler';
import { createChatSessions } from './chat-sessions';
import { createConversationChat } from './conversation-chat';
import { createConversationOptions } from './conversation-options';
import { createRequestOptionsResolver } from './request-options';
import { recordingStreamer } from './testing/recording-streamer';

/** Issue 15 end to end in main: the conversation's options, Settings and the composer shape the request. */

const immediate: Scheduler = {
  now: () => 0,
  schedule(fn) {
    queueMicrotask(fn);
    return () => {};
  },
};

const O3: ModelSummary = {
  id: 'openai/o3',
  name: 'o3',
  contextLength: 200_000,
  promptPricePerMTok: 2,
  completionPricePerMTok: 8,
  inputModalities: ['text'],
  outputModalities: ['text'],
  supportedParameters: ['reasoning'],
  isFree: false,
  reasoning: {
    supportedEfforts: ['high', 'medium', 'low'],
    defaultEffort: 'medium',
    defaultEnabled: true,
    mandatory: false,
    supportsMaxTokens: false,
  },
};

async function setup(settings: Partial<Settings> = {}) {
  const history = createHistoryStore({
    dir: await mkdtemp(join(tmpdir(), 'sb-chat-opt-')),
    log: createMemoryLogger(),
  });
  await history.init();
  const streamer = recordingStreamer();
  const sessions = createChatSessions({ client: streamer, log: createMemoryLogger(), scheduler: immediate });
  const current = () => ({ ...DEFAULT_SETTINGS, temperature: 0.2, ...settings });
  const options = createConversationOptions({ history, knownProviders: () => null });
  const chat = createConversationChat({
    history,
    sessions,
    settings: current,
    noteModelUsed: async () => {},
    log: createMemoryLogger(),
    knownKeys: () => [],
    requestOptions: createRequestOptionsResolver({
      settings: current,
      settingsProblems: () => [],
      conversationOptions: (id) => options.forRequest(id),
      listModels: async () => ({ models: [O3] }),
      knownProviders: () => null,
      log: createMemoryLogger(),
    }),
  });
  const target = (n: number) => ({
    streamId: `00000000-0000-4000-8000-00000000000${n}`,
    windowId: 1,
    deliver: () => {},
  });
  const conversation = await history.create({ model: 'openai/o3' });
  return { history, streamer, sessions, chat, options, target, id: conversation.id };
}

describe('request options reach the request', () => {
  it('with no choices the request is exactly what it was before issue 15', async () => {
    const { streamer, sessions, chat, target, id } = await setup();
    await chat.send({ conversationId: id, content: 'Hello', model: 'openai/o3' }, target(1));
    await sessions.settle();
    expect(streamer.requests[0]).toEqual({
      model: 'openai/o3',
      temperature: 0.2,
      messages: [{ role: 'user', content: 'Hello' }],
    });
  });

  it("the conversation's reasoning, routing and fallbacks, Settings' session id, and web search for this message only", async () => {
    const { streamer, sessions, chat, options, target, id } = await setup({
      stickyProvider: true,
      webSearch: { engine: 'exa', maxResults: 3 },
    });
    await options.set(id, {
      reasoning: { kind: 'effort', effort: 'high' },
      provider: { only: ['openai'] },
      fallbackModels: ['anthropic/claude-sonnet-4'],
    });
    await chat.send({ conversationId: id, content: 'Hello', model: 'openai/o3', webSearch: true }, target(1));
    await sessions.settle();
    expect(streamer.requests[0]).toEqual({
      model: 'openai/o3',
      temperature: 0.2,
      messages: [{ role: 'user', content: 'Hello' }],
      reasoning: { kind: 'effort', effort: 'high' },
      provider: { only: ['openai'] },
      fallbackModels: ['anthropic/claude-sonnet-4'],
      sessionId: id,
      webSearch: { engine: 'exa', maxResults: 3 },
    });
    // The next message, without the toggle, searches nothing.
    const reply = await chat.send({ conversationId: id, content: 'More', model: 'openai/o3' }, target(2));
    await sessions.settle();
    expect(streamer.requests[1]).not.toHaveProperty('webSearch');
    // Regenerate and edit take the toggle too.
    await chat.regenerate(
      { conversationId: id, fromMessageId: reply.assistantMessage.id, model: 'openai/o3', webSearch: true },
      target(3),
    );
    await sessions.settle();
    expect(streamer.requests[2]?.webSearch).toEqual({ engine: 'exa', maxResults: 3 });
    await chat.editAndResend(
      {
        conversationId: id,
        messageId: reply.userMessage.id,
        content: 'Edited',
        model: 'openai/o3',
        webSearch: true,
      },
      target(4),
    );
    await sessions.settle();
    expect(streamer.requests[3]?.webSearch).toEqual({ engine: 'exa', maxResults: 3 });
  });

  it('a bad stored option is reported by getConversationOptions and never sent', async () => {
    const { history, streamer, sessions, chat, options, target, id } = await setup();
    await history.updateOptions(id, {
      provider: { only: ['Anthropic '] },
      fallbackModels: [],
      reasoning: { kind: 'effort', effort: 'high', maxTokens: 100 },
    });
    const read = await options.get(id);
    expect(read).toMatchObject({
      provider: null,
      fallbackModels: null,
      reasoning: null,
      webSearchAlways: false,
    });
    expect(read.problems.map((p) => p.field)).toEqual(['reasoning', 'provider', 'fallbackModels']);
    expect(read.problems[1]?.message).toBe(
      "Providers: “Anthropic ” is not a provider slug (such as “anthropic”). Fix it in this conversation's options.",
    );
    // The broken provider routing stops the send (it fails closed: going out without it could drop its
    // privacy rules); nothing is sent or saved. The other bad fields are simply not sent.
    await expect(
      chat.send({ conversationId: id, content: 'Hello', model: 'openai/o3' }, target(1)),
    ).rejects.toMatchObject({
      error: { code: 'validation', message: expect.stringContaining('“Anthropic ”') },
    });
    await sessions.settle();
    expect(streamer.requests).toEqual([]);
    expect(await history.transcript(id)).toEqual([]);
    await history.updateOptions(id, { provider: null });
    await chat.send({ conversationId: id, content: 'Hello', model: 'openai/o3' }, target(1));
    await sessions.settle();
    expect(Object.keys(streamer.requests[0] ?? {}).sort()).toEqual(['messages', 'model', 'temperature']);
  });

  it('a regenerate or edit that the provider routing refuses leaves every message in place', async () => {
    const { history, streamer, sessions, chat, target, id } = await setup();
    await chat.send({ conversationId: id, content: 'Hello', model: 'openai/o3' }, target(1));
    await sessions.settle();
    const before = await history.transcript(id);
    const treeBefore = await history.tree(id);
    expect(before.map((m) => m.role)).toEqual(['user', 'assistant']);
    await history.updateOptions(id, { provider: { only: ['Anthropic '] } });
    const [user, reply] = before;
    await expect(
      chat.regenerate({ conversationId: id, fromMessageId: reply?.id ?? '', model: 'openai/o3' }, target(2)),
    ).rejects.toMatchObject({ error: { code: 'validation' } });
    await expect(
      chat.editAndResend(
        { conversationId: id, messageId: user?.id ?? '', content: 'Hi again', model: 'openai/o3' },
        target(3),
      ),
    ).rejects.toMatchObject({ error: { code: 'validation' } });
    await sessions.settle();
    expect(await history.transcript(id)).toEqual(before);
    // No new version on any branch either.
    expect(await history.tree(id)).toEqual(treeBefore);
    expect(streamer.requests).toHaveLength(1);
  });

  it('setConversationOptions changes only the fields given and refuses an invalid value', async () => {
    const { options, id } = await setup();
    await options.set(id, { webSearchAlways: true });
    expect(await options.set(id, { fallbackModels: ['openai/gpt-4o'] })).toEqual({
      reasoning: null,
      provider: null,
      fallbackModels: ['openai/gpt-4o'],
      webSearchAlways: true,
      problems: [],
    });
    await expect(options.set(id, { fallbackModels: [] })).rejects.toMatchObject({
      error: { code: 'validation' },
    });
  });
});
