import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import { createTranslate } from '../i18n/note';
import type { AppStores } from '../state/app-stores';
import { preferredModel } from '../state/model-choice-store';
import { createAddKeyActions } from './add-key-actions';
import { createAttachmentActions } from './attachment-actions';
import { createBackupActions } from './backup-actions';
import { createBranchActions } from './branch-actions';
import { createChatActions } from './chat-actions';
import { createCompareActions } from './compare-actions';
import { createConversationActions } from './conversation-actions';
import { createDialogActions } from './dialog-actions';
import { createHistoryActions } from './history-actions';
import { createKeyActions } from './key-actions';
import { createLinkActions } from './link-actions';
import { createLocaleActions } from './locale-actions';
import { createMessageActions } from './message-actions';
import { createMessageAttachmentActions } from './message-attachment-actions';
import { createModelActions } from './model-actions';
import { createNavigationActions } from './navigation-actions';
import { createReplyImageActions } from './reply-image-actions';
import { createReplyUsageActions } from './reply-usage-actions';
import { createRequestOptionsActions } from './request-options-actions';
import { createSettingsActions } from './settings-actions';
import { shareChatEvents } from './shared-chat-events';
import { createSpendingActions } from './spending-actions';
import { createToastActions } from './toast-actions';
import { createUpdateActions } from './update-actions';

/**
 * Every action of the window, built once around one bridge (the real one, or a fake in tests). Actions
 * are the renderer's one way to main, and the components' one way to change state.
 */
export function createAppActions(bridge: SwitchboardBridge, stores: AppStores) {
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
    compare: compareStore,
  } = stores;
  // Issue 20: the locale main resolved; the window's IntlProvider follows it, and the refusals the
  // renderer writes itself (as `{ code, message }`, like main's) are written in it.
  const locale = createLocaleActions({ bridge });
  const translate = createTranslate(() => locale.state.get()?.locale ?? null);
  const settingsActions = createSettingsActions({ bridge, settings });
  const conversationActions = createConversationActions({ bridge, conversations, messages });
  const messageActions = createMessageActions({ bridge, messages });
  const key = createKeyActions({ bridge, keyStatus });
  const requestOptionsActions = createRequestOptionsActions({ bridge, requestOptions });
  const branches = createBranchActions({ bridge, messages, streams, translate });
  // The chat and Compare both follow main's stream events, through one subscription.
  const streamBridge = shareChatEvents(bridge);
  const chat = createChatActions({
    bridge: streamBridge,
    messages,
    streams,
    conversations,
    modelChoice,
    conversationActions,
    settingsActions,
    requestOptionsActions,
    branchActions: branches,
    translate,
  });
  const modelActions = createModelActions({ bridge, models, modelChoice });
  const toastActions = createToastActions({ toasts });
  const replyUsage = createReplyUsageActions({ bridge, messages });
  const messageAttachments = createMessageAttachmentActions({ bridge, toasts, translate });
  const compare = createCompareActions({
    bridge: streamBridge,
    compare: compareStore,
    conversations,
    messages,
    modelChoice,
    models,
    settings,
    dialogs,
    conversationActions,
    messageActions,
    settingsActions,
    requestOptionsActions,
    translate,
  });

  // Issue 20: main's update status, "Check for updates" and "Restart to update".
  const updates = createUpdateActions({ bridge });

  return {
    chat,
    branches,
    compare,
    conversations: conversationActions,
    messages: messageActions,
    navigation: createNavigationActions({ conversations, settings, modelChoice, messageActions }),
    key,
    addKey: createAddKeyActions({ bridge }),
    settings: settingsActions,
    models: modelActions,
    history: createHistoryActions({ bridge }),
    backups: createBackupActions({
      bridge,
      conversations,
      messages,
      conversationActions,
      messageActions,
      settingsActions,
    }),
    links: createLinkActions({ bridge, toasts }),
    replyImages: createReplyImageActions({ bridge, toasts }),
    messageAttachments,
    dialogs: createDialogActions({ dialogs }),
    toasts: toastActions,
    requestOptions: requestOptionsActions,
    spending: createSpendingActions({ bridge, toasts }),
    attachments: createAttachmentActions({ bridge, staged: stagedAttachments, toasts, translate }),
    updates,
    locale,

    /** Subscribes to main's events and loads the first data; returns the teardown. */
    start(): () => void {
      const stopChat = chat.listen();
      const stopCompare = compare.listen();
      const stopKey = key.listen();
      const stopReplyUsage = replyUsage.listen();
      const stopUpdates = updates.listen();
      const stopLocale = locale.listen();
      const stopSettings = settingsActions.listen();
      void key.loadStatus();
      void settingsActions.load().then(() => modelChoice.chooseIfUnset(preferredModel(settings.get())));
      void conversationActions.loadFirst();
      void conversationActions.loadQuarantined();
      void modelActions.loadList();
      void requestOptionsActions.loadAccountModelIds();
      return () => {
        stopChat();
        stopCompare();
        stopKey();
        stopReplyUsage();
        stopUpdates();
        stopLocale();
        stopSettings();
        messageAttachments.dispose();
        toasts.dispose();
      };
    },
  };
}

export type AppActions = ReturnType<typeof createAppActions>;
