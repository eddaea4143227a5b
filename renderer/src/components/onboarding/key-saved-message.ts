import type { KeyStored } from '../../../../common/key-intake-types';
import { formatUsd } from '../../format/usd';

/** What the person sees after a key is stored: its label and credits, or that it is unverified. */
export function keySavedMessage(stored: KeyStored): string {
  if (!stored.verified || !stored.info) {
    return 'Key saved. OpenRouter could not be reached to check it; your first chat will tell you if it is wrong.';
  }
  const { label, usage, limitRemaining } = stored.info;
  const credits = limitRemaining === null ? 'no spending limit' : `${formatUsd(limitRemaining)} remaining`;
  return `Key saved: ${label} — ${formatUsd(usage)} used, ${credits}.`;
}
