import type { Message } from '../../../common/conversation-types';
import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { Result } from '../../../common/ipc/define';
import { createTranslate, type Translate } from '../i18n/note';
import { endsStream } from '../state/apply-stream-events';
import type { ConversationsStore } from '../state/conversations-store';
import type { MessagesStore } from '../state/messages-store';
import type { ModelChoiceStore } from '../state/model-choice-store';
import type { StreamsStore } from '../state/streams-store';
import type { BranchActions } from './branch-actions';
import type { ConversationActions } from './conversation-actions';
import type { RequestOptionsActions } from './request-options-actions';
import type { SettingsActions } from './settings-actions';

export interface ChatActionsDeps {
  bridge: Pick<
    SwitchboardBridge,
    'sendMessage' | 'regenerate' | 'editAndResend' | 'cancelChat' | 'onChatEvents'
  >;
  messages: MessagesStore;
  streams: StreamsStore;
  conversations: ConversationsStore;
  modelChoice: ModelChoiceStore;
  conversationActions: Pick<ConversationActions, 'create' | 'refresh'>;
  settingsActions: Pick<SettingsActions, 'load'>;
  requestOptionsActions: Pick<RequestOptionsActions, 'applyPending'>;
  /** Reads the visible path again once a new version's reply has ended (issue 18). */
  branchActions: Pick<BranchActions, 'reloadPath'>;
  /** Writes the renderer's own refusals in the interface's language (English when not given). */
  translate?: Translate;
}

/** What the composer adds to one message (issue 15). */
export interface SendOptions {
  /** Web search for this message only; absent or false sends no `webSearch` field. */
  webSearch?: boolean;
  /** Staged attachments (issue 17), by sha256 in the order of their chips. */
  attachments?: readonly string[];
}

/** A one-off change to a regenerated reply, offered by an error's actions. */
export interface RegenerateOverride {
  model?: string;
  maxTokens?: number;
}

/** What "Continue" on a cut-off reply sends: the plain request models understand as "go on". */
export const CONTINUE_PROMPT = 'Continue';

