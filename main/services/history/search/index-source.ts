import { promises as fs } from 'node:fs';
import { CURRENT_FORMAT_VERSION } from '../store/conversation-file';
import type { StoreCore } from '../store/store-core';

/** What the search index needs from a conversation file. */
export interface IndexSource {
  conversation: { id: string; title: string };
  messages: ReadonlyArray<{ id: string; content: string; createdAt: string; status: string }>;
}

const KNOWN_STATUS = new Set(['complete', 'interrupted', 'cancelled', 'error']);

/**
 * A cheaper read for the start-up index build: JSON.parse and a structural check of what indexing
 * uses, without the full schema validation, which doubled the build's garbage (and main's resident
 * memory by ~55 MB on the benchmark history). Returns null whenever the file needs the full path —
 * an unknown format version, anything odd, a reply still marked streaming, or a summary that differs from the
 * list's — and the caller then uses `loadDoc`, which validates, migrates, settles and quarantines.
 * Every file is still fully validated whenever it is opened.
 */
export async function quickReadForIndex(core: StoreCore, id: string): Promise<IndexSource | null> {
  const entry = core.entries.get(id);
  if (!entry) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(core.layout.conversationFile(id), 'utf8'));
  } catch {
    return null;
  }
  const file = raw as { formatVersion?: unknown; conversation?: Record<string, unknown>; messages?: unknown };
  const meta = file.conversation;
  // Versions 1 and 2 hold the same fields that indexing reads (2 only adds optional ones).
  const version = file.formatVersion;
  if (typeof version !== 'number' || version < 1 || version > CURRENT_FORMAT_VERSION) return null;
  if (!meta || !Array.isArray(file.messages)) return null;
  const s = entry.summary;
  if (
    meta.id !== id ||
    meta.title !== s.title ||
    meta.updatedAt !== s.updatedAt ||
    meta.createdAt !== s.createdAt ||
    meta.model !== s.model ||
    file.messages.length !== s.messageCount
  ) {
    return null;
  }
  for (const m of file.messages as Array<Record<string, unknown>>) {
    if (typeof m !== 'object' || m === null) return null;
    if (typeof m.id !== 'string' || typeof m.content !== 'string' || typeof m.createdAt !== 'string')
      return null;
    if (typeof m.status !== 'string' || !KNOWN_STATUS.has(m.status)) return null;
  }
  return raw as IndexSource;
}
