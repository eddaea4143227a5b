import type { ChatContract } from '../../common/ipc/contract';
import type { Handlers } from '../ipc/handler-table';
import type { BackupService } from '../services/backups/backup-service';

type BackupChannels =
  | 'listBackups'
  | 'backUpNow'
  | 'restoreBackup'
  | 'listBackupConversations'
  | 'restoreBackupConversation';

export interface BackupHandlerDeps {
  backups: Pick<BackupService, 'list' | 'backUpNow' | 'restore' | 'conversations' | 'restoreConversation'>;
  /** Streams of this session stop nothing here: a restore is refused while one runs (the service says so). */
  estimator?: { forget(conversationId: string): void };
}

/**
 * Settings → Backups (issue 20). The window names a snapshot by its id and a conversation by its id;
 * main answers with dates, counts and sizes, never a path. The contract validates every payload.
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
      // Its context changed: the composer's cost estimate for it is worked out again.
      deps.estimator?.forget(conversationId);
      return restored;
    },
  };
}
