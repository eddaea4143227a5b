/**
 * Issue 18, versions, through the composed services, the real OpenRouter client and the emulator: a
 * regenerated reply and an edited message are new versions (siblings) beside the old ones, which stay —
 * after a restart and in the JSON export too; a request after switching branches sends only the branch
 * shown. (Compare: compare-session.emulator.test.ts; the window's side: the renderer's tests.)
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../e2e/emulator/server';
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

async function session(dataDir: string) {
  const exports: string[] = [];
  const { services, ctx, batches } = await openEmulatorSession(emulator, {
    dataDir,
    dialogs: {
      chooseExportFile: async (name) => {
        const path = join(dataDir, name);
        exports.push(path);
        return path;
      },
      chooseImportFile: async () => null,
      chooseAttachFiles: async () => null,
      chooseAttachmentFile: async () => null,
      chooseImageFile: async () => null,
      chooseCsvFile: async () => null,
    },
  });
  return { services, ctx, batches, exports };
}

type Session = Awaited<ReturnType<typeof session>>;

const chatRequests = () => emulator.requests.filter((r) => r.path === '/api/v1/chat/completions');
/** The role and text of each message the last chat request sent. */
const lastSent = () => {
  const body = chatRequests().at(-1)?.body as
    | { messages?: Array<{ role: string; content: unknown }> }
    | undefined;
  return (body?.messages ?? []).map((m) => [m.role, m.content]);
};

async function send(s: Session, conversationId: string, content: string, model = 'openai/gpt-4o') {
  const sent = await s.services.handlers.sendMessage(
    { streamId: randomUUID(), conversationId, content, model },
    s.ctx,
  );
  await s.services.sessions.settle();
  return sent;
}

async function regenerate(
  s: Session,
  conversationId: string,
  fromMessageId: string,
  model = 'openai/gpt-4o',
) {
  const { assistantMessage } = await s.services.handlers.regenerate(
    { streamId: randomUUID(), conversationId, fromMessageId, model },
    s.ctx,
  );
  await s.services.sessions.settle();
  return assistantMessage;
}

/** The shape of a conversation's messages that these tests compare: id, parent, role, text, version. */
const shown = (messages: ReadonlyArray<{ id: string; role: string; content: string; branch?: unknown }>) =>
  messages.map((m) => ({ id: m.id, role: m.role, content: m.content, branch: m.branch ?? null }));

