import { type AppError, AppFailure, type ErrorCode } from '../errors';

/**
 * An AppFailure whose message is plain text with no catalog id — a test's stand-in for a failure
 * built elsewhere (a stub's, or one carrying text under test such as an echoed key). Production
 * code raises catalog messages only: `appError(code, { id, values })` in common/errors.ts.
 */
export function textFailure(
  code: ErrorCode,
  message: string,
  extra: Omit<AppError, 'code' | 'message'> = {},
): AppFailure {
  return new AppFailure({ code, message, ...extra });
}
