import type { QuarantineNotice } from '../../../../common/conversation-types';
import { MAX_NOTICE_REPAIRS } from '../../../../common/conversation-types';
import { type ErrorMessage, englishErrorText } from '../../../../common/i18n/error-messages';
import { errorValueText } from './storage-errors';

/**
 * Why a conversation file could not be used, or what a repair changed, as catalog messages (issue 20):
 * a window words a quarantine notice in its language (and again after a switch); the English text is
 * made from the same messages, for the logs, the note written beside the file and the fallback.
 */

/** Why a conversation file cannot be used: the `why` select of `errors.history.fileUnusable`. */
export type UnusableWhy =
  | { why: 'unreadable'; detail: string }
  | { why: 'newer'; version: number; current: number }
  | { why: 'noVersion' }
  | { why: 'noUpgrade'; version: number }
  | { why: 'invalidFormat'; version: number; detail: string }
  | { why: 'empty' }
  | { why: 'notJson'; detail: string }
  | { why: 'wrongId'; describedId: string; fileId: string };

/** One thing a repair of a conversation's tree changed (`errors.history.repair.*`). */
export type TreeRepair = ErrorMessage;

/** What a notice says about why: its English `reason` and the catalog message behind it. */
export type NoticeReason = Pick<QuarantineNotice, 'reason' | 'reasonId' | 'reasonValues' | 'repairs'>;

/** Free-text parts (an OS error, a schema issue, ids from the file) cut as the bridge takes them. */
function valuesOf(why: UnusableWhy): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(why))
    values[name] = typeof value === 'string' ? errorValueText(value) : value;
  return values;
}

/** Why a file was quarantined; `moved: false` when it could not even be moved aside. */
export function unusableReason(why: UnusableWhy, moved = true): NoticeReason {
  const message: ErrorMessage = {
    id: 'errors.history.fileUnusable',
    values: { ...valuesOf(why), moved: moved ? 'yes' : 'no' },
  };
  return { reason: englishErrorText(message), reasonId: message.id, reasonValues: message.values };
}

/** A repaired file's notice: every repair (the English `reason` names them all), and that nothing was lost. */
export function repairedReason(repairs: readonly TreeRepair[], kept = true): NoticeReason {
  const nothingLost: ErrorMessage = {
    id: 'errors.history.repair.nothingLost',
    values: { kept: kept ? 'yes' : 'no' },
  };
  const listed = repairs.map((r) => englishErrorText(r)).join(' ');
  return {
    // i18n-ignore: the English reason, for the logs and the note beside the copy; windows word reasonId and repairs
    reason: `Repaired: ${listed} ${englishErrorText(nothingLost)}`,
    reasonId: nothingLost.id,
    reasonValues: nothingLost.values,
    repairs: repairs
      .slice(0, MAX_NOTICE_REPAIRS)
      .map((r) => (r.values ? { id: r.id, values: r.values } : { id: r.id })),
  };
}
