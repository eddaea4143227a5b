import type { ConversationSummary } from '../../../../common/conversation-types';
import { CONVERSATION_ID } from './layout';

/**
 * `index.json`: what the list needs for every conversation, so starting up does not open 10,000 files.
 *
 * It is only a cache. The conversation files are the truth; if the index is missing, unreadable, of
 * another version or stale, it is rebuilt from them (and nothing is quarantined for it). `size` and
 * `mtimeMs` are the file's as of our last write, so a start after a crash can tell which files changed
 * after the index was last written.
 */
export interface ConversationEntry {
  summary: ConversationSummary;
  /** The file holds a reply still marked `streaming` (a checkpoint), to be resolved on the next start. */
  streaming: boolean;
  size: number;
  mtimeMs: number;
}

export const INDEX_FORMAT_VERSION = 1;

export type IndexReadResult = { ok: true; entries: ConversationEntry[] } | { ok: false; reason: string };

/**
 * Checked by hand rather than with zod: this runs on every start, before the list can be shown, and
 * zod took ~100 ms (cold) for 10,000 entries against ~3 ms for this loop. Any doubt means a rebuild.
 */
export function parseIndex(text: string): IndexReadResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'index.json is not valid JSON' };
  }
  const file = raw as { formatVersion?: unknown; kind?: unknown; conversations?: unknown } | null;
  if (file?.formatVersion !== INDEX_FORMAT_VERSION || file.kind !== 'switchboard-history-index') {
    return { ok: false, reason: 'index.json is of another format or version' };
  }
  if (!Array.isArray(file.conversations)) return { ok: false, reason: 'index.json has no conversation list' };
  const entries: ConversationEntry[] = [];
  for (const item of file.conversations as unknown[]) {
    const entry = toEntry(item);
    if (!entry) return { ok: false, reason: 'index.json has an invalid entry' };
    entries.push(entry);
  }
  return { ok: true, entries };
}

function toEntry(item: unknown): ConversationEntry | null {
  if (typeof item !== 'object' || item === null) return null;
  const e = item as Record<string, unknown>;
  const { id, title, createdAt, updatedAt, messageCount, model, streaming, size, mtimeMs } = e;
  if (typeof id !== 'string' || !CONVERSATION_ID.test(id)) return null;
  if (typeof title !== 'string' || typeof createdAt !== 'string' || typeof updatedAt !== 'string')
    return null;
  if (typeof messageCount !== 'number' || !Number.isInteger(messageCount) || messageCount < 0) return null;
  if (model !== null && typeof model !== 'string') return null;
  if (typeof streaming !== 'boolean' || typeof size !== 'number' || typeof mtimeMs !== 'number') return null;
  return { summary: { id, title, createdAt, updatedAt, messageCount, model }, streaming, size, mtimeMs };
}

export function serializeIndex(entries: Iterable<ConversationEntry>, writtenAt: Date): string {
  const conversations = [];
  for (const e of entries) {
    conversations.push({ ...e.summary, streaming: e.streaming, size: e.size, mtimeMs: e.mtimeMs });
  }
  // Compact: nobody reads the cache by hand, and it is rewritten often.
  return JSON.stringify({
    formatVersion: INDEX_FORMAT_VERSION,
    kind: 'switchboard-history-index',
    writtenAt: writtenAt.toISOString(),
    conversations,
  });
}
