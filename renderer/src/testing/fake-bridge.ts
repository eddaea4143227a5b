import type { ChatStreamEvent, ModelList } from '../../../common/chat-types';
import type { ConversationSummary, Message, QuarantineNotice } from '../../../common/conversation-types';
import type { AppError } from '../../../common/errors';
import type { LocaleState } from '../../../common/i18n/locales';
import { CHAT_BRIDGE_KEY, type SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { ChatEventBatch, SettingsWithProblems } from '../../../common/ipc/contract';
import type { Result } from '../../../common/ipc/define';
import type { KeyInfo, KeyStatus } from '../../../common/key-status';
import type { OptionProblem } from '../../../common/option-problems';
import {
  type ConversationOptions,
  ConversationOptionsSchema,
  DEFAULT_CONVERSATION_OPTIONS,
} from '../../../common/request-options';
import { type Settings, SettingsPatchSchema } from '../../../common/settings-types';
import type { UpdateStatus } from '../../../common/update-types';
import { applyStreamEvents } from '../state/apply-stream-events';
import { createFakeAttachmentState, type FakeAttachmentState, fakeStage } from './fake-attachments';
import { makeSettings, STANDARD_MODELS, STORED_KEY } from './fixtures';

/**
 * An in-memory `SwitchboardBridge` for renderer tests: it behaves like main for the happy paths,
 * records every call, lets a test replace any function, and pushes events on demand.
 */

export interface FakeState {
  keyStatus: KeyStatus;
  keyInfo: KeyInfo;
  settings: Settings;
  models: ModelList;
  conversations: ConversationSummary[];
  messages: Map<string, Message[]>;
  quarantined: QuarantineNotice[];
  /** What getSettings reports as wrong in the stored settings file. */
  settingsProblems: OptionProblem[];
  /** Each conversation's options (issue 15); absent: the defaults. */
  conversationOptions: Map<string, ConversationOptions>;
  /** Staged attachments and the next "Attach files" outcome (issue 17). */
  attachments: FakeAttachmentState;
  /**
   * Issue 18: each conversation's messages are a tree (`messages` holds every version, oldest first;
   * a message without `parentId` follows the one before it, so plain seeded lists are one branch),
   * and this is the last message of its visible path (absent: the last message in `messages`).
   */
  leaves: Map<string, string>;
}

/** A stream the fake started (send, regenerate, edit): where its events must go. */
export interface FakeStream {
  streamId: string;
  conversationId: string;
  messageId: string;
}

type Listener<T> = (payload: T) => void;

export interface FakeBridge {
  bridge: SwitchboardBridge;
  state: FakeState;
  calls: { method: string; request: unknown }[];
  /** Requests passed to one method, oldest first. */
  callsTo(method: keyof SwitchboardBridge): unknown[];
  /** Replaces one bridge function (for failures, delays, odd answers). */
  override<K extends keyof SwitchboardBridge>(method: K, impl: SwitchboardBridge[K]): void;
  emitChatEvents(batch: ChatEventBatch): void;
  /** Pushes events for the most recent stream. */
  emitToLastStream(events: ChatStreamEvent[]): void;
  emitKeyStatus(status: KeyStatus): void;
  /** Issue 20: main's update status changes (what `getUpdateStatus` answers from then on, too). */
  emitUpdateStatus(status: UpdateStatus): void;
  /** Issue 20: the locale main resolved (what `getLocale` answers from then on, too). */
  emitLocale(locale: LocaleState): void;
  /** Issue 20: settings changed in main (another window, a restore): what `getSettings` answers from then on, too. */
  emitSettings(settings: Settings): void;
  lastStream(): FakeStream;
  chatListenerCount(): number;
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: AppError['code'], message: string, extra: Partial<AppError> = {}): Result<never> {
  return { ok: false, error: { code, message, ...extra } };
}

export function createFakeBridge(initial: Partial<FakeState> = {}): FakeBridge {
  const state: FakeState = {
    keyStatus: STORED_KEY,
    keyInfo: { label: 'Test key', usage: 1.25, limit: 10, limitRemaining: 8.75, isFreeTier: false },
    settings: makeSettings(),
    models: { models: [...STANDARD_MODELS], fetchedAt: new Date(0).toISOString(), stale: false },
    conversations: [],
    messages: new Map(),
    quarantined: [],
    settingsProblems: [],
    conversationOptions: new Map(),
    attachments: createFakeAttachmentState(),
    leaves: new Map(),
    ...initial,
  };
  const calls: { method: string; request: unknown }[] = [];
  const chatListeners = new Set<Listener<ChatEventBatch>>();
  const keyListeners = new Set<Listener<KeyStatus>>();
  const streams: FakeStream[] = [];
  const trash = new Map<string, { summary: ConversationSummary; messages: Message[] }>();
  let counter = 0;
  const nextId = (prefix: string) => `${prefix}${++counter}`;
  const now = () => new Date(Date.parse('2025-06-01T12:00:00.000Z') + counter * 1000).toISOString();

  const messagesOf = (conversationId: string) => {
    let list = state.messages.get(conversationId);
    if (!list) {
      list = [];
      state.messages.set(conversationId, list);
    }
    return list;
  };

  // Seeded messages keep their ids (u1, a1…); a new one skips those, since versions stay in the tree.
  const nextMessageId = (prefix: string): string => {
    const taken = (id: string) => [...state.messages.values()].some((list) => list.some((m) => m.id === id));
    let id = nextId(prefix);
    while (taken(id)) id = nextId(prefix);
    return id;
  };

  const newMessage = (
    role: Message['role'],
    content: string,
    model: string | null,
    parentId: string | null,
  ): Message => ({
    id: nextMessageId(role === 'user' ? 'u' : 'a'),
    role,
    content,
    reasoning: '',
    createdAt: now(),
    model,
    status: role === 'assistant' ? 'streaming' : 'complete',
    error: null,
    usage: null,
    finishReason: null,
    generationId: null,
    parentId,
  });

  // Issue 18, as main does it: the tree, the visible path, and each message's versions.
  const parentOf = (list: readonly Message[], index: number): string | null =>
    list[index]?.parentId !== undefined ? (list[index]?.parentId ?? null) : (list[index - 1]?.id ?? null);
  const childrenOf = (list: readonly Message[], parentId: string | null) =>
    list.filter((_, i) => parentOf(list, i) === parentId);
  const visiblePath = (conversationId: string): Message[] => {
    const list = messagesOf(conversationId);
    const byId = new Map(list.map((m, i) => [m.id, i]));
    const path: Message[] = [];
    let index = byId.get(state.leaves.get(conversationId) ?? list[list.length - 1]?.id ?? '');
    while (index !== undefined) {
      const message = list[index];
      if (!message) break;
      const siblings = childrenOf(list, parentOf(list, index)).map((m) => m.id);
      path.unshift(
        siblings.length > 1
          ? {
              ...message,
              branch: { index: siblings.indexOf(message.id), count: siblings.length, siblingIds: siblings },
            }
          : message,
      );
      const parent = parentOf(list, index);
      index = parent === null ? undefined : byId.get(parent);
    }
    return path;
  };
  const leafOf = (conversationId: string) => visiblePath(conversationId).at(-1)?.id ?? null;
  /** The newest reply under a message, following the newest child at each step. */
  const newestUnder = (conversationId: string, messageId: string): string => {
    const children = childrenOf(messagesOf(conversationId), messageId);
    const newest = children[children.length - 1];
    return newest ? newestUnder(conversationId, newest.id) : messageId;
  };
  const addBranch = (conversationId: string, added: Message[]) => {
    messagesOf(conversationId).push(...added);
    const last = added[added.length - 1];
    if (last) state.leaves.set(conversationId, last.id);
  };

  const touch = (conversationId: string, model: string) => {
    state.conversations = state.conversations.map((c) =>
      c.id === conversationId
        ? { ...c, updatedAt: now(), model, messageCount: messagesOf(conversationId).length }
        : c,
    );
  };

  const updateListeners = new Set<Listener<UpdateStatus>>();
  let updateStatus: UpdateStatus = { state: 'idle' };
  const emitUpdateStatus = (status: UpdateStatus) => {
    updateStatus = status;
    for (const listener of [...updateListeners]) listener(status);
  };

  // Languages (issue 20): English until a test says otherwise; a chosen language applies at once, as in main.
  const localeListeners = new Set<Listener<LocaleState>>();
  let localeState: LocaleState = { locale: 'en', setting: 'system', pseudoAvailable: false };
  const emitLocale = (next: LocaleState) => {
    localeState = next;
    for (const listener of [...localeListeners]) listener(next);
  };

  // Issue 20: every saved change is pushed to the windows, the one that made it included, as in main.
  const settingsListeners = new Set<Listener<SettingsWithProblems>>();
  const emitSettings = (next: Settings) => {
    state.settings = next;
    const sent = { ...next, problems: state.settingsProblems };
    for (const listener of [...settingsListeners]) listener(sent);
  };

  const emitKeyStatus = (status: KeyStatus) => {
    state.keyStatus = status;
    for (const listener of [...keyListeners]) listener(status);
  };

  const impl: { -readonly [K in keyof SwitchboardBridge]: SwitchboardBridge[K] } = {
    getAppInfo: async () =>
      ok({
        name: 'Switchboard',
        version: '0.0.0-test',
        platform: 'linux',
        openRouterOrigin: 'https://example.test',
      }),
    getKeyStatus: async () => ok(state.keyStatus),
    verifyKey: async () => ok(state.keyInfo),
    removeKey: async () => {
      emitKeyStatus({ state: 'none', backend: state.keyStatus.backend, persistenceIsWeak: false });
      return ok(state.keyStatus);
    },
    onKeyStatus: (listener) => {
      keyListeners.add(listener);
      return () => keyListeners.delete(listener);
    },
    listModels: async () => ok(state.models),
    getSettings: async () => ok({ ...state.settings, problems: state.settingsProblems }),
    updateSettings: async (patch) => {
      const parsed = SettingsPatchSchema.safeParse(patch);
      if (!parsed.success) return fail('validation', 'That setting is not valid.');
      state.settings = { ...state.settings, ...parsed.data };
      const language = parsed.data.language;
      if (language !== undefined && language !== localeState.setting)
        emitLocale({ ...localeState, setting: language, locale: language === 'system' ? 'en' : language });
      // A field set here is fixed, as in main.
      state.settingsProblems = state.settingsProblems.filter(
        (problem) => !((problem.field.split('.')[0] ?? '') in parsed.data),
      );
      emitSettings(state.settings);
      return ok({ ...state.settings, problems: state.settingsProblems });
    },
    onSettingsChanged: (listener) => {
      settingsListeners.add(listener);
      return () => settingsListeners.delete(listener);
    },
    // Issue 15: no endpoints, no account list (the key may not ask), no providers, until a test sets them.
    listModelEndpoints: async () => ok({ endpoints: [] }),
    listAccountModelIds: async () => ok({ modelIds: null }),
    listProviders: async () => ok({ providers: [] }),
    getConversationOptions: async ({ conversationId }) =>
      ok({
        ...(state.conversationOptions.get(conversationId) ?? DEFAULT_CONVERSATION_OPTIONS),
        problems: [],
      }),
    setConversationOptions: async ({ conversationId, options }) => {
      const next = ConversationOptionsSchema.safeParse({
        ...(state.conversationOptions.get(conversationId) ?? DEFAULT_CONVERSATION_OPTIONS),
        ...options,
      });
      if (!next.success) return fail('validation', 'Those options are not valid.');
      state.conversationOptions.set(conversationId, next.data);
      return ok({ ...next.data, problems: [] });
    },
    listConversations: async ({ offset = 0, limit }) => {
      const sorted = [...state.conversations].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      return ok({ items: sorted.slice(offset, offset + limit), total: sorted.length });
    },
    createConversation: async ({ model }) => {
      const at = now();
      const summary: ConversationSummary = {
        id: nextId('c'),
        title: '',
        createdAt: at,
        updatedAt: at,
        messageCount: 0,
        model,
      };
      state.conversations = [summary, ...state.conversations];
      return ok(summary);
    },
    renameConversation: async ({ conversationId, title }) => {
      const found = state.conversations.find((c) => c.id === conversationId);
      if (!found) return fail('validation', 'That conversation no longer exists.');
      const renamed = { ...found, title };
      state.conversations = state.conversations.map((c) => (c.id === conversationId ? renamed : c));
      return ok(renamed);
    },
    deleteConversation: async ({ conversationId }) => {
      const found = state.conversations.find((c) => c.id === conversationId);
      if (!found) return fail('validation', 'That conversation no longer exists.');
      const undoToken = nextId('undo-');
      trash.set(undoToken, { summary: found, messages: messagesOf(conversationId) });
      state.conversations = state.conversations.filter((c) => c.id !== conversationId);
      state.messages.delete(conversationId);
      return ok({ undoToken });
    },
    restoreConversation: async ({ undoToken }) => {
      const item = trash.get(undoToken);
      if (!item) return fail('validation', 'It is too late to undo that.');
      trash.delete(undoToken);
      state.conversations = [item.summary, ...state.conversations];
      state.messages.set(item.summary.id, item.messages);
      return ok(item.summary);
    },
    listQuarantined: async () => ok(state.quarantined),
    loadMessages: async ({ conversationId, before, limit }) => {
      const list = visiblePath(conversationId);
      const end = before === undefined ? list.length : list.findIndex((m) => m.id === before);
      const stop = Math.max(0, end);
      const start = Math.max(0, stop - limit);
      return ok({ messages: list.slice(start, stop), hasMore: start > 0 });
    },
    sendMessage: async ({ streamId, conversationId, content, model }) => {
      const userMessage = newMessage('user', content, null, leafOf(conversationId));
      const assistantMessage = newMessage('assistant', '', model, userMessage.id);
      addBranch(conversationId, [userMessage, assistantMessage]);
      touch(conversationId, model);
      streams.push({ streamId, conversationId, messageId: assistantMessage.id });
      return ok({ userMessage, assistantMessage });
    },
    // Issue 18: a new version is a sibling; the earlier one stays in the tree.
    regenerate: async ({ streamId, conversationId, fromMessageId, model }) => {
      const list = messagesOf(conversationId);
      const index = list.findIndex((m) => m.id === fromMessageId);
      if (index < 0) return fail('validation', 'That message no longer exists.');
      const assistantMessage = newMessage('assistant', '', model, parentOf(list, index));
      addBranch(conversationId, [assistantMessage]);
      touch(conversationId, model);
      streams.push({ streamId, conversationId, messageId: assistantMessage.id });
      return ok({ assistantMessage });
    },
    editAndResend: async ({ streamId, conversationId, messageId, content, model }) => {
      const list = messagesOf(conversationId);
      const index = list.findIndex((m) => m.id === messageId);
      if (index < 0) return fail('validation', 'That message no longer exists.');
      const userMessage = newMessage('user', content, null, parentOf(list, index));
      const assistantMessage = newMessage('assistant', '', model, userMessage.id);
      addBranch(conversationId, [userMessage, assistantMessage]);
      touch(conversationId, model);
      streams.push({ streamId, conversationId, messageId: assistantMessage.id });
      return ok({ userMessage, assistantMessage });
    },
    switchBranch: async ({ conversationId, messageId }) => {
      if (!messagesOf(conversationId).some((m) => m.id === messageId)) {
        return fail('validation', 'That message no longer exists.');
      }
      const leafId = newestUnder(conversationId, messageId);
      state.leaves.set(conversationId, leafId);
      return ok({ leafId });
    },
    // Issue 18 (Compare): one user message, one reply per column as siblings; the first column's reply
    // is the branch shown until "Continue with this" switches. Each column's stream is recorded in order.
    compareModels: async ({ conversationId, content, columns }) => {
      const userMessage = newMessage('user', content, null, leafOf(conversationId));
      const replies = columns.map((c) => newMessage('assistant', '', c.model, userMessage.id));
      messagesOf(conversationId).push(userMessage, ...replies);
      if (replies[0]) state.leaves.set(conversationId, replies[0].id);
      columns.forEach((column, i) => {
        const reply = replies[i];
        if (reply) streams.push({ streamId: column.streamId, conversationId, messageId: reply.id });
      });
      touch(conversationId, columns[0]?.model ?? '');
      return ok({ userMessage, replies });
    },
    cancelChat: async () => ok({ cancelled: true }),
    onChatEvents: (listener) => {
      chatListeners.add(listener);
      return () => chatListeners.delete(listener);
    },
    openExternal: async () => ok({ opened: true }),
    // Updates (issue 20): idle until a test emits a status or replaces these.
    getUpdateStatus: async () => ok(updateStatus),
    checkForUpdates: async () => ok(updateStatus),
    restartToUpdate: async () => ok(updateStatus),
    onUpdateStatus: (listener) => {
      updateListeners.add(listener);
      return () => updateListeners.delete(listener);
    },
    getLocale: async () => ok(localeState),
    onLocaleChanged: (listener) => {
      localeListeners.add(listener);
      return () => localeListeners.delete(listener);
    },
    // Reply images and late usage (issue 14): tests replace these to supply images or push figures.
    onReplyUsage: () => () => {},
    getReplyImage: async () => ok({ dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }),
    saveReplyImage: async ({ imageId }) => ok({ saved: true, fileName: imageId }),
    // Spending (issue 16): an empty ledger and no estimate; tests replace these to supply figures.
    getSpending: async () =>
      ok({ days: [], todayUsd: 0, thisMonthUsd: 0, byModel: [], rangeTotalUsd: 0, damaged: 0 }),
    getConversationSpending: async () => ok({ totalUsd: 0, replies: 0, estimated: false }),
    exportSpendingCsv: async () => ok({ saved: true, fileName: 'switchboard-spending.csv' }),
    // Backups (issue 20): none yet; tests replace these to supply snapshots, restores or errors.
    listBackups: async () => ok({ backups: [] }),
    backUpNow: async () =>
      ok({
        id: '2026-01-01T00-00-00-000Z-manual-000000',
        kind: 'manual' as const,
        createdAt: '2026-01-01T00:00:00.000Z',
        conversationCount: state.conversations.length,
        totalBytes: 0,
        complete: true,
      }),
    restoreBackup: async () =>
      ok({
        restored: 0,
        movedToTrash: 0,
        spendingEntriesAdded: 0,
        undoBackupId: '2026-01-01T00-00-00-000Z-pre-restore-000000',
      }),
    listBackupConversations: async () => ok({ conversations: [] }),
    saveEncryptedBackup: async ({ backupId }) =>
      ok({ saved: true, fileName: `switchboard-backup-${backupId}.age` }),
    openEncryptedBackup: async () => ok({ cancelled: true, backup: null }),
    restoreBackupConversation: async ({ conversationId }) =>
      ok({
        id: conversationId,
        title: 'Restored',
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
        messageCount: 0,
        model: null,
      }),
    estimateCost: async () => ok({ promptTokens: 0, lowUsd: 0, highUsd: 0, unknownPrice: false }),
    // Attachments (issue 17): a small stand-in for main's intake (see fake-attachments.ts).
    attachFiles: async () => {
      const outcome = state.attachments.attachOutcome;
      for (const a of outcome.attached) state.attachments.staged.set(a.sha256, a);
      return ok(outcome);
    },
    stageAttachment: async ({ name, dataBase64, replaces }) => {
      const staged = fakeStage(name, dataBase64);
      if (replaces !== undefined) state.attachments.staged.delete(replaces);
      state.attachments.staged.set(staged.sha256, staged);
      return ok(staged);
    },
    discardAttachment: async ({ sha256 }) => ok({ discarded: state.attachments.staged.delete(sha256) }),
    getAttachmentImage: async () => ok({ dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }),
    saveAttachment: async ({ sha256 }) => ok({ saved: true, fileName: sha256 }),

    // Key intake: stored keys come back as the stored status; tests replace these to simulate failures.
    startSignIn: async () => {
      emitKeyStatus(STORED_KEY);
      return ok({ phase: 'done' as const, status: STORED_KEY, info: state.keyInfo, verified: true });
    },
    cancelSignIn: async () => ok({ cancelled: false }),
    onSignInProgress: () => () => {},
    importKeyFromClipboard: async () => {
      emitKeyStatus(STORED_KEY);
      return ok({ status: STORED_KEY, info: state.keyInfo, verified: true, clipboardCleared: true });
    },
    openKeyWindow: async () => ok({ opened: true }),
    getEnvKeyOffer: async () => ok(null),
    acceptEnvKey: async () => {
      emitKeyStatus(STORED_KEY);
      return ok({ status: STORED_KEY, info: state.keyInfo, verified: true });
    },
    dismissEnvKey: async () => ok({ dismissed: true }),
    searchHistory: async () => ok({ hits: [], total: 0, complete: true }),
    exportHistory: async () => ok({ saved: true, fileName: 'switchboard-history.md' }),
    importHistory: async () => ok({ imported: 0, duplicates: 0, rejected: 0, errors: [], cancelled: true }),
    reportKeyExposed: async () => {
      emitKeyStatus({ state: 'none', backend: state.keyStatus.backend, persistenceIsWeak: false });
      return ok(state.keyStatus);
    },
  };

  // Every call goes through here, so tests can assert on requests and swap implementations.
  const bridge = new Proxy(impl, {
    get(target, property: string) {
      const fn = target[property as keyof SwitchboardBridge] as ((request?: unknown) => unknown) | undefined;
      if (typeof fn !== 'function') return undefined;
      return (request?: unknown) => {
        calls.push({ method: property, request });
        return fn(request);
      };
    },
  }) as SwitchboardBridge;

  const emitChatEvents = (batch: ChatEventBatch) => {
    // Main keeps what streams in, so a later loadMessages returns the reply as it now is.
    for (const list of state.messages.values()) {
      const index = list.findIndex((m) => m.id === batch.messageId);
      const stored = list[index];
      if (stored) list[index] = applyStreamEvents(stored, batch.events);
    }
    for (const listener of [...chatListeners]) listener(batch);
  };

  const lastStream = () => {
    const stream = streams[streams.length - 1];
    if (!stream) throw new Error('No stream has been started');
    return stream;
  };

  return {
    bridge,
    state,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method).map((c) => c.request),
    override(method, replacement) {
      impl[method] = replacement;
    },
    emitChatEvents,
    emitToLastStream(events) {
      const stream = lastStream();
      emitChatEvents({ ...stream, events });
    },
    emitKeyStatus,
    emitUpdateStatus,
    emitLocale,
    emitSettings,
    lastStream,
    chatListenerCount: () => chatListeners.size,
  };
}

/** Puts the fake where the preload would put the real bridge; returns the undo. */
export function installFakeBridge(fake: FakeBridge): () => void {
  const host = window as unknown as Record<string, unknown>;
  host[CHAT_BRIDGE_KEY] = fake.bridge;
  return () => {
    delete host[CHAT_BRIDGE_KEY];
  };
}
