import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Message } from '../../common/conversation-types';
import { createRng } from '../../e2e/emulator/rng';
import { type ConversationFile, serializeConversationFile } from '../../main/services/history';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../../main/services/private-files/private-files';
import { makeText, makeVocabulary, messageLength, type Vocabulary } from './text';

/**
 * Writes a synthetic history straight to disk in the v1 file format: no store, no fsync, many files in
 * flight, so 10,000 conversations take seconds, not minutes. No index.json: the first measured start
 * rebuilds it, as the app would.
 */
export interface GenerateOptions {
  dir: string;
  conversations: number;
  messages: number;
  seed: number;
}

export interface GenerateReport {
  conversations: number;
  messages: number;
  textChars: number;
  bytesOnDisk: number;
  ms: number;
  vocabulary: Vocabulary;
}

export async function generateHistory(opts: GenerateOptions): Promise<GenerateReport> {
  const started = performance.now();
  const random = createRng(opts.seed);
  const vocabulary = makeVocabulary(createRng(opts.seed + 1));
  const counts = splitMessages(random, opts.conversations, opts.messages);
  const dir = join(opts.dir, 'conversations');
  // Owner-only, as the app writes history: otherwise the first measured start would include the
  // one-time tightening of an earlier version's 0755/0644 tree (main/services/private-files).
  await ensurePrivateDir(opts.dir);
  await ensurePrivateDir(dir);
  const start = Date.UTC(2023, 0, 1);
  const span = 2 * 365 * 24 * 3600 * 1000;
  let textChars = 0;
  let bytesOnDisk = 0;
  let pending: Promise<void>[] = [];
  for (let c = 0; c < opts.conversations; c++) {
    const id = `bench${String(c).padStart(6, '0')}`;
    let at = start + Math.floor(random() * span);
    const createdAt = new Date(at).toISOString();
    const model = random() < 0.5 ? 'openai/gpt-4o' : 'anthropic/claude-sonnet-4';
    const messages: Message[] = [];
    for (let m = 0; m < (counts[c] ?? 0); m++) {
      const role = m % 2 === 0 ? 'user' : 'assistant';
      const content = makeText(random, vocabulary, messageLength(random, role));
      textChars += content.length;
      at += 1000 + Math.floor(random() * 600_000);
      messages.push({
        id: `m${m}`,
        role,
        content,
        reasoning: '',
        createdAt: new Date(at).toISOString(),
        model: role === 'assistant' ? model : null,
        status: 'complete',
        error: null,
        usage: role === 'assistant' ? { promptTokens: 100 + m, completionTokens: content.length >> 2 } : null,
        finishReason: role === 'assistant' ? 'stop' : null,
        generationId: role === 'assistant' ? `gen-${c}-${m}` : null,
      });
    }
    const firstUser = messages[0]?.content ?? 'Empty conversation';
    const file: ConversationFile = {
      formatVersion: 1,
      conversation: {
        id,
        title: firstUser.split(/\s+/).slice(0, 6).join(' ').slice(0, 60),
        createdAt,
        updatedAt: new Date(at).toISOString(),
        model,
      },
      messages,
    };
    const text = serializeConversationFile(file);
    bytesOnDisk += Buffer.byteLength(text);
    pending.push(fs.writeFile(join(dir, `${id}.json`), text, { mode: PRIVATE_FILE_MODE }));
    if (pending.length >= 64) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
  return {
    conversations: opts.conversations,
    messages: opts.messages,
    textChars,
    bytesOnDisk,
    ms: performance.now() - started,
    vocabulary,
  };
}

/** Messages per conversation: uneven like real use (many short chats, a few very long), summing exactly. */
function splitMessages(random: () => number, conversations: number, messages: number): number[] {
  const weights = Array.from({ length: conversations }, () => 0.2 + random() ** 3 * 10);
  const total = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.max(1, Math.floor((w / total) * messages)));
  let diff = messages - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % conversations) {
    const current = counts[i] ?? 1;
    if (diff > 0) {
      counts[i] = current + 1;
      diff--;
    } else if (current > 1) {
      counts[i] = current - 1;
      diff++;
    }
  }
  return counts;
}
