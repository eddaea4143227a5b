import type { IntlShape } from 'react-intl';
import type { KeyStored } from '../../../../common/key-intake-types';
import { localeOf } from '../../format/format-intl';
import { formatUsd } from '../../format/usd';

/** What the person sees after a key is stored: its label and credits, or that it is unverified. */
export function keySavedMessage(stored: KeyStored, intl: IntlShape): string {
  if (!stored.verified || !stored.info) {
    return intl.formatMessage({ id: 'onboarding.keySaved.unverified' });
  }
  const { label, usage, limitRemaining } = stored.info;
  const locale = localeOf(intl);
  return intl.formatMessage(
    { id: 'onboarding.keySaved.verified' },
    {
      label,
      used: formatUsd(usage, locale),
      remaining: limitRemaining === null ? 'none' : formatUsd(limitRemaining, locale),
    },
  );
}
