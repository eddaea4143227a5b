import type { IntlShape } from 'react-intl';
import type { ModelSummary } from '../../../common/chat-types';
import { exaRequestPrice, type WebSearchSettings } from '../../../common/request-options';
import { englishIntl, localeOf } from './format-intl';
import { formatUsd } from './usd';

/**
 * What one web search will cost, said before sending: from the model's own `pricing.web_search` for
 * the model's native search, and Exa's per-request price for Exa; "auto" uses native search where the
 * model prices it and Exa otherwise. Free models are not free here, and the note says so. In `intl`'s
 * language (English when not given).
 */
export function webSearchCostNote(
  model: ModelSummary | undefined,
  settings: WebSearchSettings,
  intl: IntlShape = englishIntl(),
): string {
  const locale = localeOf(intl);
  const native = model?.extraPrices?.webSearchPerRequest ?? null;
  const count = settings.maxResults;
  const exa = () =>
    intl.formatMessage(
      { id: 'format.webSearch.exa' },
      { price: formatUsd(exaRequestPrice(count), locale), count },
    );
  const own = (price: number) =>
    intl.formatMessage({ id: 'format.webSearch.native' }, { price: formatUsd(price, locale), count });
  let cost: string;
  switch (settings.engine) {
    case 'exa':
      cost = exa();
      break;
    case 'native':
      cost =
        native !== null
          ? own(native)
          : intl.formatMessage({ id: 'format.webSearch.nativeUnlisted' }, { count });
      break;
    case 'auto':
      cost = native !== null ? own(native) : exa();
      break;
    default:
      cost = intl.formatMessage({ id: 'format.webSearch.otherEngine' }, { engine: settings.engine, count });
  }
  // A second sentence: each language's catalog carries the space (or none) that goes between them.
  return model?.isFree ? cost + intl.formatMessage({ id: 'format.webSearch.freeModel' }) : cost;
}
