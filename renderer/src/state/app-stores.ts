import { createCompareStore } from './compare-store';
import { createConversationsStore } from './conversations-store';
import { createDialogsStore } from './dialogs-store';
import { createKeyStatusStore } from './key-status-store';
import { createMessagesStore } from './messages-store';
import { createModelChoiceStore } from './model-choice-store';
import { createModelsStore } from './models-store';
import { createRequestOptionsStore } from './request-options-store';
import { createSettingsStore } from './settings-store';
import { createStagedAttachmentsStore } from './staged-attachments-store';
import { createStreamsStore } from './streams-store';
import { createToastsStore } from './toasts-store';
import { readOnly } from './value-store';

/**
 * Every store of the window. Stores hold state and the transitions on it; they never call main
 * (the actions do, and then call the transitions).
 */
export function createAppStores() {
  return {
    toasts: createToastsStore(),
    keyStatus: createKeyStatusStore(),
    settings: createSettingsStore(),
    models: createModelsStore(),
    conversations: createConversationsStore(),
    messages: createMessagesStore(),
    streams: createStreamsStore(),
    dialogs: createDialogsStore(),
    modelChoice: createModelChoiceStore(),
    requestOptions: createRequestOptionsStore(),
    stagedAttachments: createStagedAttachmentsStore(),
    compare: createCompareStore(),
  };
}

export type AppStores = ReturnType<typeof createAppStores>;

/**
 * What components read: each store's value, subscription and selectors, and none of its transitions.
 * New objects, so a component cannot change state even by a cast; it calls an action instead.
 */
export function storeViews(stores: AppStores) {
  const {
    toasts,
    keyStatus,
    settings,
    models,
    conversations,
    messages,
    streams,
    dialogs,
    modelChoice,
    requestOptions,
    stagedAttachments,
    compare,
  } = stores;
  return {
    toasts: readOnly(toasts),
    keyStatus: readOnly(keyStatus),
    settings: readOnly(settings),
    settingsProblems: readOnly(settings.problems),
    models: readOnly(models),
    conversations: { ...readOnly(conversations), find: conversations.find },
    messages: { lists: messages.lists, messages: messages.messages },
    streams: { ...readOnly(streams), forConversation: streams.forConversation },
    dialogs: { ...readOnly(dialogs), anyOpen: dialogs.anyOpen },
    modelChoice: readOnly(modelChoice),
    requestOptions: readOnly(requestOptions),
    stagedAttachments: readOnly(stagedAttachments),
    compare: { ...readOnly(compare.state), replies: compare.replies },
  };
}

export type StoreViews = ReturnType<typeof storeViews>;
