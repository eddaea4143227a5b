import type { ConversationsStore } from '../state/conversations-store';
import { type ModelChoiceStore, preferredModel } from '../state/model-choice-store';
import type { SettingsStore } from '../state/settings-store';
import type { MessageActions } from './message-actions';

export interface NavigationActionsDeps {
  conversations: ConversationsStore;
  settings: SettingsStore;
  modelChoice: ModelChoiceStore;
  messageActions: Pick<MessageActions, 'ensureLoaded'>;
}

/** Moving between conversations, which also decides which model the composer sends with. */
export function createNavigationActions(deps: NavigationActionsDeps) {
  const { conversations, settings, modelChoice, messageActions } = deps;
  return {
    open(conversationId: string) {
      conversations.select(conversationId);
      const model = conversations.find(conversationId)?.model ?? null;
      if (model !== null) modelChoice.choose(model);
      void messageActions.ensureLoaded(conversationId);
    },
    newChat() {
      conversations.select(null);
      modelChoice.choose(preferredModel(settings.get()) ?? modelChoice.get());
    },
  };
}

export type NavigationActions = ReturnType<typeof createNavigationActions>;
