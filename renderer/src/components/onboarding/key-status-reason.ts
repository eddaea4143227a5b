import type { IntlShape } from 'react-intl';
import type { KeyStatus } from '../../../../common/key-status';
import { formatAppError } from '../../../shared/i18n/error-text';

type StatusWithReason = Extract<KeyStatus, { state: 'unavailable' | 'unreadable' }>;

/**
 * Why the key cannot be used, in the window's language: main's catalog message (`reasonMessage`,
 * errors.key.*) through the one error formatter, so a language switch re-words it; an older main's
 * status without one keeps its English `reason`.
 */
export function keyStatusReason(intl: IntlShape, status: StatusWithReason): string {
  return formatAppError(intl, { message: status.reason, ...status.reasonMessage });
}