/** Sending, regenerating, editing and stopping: the renderer's side of a streamed reply. */
export function createChatActions(deps: ChatActionsDeps) {
  const {
    bridge,
    messages,
    streams,
    conversations,
    modelChoice,
    conversationActions,
    settingsActions,
    requestOptionsActions,
    branchActions,
  } = deps;
  const translate = deps.translate ?? createTranslate();
  // Said where main's refusals are (the same `{ code, message }`), so written in the language now.
  const noModel = (): Result<never> => ({
    ok: false,
    error: { code: 'validation', message: translate('chat.pickModelFirst') },
  });
  // Streams writing a new version (regenerate, edit and resend), by stream id, with their conversation:
  // when one ends, the path is read again, so the versions shown are main's (issue 18).
  const versionStreams = new Map<string, string>();

  /** After a new version is shown: reload the path when its reply ends (or now, if it already has). */
  const followVersion = (streamId: string, conversationId: string) => {
    if (streams.isKnown(streamId)) versionStreams.set(streamId, conversationId);
    else void branchActions.reloadPath(conversationId);
  };

  /**
   * Registers the stream before asking main, so events that beat main's answer are recognised
   * and kept for the placeholder that is about to arrive.
   */
  const streamReply = async <T>(
    conversationId: string,
    call: (streamId: string) => Promise<Result<T>>,
    onStarted: (value: T, streamId: string) => void,
  ): Promise<Result<T>> => {
    const streamId = crypto.randomUUID();
    streams.start({ streamId, conversationId });
    const result = await call(streamId);
    if (!result.ok) {
      streams.end(streamId);
      return result;
    }
    onStarted(result.value, streamId);
    conversations.touch(conversationId);
    // Main records the model as recently used and may retitle the conversation.
    void settingsActions.load();
    void conversationActions.refresh();
    return result;
  };

  return {
    async send(content: string, options: SendOptions = {}): Promise<Result<unknown>> {
      const model = modelChoice.get();
      if (!model) return noModel();
      let conversationId = conversations.get().selectedId;
      if (conversationId === null) {
        const created = await conversationActions.create(model);
        if (!created.ok) return created;
        conversationId = created.value.id;
        // Choices made in the new chat before it existed (reasoning, web search always…) apply to it
        // before its first message is sent.
        const applied = await requestOptionsActions.applyPending(conversationId);
        if (!applied.ok) return applied;
        // Known to be empty: opening it must not race a page load against the message being sent.
        messages.markEmpty(conversationId);
        conversations.select(conversationId);
      }
      const target = conversationId;
      return streamReply(
        target,
        (streamId) =>
          bridge.sendMessage({
            streamId,
            conversationId: target,
            content,
            model,
            // Only when chosen: with no choice, the request stays exactly what it was.
            ...(options.webSearch ? { webSearch: true } : {}),
            ...(options.attachments?.length ? { attachments: [...options.attachments] } : {}),
          }),
        (value) => messages.append(target, [value.userMessage, value.assistantMessage]),
      );
    },

    /**
     * Writes the reply again, as a new version (issue 18): the earlier reply stays, one "Previous
     * version" away. `override` comes from an error's actions: `model` ("Try <model>", a model
     * OpenRouter suggested) becomes the chosen model once the new reply starts, so the next message goes
     * there too; `maxTokens` ("Retry with N max tokens") applies to this one request only.
     */
    async regenerate(
      conversationId: string,
      reply: Message,
      override: RegenerateOverride = {},
    ): Promise<Result<unknown>> {
      const model = override.model ?? modelChoice.get() ?? reply.model;
      if (!model) return noModel();
      const { maxTokens } = override;
      return streamReply(
        conversationId,
        (streamId) =>
          bridge.regenerate({
            streamId,
            conversationId,
            fromMessageId: reply.id,
            model,
            ...(maxTokens !== undefined ? { maxTokens } : {}),
          }),
        (value, streamId) => {
          if (override.model !== undefined) modelChoice.choose(override.model);
          // The new reply takes the old one's place in the window; main keeps the old as a version.
          messages.showNewVersion(conversationId, reply.id, [value.assistantMessage]);
          followVersion(streamId, conversationId);
        },
      );
    },

    /**
     * Continues a reply cut off by the Max tokens limit: a new user turn "Continue" in the reply's
     * conversation (not necessarily the selected one), with the chosen model or else the reply's.
     * The cut-off text stays in history as it was received.
     */
    async continueReply(conversationId: string, reply: Message): Promise<Result<unknown>> {
      const model = modelChoice.get() ?? reply.model;
      if (!model) return noModel();
      return streamReply(
        conversationId,
        (streamId) => bridge.sendMessage({ streamId, conversationId, content: CONTINUE_PROMPT, model }),
        (value) => messages.append(conversationId, [value.userMessage, value.assistantMessage]),
      );
    },

    async editAndResend(
      conversationId: string,
      messageId: string,
      content: string,
    ): Promise<Result<unknown>> {
      const model = modelChoice.get();
      if (!model) return noModel();
      return streamReply(
        conversationId,
        (streamId) => bridge.editAndResend({ streamId, conversationId, messageId, content, model }),
        (value, streamId) => {
          messages.showNewVersion(conversationId, messageId, [value.userMessage, value.assistantMessage]);
          followVersion(streamId, conversationId);
        },
      );
    },

    async stop(conversationId: string): Promise<void> {
      const stream = streams.forConversation(conversationId);
      if (stream) await bridge.cancelChat({ streamId: stream.streamId });
    },

    /** The one subscription to stream events for the whole window. */
    listen(): () => void {
      return bridge.onChatEvents((batch) => {
        // Events for streams this window did not start, about messages it does not show, are noise.
        if (!streams.isKnown(batch.streamId) && !messages.messages.has(batch.messageId)) return;
        messages.applyEvents(batch.messageId, batch.events);
        if (endsStream(batch.events)) {
          streams.end(batch.streamId);
          void conversationActions.refresh();
          const versionOf = versionStreams.get(batch.streamId);
          if (versionOf !== undefined) {
            versionStreams.delete(batch.streamId);
            void branchActions.reloadPath(versionOf);
          }
        }
      });
    },
  };
}

export type ChatActions = ReturnType<typeof createChatActions>;
