import type { ModelList } from '../../common/chat-types';
import type { ConversationSummary, Message, QuarantineNotice } from '../../common/conversation-types';
import { appError } from '../../common/errors';
import type { AppInfo, ChatContract } from '../../common/ipc/contract';
import type { KeyInfo, KeyStatus } from '../../common/key-status';
import type { Settings, SettingsPatch } from '../../common/settings-types';
import type { CallContext, Handlers } from '../ipc/handler-table';
import type { ChatSessions } from '../services/chat/chat-sessions';
import type { ConversationChat, StreamTarget } from '../services/chat/conversation-chat';
import { parseSafeExternalUrl } from '../services/links/external-url';

/** The slices of each service the chat window may reach. */
export interface ChatHandlerDeps {
  appInfo: AppInfo;
  vault: {
    status(): KeyStatus;
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
  };
  chat: ConversationChat;
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

    getKeyStatus: async () => deps.vault.status(),
    verifyKey: () => deps.vault.verify(),
    removeKey: () => deps.vault.remove(),

    listModels: (request) => deps.models.listModels({ refresh: request?.refresh ?? false }),

    getSettings: async () => deps.settings.get(),
    updateSettings: (patch) => deps.settings.update(patch),

    listConversations: async (request) => deps.history.list(request),
    createConversation: (request) => deps.history.create(request),
    renameConversation: ({ conversationId, title }) => deps.history.rename(conversationId, title),
    deleteConversation: ({ conversationId }) => deps.history.remove(conversationId),
    restoreConversation: ({ undoToken }) => deps.history.restore(undoToken),
    listQuarantined: async () => deps.history.quarantined(),
    loadMessages: ({ conversationId, before, limit }) =>
      deps.history.messages(conversationId, before === undefined ? { limit } : { before, limit }),

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
