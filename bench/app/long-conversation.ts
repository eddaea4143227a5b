import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Message } from '../../common/conversation-types';
import { type ConversationFile, serializeConversationFile } from '../../main/services/history';

/**
 * The app benchmark's long conversations: alternating questions and Markdown answers (a list, a
 * link, inline code, and a fenced TypeScript block in every third answer), written straight to the
 * history folder as main would have stored them.
 */
export function messageText(i: number): string {
  if (i % 2 === 0) return `Question ${i}: how would you explain topic ${i % 37} to a new colleague?`;
  const code =
    i % 6 === 1 ? `\n\n\`\`\`ts\nexport function f${i}(x: number) {\n  return x * ${i};\n}\n\`\`\`\n` : '';
  return `Here is an answer for **${i}**.\n\n- first point about ${i % 11}\n- second point${code}\n\nA closing paragraph with \`inline code\` and a [link](https://example.com/${i}).`;
}

/** Seeds one conversation of `count` messages; a larger `age` makes it older (never the most recent). */
export async function seedConversation(
  dataDir: string,
  opts: { id: string; title: string; age: number; count: number },
): Promise<void> {
  const { id, title, age, count } = opts;
  const dir = join(dataDir, 'history', 'conversations');
  await mkdir(dir, { recursive: true });
  const start = Date.UTC(2026, 0, 1) - age * 86_400_000;
  const messages: Message[] = Array.from({ length: count }, (_, i) => ({
    id: `m${i}`,
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: messageText(i),
    reasoning: '',
    createdAt: new Date(start + i * 60_000).toISOString(),
    model: i % 2 === 0 ? null : 'openai/gpt-4o-mini',
    status: 'complete',
    error: null,
    usage: i % 2 === 0 ? null : { promptTokens: 100, completionTokens: 80, cost: 0.0001 },
    finishReason: i % 2 === 0 ? null : 'stop',
    generationId: i % 2 === 0 ? null : `gen-${i}`,
  }));
  const file: ConversationFile = {
    formatVersion: 1,
    conversation: {
      id,
      title,
      createdAt: new Date(start).toISOString(),
      updatedAt: new Date(start + count * 60_000).toISOString(),
      model: 'openai/gpt-4o-mini',
    },
    messages,
  };
  await writeFile(join(dir, `${id}.json`), serializeConversationFile(file));
}
