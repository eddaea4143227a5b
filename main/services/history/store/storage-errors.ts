import { type AppFailure, appError } from '../../../../common/errors';

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

export function storageFailure(error: unknown, action: string, path: string): AppFailure {
  switch (errnoOf(error)) {
    case 'ENOSPC':
    case 'EDQUOT':
      return appError(
        'internal',
        `Switchboard could not ${action} because the disk is full. Free some disk space and try again; everything saved before is still there.`,
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return appError(
        'internal',
        `Switchboard is not allowed to write to ${path}, so it could not ${action}. Check that the folder is writable (permissions, read-only disk or sync tool) and try again.`,
      );
    case 'EMFILE':
    case 'ENFILE':
      return appError(
        'internal',
        `Switchboard could not ${action} because too many files are open. Close some programs and try again.`,
      );
    default:
      return appError(
        'internal',
        `Switchboard could not ${action} (${errnoOf(error) ?? 'unknown error'} at ${path}). Try again; if it keeps happening, check the disk.`,
      );
  }
}
