import type { KeyStatus } from '../../../../common/key-status';
import type { Note } from '../../i18n/note';
import { hasUsableKey } from '../../state/key-status-store';
import { pausedReasonMessage } from '../onboarding/key-origin-paused';

/** Why a message cannot be sent right now, in words shown beside the composer; null when it can. */
export function composerBlockReason(keyStatus: KeyStatus | null, model: string | null): Note | null {
  if (keyStatus === null) return { id: 'chat.composer.blocked.checkingKey' };
  if (keyStatus.state === 'origin-mismatch') return pausedReasonMessage(keyStatus);
  if (!hasUsableKey(keyStatus)) return { id: 'chat.composer.blocked.noKey' };
  if (model === null) return { id: 'chat.composer.blocked.noModel' };
  return null;
}
