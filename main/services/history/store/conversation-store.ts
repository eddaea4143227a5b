import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { Attachment } from '../../../../common/attachment-types';
import {
  ConversationIdSchema,
  type ConversationSummary,
  type Message,
  MessageIdSchema,
} from '../../../../common/conversation-types';
import { AppFailure, appError } from '../../../../common/errors';
import { describeError } from '../../../../common/redact';
import { isOpenToOthers, tightenTree } from '../../private-files/private-files';
import { timerScheduler } from '../../shared/scheduler';
import { createKeyedQueue } from '../../shared/serial-queue';
import type { AttachmentInput, HistoryStore, HistoryStoreOptions, ReplyFinal } from '../types';
import { readAttachmentFile, sha256Hex, storedSize, writeAttachmentFile } from './attachment-files';
import { createAttachmentGuard } from './attachment-guard';
import { type SweepHooks, type SweepReport, sweepAttachments } from './attachment-sweep';
import { createChangeFeed } from './change-events';
import { ConversationCache } from './conversation-cache';
import {
  type ConversationFile,
  CURRENT_FORMAT_VERSION,
  DEFAULT_TITLE,
  StoredAttachmentSchema,
  type StoredMessage,
} from './conversation-file';
import { branchOf, childrenByParent, leafFrom, repairTree, visiblePath } from './conversation-tree';
import { ensureDir, mapLimit, writeFileDurably } from './files';
import { moveImageFolder, readReplyImage } from './image-files';
import { createIndexWriter } from './index-writer';
import { layoutFor } from './layout';
import { loadHistory } from './load-history';
import { decodeConversationText } from './migrations';
import { createReplyCheckpoints } from './reply-checkpoints';
import { errorValueText, storageFailure } from './storage-errors';
import {
  dropEntry,
  loadDoc,
  notFound,
  persistDoc,
  replyKey,
  type StoreCore,
  settleOrphanedReplies,
  summaryOf,
} from './store-core';
import { normalizeTitle, titleFromMessage } from './title';
import { moveToTrash, parseUndoToken, purgeExpiredTrash, trashFile, trashImages } from './trash';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The limit of the shared ChatMessage schema: longer text could never be sent anyway. */
const MAX_MESSAGE_CHARS = 2_000_000;
/** The most files one message holds (the stored schema's limit). */
const MAX_ATTACHMENTS = 100;

const defaultId = () => randomBytes(12).toString('base64url');
/** How long a request for a reply's image waits for that reply to be finished (written). */
const IMAGE_WAIT_MS = 10_000;

function messageGone(): Error {
  return appError('validation', { id: 'errors.history.messageGone' });
}

function attachmentGone(): Error {
  return appError('validation', { id: 'errors.history.attachmentGone' });
}

function imageGone(): Error {
  return appError('validation', { id: 'errors.history.imageGone' });
}

/** The store's own methods; search, export and import are added by history-store.ts. */
export type ConversationStore = Omit<
  HistoryStore,
  'search' | 'searchStatus' | 'whenSearchReady' | 'exportConversation' | 'exportAll' | 'importJson'
>;

/** What the other rooms (search, transfer) need of the store, for history-store.ts to hand them. */
export interface StoreInternals {
  core: StoreCore;
  /** Throws unless init() has succeeded and close() has not been called. */
  ensureOpen(): void;
  /** Runs `task` on the conversation's document inside its queue (not found: rejects). */
  inConversation<T>(id: string, task: (doc: ConversationFile) => Promise<T>): Promise<T>;
  /**
   * Runs an attachment sweep now (after any running one) and resolves with its report (null: stopped
   * by close). Tests pass hooks; the store starts sweeps itself (see `requestSweep`).
   */
  sweepAttachments(hooks?: Partial<SweepHooks>): Promise<SweepReport | null>;
  /** Resolves when no sweep is running or requested. */
  whenAttachmentsSwept(): Promise<void>;
}

