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
  const file = raw as {
    formatVersion?: unknown;
    conversation?: Record<string, unknown>;
    messages?: unknown;
    activeLeafId?: unknown;
  };
  const meta = file.conversation;
  // Versions 1 to 3 hold the same fields that indexing reads (2 and 3 only add fields). Every message
  // of every branch is indexed; the summary counts only the visible path (see visibleLength).
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
    visibleLength(file.messages, file.activeLeafId, version) !== s.messageCount
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

/**
 * How many messages the visible path of a raw file holds (the summary's `messageCount`), without
 * validating it: anything odd gives -1, so the caller takes the full path (which repairs and reports).
 */
function visibleLength(messages: unknown[], activeLeafId: unknown, version: number): number {
  if (version < 3) return messages.length;
  if (activeLeafId === null) return messages.length === 0 ? 0 : -1;
  const parents = new Map<unknown, unknown>();
  for (const m of messages as Array<{ id?: unknown; parentId?: unknown } | null>) {
    if (typeof m !== 'object' || m === null) return -1;
    parents.set(m.id, m.parentId);
  }
  let length = 0;
  let id: unknown = activeLeafId;
  while (typeof id === 'string') {
    if (!parents.has(id) || length > messages.length) return -1;
    length++;
    id = parents.get(id);
  }
  return id === null ? length : -1;
}
