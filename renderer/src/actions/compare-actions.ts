import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { Result } from '../../../common/ipc/define';
import { createTranslate, type Translate } from '../i18n/note';
import {
  type CompareStore,
  MAX_COMPARE_COLUMNS,
  MIN_COMPARE_COLUMNS,
  replyEnded,
} from '../state/compare-store';
import type { ConversationsStore } from '../state/conversations-store';
import type { DialogsStore } from '../state/dialogs-store';
import type { MessagesStore } from '../state/messages-store';
import type { ModelChoiceStore } from '../state/model-choice-store';
import type { ModelsStore } from '../state/models-store';
import type { SettingsStore } from '../state/settings-store';
import type { ConversationActions } from './conversation-actions';
import type { MessageActions } from './message-actions';
import type { RequestOptionsActions } from './request-options-actions';
import type { SettingsActions } from './settings-actions';

export interface CompareActionsDeps {
  bridge: Pick<SwitchboardBridge, 'compareModels' | 'cancelChat' | 'switchBranch' | 'onChatEvents'>;
  compare: CompareStore;
  conversations: ConversationsStore;
  messages: MessagesStore;
  modelChoice: ModelChoiceStore;
  models: ModelsStore;
  settings: SettingsStore;
  dialogs: DialogsStore;
  conversationActions: Pick<ConversationActions, 'create' | 'refresh'>;
  messageActions: Pick<MessageActions, 'ensureLoaded'>;
  settingsActions: Pick<SettingsActions, 'load'>;
  requestOptionsActions: Pick<RequestOptionsActions, 'applyPending'>;
  /** The clock the columns' times are read from (a fake one in tests). */
  now?: () => number;
  /** Writes the renderer's own refusals in the interface's language (English when not given). */
  translate?: Translate;
}

/** What the composer hands over when the person presses Compare. */
export interface CompareRequest {
  prompt: string;
  attachments: readonly string[];
  webSearch: boolean;
}

/** The models a new column offers first: the person's favourites, then recent ones, then the list's. */
function candidateModels(deps: CompareActionsDeps): string[] {
  const settings = deps.settings.get();
  const listed = deps.models.get().list?.models.map((m) => m.id) ?? [];
  return [...new Set([...(settings?.favouriteModels ?? []), ...(settings?.recentModels ?? []), ...listed])];
}

/**
 * The Compare view (issue 18): one prompt to 2–4 models at once through one `compareModels` call, each
 * column its own stream (stopped one by one or all together), and "Continue with this" making one reply
 * the conversation's branch. Its stream events are the columns' own: the chat's listener ignores them
 * (their stream ids are not in the streams store and their messages not in the messages store).
 */
