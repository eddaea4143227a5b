import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { ConversationsStore } from '../state/conversations-store';
import type { MessagesStore } from '../state/messages-store';
import { createValueStore, type ReadableStore } from '../state/value-store';
import type { ConversationActions } from './conversation-actions';
import type { MessageActions } from './message-actions';
import type { SettingsActions } from './settings-actions';

export interface BackupActionsDeps {
  bridge: Pick<
    SwitchboardBridge,
    | 'listBackups'
    | 'backUpNow'
    | 'restoreBackup'
    | 'listBackupConversations'
    | 'restoreBackupConversation'
    | 'saveEncryptedBackup'
    | 'openEncryptedBackup'
  >;
  conversations: ConversationsStore;
  messages: MessagesStore;
  conversationActions: Pick<ConversationActions, 'refresh'>;
  messageActions: Pick<MessageActions, 'ensureLoaded'>;
  /** A whole restore puts the backup's settings back in main: Settings and the theme read them again. */
  settingsActions: Pick<SettingsActions, 'load'>;
}

/**
 * Settings → Backups (issue 20): main keeps the snapshots; the window names them by id. After a
 * restore, the conversations shown are read again from main (their loaded messages are forgotten, and
 * the open one is loaded again), since their files were replaced; so are the settings (the language
 * follows by itself: main tells every window when it changes).
 */
export function createBackupActions(deps: BackupActionsDeps) {
  const { bridge, conversations, messages } = deps;
  const restores = createValueStore(0);
  const reloadShown = async (ids: readonly string[]) => {
    for (const id of ids) messages.forget(id);
    await deps.conversationActions.refresh();
    const selected = conversations.get().selectedId;
    if (selected !== null) await deps.messageActions.ensureLoaded(selected);
  };
  return {
    /**
     * How many whole restores this window made: Settings keys its fields on it, so the ones holding
     * a draft (system prompt, limits…) start again from the restored values instead of showing the old.
     */
    restores: restores as ReadableStore<number>,
    list: () => bridge.listBackups(),
    backUpNow: () => bridge.backUpNow(),
    conversationsOf: (backupId: string) => bridge.listBackupConversations({ backupId }),
    /** Main asks for the folder (its dialog) and writes the copy encrypted with the passphrase. */
    saveEncrypted: (backupId: string, passphrase: string) =>
      bridge.saveEncryptedBackup({ backupId, passphrase }),
    /** Main asks for the file (its dialog) and keeps it as a backup here, restorable like any other. */
    openEncrypted: (passphrase: string) => bridge.openEncryptedBackup({ passphrase }),
    async restore(backupId: string) {
      const result = await bridge.restoreBackup({ backupId });
      // Also after a failure: a restore that stopped part-way may have changed some conversations.
      await reloadShown(conversations.get().items.map((c) => c.id));
      await deps.settingsActions.load();
      if (result.ok) restores.update((n) => n + 1);
      return result;
    },
    async restoreConversation(backupId: string, conversationId: string) {
      const result = await bridge.restoreBackupConversation({ backupId, conversationId });
      if (result.ok) await reloadShown([conversationId]);
      return result;
    },
  };
}

export type BackupActions = ReturnType<typeof createBackupActions>;
