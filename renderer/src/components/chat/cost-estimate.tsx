import { useId } from 'react';
import { type CostEstimate, keyLimitBelowEstimate } from '../../../../common/spending-types';
import { describeEstimate } from '../../format/spending';
import { formatUsd } from '../../format/usd';

export const ESTIMATE_EXPLANATION =
  'An estimate, not the price: the whole conversation that would be sent, counted with a tokenizer, at ' +
  "the model's prompt price, plus a reply from nothing up to Max tokens at its completion price, plus " +
  'reasoning and web search when on. The exact cost appears on the reply.';

/**
 * What the next message could cost, shown near Send (paid models, or web search on). Not a live
 * region: it changes as the person types, and Send is described by it instead.
 */
export function CostEstimateNote({ id, estimate }: { id: string; estimate: CostEstimate }) {
  const explanationId = useId();
  const keyShort = keyLimitBelowEstimate(estimate);
  return (
    <div id={id} className="composer-estimate">
      <p title={ESTIMATE_EXPLANATION} aria-describedby={explanationId}>
        {describeEstimate(estimate)}
        {estimate.unknownPrice && ': the cost will show on the reply.'}
      </p>
      <p id={explanationId} className="visually-hidden">
        {ESTIMATE_EXPLANATION}
      </p>
      {keyShort && (
        <p className="composer-key-short">
          Your key has {formatUsd(estimate.keyLimitRemainingUsd ?? 0)} left on OpenRouter; this message could
          cost up to {formatUsd(estimate.highUsd)}. OpenRouter may refuse it or cut the reply short.
        </p>
      )}
    </div>
  );
}
