import { promises as fs } from 'node:fs';
import type { ConversationSummary, QuarantineNotice } from '../../../../common/conversation-types';
import { appError } from '../../../../common/errors';
import { describeError } from '../../../../common/redact';
import type { Logger } from '../../log/logger';
import type { KeyedQueue } from '../../shared/serial-queue';
import type { AttachmentGuard } from './attachment-guard';
import type { ChangeFeed, HistoryChange } from './change-events';
import type { ConversationCache } from './conversation-cache';
import {
  type ConversationFile,
  CURRENT_FORMAT_VERSION,
  serializeConversationFile,
} from './conversation-file';
import { repairTree, visiblePath } from './conversation-tree';
import { writeFileDurably } from './files';
import type { ConversationEntry } from './index-file';
import type { Layout } from './layout';
import { decodeConversationText } from './migrations';
import { keepRepairedOriginal, quarantineFile, recoverTitle } from './quarantine';
import type { TreeRepair, UnusableWhy } from './quarantine-reasons';
import { errnoOf, errorValueText, type StorageAction } from './storage-errors';

/**
 * State shared by the store's parts, and the two ways they touch a conversation file: `loadDoc` and
 * `persistDoc`. Both must run inside `queue.run(id, …)` for that conversation. What a write changed is
 * emitted on `changes` (change-events.ts).
 */
export interface StoreCore {
  layout: Layout;
  log: Logger;
  now: () => Date;
  newId: () => string;
  queue: KeyedQueue;
  entries: Map<string, ConversationEntry>;
  cache: ConversationCache;
  /** `${conversationId}:${messageId}` of replies streaming in this session (their status is real). */
  liveReplies: Set<string>;
  notices: QuarantineNotice[];
  /**
   * Files whose damaged tree was repaired and reported this session (`id:size:mtime`), so re-reading
   * the same file (the cache let it go) does not report it twice.
   */
  repairsReported: Set<string>;
  /** What each write changed, for those that follow the history (search). */
  changes: ChangeFeed;
  /** Marks the content hashes in use while the attachment sweep runs (attachment-guard.ts). */
  attachmentGuard: AttachmentGuard;
  /** Files may now be named by nothing (a failed write after its files): a sweep is owed. */
  filesMayBeUnused(): Promise<void>;
  /** Summaries changed: the list order and index.json need refreshing. */
  entriesChanged(): void;
  /** A conversation left the list (deleted, quarantined, missing): its streaming replies stop. */
  conversationDropped(id: string): void;
  onQuarantine(notice: QuarantineNotice): void;
}

export const replyKey = (conversationId: string, messageId: string) => `${conversationId}:${messageId}`;

export function notFound(): Error {
  return appError('validation', { id: 'errors.history.conversationGone' });
}

export function summaryOf(doc: ConversationFile): ConversationSummary {
  const { id, title, createdAt, updatedAt, model } = doc.conversation;
  // The visible path: what the conversation shows (and sends), not every version ever made.
  return { id, title, createdAt, updatedAt, messageCount: visiblePath(doc).length, model };
}

function sameSummary(a: ConversationSummary, b: ConversationSummary): boolean {
  return (
    a.title === b.title &&
    a.createdAt === b.createdAt &&
    a.updatedAt === b.updatedAt &&
    a.messageCount === b.messageCount &&
    a.model === b.model
  );
}

/**
 * A `streaming` message that no stream of this session is writing was cut off by a crash or a quit:
 * it becomes `interrupted`, text kept, so the UI offers to regenerate it.
 */
export function settleOrphanedReplies(core: Pick<StoreCore, 'liveReplies'>, doc: ConversationFile): boolean {
  let changed = false;
  for (const m of doc.messages) {
    if (m.status === 'streaming' && !core.liveReplies.has(replyKey(doc.conversation.id, m.id))) {
      m.status = 'interrupted';
      changed = true;
    }
  }
  return changed;
}

export type ReadOutcome =
  | { kind: 'ok'; doc: ConversationFile; size: number; mtimeMs: number }
  | { kind: 'missing' }
  | { kind: 'quarantined'; notice: QuarantineNotice };

/**
 * Reads and decodes one conversation file; an unusable one is quarantined here. Orphaned streaming
 * replies are settled and written back. Does not touch `entries` or the cache.
 */
export async function readConversation(
  core: StoreCore,
  id: string,
  knownTitle: string | null,
): Promise<ReadOutcome> {
  const path = core.layout.conversationFile(id);
  let text: string;
  let stat: { size: number; mtimeMs: number };
  try {
    text = await fs.readFile(path, 'utf8');
    stat = await fs.stat(path);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return { kind: 'missing' };
    return quarantine(core, {
      path,
      id,
      title: knownTitle,
      why: { why: 'unreadable', detail: describeError(error) },
    });
  }
  const decoded = decodeConversationText(text, id);
  if (decoded.kind === 'newer') {
    return quarantine(core, {
      path,
      id,
      title: recoverTitle(text) ?? knownTitle,
      why: { why: 'newer', version: decoded.version, current: CURRENT_FORMAT_VERSION },
    });
  }
  if (decoded.kind === 'invalid') {
    return quarantine(core, {
      path,
      id,
      title: recoverTitle(text) ?? knownTitle,
      why: decoded.why,
    });
  }
  const doc = decoded.value;
  const repairs = repairTree(doc);
  if (repairs.length > 0) await reportRepair(core, { path, id, doc, repairs, stat });
  if (settleOrphanedReplies(core, doc)) {
    // Best effort: if this write fails the message is still shown as interrupted, and settled next time.
    try {
      stat = await writeFileDurably(path, serializeConversationFile(doc), 'saveInterruptedReply');
    } catch (error) {
      core.log.warn('could not rewrite an interrupted reply', {
        conversationId: id,
        error: describeError(error),
      });
    }
  }
  return { kind: 'ok', doc, size: stat.size, mtimeMs: stat.mtimeMs };
}

