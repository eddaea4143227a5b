import type { ConversationsStore } from './conversations-store';
import type { MessagesStore } from './messages-store';
import { type ModelChoiceStore, preferredModel } from './model-choice-store';
import type { SettingsStore } from './settings-store';

/** Moving between conversations, which also decides which model the composer sends with. */
export function createNavigation(deps: {
  conversations: ConversationsStore;
  messages: MessagesStore;
  settings: SettingsStore;
  modelChoice: ModelChoiceStore;
}) {
  const { conversations, messages, settings, modelChoice } = deps;
  return {
    open(conversationId: string) {
      conversations.select(conversationId);
      const model = conversations.find(conversationId)?.model ?? null;
      if (model !== null) modelChoice.choose(model);
      void messages.ensureLoaded(conversationId);
    },
    newChat() {
      conversations.select(null);
      modelChoice.choose(preferredModel(settings.get()) ?? modelChoice.get());
    },
  };
}

export type Navigation = ReturnType<typeof createNavigation>;
