import { basename } from 'node:path';
import type { ModelList } from '../../common/chat-types';
import type { ConversationSummary, Message, QuarantineNotice } from '../../common/conversation-types';
import { appError } from '../../common/errors';
import type { AppInfo, ChatContract, KeyEntryContract } from '../../common/ipc/contract';
import type { KeyInfo, KeyStatus } from '../../common/key-status';
import type { Settings, SettingsPatch } from '../../common/settings-types';
import type { CallContext, Handlers } from '../ipc/handler-table';
import type { ChatSessions } from '../services/chat/chat-sessions';
import type { ConversationChat, StreamTarget } from '../services/chat/conversation-chat';
import type { ExportFormat, ImportResult, SearchResult } from '../services/history/types';
import { parseSafeExternalUrl } from '../services/links/external-url';
import type { KeyEntry } from './key-entry';

/** The slices of each service the chat window may reach. */
export interface ChatHandlerDeps {
  appInfo: AppInfo;
  vault: {
    /** Resolves with the status once the stored key has been read (at once after that). */
    init(): Promise<KeyStatus>;
    verify(): Promise<KeyInfo>;
    remove(): Promise<KeyStatus>;
  };
  models: { listModels(opts?: { refresh?: boolean }): Promise<ModelList> };
  settings: { get(): Settings; update(patch: SettingsPatch): Promise<Settings> };
  history: {
    list(opts: { offset?: number; limit: number }): { items: ConversationSummary[]; total: number };
    create(input: { model: string | null }): Promise<ConversationSummary>;
    rename(id: string, title: string): Promise<ConversationSummary>;
    remove(id: string): Promise<{ undoToken: string }>;
    restore(undoToken: string): Promise<ConversationSummary>;
    quarantined(): QuarantineNotice[];
    messages(
      id: string,
      opts: { before?: string; limit: number },
    ): Promise<{ messages: Message[]; hasMore: boolean }>;
    search(query: string, opts?: { limit?: number }): Promise<SearchResult>;
    exportConversation(id: string, format: ExportFormat): Promise<string>;
    exportAll(format: ExportFormat): Promise<string>;
    importJson(text: string): Promise<ImportResult>;
  };
  /** File dialogs and file access for export and import; the page never names a path. */
  files: {
    chooseExportFile(defaultName: string, windowId: number): Promise<string | null>;
    chooseImportFile(windowId: number): Promise<string | null>;
    writeExport(path: string, text: string): Promise<void>;
    readImport(path: string): Promise<string>;
  };
  chat: ConversationChat;
  keyEntry: KeyEntry;
  sessions: ChatSessions;
  /** Asks the person (a main-process dialog) and opens the URL in the system browser if they agree. */
  openExternal: (url: URL, windowId: number) => Promise<boolean>;
}

function streamTarget(streamId: string, ctx: CallContext<ChatContract>): StreamTarget {
  return {
    streamId,
    windowId: ctx.windowId,
    deliver: (conversationId, messageId, events) =>
      ctx.emit('onChatEvents', { streamId, conversationId, messageId, events }),
  };
}

