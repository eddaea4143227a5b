import { useId } from 'react';
import { useIntl } from 'react-intl';
import type { DisplayLocale } from '../../../../common/i18n/locales';
import { type CostEstimate, keyLimitBelowEstimate } from '../../../../common/spending-types';
import { describeEstimate } from '../../format/spending';
import { formatUsd } from '../../format/usd';

/**
 * What the next message could cost, shown near Send (paid models, or web search on). Not a live
 * region: it changes as the person types, and Send is described by it instead.
 */
export function CostEstimateNote({ id, estimate }: { id: string; estimate: CostEstimate }) {
  const explanationId = useId();
  const intl = useIntl();
  const locale = intl.locale as DisplayLocale;
  const keyShort = keyLimitBelowEstimate(estimate);
  const explanation = intl.formatMessage({ id: 'chat.estimate.explanation' });
  return (
    <div id={id} className="composer-estimate">
      <p title={explanation} aria-describedby={explanationId}>
        {estimate.unknownPrice
          ? intl.formatMessage(
              { id: 'chat.estimate.unknownPrice' },
              { estimate: describeEstimate(estimate, intl) },
            )
          : describeEstimate(estimate, intl)}
      </p>
      <p id={explanationId} className="visually-hidden">
        {explanation}
      </p>
      {keyShort && (
        <p className="composer-key-short">
          {intl.formatMessage(
            { id: 'chat.estimate.keyShort' },
            {
              left: formatUsd(estimate.keyLimitRemainingUsd ?? 0, locale),
              high: formatUsd(estimate.highUsd, locale),
            },
          )}
        </p>
      )}
    </div>
  );
}
