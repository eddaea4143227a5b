import { type AppFailure, appError } from '../../../../common/errors';
import type { ErrorMessageId } from '../../../../common/i18n/error-messages';

/**
 * Turns a file-system failure into an error written for the person: what happened, and what to do.
 *
 * The shared error codes have no storage code yet, so these use `internal`; the message carries the
 * meaning. Paths are included on purpose: they point at the person's own files and help them act.
 */
export function errnoOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/**
 * What the history was doing when the disk said no. Each is a key of the `action` select in the
 * `errors.history.storage*` messages, so the window words it in its own language ("could not save your
 * message"); a new action adds a key there, in every catalog.
 */
export type StorageAction =
  | 'createConversation'
  | 'deleteConversation'
  | 'importConversation'
  | 'notePendingCleanup'
  | 'openHistory'
  | 'openHistoryFolder'
  | 'openYourHistory'
  | 'renameConversation'
  | 'restoreConversation'
  | 'restoreFromBackup'
  | 'saveAttachment'
  | 'saveConversationList'
  | 'saveInterruptedReply'
  | 'saveMessage'
  | 'saveOptions'
  | 'saveReply'
  | 'saveReplyCheckpoint'
  | 'saveReplyFigures'
  | 'saveReplyImage'
  | 'showVersion'
  | 'startReply';

/**
 * A free-text value of an error (a path, a title, a quarantine reason) as the bridge takes it: at most
 * 4000 characters (ErrorValuesSchema), cut with an ellipsis beyond, so a very long one never turns the
 * whole error into an "internal error" at the bridge.
 */
export function errorValueText(text: string): string {
  return text.length <= 4000 ? text : `${text.slice(0, 3999)}…`;
}

function storageMessage(errno: string | undefined): ErrorMessageId {
  switch (errno) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'errors.history.storageDiskFull';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'errors.history.storageNotWritable';
    case 'EMFILE':
    case 'ENFILE':
      return 'errors.history.storageTooManyFiles';
    default:
      return 'errors.history.storageFailed';
  }
}

export function storageFailure(error: unknown, action: StorageAction, path: string): AppFailure {
  const errno = errnoOf(error);
  // Every message gets the same values (those it does not use are ignored), so one call covers all four.
  return appError('internal', {
    id: storageMessage(errno),
    values: {
      action,
      path: errorValueText(path),
      known: errno === undefined ? 'no' : 'yes',
      code: errno ?? '',
    },
  });
}