export function createChatHandlers(deps: ChatHandlerDeps): Handlers<ChatContract> {
  return {
    getAppInfo: async () => deps.appInfo,

    // Waits for the stored key to be read: at start-up the keystore may still be answering (macOS can
    // show a Keychain prompt), and "no key" must not be shown meanwhile — the window says it is
    // checking instead.
    getKeyStatus: () => deps.vault.init(),
    verifyKey: () => deps.vault.verify(),
    removeKey: () => deps.vault.remove(),

    startSignIn: (choice, ctx) =>
      deps.keyEntry.startSignIn(choice, (p) => ctx.emit('onSignInProgress', p), ctx.windowId),
    cancelSignIn: async () => ({ cancelled: deps.keyEntry.cancelSignIn() }),
    // The window must have seen a real click or key press just before (checked in main, not the page).
    importKeyFromClipboard: (choice, ctx) => deps.keyEntry.importFromClipboard(choice, ctx.windowId),
    openKeyWindow: async (_req, ctx) => ({ opened: await deps.keyEntry.openKeyWindow(ctx.windowId) }),
    getEnvKeyOffer: async () => deps.keyEntry.envOffer.pending(),
    acceptEnvKey: ({ persistence, allowWeakEncryption }) =>
      deps.keyEntry.envOffer.accept(persistence, allowWeakEncryption),
    dismissEnvKey: async () => {
      const had = deps.keyEntry.envOffer.pending() !== null;
      deps.keyEntry.envOffer.dismiss();
      return { dismissed: had };
    },
    reportKeyExposed: () => deps.keyEntry.reportExposed(),

    listModels: (request) => deps.models.listModels({ refresh: request?.refresh ?? false }),

    getSettings: async () => deps.settings.get(),
    updateSettings: async (patch) => {
      // A key pasted into the system prompt would be saved in settings.json and sent with every message.
      if (patch.systemPrompt !== undefined) deps.chat.refuseKeyInSystemPrompt(patch.systemPrompt);
      return deps.settings.update(patch);
    },

    listConversations: async (request) => deps.history.list(request),
    createConversation: (request) => deps.history.create(request),
    renameConversation: ({ conversationId, title }) => deps.history.rename(conversationId, title),
    deleteConversation: ({ conversationId }) => {
      // A reply still streaming into it would keep spending credits with nowhere to show them.
      deps.chat.cancelConversation(conversationId);
      return deps.history.remove(conversationId);
    },
    restoreConversation: ({ undoToken }) => deps.history.restore(undoToken),
    listQuarantined: async () => deps.history.quarantined(),
    loadMessages: async ({ conversationId, before, limit }) => {
      const page = await deps.history.messages(
        conversationId,
        before === undefined ? { limit } : { before, limit },
      );
      // Opening a conversation (its latest page): check its messages for keys now, after the page is
      // on its way, rather than on the first send, where it would delay the first token.
      if (before === undefined)
        setImmediate(() => void deps.chat.prepare(conversationId).catch(() => undefined));
      return page;
    },

    searchHistory: ({ query, limit }) => deps.history.search(query, limit === undefined ? {} : { limit }),
    exportHistory: async ({ conversationId, format }, ctx) => {
      const text = conversationId
        ? await deps.history.exportConversation(conversationId, format)
        : await deps.history.exportAll(format);
      const extension = format === 'json' ? 'json' : 'md';
      const defaultName = `${conversationId ? `switchboard-${conversationId}` : 'switchboard-history'}.${extension}`;
      const path = await deps.files.chooseExportFile(defaultName, ctx.windowId);
      if (!path) return { saved: false, fileName: null };
      await deps.files.writeExport(path, text);
      return { saved: true, fileName: basename(path) };
    },
    importHistory: async (_req, ctx) => {
      const path = await deps.files.chooseImportFile(ctx.windowId);
      if (!path) return { imported: 0, duplicates: 0, rejected: 0, errors: [], cancelled: true };
      const text = await deps.files.readImport(path);
      return { ...(await deps.history.importJson(text)), cancelled: false };
    },

    sendMessage: ({ streamId, ...input }, ctx) => deps.chat.send(input, streamTarget(streamId, ctx)),
    regenerate: ({ streamId, ...input }, ctx) => deps.chat.regenerate(input, streamTarget(streamId, ctx)),
    editAndResend: ({ streamId, ...input }, ctx) =>
      deps.chat.editAndResend(input, streamTarget(streamId, ctx)),
    cancelChat: async ({ streamId }, ctx) => ({ cancelled: deps.sessions.cancel(streamId, ctx.windowId) }),

    openExternal: async ({ url }, ctx) => {
      const safe = parseSafeExternalUrl(url);
      if (!safe) {
        throw appError('validation', 'Only https links can be opened. This link was not opened.');
      }
      return { opened: await deps.openExternal(safe, ctx.windowId) };
    },
  };
}

/** Handlers of the key-entry window: submit the typed key, or cancel. */
export function createKeyEntryHandlers(deps: {
  vault: { status(): KeyStatus };
  keyEntry: KeyEntry;
  encryptionAvailable: () => Promise<boolean>;
}): Handlers<KeyEntryContract> {
  return {
    getKeyEntryContext: async () => {
      const status = deps.vault.status();
      return {
        backend: status.backend,
        persistenceIsWeak: status.backend === 'basic_text',
        encryptionAvailable: await deps.encryptionAvailable(),
      };
    },
    submit: async (input, ctx) => {
      const result = await deps.keyEntry.typed.submit(input);
      if (result.ok) deps.keyEntry.closeKeyWindow(ctx.windowId);
      return result;
    },
    cancel: async (_req, ctx) => {
      deps.keyEntry.closeKeyWindow(ctx.windowId);
      return { closed: true };
    },
  };
}
