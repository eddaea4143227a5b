import { z } from 'zod';
import { ConversationIdSchema } from './ids';

/**
 * Backups (issue 20): snapshots of the history, settings and spending ledger kept in the data
 * directory. The window sees each snapshot by an opaque id and what it holds, never a file path.
 */

/** Why a snapshot was taken; `weekly` is a daily one kept longer by the retention schedule. */
export const BackupKindSchema = z.enum(['daily', 'weekly', 'pre-update', 'pre-restore', 'manual']);
export type BackupKind = z.infer<typeof BackupKindSchema>;

/** `<time>-<kind>-<6 hex>`: safe as a folder name, names no path. */
export const BackupIdSchema = z.string().regex(/^[0-9TZ-]{20,40}-[a-z-]{5,12}-[0-9a-f]{6}$/);

export const BackupSummarySchema = z
  .object({
    id: BackupIdSchema,
    kind: BackupKindSchema,
    createdAt: z.string(),
    conversationCount: z.number().int().nonnegative(),
    /** Bytes of the files the snapshot holds (what a restore brings back, not the space it takes). */
    totalBytes: z.number().int().nonnegative(),
    /**
     * False when the snapshot was cut short (a crash, a full disk) or its files are damaged: it is
     * never offered for a restore, and it is removed at the next backup.
     */
    complete: z.boolean(),
  })
  .strict();
export type BackupSummary = z.infer<typeof BackupSummarySchema>;

export const BackupListSchema = z.object({ backups: z.array(BackupSummarySchema) }).strict();
export type BackupList = z.infer<typeof BackupListSchema>;

/** A conversation a snapshot holds, for "Restore a conversation…". */
export const BackupConversationSchema = z
  .object({
    id: ConversationIdSchema,
    title: z.string(),
    updatedAt: z.string(),
    messageCount: z.number().int().nonnegative(),
  })
  .strict();
export type BackupConversation = z.infer<typeof BackupConversationSchema>;

export const BackupRestoreResultSchema = z
  .object({
    /** Conversations written back from the snapshot. */
    restored: z.number().int().nonnegative(),
    /** Conversations the snapshot did not have, moved to the trash (restorable for 30 days). */
    movedToTrash: z.number().int().nonnegative(),
    /** Entries of the snapshot's spending ledger the live one lacked, added to it (none is ever removed). */
    spendingEntriesAdded: z.number().int().nonnegative(),
    /** The snapshot of the state before this restore: restoring it undoes the restore. */
    undoBackupId: BackupIdSchema,
  })
  .strict();
export type BackupRestoreResult = z.infer<typeof BackupRestoreResultSchema>;