/**
 * A damaged tree was repaired in memory (conversation-tree.ts): the file as it was is copied into
 * quarantine/ with a note saying what was changed, and the person is told. The repaired tree is written
 * with the conversation's next change (or at once, if an interrupted reply is settled).
 */
async function reportRepair(
  core: StoreCore,
  what: {
    path: string;
    id: string;
    doc: ConversationFile;
    repairs: TreeRepair[];
    stat: { size: number; mtimeMs: number };
  },
): Promise<void> {
  const key = `${what.id}:${what.stat.size}:${what.stat.mtimeMs}`;
  if (core.repairsReported.has(key)) return;
  core.repairsReported.add(key);
  const notice = await keepRepairedOriginal(
    core.layout,
    {
      sourcePath: what.path,
      conversationId: what.id,
      title: what.doc.conversation.title,
      repairs: what.repairs,
    },
    core.now(),
    core.log,
  );
  const repaired = { ...notice, kind: 'repaired' as const };
  core.notices.push(repaired);
  core.onQuarantine(repaired);
}

async function quarantine(
  core: StoreCore,
  what: { path: string; id: string; title: string | null; why: UnusableWhy },
): Promise<ReadOutcome> {
  const notice = await quarantineFile(
    core.layout,
    { sourcePath: what.path, conversationId: what.id, title: what.title, why: what.why },
    core.now(),
    core.log,
  );
  core.notices.push(notice);
  core.onQuarantine(notice);
  return { kind: 'quarantined', notice };
}

/** Records what a read or write found: summary, streaming flag, file identity. */
export function recordEntry(
  core: StoreCore,
  doc: ConversationFile,
  file: { size: number; mtimeMs: number },
): void {
  const id = doc.conversation.id;
  const summary = summaryOf(doc);
  const streaming = doc.messages.some((m) => m.status === 'streaming');
  const previous = core.entries.get(id);
  core.entries.set(id, { summary, streaming, size: file.size, mtimeMs: file.mtimeMs });
  if (!previous || !sameSummary(previous.summary, summary) || previous.streaming !== streaming)
    core.entriesChanged();
}

/** The conversation's current document, from the cache or its file. Inside the conversation's queue. */
export async function loadDoc(core: StoreCore, id: string, opts: { keep: boolean } = { keep: true }) {
  const entry = core.entries.get(id);
  if (!entry) throw notFound();
  const cached = core.cache.get(id);
  if (cached) return cached;
  const outcome = await readConversation(core, id, entry.summary.title);
  if (outcome.kind === 'missing') {
    core.log.warn('a conversation file disappeared', { conversationId: id });
    dropEntry(core, id, 'missing');
    throw notFound();
  }
  if (outcome.kind === 'quarantined') {
    dropEntry(core, id, 'quarantined');
    // Why, as the notice's catalog values (`why` and its details), so a window words it in its language.
    throw appError('validation', {
      id: 'errors.history.conversationQuarantined',
      values: {
        ...outcome.notice.reasonValues,
        title: entry.summary.title,
        path: errorValueText(outcome.notice.path),
      },
    });
  }
  recordEntry(core, outcome.doc, outcome);
  if (opts.keep) core.cache.set(id, outcome.doc);
  return outcome.doc;
}

export function dropEntry(
  core: StoreCore,
  id: string,
  reason: Extract<HistoryChange, { kind: 'conversation-removed' }>['reason'],
): void {
  core.cache.delete(id);
  if (core.entries.delete(id)) core.entriesChanged();
  core.conversationDropped(id);
  core.changes.emit({ kind: 'conversation-removed', conversationId: id, reason });
}

/**
 * Writes the document atomically, then records it and emits `changes` — what this write changed; at
 * least one, so no write path can leave those following the history (search) behind. On failure the
 * cached copy is dropped (disk wins) and nothing is emitted.
 */
export async function persistDoc(
  core: StoreCore,
  doc: ConversationFile,
  action: StorageAction,
  changes: readonly [HistoryChange, ...HistoryChange[]],
): Promise<void> {
  const id = doc.conversation.id;
  // Before the write: from here on, a running sweep keeps every file this conversation names.
  core.attachmentGuard.markDoc(doc);
  try {
    const file = await writeFileDurably(
      core.layout.conversationFile(id),
      serializeConversationFile(doc),
      action,
    );
    core.cache.set(id, doc);
    recordEntry(core, doc, file);
  } catch (error) {
    core.cache.delete(id);
    throw error;
  }
  for (const change of changes) core.changes.emit(change);
}
