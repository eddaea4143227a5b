import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppFailure, errorWithText } from '../../../common/errors';
import { englishErrorText } from '../../../common/i18n/error-messages';
import { DEFAULT_SETTINGS, type Settings } from '../../../common/settings-types';
import { createHistoryStore } from '../history';
import { createMemoryLogger } from '../log/testing/memory-logger';
import type { Scheduler } from '../shared/scheduler';
import { createChatSessions } from './chat-sessions';
import { createConversationChat } from './conversation-chat';
import { KEY_IN_MESSAGE_MESSAGES, keysToRefuse } from './key-guard';
import { recordingStreamer } from './testing/recording-streamer';

const immediate: Scheduler = {
  now: () => 0,
  schedule(fn) {
    queueMicrotask(fn);
    return () => {};
  },
};

/** The stored key, as the vault would hold it. */
const CURRENT_KEY = `sk-or-v1-${'5e1d9a7c3b2f4086'.repeat(4)}`;
/** A key main has never seen, shaped like a real one. */
const OTHER_KEY = `sk-or-v1-${'0a9b8c7d6e5f4a3b'.repeat(4)}`;

let streamCount = 0;
const streamId = () => `00000000-0000-4000-8000-${String(++streamCount).padStart(12, '0')}`;

async function setup(opts: { currentKey?: string; settings?: Partial<Settings> } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'sb-key-guard-'));
  const history = createHistoryStore({ dir, log: createMemoryLogger() });
  await history.init();
  const streamer = recordingStreamer();
  const sessions = createChatSessions({ client: streamer, log: createMemoryLogger(), scheduler: immediate });
  const currentKey = opts.currentKey ?? CURRENT_KEY;
  const chat = createConversationChat({
    history,
    sessions,
    settings: () => ({ ...DEFAULT_SETTINGS, ...opts.settings }),
    noteModelUsed: async () => {},
    log: createMemoryLogger(),
    knownKeys: () => [currentKey],
  });
  const target = () => ({ streamId: streamId(), windowId: 1, deliver: () => {} });
  /** Every file under the data directory, read as text. */
  const files = async (): Promise<string> => {
    await history.flush();
    const names = await readdir(dir, { recursive: true, withFileTypes: true });
    const texts = await Promise.all(
      names.filter((e) => e.isFile()).map((e) => readFile(join(e.parentPath, e.name), 'utf8')),
    );
    return texts.join('\n');
  };
  return { history, streamer, sessions, chat, target, files };
}

async function refusal(promise: Promise<unknown>): Promise<AppFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return error as AppFailure;
}

