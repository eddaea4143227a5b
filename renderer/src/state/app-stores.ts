import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import { createChatActions } from './chat-actions';
import { createConversationsStore } from './conversations-store';
import { createDialogsStore } from './dialogs-store';
import { createKeyStatusStore } from './key-status-store';
import { createMessagesStore } from './messages-store';
import { createModelChoiceStore, preferredModel } from './model-choice-store';
import { createModelsStore } from './models-store';
import { createNavigation } from './navigation';
import { createLinkOpener } from './open-link';
import { createSettingsStore } from './settings-store';
import { createStreamsStore } from './streams-store';
import { createToastsStore } from './toasts-store';

/** Every store of the window, built once around one bridge (the real one, or a fake in tests). */
export function createAppStores(bridge: SwitchboardBridge) {
  const toasts = createToastsStore();
  const keyStatus = createKeyStatusStore(bridge);
  const settings = createSettingsStore(bridge);
  const models = createModelsStore(bridge);
  const conversations = createConversationsStore(bridge);
  const messages = createMessagesStore(bridge);
  const streams = createStreamsStore();
  const dialogs = createDialogsStore();
  const modelChoice = createModelChoiceStore();
  const chat = createChatActions({ bridge, messages, streams, conversations, settings, modelChoice });
  const openLink = createLinkOpener(bridge, toasts);
  const navigation = createNavigation({ conversations, messages, settings, modelChoice });

  return {
    bridge,
    toasts,
    keyStatus,
    settings,
    models,
    conversations,
    messages,
    streams,
    dialogs,
    modelChoice,
    chat,
    openLink,
    navigation,

    /** Subscribes to main's events and loads the first data; returns the teardown. */
    start(): () => void {
      const stopChat = chat.listen();
      const stopKey = keyStatus.listen();
      void keyStatus.load();
      void settings.load().then(() => modelChoice.chooseIfUnset(preferredModel(settings.get())));
      void conversations.loadFirst();
      void conversations.loadQuarantined();
      void models.load();
      return () => {
        stopChat();
        stopKey();
        toasts.dispose();
      };
    },
  };
}

export type AppStores = ReturnType<typeof createAppStores>;
