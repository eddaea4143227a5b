import type { ChatMessage } from '../../../common/chat-types';
import { createSlicer } from './slicer';
import { countText } from './text-tokens';
import type { CountTokens } from './tokenizer';

/**
 * What the chat format adds around each message (role and separators), and once before the reply:
 * OpenAI's published rule for its chat models (openai-cookbook, "How to count tokens with tiktoken":
 * 3 per message plus the role's token, 3 to prime the reply). Other providers wrap messages
 * differently; a few tokens per message either way.
 */
export const TOKENS_PER_MESSAGE = 4;
export const TOKENS_PER_REPLY = 3;

/** Conversations whose counts are kept: the one being typed in, and a few recently switched from. */
const KEPT_CONVERSATIONS = 4;

interface Counts {
  /** Each message text's count, by the text itself (texts are shared with the history's cache). */
  messages: Map<string, number>;
  /** Each piece's count (text-tokens.ts): a reply still streaming, or the draft, re-counts its last piece only. */
  chunks: Map<string, number>;
}

/**
 * The prompt tokens of a context (the messages buildContext would send, then the draft), counted
 * once per text: the counts are kept per conversation, so while the person types only the draft's
 * changed piece is tokenized. Nothing needs to invalidate them: a text that changed (an edit, a reply
 * still streaming, a different system prompt) is a different key and is counted afresh, and each call
 * keeps only the texts it used, so the counts follow the history without listening to it.
 */
export function createContextTokens(count: () => Promise<CountTokens>) {
  const kept = new Map<string, Counts>();
  /** One count at a time: two concurrent first counts of a long conversation would do the work twice. */
  let queue: Promise<unknown> = Promise.resolve();

  const run = async (key: string, messages: readonly ChatMessage[], draft: string): Promise<number> => {
    const countTokens = await count();
    const previous = kept.get(key) ?? { messages: new Map(), chunks: new Map() };
    const next: Counts = { messages: new Map(), chunks: new Map() };
    const slicer = createSlicer();
    const chunkMemo = { known: previous.chunks, seen: next.chunks };
    let total = TOKENS_PER_REPLY;
    for (const m of messages) {
      let n = previous.messages.get(m.content) ?? next.messages.get(m.content);
      if (n === undefined) n = await countText(m.content, countTokens, chunkMemo, slicer);
      next.messages.set(m.content, n);
      total += n + TOKENS_PER_MESSAGE;
    }
    total += (await countText(draft, countTokens, chunkMemo, slicer)) + TOKENS_PER_MESSAGE;
    kept.delete(key);
    kept.set(key, next);
    for (const oldest of kept.keys()) {
      if (kept.size <= KEPT_CONVERSATIONS) break;
      kept.delete(oldest);
    }
    return total;
  };

  return {
    /** `key` is the conversation's id (or any stable name for a new conversation's context). */
    count(key: string, messages: readonly ChatMessage[], draft: string): Promise<number> {
      const result = queue.then(() => run(key, messages, draft));
      queue = result.catch(() => undefined);
      return result;
    },
    /** Drops a conversation's counts (it was deleted). */
    forget(key: string): void {
      kept.delete(key);
    },
  };
}

export type ContextTokens = ReturnType<typeof createContextTokens>;