describe('a key in what would be sent is refused in main', () => {
  it('send: the current key is refused; no request, nothing in history or on disk', async () => {
    const { history, streamer, sessions, chat, target, files } = await setup();
    const conversation = await history.create({ model: 'm' });
    const failure = await refusal(
      chat.send(
        { conversationId: conversation.id, content: `my key:\n${CURRENT_KEY}\nthanks`, model: 'm' },
        target(),
      ),
    );
    expect(failure.error.code).toBe('key_in_message');
    expect(failure.error.message).toBe(englishErrorText(KEY_IN_MESSAGE_MESSAGES.knownKey));
    expect(failure.error.messageId).toBe('errors.chat.keyInMessage');
    expect(failure.error.message).toMatch(/remove the key/);
    expect(failure.error.message).toMatch(/revoke it/);
    await sessions.settle();
    expect(streamer.requests).toEqual([]);
    expect(sessions.activeCount).toBe(0);
    expect(await history.allMessages(conversation.id)).toEqual([]);
    expect(await files()).not.toContain(CURRENT_KEY.slice(9));
  });

  it('send: a key that does not look like one is refused when it is the current key', async () => {
    const { history, streamer, chat, target } = await setup({ currentKey: 'sk-or-v1-abc' });
    const conversation = await history.create({ model: 'm' });
    const failure = await refusal(
      chat.send({ conversationId: conversation.id, content: 'is SK-OR-V1-ABC right?', model: 'm' }, target()),
    );
    expect(failure.error.code).toBe('key_in_message');
    expect(streamer.requests).toEqual([]);
  });

  it('send: anything shaped like a key is refused, also split over lines', async () => {
    const { history, streamer, chat, target, files } = await setup();
    const conversation = await history.create({ model: 'm' });
    for (const content of [
      `try (${OTHER_KEY}).`,
      `${OTHER_KEY.slice(0, 40)}\n${OTHER_KEY.slice(40)}`,
      `\`${OTHER_KEY.toUpperCase()}\``,
    ]) {
      const failure = await refusal(
        chat.send({ conversationId: conversation.id, content, model: 'm' }, target()),
      );
      expect(failure.error).toEqual(errorWithText('key_in_message', KEY_IN_MESSAGE_MESSAGES.keyShaped));
    }
    expect(streamer.requests).toEqual([]);
    expect(await history.allMessages(conversation.id)).toEqual([]);
    expect((await files()).toLowerCase()).not.toContain(OTHER_KEY.slice(9, 40));
  });

  it('send: talking about keys is still allowed', async () => {
    const { history, streamer, sessions, chat, target } = await setup();
    const conversation = await history.create({ model: 'm' });
    await chat.send(
      {
        conversationId: conversation.id,
        content:
          'My key shows as sk-or-v1-…3f2a; keys start with sk-or-, e.g. sk-or-v1-xxxxxxxxxxxxxxxxxxxxxxxx',
        model: 'm',
      },
      target(),
    );
    await sessions.settle();
    expect(streamer.requests).toHaveLength(1);
  });

  it('edit and resend: the edited text is refused before anything is written', async () => {
    const { history, streamer, sessions, chat, target, files } = await setup();
    const conversation = await history.create({ model: 'm' });
    const first = await chat.send(
      { conversationId: conversation.id, content: 'Hello', model: 'm' },
      target(),
    );
    await sessions.settle();
    await history.flush();
    const before = await history.allMessages(conversation.id);
    const treeBefore = await history.tree(conversation.id);
    const failure = await refusal(
      chat.editAndResend(
        {
          conversationId: conversation.id,
          messageId: first.userMessage.id,
          content: `use ${CURRENT_KEY}`,
          model: 'm',
        },
        target(),
      ),
    );
    expect(failure.error.code).toBe('key_in_message');
    await sessions.settle();
    expect(streamer.requests).toHaveLength(1); // only the first send
    expect(await history.allMessages(conversation.id)).toEqual(before);
    expect(await history.tree(conversation.id)).toEqual(treeBefore);
    expect(await files()).not.toContain(CURRENT_KEY.slice(9));
  });

  it('regenerate: an earlier message holding a key is not sent again, and nothing is written', async () => {
    const { history, streamer, sessions, chat, target } = await setup();
    const conversation = await history.create({ model: 'm' });
    // A message saved before this check existed (or imported) that holds the key.
    await history.appendUserMessage(conversation.id, `old message with ${CURRENT_KEY}`);
    const reply = await history.beginReply(conversation.id, { model: 'm' });
    await history.finishReply(conversation.id, reply.id, { status: 'complete', content: 'ok' });
    const before = await history.allMessages(conversation.id);
    const treeBefore = await history.tree(conversation.id);
    const failure = await refusal(
      chat.regenerate({ conversationId: conversation.id, fromMessageId: reply.id, model: 'm' }, target()),
    );
    expect(failure.error).toEqual(errorWithText('key_in_message', KEY_IN_MESSAGE_MESSAGES.earlier));
    await sessions.settle();
    expect(streamer.requests).toEqual([]);
    expect(await history.allMessages(conversation.id)).toEqual(before);
    expect(await history.tree(conversation.id)).toEqual(treeBefore);

    // Sending something new in that conversation would carry the old message too.
    const again = await refusal(
      chat.send({ conversationId: conversation.id, content: 'and now?', model: 'm' }, target()),
    );
    expect(again.error.message).toBe(englishErrorText(KEY_IN_MESSAGE_MESSAGES.earlier));
    expect(streamer.requests).toEqual([]);
    expect(await history.allMessages(conversation.id)).toEqual(before);

    // Editing that message to remove the key is the way out.
    const [old] = before;
    await chat.editAndResend(
      {
        conversationId: conversation.id,
        messageId: old?.id ?? '',
        content: 'old message, key removed',
        model: 'm',
      },
      target(),
    );
    await sessions.settle();
    expect(streamer.requests).toHaveLength(1);
    expect(JSON.stringify(streamer.requests)).not.toContain(CURRENT_KEY);
  });

  it('a key-shaped example in a model reply does not block the conversation', async () => {
    const { history, streamer, sessions, chat, target } = await setup();
    const conversation = await history.create({ model: 'm' });
    await history.appendUserMessage(conversation.id, 'How do I call OpenRouter from curl?');
    const reply = await history.beginReply(conversation.id, { model: 'm' });
    await history.finishReply(conversation.id, reply.id, {
      status: 'complete',
      content: `curl -H "Authorization: Bearer ${OTHER_KEY}" …`,
    });
    await chat.send({ conversationId: conversation.id, content: 'Thanks!', model: 'm' }, target());
    await sessions.settle();
    expect(streamer.requests).toHaveLength(1);
  });

  it('a reply that echoes the current key does block it', async () => {
    const { history, streamer, chat, target } = await setup();
    const conversation = await history.create({ model: 'm' });
    await history.appendUserMessage(conversation.id, 'Hi');
    const reply = await history.beginReply(conversation.id, { model: 'm' });
    await history.finishReply(conversation.id, reply.id, {
      status: 'complete',
      content: `your key ${CURRENT_KEY}`,
    });
    const failure = await refusal(
      chat.send({ conversationId: conversation.id, content: 'ok', model: 'm' }, target()),
    );
    expect(failure.error.message).toBe(englishErrorText(KEY_IN_MESSAGE_MESSAGES.earlier));
    expect(streamer.requests).toEqual([]);
  });

  it('a key in the system prompt is refused, whatever the message', async () => {
    const { history, streamer, chat, target } = await setup({
      settings: { systemPrompt: `Use ${CURRENT_KEY}` },
    });
    const conversation = await history.create({ model: 'm' });
    const failure = await refusal(
      chat.send({ conversationId: conversation.id, content: 'Hello', model: 'm' }, target()),
    );
    expect(failure.error).toEqual(errorWithText('key_in_message', KEY_IN_MESSAGE_MESSAGES.systemPrompt));
    expect(streamer.requests).toEqual([]);
    expect(await history.allMessages(conversation.id)).toEqual([]);
  });

  it('no refusal message repeats the key', () => {
    for (const message of Object.values(KEY_IN_MESSAGE_MESSAGES)) {
      // A message about a file names the file (as main cleaned it), never what the file held.
      const text = englishErrorText(typeof message === 'function' ? message('notes.txt') : message);
      expect(text).not.toMatch(/sk-or-\w/);
    }
  });
});