/**
 * The conversations on disk: plain JSON files under `dir`, one per conversation, written atomically;
 * see README.md in the history folder for the layout, the format and the guarantees. Every write
 * emits what it changed on `core.changes` (change-events.ts); this room knows nothing of who follows.
 */
export function createConversationStore(options: HistoryStoreOptions): {
  store: ConversationStore;
  internals: StoreInternals;
} {
  const layout = layoutFor(options.dir);
  const log = options.log;
  const now = options.now ?? (() => new Date());
  const scheduler = options.scheduler ?? timerScheduler;
  const retentionMs = (options.trashRetentionDays ?? 30) * DAY_MS;
  const idFactory = options.idFactory ?? defaultId;

  let state: 'new' | 'opening' | 'open' | 'closed' = 'new';
  let sorted: ConversationSummary[] | null = null;

  const newId = () => {
    const id = idFactory();
    if (!ConversationIdSchema.safeParse(id).success || !MessageIdSchema.safeParse(id).success) {
      throw appError('internal', { id: 'errors.history.invalidId' });
    }
    return id;
  };

  const core: StoreCore = {
    layout,
    log,
    now,
    newId,
    queue: createKeyedQueue(),
    entries: new Map(),
    cache: new ConversationCache(),
    liveReplies: new Set(),
    notices: [],
    repairsReported: new Set(),
    changes: createChangeFeed(),
    attachmentGuard: createAttachmentGuard(),
    filesMayBeUnused: () => requestSweep(),
    entriesChanged() {
      sorted = null;
      indexWriter.markDirty();
    },
    conversationDropped(id) {
      replies.stopConversation(id);
      for (const key of [...core.liveReplies]) if (key.startsWith(`${id}:`)) replySettled(key);
    },
    onQuarantine(notice) {
      if (state === 'open') options.onQuarantine?.(notice);
    },
  };

  /** Waiters for replies still live in this session: `replyImage` waits for the reply's final write. */
  const settleWaiters = new Map<string, Array<() => void>>();
  const replySettled = (key: string) => {
    core.liveReplies.delete(key);
    const waiters = settleWaiters.get(key);
    settleWaiters.delete(key);
    for (const wake of waiters ?? []) wake();
  };
  const whenReplySettled = (key: string) =>
    new Promise<void>((resolve) => {
      if (!core.liveReplies.has(key)) return resolve();
      const cancel = scheduler.schedule(resolve, IMAGE_WAIT_MS);
      settleWaiters.set(key, [
        ...(settleWaiters.get(key) ?? []),
        () => {
          cancel();
          resolve();
        },
      ]);
    });

  const replies = createReplyCheckpoints({
    core,
    scheduler,
    intervalMs: options.checkpointIntervalMs ?? 400,
    onPersisted: (event) => options.onReplyPersisted?.(event),
  });
  const indexWriter = createIndexWriter({ core, scheduler, delayMs: options.indexWriteDelayMs ?? 1000 });

  /**
   * Sweeps run one at a time, in the background; one asked for while another runs starts after it (a
   * file may have been released after the running scan passed its conversation).
   *
   * A sweep is owed when files may have been released (a truncate, a failed write): the marker file
   * `attachments-sweep-pending` records it until a sweep has run with no other one waiting, so one cut
   * short by a quit is run at the next start. Starts without a reason (no marker, no purge, no crash)
   * read nothing. Marker writes and removals go one at a time, in order.
   */
  let sweepTail: Promise<unknown> = Promise.resolve();
  let sweepsPending = 0;
  let markerTail: Promise<unknown> = Promise.resolve();
  const marker = (present: boolean) => {
    markerTail = markerTail
      .then(async () => {
        if (!present) return fs.rm(layout.sweepPending, { force: true });
        await writeFileDurably(
          layout.sweepPending,
          // i18n-ignore: a marker file's body inside the history folder, never shown by the app
          'Switchboard will remove attachment files no conversation uses.\n',
          'notePendingCleanup',
        );
      })
      .catch((error: unknown) =>
        log.warn('could not note the pending attachment clean-up', { error: describeError(error) }),
      );
    return markerTail;
  };
  const runSweep = (hooks: Partial<SweepHooks> = {}): Promise<SweepReport | null> => {
    sweepsPending++;
    // After the running sweep, and after the marker saying one is owed is on disk.
    const run = Promise.all([sweepTail, markerTail]).then(async () => {
      if (state !== 'open') return null;
      const report = await sweepAttachments(core, { stopped: () => state !== 'open', ...hooks });
      // Done, and nothing asked for since it began: nothing is owed any more.
      if (report !== null && sweepsPending === 1) await marker(false);
      return report;
    });
    sweepTail = run
      .catch((error: unknown) => {
        log.warn('the attachment sweep stopped', { error: describeError(error) });
      })
      .finally(() => {
        sweepsPending--;
      });
    return run;
  };
  /** Files may be named by nothing now: note it (on disk) and sweep in the background. */
  const requestSweep = async () => {
    if (options.sweepAttachments === false) return;
    const noted = marker(true);
    // One waiting is enough: it starts after the running one and sees everything released before.
    if (sweepsPending <= 1) void runSweep().catch(() => undefined);
    await noted;
  };

  /**
   * Messages for the window: an attachment whose file is gone (or is not its recorded size) gets
   * `missing: true`. One `stat` per distinct file of the page, no hashing: a damaged file of the right
   * size is found when it is read (`attachment`, `attachmentBytes`).
   */
  const flagMissing = async (messages: Message[]): Promise<Message[]> => {
    const sizes = new Map<string, number>();
    for (const m of messages) for (const a of m.attachments ?? []) sizes.set(a.sha256, a.byteLength);
    if (sizes.size === 0) return messages;
    const hashes = [...sizes.keys()];
    const found = await mapLimit(hashes, 16, (sha) => storedSize(layout, sha).catch(() => null));
    const gone = new Set(hashes.filter((sha, i) => found[i] !== sizes.get(sha)));
    if (gone.size === 0) return messages;
    for (const m of messages) {
      if (!m.attachments?.some((a) => gone.has(a.sha256))) continue;
      m.attachments = m.attachments.map((a) => (gone.has(a.sha256) ? { ...a, missing: true } : a));
    }
    return messages;
  };

  /**
   * Writes the new files (or checks that re-used ones are stored), each under its hash's lock so a
   * running sweep keeps it (attachment-guard.ts). Throws, naming the file, when a re-used one is gone.
   */
  const storeAttachmentFiles = async (files: ReadonlyArray<{ stored: Attachment; bytes?: Uint8Array }>) => {
    for (const { stored, bytes } of files) {
      if (bytes !== undefined) {
        await core.attachmentGuard.claim(stored.sha256, () =>
          writeAttachmentFile(layout, stored.sha256, bytes),
        );
        continue;
      }
      const size = await core.attachmentGuard.claim(stored.sha256, () => storedSize(layout, stored.sha256));
      if (size !== stored.byteLength) {
        throw appError('validation', {
          id: 'errors.history.attachmentNotStored',
          values: { name: stored.name },
        });
      }
    }
  };

  /** The attachments of a new message, checked (bytes against the reference); before any write. */
  const checkAttachmentInputs = (
    inputs: readonly AttachmentInput[],
  ): Array<{ stored: Attachment; bytes?: Uint8Array }> => {
    if (inputs.length > MAX_ATTACHMENTS)
      throw appError('validation', {
        id: 'errors.history.tooManyAttachments',
        values: { max: MAX_ATTACHMENTS },
      });
    return inputs.map((input) => {
      const parsed = StoredAttachmentSchema.safeParse(input?.attachment);
      if (!parsed.success) {
        throw appError('validation', { id: 'errors.history.attachmentDescriptionInvalid' });
      }
      const stored = parsed.data;
      const bytes = input.bytes;
      if (bytes !== undefined) {
        if (
          !(bytes instanceof Uint8Array) ||
          bytes.length !== stored.byteLength ||
          sha256Hex(bytes) !== stored.sha256
        ) {
          throw appError('validation', {
            id: 'errors.history.attachmentChanged',
            values: { name: stored.name },
          });
        }
        return { stored, bytes };
      }
      return { stored };
    });
  };

  const ensureOpen = () => {
    if (state === 'open') return;
    throw appError('internal', {
      id: state === 'closed' ? 'errors.history.historyClosed' : 'errors.history.historyNotOpen',
    });
  };

  const inConversation = <T>(id: string, task: (doc: ConversationFile) => Promise<T>): Promise<T> => {
    ensureOpen();
    if (!core.entries.has(id)) return Promise.reject(notFound());
    return core.queue.run(id, async () => task(await loadDoc(core, id)));
  };

  const findMessageIndex = (doc: ConversationFile, messageId: string) => {
    const index = doc.messages.findIndex((m) => m.id === messageId);
    if (index < 0) throw messageGone();
    return index;
  };

  /** The parent a new message gets: the one asked for (it must exist), else the active leaf. */
  const parentFor = (doc: ConversationFile, requested: string | null | undefined): string | null => {
    if (requested === undefined) return doc.activeLeafId ?? null;
    if (requested !== null && !doc.messages.some((m) => m.id === requested)) throw messageGone();
    return requested;
  };

  /** The visible path for the window: each message with its `branch` when it has siblings. */
  const pathForWindow = (doc: ConversationFile, path = visiblePath(doc)): Message[] => {
    const children = childrenByParent(doc);
    return path.map((m) => {
      const shown = forWindow(m);
      const branch = branchOf(m, children);
      if (branch) shown.branch = branch;
      return shown;
    });
  };

  /**
   * Earlier versions wrote history with the umask's modes (0755 folders, 0644 files). Their folders
   * are made 0700 and their files 0600 once, at the first open after the upgrade: 0700 folders alone
   * would already keep other users out, but files copied elsewhere (backups, sync) keep their mode.
   * The history folder's own mode says whether this is needed — it is set last, so a walk cut short is
   * redone — and later opens cost one stat instead of a walk over thousands of files.
   */
  const makeEarlierVersionPrivate = async () => {
    if (!(await isOpenToOthers(layout.root))) return;
    const failed = await tightenTree(layout.root);
    log.info('history folder made private (owner only)', { couldNotChange: failed.length });
  };

  const store: ConversationStore = {
    async init() {
      if (state !== 'new') throw appError('internal', { id: 'errors.history.historyAlreadyOpened' });
      state = 'opening';
      let report: Awaited<ReturnType<typeof loadHistory>>;
      try {
        await makeEarlierVersionPrivate();
        for (const dir of [layout.root, layout.conversations, layout.quarantine, layout.trash])
          await ensureDir(dir);
        report = await loadHistory(core);
      } catch (error) {
        // Let the glue retry (say, after the person fixed the folder's permissions).
        state = 'new';
        core.entries.clear();
        log.error('could not open the history', { error: describeError(error) });
        throw error instanceof AppFailure ? error : storageFailure(error, 'openYourHistory', layout.root);
      }
      log.info('history opened', {
        conversations: core.entries.size,
        fromIndex: report.fromIndex,
        reread: report.reread,
        crashRecovery: report.crashRecovery,
        quarantined: core.notices.length,
      });
      const purged = await purgeExpiredTrash(layout, now(), retentionMs, log);
      const sweepOwed =
        purged > 0 ||
        report.crashRecovery ||
        (await fs.access(layout.sweepPending).then(
          () => true,
          () => false,
        ));
      // Present while open; finding it at the next start means this session did not close cleanly.
      await writeFileDurably(
        layout.session,
        `${JSON.stringify({ pid: process.pid, openedAt: now().toISOString() })}\n`,
        'openHistory',
      );
      state = 'open';
      indexWriter.start();
      // In the background: files the purge, a crash or an earlier session (an edit, a failed write) released.
      if (sweepOwed) void requestSweep();
      return { quarantined: [...core.notices] };
    },

    list({ offset = 0, limit }) {
      ensureOpen();
      sorted ??= [...core.entries.values()]
        .map((e) => ({ summary: e.summary, at: Date.parse(e.summary.updatedAt) || 0 }))
        .sort((a, b) => b.at - a.at || (a.summary.id < b.summary.id ? -1 : 1))
        .map((x) => x.summary);
      return {
        items: sorted.slice(offset, offset + Math.max(0, limit)).map((s) => ({ ...s })),
        total: sorted.length,
      };
    },

    get(id) {
      ensureOpen();
      const entry = core.entries.get(id);
      return entry ? { ...entry.summary } : null;
    },

    async create(input) {
      ensureOpen();
      const id = newId();
      const at = now().toISOString();
      const doc: ConversationFile = {
        formatVersion: CURRENT_FORMAT_VERSION,
        conversation: {
          id,
          title: normalizeTitle(input.title ?? '') || DEFAULT_TITLE,
          createdAt: at,
          updatedAt: at,
          model: input.model,
        },
        messages: [],
        activeLeafId: null,
      };
      await core.queue.run(id, async () => {
        await persistDoc(core, doc, 'createConversation', [{ kind: 'conversation-created', doc }]);
      });
      return summaryOf(doc);
    },

    async rename(id, title) {
      const normalized = normalizeTitle(title);
      if (!normalized) return Promise.reject(appError('validation', { id: 'errors.history.titleEmpty' }));
      return inConversation(id, async (doc) => {
        doc.conversation.title = normalized;
        await persistDoc(core, doc, 'renameConversation', [
          { kind: 'conversation-renamed', conversationId: id, title: normalized },
        ]);
        return summaryOf(doc);
      });
    },

    async remove(id) {
      ensureOpen();
      if (!core.entries.has(id)) return Promise.reject(notFound());
      return core.queue.run(id, async () => {
        if (!core.entries.has(id)) throw notFound();
        let undoToken: string;
        try {
          undoToken = await moveToTrash(layout, id, now());
        } catch (error) {
          throw storageFailure(error, 'deleteConversation', layout.trash);
        }
        dropEntry(core, id, 'deleted');
        log.info('conversation moved to the trash', { conversationId: id });
        return { undoToken };
      });
    },

    async restore(undoToken) {
      ensureOpen();
      const parsed = parseUndoToken(undoToken);
      if (!parsed) throw appError('validation', { id: 'errors.history.undoInvalid' });
      const path = trashFile(layout, undoToken);
      const text = await fs.readFile(path, 'utf8').catch(() => null);
      if (text === null) {
        throw appError('validation', { id: 'errors.history.trashEntryGone' });
      }
      const decoded = decodeConversationText(text, parsed.conversationId);
      if (decoded.kind !== 'ok') {
        throw appError('validation', {
          id: 'errors.history.trashFileUnreadable',
          values: { path: errorValueText(path) },
        });
      }
      const doc = decoded.value;
      const repairs = repairTree(doc);
      if (repairs.length > 0) log.warn('a restored conversation was repaired', { repairs: repairs.length });
      // The id may have been taken since (an import): restore it as a separate conversation.
      if (core.entries.has(doc.conversation.id)) doc.conversation.id = newId();
      const id = doc.conversation.id;
      return core.queue.run(id, async () => {
        settleOrphanedReplies(core, doc);
        await persistDoc(core, doc, 'restoreConversation', [{ kind: 'conversation-restored', doc }]);
        await fs.unlink(path).catch((error: unknown) => {
          log.warn('restored conversation also left in the trash', { error: describeError(error) });
        });
        await moveImageFolder(trashImages(layout, undoToken), layout.conversationImages(id)).catch(
          (error: unknown) => {
            log.warn('images of a restored conversation left in the trash', { error: describeError(error) });
          },
        );
        return summaryOf(doc);
      });
    },

    async messages(id, { before, limit }) {
      if (!Number.isInteger(limit) || limit < 1)
        return Promise.reject(appError('validation', { id: 'errors.history.pageSizeTooSmall' }));
      return inConversation(id, async (doc) => {
        const path = visiblePath(doc);
        let end = path.length;
        if (before !== undefined) {
          end = path.findIndex((m) => m.id === before);
          // Not on the path shown: the window is paging a branch that was switched away from.
          if (end < 0) throw messageGone();
        }
        const start = Math.max(0, end - limit);
        return { messages: pathForWindow(doc, path.slice(start, end)), hasMore: start > 0 };
      }).then(async (page) => ({ ...page, messages: await flagMissing(page.messages) }));
    },

    async allMessages(id) {
      return inConversation(id, async (doc) => pathForWindow(doc)).then(flagMissing);
    },

    async tree(id) {
      return inConversation(id, async (doc) => ({
        messages: doc.messages.map(forWindow),
        activeLeafId: doc.activeLeafId ?? null,
      }));
    },

    async switchBranch(id, messageId) {
      return inConversation(id, async (doc) => {
        findMessageIndex(doc, messageId);
        const leafId = leafFrom(doc, messageId);
        if (doc.activeLeafId !== leafId) {
          doc.activeLeafId = leafId;
          await persistDoc(core, doc, 'showVersion', [
            { kind: 'active-branch-changed', conversationId: id, activeLeafId: leafId },
          ]);
        }
        return { leafId };
      });
    },

    async transcript(id) {
      return inConversation(id, async (doc) =>
        visiblePath(doc).map(
          ({ id: messageId, role, content, reasoningDetails, attachments, fileAnnotations }) => ({
            id: messageId,
            role,
            content,
            ...(reasoningDetails ? { reasoningDetails } : {}),
            ...(attachments?.length ? { attachments } : {}),
            ...(fileAnnotations?.length ? { fileAnnotations } : {}),
          }),
        ),
      );
    },

    async appendUserMessage(id, content, attachments = [], opts = {}) {
      if (typeof content !== 'string' || content.length > MAX_MESSAGE_CHARS) {
        return Promise.reject(
          appError('validation', { id: 'errors.history.messageTooLong', values: { max: MAX_MESSAGE_CHARS } }),
        );
      }
      let files: ReturnType<typeof checkAttachmentInputs>;
      try {
        files = checkAttachmentInputs(attachments);
      } catch (error) {
        return Promise.reject(error);
      }
      return inConversation(id, async (doc) => {
        // Before any file is written: a parent that does not exist refuses the message.
        const parentId = parentFor(doc, opts.parentId);
        // The files first: the conversation file must never name a file that is not stored.
        try {
          await storeAttachmentFiles(files);
        } catch (error) {
          // Some may have been written before the failure, and are named by nothing.
          if (files.some((f) => f.bytes !== undefined)) await requestSweep();
          throw error;
        }
        const message: Message = {
          id: newId(),
          parentId,
          role: 'user',
          content,
          reasoning: '',
          createdAt: now().toISOString(),
          model: null,
          status: 'complete',
          error: null,
          usage: null,
          finishReason: null,
          generationId: null,
          ...(files.length > 0 ? { attachments: files.map((f) => f.stored) } : {}),
        };
        doc.messages.push(message);
        doc.activeLeafId = message.id;
        doc.conversation.updatedAt = message.createdAt;
        const autoTitle = doc.conversation.title === DEFAULT_TITLE ? titleFromMessage(content) : null;
        if (autoTitle) doc.conversation.title = autoTitle;
        try {
          await persistDoc(core, doc, 'saveMessage', [
            { kind: 'messages-appended', conversationId: id, messages: [message] },
            ...(autoTitle
              ? [{ kind: 'conversation-renamed' as const, conversationId: id, title: autoTitle }]
              : []),
          ]);
        } catch (error) {
          // Its files may now be named by nothing.
          if (files.length > 0) await requestSweep();
          throw error;
        }
        return forWindow(message);
      }).then(async (message) => (await flagMissing([message]))[0] as Message);
    },

    async beginReply(id, { model, messageId, parentId: requestedParent, activate = true }) {
      return inConversation(id, async (doc) => {
        if (messageId !== undefined && doc.messages.some((m) => m.id === messageId)) {
          throw appError('validation', { id: 'errors.history.replyExists' });
        }
        const parentId = parentFor(doc, requestedParent);
        const message: Message = {
          id: messageId ?? newId(),
          parentId,
          role: 'assistant',
          content: '',
          reasoning: '',
          createdAt: now().toISOString(),
          model,
          status: 'streaming',
          error: null,
          usage: null,
          finishReason: null,
          generationId: null,
        };
        doc.messages.push(message);
        const shown = activate || doc.activeLeafId == null;
        if (shown) doc.activeLeafId = message.id;
        doc.conversation.updatedAt = message.createdAt;
        // The conversation's model is that of the version shown: a compare's other columns leave it.
        if (model !== null && shown) doc.conversation.model = model;
        const key = replyKey(id, message.id);
        core.liveReplies.add(key);
        try {
          await persistDoc(core, doc, 'startReply', [
            { kind: 'messages-appended', conversationId: id, messages: [message] },
          ]);
        } catch (error) {
          core.liveReplies.delete(key);
          throw error;
        }
        replies.start(id, message.id);
        return forWindow(message);
      });
    },

    checkpointReply(id, messageId, text) {
      if (state !== 'open') return;
      if (!replies.checkpoint(id, messageId, text)) {
        log.debug('checkpoint for a reply that is not streaming', { conversationId: id });
      }
    },

    async finishReply(id, messageId, final: ReplyFinal) {
      if (final.status === 'streaming') {
        return Promise.reject(appError('validation', { id: 'errors.history.finishedReplyStreaming' }));
      }
      const pending = replies.stop(id, messageId);
      return inConversation(id, async (doc) => {
        const message = doc.messages[findMessageIndex(doc, messageId)] as StoredMessage;
        // Images first: the file must never name an image that is not on disk.
        const savedImages: NonNullable<Message['images']> = [];
        for (const image of final.images ?? []) {
          try {
            const sha256 = sha256Hex(image.bytes);
            await core.attachmentGuard.claim(sha256, () => writeAttachmentFile(layout, sha256, image.bytes));
            savedImages.push({
              id: image.id,
              mimeType: image.mimeType,
              byteLength: image.bytes.length,
              sha256,
            });
          } catch (error) {
            log.warn('an image of the reply could not be saved; the reply is kept without it', {
              conversationId: id,
              error: describeError(error),
            });
          }
        }
        message.status = final.status;
        message.content = final.content ?? pending?.content ?? message.content;
        message.reasoning = final.reasoning ?? pending?.reasoning ?? message.reasoning;
        if (final.usage !== undefined) message.usage = final.usage;
        if (final.finishReason !== undefined) message.finishReason = final.finishReason;
        if (final.generationId !== undefined) message.generationId = final.generationId;
        if (final.error !== undefined) message.error = final.error;
        if (final.model) message.model = final.model;
        if (final.provider !== undefined) message.provider = final.provider;
        if (final.citations !== undefined && final.citations.length > 0) message.citations = final.citations;
        if (savedImages.length > 0) message.images = savedImages;
        if (final.reasoningDetails !== undefined && final.reasoningDetails.length > 0)
          message.reasoningDetails = [...final.reasoningDetails];
        if (final.fileAnnotations !== undefined && final.fileAnnotations.length > 0)
          message.fileAnnotations = [...final.fileAnnotations];
        doc.conversation.updatedAt = now().toISOString();
        if (message.model && doc.activeLeafId === message.id) doc.conversation.model = message.model;
        await persistDoc(core, doc, 'saveReply', [{ kind: 'message-replaced', conversationId: id, message }]);
        replySettled(replyKey(id, messageId));
        options.onReplyPersisted?.({
          conversationId: id,
          messageId,
          contentLength: message.content.length,
          reasoningLength: message.reasoning.length,
          final: true,
        });
        return forWindow(message);
      });
    },

    async updateReplyUsage(id, messageId, figures) {
      ensureOpen();
      if (!core.entries.has(id)) return null;
      return inConversation(id, async (doc) => {
        const message = doc.messages.find((m) => m.id === messageId);
        if (message?.role !== 'assistant') return null;
        message.usage = figures.usage;
        if (figures.provider !== null) message.provider = figures.provider;
        await persistDoc(core, doc, 'saveReplyFigures', [
          { kind: 'message-replaced', conversationId: id, message },
        ]);
        return forWindow(message);
      }).catch((error: unknown) => {
        // Deleted while the figures were being fetched: nothing to update.
        if (!core.entries.has(id)) return null;
        throw error;
      });
    },

    async options(id) {
      return inConversation(id, async (doc) => ({ ...(doc.options ?? {}) }));
    },

    async updateOptions(id, patch) {
      return inConversation(id, async (doc) => {
        // Undefined values are dropped by JSON: a field set to undefined goes back to its default.
        doc.options = { ...(doc.options ?? {}), ...patch };
        await persistDoc(core, doc, 'saveOptions', [
          { kind: 'conversation-options-changed', conversationId: id },
        ]);
        return { ...doc.options };
      });
    },

    async replyImage(id, messageId, imageId) {
      ensureOpen();
      if (!core.entries.has(id)) throw notFound();
      await whenReplySettled(replyKey(id, messageId));
      const image = await inConversation(id, async (doc) =>
        doc.messages.find((m) => m.id === messageId)?.images?.find((i) => i.id === imageId),
      );
      if (!image) throw imageGone();
      const bytes = await readReplyImage(layout, id, messageId, image).catch((error: unknown) => {
        log.warn('a reply image could not be read', { conversationId: id, error: describeError(error) });
        return null;
      });
      if (!bytes) throw imageGone();
      return { id: image.id, mimeType: image.mimeType, bytes };
    },

    async attachmentBytes(sha256) {
      ensureOpen();
      if (typeof sha256 !== 'string' || !SHA256_TEXT.test(sha256)) {
        log.warn('asked for an attachment by something that is not a hash');
        return null;
      }
      const read = await readAttachmentFile(layout, sha256).catch((error: unknown) => {
        log.warn('an attachment could not be read', { error: describeError(error) });
        return null;
      });
      if (read?.kind === 'ok') return read.bytes;
      if (read !== null) log.warn(`an attachment file is ${read.kind}`, { sha256 });
      return null;
    },

    async attachment(id, messageId, sha256) {
      const named = await inConversation(id, async (doc) =>
        doc.messages.find((m) => m.id === messageId)?.attachments?.find((a) => a.sha256 === sha256),
      );
      if (!named) throw attachmentGone();
      const bytes = await store.attachmentBytes(sha256);
      if (!bytes) throw attachmentGone();
      return { attachment: structuredClone(named), bytes };
    },

    quarantined() {
      return core.notices.map((n) => ({ ...n }));
    },

    async flush() {
      if (state !== 'open') return;
      await replies.flush();
      await core.queue.drain();
      await indexWriter.flush();
    },

    async close() {
      if (state !== 'open') {
        state = 'closed';
        return;
      }
      await store.flush();
      state = 'closed';
      // A running sweep sees the state and stops; it never removes anything after close returns.
      await sweepTail;
      replies.closeAll();
      await core.queue.drain();
      indexWriter.stop();
      await indexWriter.flush();
      await fs.unlink(layout.session).catch(() => undefined);
      core.cache.clear();
      log.info('history closed');
    },
  };

  return {
    store,
    internals: {
      core,
      ensureOpen,
      inConversation,
      sweepAttachments: runSweep,
      whenAttachmentsSwept: async () => {
        while (sweepsPending > 0) await sweepTail;
      },
    },
  };
}

/**
 * A copy of a stored message for outside the store: `reasoningDetails` and `fileAnnotations` stay here
 * (they are only ever sent back to OpenRouter, never to the window).
 */
export function forWindow(message: StoredMessage | Message): Message {
  const { reasoningDetails: _kept, fileAnnotations: _alsoKept, ...shown } = message as StoredMessage;
  return structuredClone(shown);
}

const SHA256_TEXT = /^[0-9a-f]{64}$/;
