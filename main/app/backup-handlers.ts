import { appError } from '../../common/errors';
import type { ChatContract } from '../../common/ipc/contract';
import type { Handlers } from '../ipc/handler-table';
import type { BackupService } from '../services/backups/backup-service';
import { checkPassphrase } from '../services/backups/encrypted-copy';

type BackupChannels =
  | 'listBackups'
  | 'backUpNow'
  | 'restoreBackup'
  | 'listBackupConversations'
  | 'restoreBackupConversation'
  | 'saveEncryptedBackup'
  | 'openEncryptedBackup';

/** Where encrypted copies go and come from: main-process dialogs; the page never names a path. */
export interface BackupDialogs {
  /** The folder the person chose for an encrypted copy (a synced folder, say), or null when cancelled. */
  chooseBackupFolder(windowId: number): Promise<string | null>;
  /** The encrypted copy (`.age`) the person chose to open, or null when cancelled. */
  chooseEncryptedBackupFile(windowId: number): Promise<string | null>;
}

export interface BackupHandlerDeps {
  backups: Pick<
    BackupService,
    | 'list'
    | 'backUpNow'
    | 'restore'
    | 'conversations'
    | 'restoreConversation'
    | 'exportEncrypted'
    | 'importEncrypted'
  >;
  /** Null where there are no such dialogs (tests): encrypted copies then say they are not available. */
  dialogs: BackupDialogs | null;
  /** A restored conversation's context changed: its cost estimate is worked out again. */
  estimator?: { forget(conversationId: string): void };
}

function noDialogs(): Error {
  return appError('validation', { id: 'errors.app.encryptedCopiesUnavailable' });
}

/**
 * Settings → Backups (issue 20). The window names a snapshot by its id and a conversation by its id;
 * main answers with dates, counts and sizes, never a path. Encrypted copies go where main's folder
 * dialog points and come from the file its open dialog picks; the window sends only the passphrase
 * the person typed. The contract validates every payload.
 */
export function createBackupHandlers(deps: BackupHandlerDeps): Pick<Handlers<ChatContract>, BackupChannels> {
  return {
    listBackups: async () => ({ backups: await deps.backups.list() }),
    backUpNow: () => deps.backups.backUpNow(),
    restoreBackup: ({ backupId }) => deps.backups.restore(backupId),
    listBackupConversations: async ({ backupId }) => ({
      conversations: await deps.backups.conversations(backupId),
    }),
    restoreBackupConversation: async ({ backupId, conversationId }) => {
      const restored = await deps.backups.restoreConversation(backupId, conversationId);
      deps.estimator?.forget(conversationId);
      return restored;
    },
    saveEncryptedBackup: async ({ backupId, passphrase }, ctx) => {
      if (!deps.dialogs) throw noDialogs();
      // Said before the dialog opens, not after a folder was picked.
      checkPassphrase(passphrase);
      const folder = await deps.dialogs.chooseBackupFolder(ctx.windowId);
      if (!folder) return { saved: false, fileName: null };
      return { saved: true, ...(await deps.backups.exportEncrypted(backupId, folder, passphrase)) };
    },
    openEncryptedBackup: async ({ passphrase }, ctx) => {
      if (!deps.dialogs) throw noDialogs();
      const file = await deps.dialogs.chooseEncryptedBackupFile(ctx.windowId);
      if (!file) return { cancelled: true, backup: null };
      return { cancelled: false, backup: await deps.backups.importEncrypted(file, passphrase) };
    },
  };
}
