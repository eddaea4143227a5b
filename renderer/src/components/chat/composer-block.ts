import type { KeyStatus } from '../../../../common/key-status';
import { hasUsableKey } from '../../state/key-status-store';
import { pausedReason } from '../onboarding/key-origin-paused';

export const NO_KEY_REASON = 'Add your OpenRouter key to start chatting';
export const NO_MODEL_REASON = 'Pick a model first (Ctrl+K)';

/** Why a message cannot be sent right now, in words shown beside the composer; null when it can. */
export function composerBlockReason(keyStatus: KeyStatus | null, model: string | null): string | null {
  if (keyStatus === null) return 'Checking your OpenRouter key…';
  if (keyStatus.state === 'origin-mismatch') return pausedReason(keyStatus);
  if (!hasUsableKey(keyStatus)) return NO_KEY_REASON;
  if (model === null) return NO_MODEL_REASON;
  return null;
}
