/**
 * Issue 18: a conversation of 2,000 messages with 500 branch points, written as a format-3 history
 * file (main/services/history/README.md: `parentId` on every message, `activeLeafId`). Each branch point
 * is a person's message with two replies, the earlier one a hidden version (as Regenerate leaves it),
 * so 1,500 messages are on the visible path and 500 are reachable only with the version buttons.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Message } from '../../common/conversation-types';
import { type ConversationFile, serializeConversationFile } from '../../main/services/history';

export const BRANCHED_MESSAGES = 2_000;
export const BRANCH_POINTS = 500;

function text(i: number, role: Message['role'], hidden: boolean): string {
  if (role === 'user') return `Question ${i}: what changes if we look at case ${i % 41} again?`;
  const version = hidden ? 'An earlier version' : 'The answer';
  return `${version} for **${i}**.\n\n- a point about ${i % 13}\n- another point\n\nA closing line with \`code\`.`;
}

function message(
  id: string,
  i: number,
  role: Message['role'],
  parentId: string | null,
  at: number,
  hidden = false,
): Message {
  return {
    id,
    role,
    content: text(i, role, hidden),
    reasoning: '',
    createdAt: new Date(at).toISOString(),
    model: role === 'user' ? null : 'openai/gpt-4o-mini',
    status: 'complete',
    error: null,
    usage: role === 'user' ? null : { promptTokens: 100, completionTokens: 80, cost: 0.0001 },
    finishReason: role === 'user' ? null : 'stop',
    generationId: role === 'user' ? null : `gen-${id}`,
    parentId,
  };
}

/** Seeds the branched conversation; a larger `age` makes it older. Returns the visible path's length. */
export async function seedBranchedConversation(
  dataDir: string,
  id: string,
  title: string,
  age: number,
): Promise<{ visible: number }> {
  const dir = join(dataDir, 'history', 'conversations');
  await mkdir(dir, { recursive: true });
  const start = Date.UTC(2026, 0, 1) - age * 86_400_000;
  const messages: Message[] = [];
  const exchanges = (BRANCHED_MESSAGES - BRANCH_POINTS) / 2;
  // Branch points spread evenly over the exchanges (Bresenham-style: exactly BRANCH_POINTS of them).
  const branchesAt = (e: number) =>
    Math.floor(((e + 1) * BRANCH_POINTS) / exchanges) > Math.floor((e * BRANCH_POINTS) / exchanges);
  let parent: string | null = null;
  let visible = 0;
  for (let e = 0; e < exchanges; e++) {
    const at = start + messages.length * 60_000;
    const user = message(`u${e}`, e, 'user', parent, at);
    messages.push(user);
    if (branchesAt(e)) {
      messages.push(message(`h${e}`, e, 'assistant', user.id, at + 30_000, true));
    }
    const reply = message(`a${e}`, e, 'assistant', user.id, at + 60_000);
    messages.push(reply);
    parent = reply.id;
    visible += 2;
  }
  if (messages.length !== BRANCHED_MESSAGES) throw new Error(`seeded ${messages.length} messages`);
  const file: ConversationFile = {
    formatVersion: 3,
    conversation: {
      id,
      title,
      createdAt: new Date(start).toISOString(),
      updatedAt: new Date(start + BRANCHED_MESSAGES * 60_000).toISOString(),
      model: 'openai/gpt-4o-mini',
    },
    messages,
    activeLeafId: parent,
  };
  await writeFile(join(dir, `${id}.json`), serializeConversationFile(file));
  return { visible };
}