describe('versions against the emulator', () => {
  it('regenerate keeps the old reply as a sibling: both stored, the new one shown, after a restart and in the export', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-branches-emu-'));
    dirs.push(dataDir);
    const s = await session(dataDir);
    const conversation = await s.services.history.create({ model: 'openai/gpt-4o' });
    const first = await send(s, conversation.id, 'Hello');
    // A different length of reply, so the two versions' texts differ.
    const second = await regenerate(s, conversation.id, first.assistantMessage.id, 'emulator/tokens-12');

    const tree = await s.services.history.tree(conversation.id);
    expect(tree.messages.map((m) => [m.id, m.parentId ?? null])).toEqual([
      [first.userMessage.id, null],
      [first.assistantMessage.id, first.userMessage.id],
      [second.id, first.userMessage.id],
    ]);
    expect(tree.activeLeafId).toBe(second.id);
    const visible = await s.services.history.allMessages(conversation.id);
    expect(visible.map((m) => m.id)).toEqual([first.userMessage.id, second.id]);
    expect(visible[1]?.branch).toMatchObject({ index: 1, count: 2 });
    expect(visible[1]?.content).not.toBe(tree.messages[1]?.content);
    // The new version was asked with the messages before the old one, nothing more.
    expect(lastSent()).toEqual([['user', 'Hello']]);
    const before = shown(visible);
    await s.services.shutdown();

    const again = await session(dataDir);
    expect(shown(await again.services.history.allMessages(conversation.id))).toEqual(before);
    expect((await again.services.history.tree(conversation.id)).messages).toHaveLength(3);
    const exported = await again.services.handlers.exportHistory(
      { conversationId: conversation.id, format: 'json' },
      again.ctx,
    );
    expect(exported.saved).toBe(true);
    const text = await readFile(again.exports.at(-1) as string, 'utf8');
    expect(text).toContain(first.assistantMessage.id);
    expect(text).toContain(second.id);
    await again.services.shutdown();
  });

  it('edit keeps the old message and its reply; the new text is a sibling with its own reply', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-branches-emu-'));
    dirs.push(dataDir);
    const s = await session(dataDir);
    const conversation = await s.services.history.create({ model: 'openai/gpt-4o' });
    const first = await send(s, conversation.id, 'Hello');
    const second = await send(s, conversation.id, 'Tell me more');
    const edited = await s.services.handlers.editAndResend(
      {
        streamId: randomUUID(),
        conversationId: conversation.id,
        messageId: second.userMessage.id,
        content: 'Tell me less',
        model: 'openai/gpt-4o',
      },
      s.ctx,
    );
    await s.services.sessions.settle();
    const tree = await s.services.history.tree(conversation.id);
    // The edit was sent with the messages before the edited one, and the new text.
    expect(lastSent()).toEqual([
      ['user', 'Hello'],
      ['assistant', tree.messages[1]?.content],
      ['user', 'Tell me less'],
    ]);
    expect(tree.messages.map((m) => [m.id, m.parentId ?? null])).toEqual([
      [first.userMessage.id, null],
      [first.assistantMessage.id, first.userMessage.id],
      [second.userMessage.id, first.assistantMessage.id],
      [second.assistantMessage.id, second.userMessage.id],
      [edited.userMessage.id, first.assistantMessage.id],
      [edited.assistantMessage.id, edited.userMessage.id],
    ]);
    const visible = await s.services.history.allMessages(conversation.id);
    expect(visible.map((m) => m.id)).toEqual([
      first.userMessage.id,
      first.assistantMessage.id,
      edited.userMessage.id,
      edited.assistantMessage.id,
    ]);
    expect(visible[2]?.branch).toMatchObject({ index: 1, count: 2 });
    await s.services.shutdown();
  });

  it('editing the first message makes a second first message', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-branches-emu-'));
    dirs.push(dataDir);
    const s = await session(dataDir);
    const conversation = await s.services.history.create({ model: 'openai/gpt-4o' });
    const first = await send(s, conversation.id, 'Hello');
    const edited = await s.services.handlers.editAndResend(
      {
        streamId: randomUUID(),
        conversationId: conversation.id,
        messageId: first.userMessage.id,
        content: 'Good morning',
        model: 'openai/gpt-4o',
      },
      s.ctx,
    );
    await s.services.sessions.settle();
    expect(lastSent()).toEqual([['user', 'Good morning']]);
    expect(edited.userMessage.parentId ?? null).toBeNull();
    const tree = await s.services.history.tree(conversation.id);
    expect(tree.messages).toHaveLength(4);
    const visible = await s.services.history.allMessages(conversation.id);
    expect(visible.map((m) => m.id)).toEqual([edited.userMessage.id, edited.assistantMessage.id]);
    await s.services.shutdown();
  });

  it('after switching back to the old version, the next request sends only the branch shown', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-branches-emu-'));
    dirs.push(dataDir);
    const s = await session(dataDir);
    const conversation = await s.services.history.create({ model: 'openai/gpt-4o' });
    const first = await send(s, conversation.id, 'Hello');
    const second = await regenerate(s, conversation.id, first.assistantMessage.id, 'emulator/tokens-12');
    const [oldText, newText] = await (async () => {
      const tree = await s.services.history.tree(conversation.id);
      return [tree.messages[1]?.content, tree.messages[2]?.content];
    })();
    expect(second.id).toBe((await s.services.history.tree(conversation.id)).messages[2]?.id);
    expect(oldText).not.toBe(newText);

    const switched = await s.services.handlers.switchBranch(
      { conversationId: conversation.id, messageId: first.assistantMessage.id },
      s.ctx,
    );
    expect(switched).toEqual({ leafId: first.assistantMessage.id });
    await send(s, conversation.id, 'And then?');
    expect(lastSent()).toEqual([
      ['user', 'Hello'],
      ['assistant', oldText],
      ['user', 'And then?'],
    ]);
    await s.services.shutdown();
  });
});
