import { basename } from 'node:path';
import { appError } from '../../common/errors';
import type { AppInfo, ChatContract, SettingsWithProblems } from '../../common/ipc/contract';
import type { Settings } from '../../common/settings-types';
import type { CallContext, Handlers } from '../ipc/handler-table';
import type { AttachmentIntake } from '../services/attachments/types';
import type { CatalogCache } from '../services/chat/catalog-cache';
import type { ChatSessions } from '../services/chat/chat-sessions';
import type { ConversationChat, StreamTarget } from '../services/chat/conversation-chat';
import type { ConversationOptionsService } from '../services/chat/conversation-options';
import type { CostEstimator } from '../services/estimate';
import {
  type HistoryStore,
  type readImportFile,
  toDataUrl,
  type writeExportFile,
  type writeImageFile,
} from '../services/history';
import type { Spending } from '../services/ledger/spending';
import { parseSafeExternalUrl } from '../services/links/external-url';
import type { OpenRouterClient } from '../services/openrouter/options';
import { unknownProviderProblems } from '../services/settings/option-checks';
import type { SettingsStore } from '../services/settings/settings-store';
import { createAttachmentHandlers } from './attachment-handlers';
import { type BackupHandlerDeps, createBackupHandlers } from './backup-handlers';
import { createKeyHandlers, type KeyHandlerDeps } from './key-handlers';
import { createLocaleHandlers, type LocaleHandlerDeps } from './locale-handlers';
import { createUpdateHandlers, type UpdateHandlerDeps } from './update-handlers';

/** Where exports go and imports come from: main-process file dialogs; the page never names a path. */
export interface FileDialogs {
  /** The path the person chose to save `defaultName` at, or null when they cancelled. */
  chooseExportFile(defaultName: string, windowId: number): Promise<string | null>;
  /** The file the person chose to import, or null when they cancelled. */
  chooseImportFile(windowId: number): Promise<string | null>;
  /** The path the person chose to save a reply's image at ("Save image"), or null when they cancelled. */
  chooseImageFile(defaultName: string, windowId: number): Promise<string | null>;
  /** The path the person chose to save the spending CSV at, or null when they cancelled. */
  chooseCsvFile(defaultName: string, windowId: number): Promise<string | null>;
  /** The files the person chose in "Attach files" (several allowed), or null when they cancelled. */
  chooseAttachFiles(windowId: number): Promise<string[] | null>;
  /** The path the person chose to save an attachment at ("Save file"), or null when they cancelled. */
  chooseAttachmentFile(defaultName: string, windowId: number): Promise<string | null>;
}

/** Asks the person (a main-process dialog) and opens the URL in the system browser if they agree. */
export type ConfirmAndOpenLink = (url: URL, windowId: number) => Promise<boolean>;

/**
 * The slices of each service the chat window may reach, each named from the service's own type (so a
 * service's signature is written once, in the service).
 */
export interface ChatHandlerDeps extends KeyHandlerDeps, UpdateHandlerDeps, LocaleHandlerDeps {
  appInfo: AppInfo;
  models: Pick<OpenRouterClient, 'listModels'>;
  settings: Pick<SettingsStore, 'get' | 'update' | 'problems'>;
  /** OpenRouter's provider list, a model's endpoints, the account's models: cached briefly. */
  catalog: Pick<
    CatalogCache,
    'listModelEndpoints' | 'listAccountModelIds' | 'listProviders' | 'knownProviders'
  >;
  conversationOptions: Pick<ConversationOptionsService, 'get' | 'set'>;
  history: Pick<
    HistoryStore,
    | 'list'
    | 'create'
    | 'rename'
    | 'remove'
    | 'restore'
    | 'quarantined'
    | 'messages'
    | 'search'
    | 'exportConversation'
    | 'exportAll'
    | 'importJson'
    | 'replyImage'
    | 'attachment'
    | 'switchBranch'
  >;
  /** The composer's attachments, held by main until sent (issue 17). */
  attachments: AttachmentIntake;
  /** File dialogs and file access for export and import. */
  files: FileDialogs & {
    writeExport: typeof writeExportFile;
    readImport: typeof readImportFile;
    writeImage: typeof writeImageFile;
  };
  chat: ConversationChat;
  /** The spending ledger's summaries and CSV (issue 16). */
  spending: Pick<Spending, 'summary' | 'conversation' | 'csv'>;
  /** What the next message could cost (issue 16); a read, called as the person types. */
  estimator: Pick<CostEstimator, 'estimate' | 'forget'>;
  sessions: ChatSessions;
  openExternal: ConfirmAndOpenLink;
  /** Backups (issue 20): the list, "Back up now", "Restore…", one conversation back. */
  backups: BackupHandlerDeps['backups'];
  /** Where encrypted copies go and come from (main's dialogs); null where there are none. */
  backupDialogs: BackupHandlerDeps['dialogs'];
}

function streamTarget(streamId: string, ctx: CallContext<ChatContract>): StreamTarget {
  return {
    streamId,
    windowId: ctx.windowId,
    deliver: (conversationId, messageId, events) =>
      ctx.emit('onChatEvents', { streamId, conversationId, messageId, events }),
    // Final figures fetched after the stream ended go to the window that streamed the reply.
    deliverUsage: (figures) => ctx.emit('onReplyUsage', figures),
  };
}

