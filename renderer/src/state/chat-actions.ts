import type { Message } from '../../../common/conversation-types';
import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { Result } from '../../../common/ipc/define';
import { endsStream } from './apply-stream-events';
import type { ConversationsStore } from './conversations-store';
import type { MessagesStore } from './messages-store';
import type { ModelChoiceStore } from './model-choice-store';
import type { SettingsStore } from './settings-store';
import type { StreamsStore } from './streams-store';

export interface ChatActionsDeps {
  bridge: SwitchboardBridge;
  messages: MessagesStore;
  streams: StreamsStore;
  conversations: ConversationsStore;
  settings: SettingsStore;
  modelChoice: ModelChoiceStore;
}

function failure(message: string): Result<never> {
  return { ok: false, error: { code: 'validation', message } };
}

/** Sending, regenerating, editing and stopping: the renderer's side of a streamed reply. */
export function createChatActions(deps: ChatActionsDeps) {
  const { bridge, messages, streams, conversations, settings, modelChoice } = deps;

  /**
   * Registers the stream before asking main, so events that beat main's answer are recognised
   * and kept for the placeholder that is about to arrive.
   */
  const streamReply = async <T>(
    conversationId: string,
    call: (streamId: string) => Promise<Result<T>>,
    onStarted: (value: T) => void,
  ): Promise<Result<T>> => {
    const streamId = crypto.randomUUID();
    streams.start({ streamId, conversationId });
    const result = await call(streamId);
    if (!result.ok) {
      streams.end(streamId);
      return result;
    }
    onStarted(result.value);
    conversations.touch(conversationId);
    // Main records the model as recently used and may retitle the conversation.
    void settings.load();
    void conversations.refresh();
    return result;
  };

  return {
    async send(content: string): Promise<Result<unknown>> {
      const model = modelChoice.get();
      if (!model) return failure('Pick a model first.');
      let conversationId = conversations.get().selectedId;
      if (conversationId === null) {
        const created = await conversations.create(model);
        if (!created.ok) return created;
        conversationId = created.value.id;
        // Known to be empty: opening it must not race a page load against the message being sent.
        messages.markEmpty(conversationId);
        conversations.select(conversationId);
      }
      const target = conversationId;
      return streamReply(
        target,
        (streamId) => bridge.sendMessage({ streamId, conversationId: target, content, model }),
        (value) => messages.append(target, [value.userMessage, value.assistantMessage]),
      );
    },

    async regenerate(conversationId: string, reply: Message): Promise<Result<unknown>> {
      const model = modelChoice.get() ?? reply.model;
      if (!model) return failure('Pick a model first.');
      return streamReply(
        conversationId,
        (streamId) => bridge.regenerate({ streamId, conversationId, fromMessageId: reply.id, model }),
        (value) => {
          messages.truncateFrom(conversationId, reply.id);
          messages.append(conversationId, [value.assistantMessage]);
        },
      );
    },

    async editAndResend(
      conversationId: string,
      messageId: string,
      content: string,
    ): Promise<Result<unknown>> {
      const model = modelChoice.get();
      if (!model) return failure('Pick a model first.');
      return streamReply(
        conversationId,
        (streamId) => bridge.editAndResend({ streamId, conversationId, messageId, content, model }),
        (value) => {
          messages.truncateFrom(conversationId, messageId);
          messages.append(conversationId, [value.userMessage, value.assistantMessage]);
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
          void conversations.refresh();
        }
      });
    },
  };
}

export type ChatActions = ReturnType<typeof createChatActions>;