describe('keysToRefuse', () => {
  it('puts the current key first and keeps only registered secrets that are keys', () => {
    expect(
      keysToRefuse('proxy-token-123456', [
        'sk-or-v1-0123456789abcdef0123',
        'whatever was on the clipboard',
        'proxy-token-123456',
        'sk-or-short',
      ]),
    ).toEqual(['proxy-token-123456', 'sk-or-v1-0123456789abcdef0123']);
    expect(keysToRefuse(null, [])).toEqual([]);
  });
});

describe('a key in a system prompt about to be saved', () => {
  it('is refused with a reason; an ordinary prompt passes', async () => {
    const { chat } = await setup();
    expect(() => chat.refuseKeyInSystemPrompt(`Always use ${CURRENT_KEY}`)).toThrow(
      englishErrorText(KEY_IN_MESSAGE_MESSAGES.systemPromptNotSaved),
    );
    expect(() =>
      chat.refuseKeyInSystemPrompt(`key: ${OTHER_KEY.slice(0, 30)}\n${OTHER_KEY.slice(30)}`),
    ).toThrow(AppFailure);
    expect(() => chat.refuseKeyInSystemPrompt('Be brief. Keys look like sk-or-v1-…3f2a.')).not.toThrow();
    expect(() => chat.refuseKeyInSystemPrompt('')).not.toThrow();
  });
});
