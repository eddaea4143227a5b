import type { IntlShape } from 'react-intl';
import type { Usage } from '../../../common/chat-types';
import { englishIntl } from './format-intl';

/** `1,234 prompt / 56 completion tokens` (in `intl`'s language), or an em dash when the usage is unknown. */
export function formatTokens(usage: Usage | null, intl: IntlShape = englishIntl()): string {
  if (!usage) return '—';
  return intl.formatMessage(
    { id: 'format.usage.tokens' },
    { prompt: usage.promptTokens, completion: usage.completionTokens },
  );
}