export function createCompareActions(deps: CompareActionsDeps) {
  const { bridge, compare, conversations, messages, modelChoice, dialogs } = deps;
  const now = deps.now ?? (() => performance.now());
  const translate = deps.translate ?? createTranslate();

  /** The next model not in any column yet (a column may still repeat one, chosen in the picker). */
  const nextModel = (taken: readonly string[]): string | null =>
    candidateModels(deps).find((id) => !taken.includes(id)) ?? null;

  /** Shows the conversation again as main stores it (the compare's message and the chosen branch). */
  const reloadConversation = async (conversationId: string) => {
    messages.forget(conversationId);
    await deps.messageActions.ensureLoaded(conversationId);
  };

  const streaming = () =>
    compare.get().columns.filter((c) => c.streamId !== null && !replyEnded(compare.reply(c.key)));
  const stopAll = async () => {
    await Promise.all(streaming().map((c) => bridge.cancelChat({ streamId: c.streamId as string })));
  };
  const isStreaming = () => compare.get().phase === 'sending' || streaming().length > 0;

  return {
    /** Opens the view with the current model and the next favourite or recent one. */
    open(request: CompareRequest): void {
      const current = modelChoice.get();
      const first = current ?? nextModel([]);
      if (first === null) return;
      const second = nextModel([first]) ?? first;
      compare.open({ ...request, models: [first, second] });
    },

    /** Closes the view; replies still streaming are stopped first, and the conversation reloads. */
    async close(): Promise<void> {
      const { conversationId } = compare.get();
      await stopAll();
      compare.close();
      if (conversationId !== null) await reloadConversation(conversationId);
    },

    addColumn(): void {
      const { columns, phase } = compare.get();
      if (phase !== 'choosing' || columns.length >= MAX_COMPARE_COLUMNS) return;
      const model = nextModel(columns.map((c) => c.model)) ?? columns[columns.length - 1]?.model;
      if (model) compare.addColumn(model);
    },

    removeColumn(key: string): void {
      const { columns, phase } = compare.get();
      if (phase === 'choosing' && columns.length > MIN_COMPARE_COLUMNS) compare.removeColumn(key);
    },

    /** Opens the model picker for one column; its choice comes back through `choosePicked`. */
    pickModel(key: string): void {
      compare.startPicking(key);
      dialogs.openPicker('compare');
    },

    choosePicked(model: string): void {
      compare.choosePicked(model);
    },

    /** Sends the prompt to every column at once; a refusal of the whole compare is kept to show. */
    async send(): Promise<Result<unknown>> {
      const s = compare.get();
      if (s.phase !== 'choosing')
        return { ok: false, error: { code: 'validation', message: translate('compare.alreadySent') } };
      let conversationId = conversations.get().selectedId;
      const streamIds = s.columns.map(() => crypto.randomUUID());
      compare.sending(streamIds, now());
      if (conversationId === null) {
        const firstModel = s.columns[0]?.model ?? null;
        const created = await deps.conversationActions.create(firstModel);
        if (!created.ok) {
          compare.refused(created.error);
          return created;
        }
        conversationId = created.value.id;
        const applied = await deps.requestOptionsActions.applyPending(conversationId);
        if (!applied.ok) {
          compare.refused(applied.error);
          return applied;
        }
        messages.markEmpty(conversationId);
        conversations.select(conversationId);
      }
      const result = await bridge.compareModels({
        conversationId,
        content: s.prompt,
        ...(s.attachments.length > 0 ? { attachments: [...s.attachments] } : {}),
        ...(s.webSearch ? { webSearch: true } : {}),
        columns: s.columns.map((c, i) => ({ streamId: streamIds[i] as string, model: c.model })),
      });
      if (!result.ok) {
        compare.refused(result.error);
        return result;
      }
      compare.started(conversationId, result.value.replies);
      conversations.touch(conversationId);
      // Main records the models as recently used and may retitle the conversation.
      void deps.settingsActions.load();
      void deps.conversationActions.refresh();
      return result;
    },

    /** Stops one column; the others go on. */
    async stop(key: string): Promise<void> {
      const column = compare.get().columns.find((c) => c.key === key);
      if (column?.streamId && !replyEnded(compare.reply(key))) {
        await bridge.cancelChat({ streamId: column.streamId });
      }
    },

    /** Stop (or Escape): every column still streaming. */
    stopAll,

    isStreaming,

    /** Makes this column's reply the conversation's branch and shows the conversation on it. */
    async continueWith(key: string): Promise<Result<unknown>> {
      const { conversationId } = compare.get();
      const reply = compare.reply(key);
      if (conversationId === null || !reply) {
        const error = {
          code: 'validation' as const,
          message: translate('compare.notStoredYet'),
        };
        compare.failed(error);
        return { ok: false, error };
      }
      const result = await bridge.switchBranch({ conversationId, messageId: reply.message.id });
      if (!result.ok) {
        compare.failed(result.error);
        return result;
      }
      // Columns still writing go on in main and are stored as further versions of the reply.
      compare.close();
      await reloadConversation(conversationId);
      return result;
    },

    /** The columns' one subscription to stream events (batches of other streams are not theirs). */
    listen(): () => void {
      return bridge.onChatEvents((batch) => {
        const applied = compare.applyEvents(batch.streamId, batch.messageId, batch.events, now());
        if (applied && !isStreaming()) void deps.conversationActions.refresh();
      });
    },
  };
}

export type CompareActions = ReturnType<typeof createCompareActions>;