/**
 * Settings with what is wrong in them: the stored file's problems, and provider slugs that OpenRouter's
 * provider list does not name (when main has the list; such routing is not sent either). What a
 * window receives from `getSettings`, `updateSettings` and `onSettingsChanged` alike.
 */
export function withProblems(
  settings: Settings,
  deps: Pick<ChatHandlerDeps, 'catalog' | 'settings'>,
): SettingsWithProblems {
  const known = deps.catalog.knownProviders();
  const unknown =
    known && settings.providerDefaults
      ? unknownProviderProblems(settings.providerDefaults, known, {
          field: 'providerDefaults',
          place: 'settings',
        })
      : [];
  return { ...settings, problems: [...deps.settings.problems(), ...unknown] };
}

export function createChatHandlers(deps: ChatHandlerDeps): Handlers<ChatContract> {
  return {
    getAppInfo: async () => deps.appInfo,

    // The key's status, the ways it gets in, removing it (key-handlers.ts).
    ...createKeyHandlers(deps),

    listModels: (request) => deps.models.listModels({ refresh: request?.refresh ?? false }),

    getSettings: async () => withProblems(deps.settings.get(), deps),
    updateSettings: async (patch) => {
      // A key pasted into the system prompt would be saved in settings.json and sent with every message.
      if (patch.systemPrompt !== undefined) deps.chat.refuseKeyInSystemPrompt(patch.systemPrompt);
      return withProblems(await deps.settings.update(patch), deps);
    },
    listModelEndpoints: async ({ modelId }) => ({
      endpoints: await deps.catalog.listModelEndpoints(modelId),
    }),
    listAccountModelIds: async () => ({ modelIds: await deps.catalog.listAccountModelIds() }),
    listProviders: async () => ({ providers: await deps.catalog.listProviders() }),
    getConversationOptions: ({ conversationId }) => deps.conversationOptions.get(conversationId),
    setConversationOptions: ({ conversationId, options }) =>
      deps.conversationOptions.set(conversationId, options),

    listConversations: async (request) => deps.history.list(request),
    createConversation: (request) => deps.history.create(request),
    renameConversation: ({ conversationId, title }) => deps.history.rename(conversationId, title),
    deleteConversation: ({ conversationId }) => {
      // A reply still streaming into it would keep spending credits with nowhere to show them.
      deps.chat.cancelConversation(conversationId);
      deps.estimator.forget(conversationId);
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
    // Issue 18: the window reloads the conversation's messages (the visible path) after this.
    switchBranch: ({ conversationId, messageId }) => deps.history.switchBranch(conversationId, messageId),
    // Each column streams to the window under its own stream id (cancelChat stops one).
    compareModels: ({ columns, ...input }, ctx) =>
      deps.chat.compare(
        input,
        columns.map(({ streamId, model }) => ({ model, target: streamTarget(streamId, ctx) })),
      ),

    getReplyImage: async ({ conversationId, messageId, imageId }) => ({
      // The store checked the file's bytes are the image type it records before this data URL is made.
      dataUrl: toDataUrl(await deps.history.replyImage(conversationId, messageId, imageId)),
    }),
    saveReplyImage: async ({ conversationId, messageId, imageId }, ctx) => {
      // Read (and checked) before the dialog opens: a missing image is said at once, not after a pick.
      const image = await deps.history.replyImage(conversationId, messageId, imageId);
      const path = await deps.files.chooseImageFile(
        `switchboard-${messageId.slice(0, 12)}-${imageId}`,
        ctx.windowId,
      );
      if (!path) return { saved: false, fileName: null };
      await deps.files.writeImage(path, image.bytes);
      return { saved: true, fileName: basename(path) };
    },

    getSpending: async ({ days }) => deps.spending.summary(days),
    getConversationSpending: async ({ conversationId }) => deps.spending.conversation(conversationId),
    exportSpendingCsv: async ({ days }, ctx) => {
      // Made before the dialog opens: the file holds the ledger as it was when the person asked.
      const text = await deps.spending.csv(days);
      const path = await deps.files.chooseCsvFile(
        days === undefined ? 'switchboard-spending.csv' : `switchboard-spending-${days}-days.csv`,
        ctx.windowId,
      );
      if (!path) return { saved: false, fileName: null };
      await deps.files.writeExport(path, text);
      return { saved: true, fileName: basename(path) };
    },
    // Tokenized in main (the window never counts): only the draft's changed piece per keystroke.
    estimateCost: (request) => deps.estimator.estimate(request),

    // Attachments (issue 17): attach, drop, paste, preview, save.
    ...createAttachmentHandlers({
      attachments: deps.attachments,
      history: deps.history,
      dialogs: deps.files,
    }),

    // Backups (issue 20): snapshots named by id, never by path.
    ...createBackupHandlers({
      backups: deps.backups,
      dialogs: deps.backupDialogs,
      estimator: deps.estimator,
    }),

    // Updates (issue 20): status, "Check for updates", "Restart to update".
    ...createUpdateHandlers(deps),

    // Languages (issue 20): the locale main resolved from Settings and the system.
    ...createLocaleHandlers(deps),

    openExternal: async ({ url }, ctx) => {
      const safe = parseSafeExternalUrl(url);
      if (!safe) {
        throw appError('validation', { id: 'errors.app.onlyHttpsLinks' });
      }
      return { opened: await deps.openExternal(safe, ctx.windowId) };
    },
  };
}
