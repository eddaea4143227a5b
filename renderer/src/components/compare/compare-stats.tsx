import { formatTokens } from '../../format/tokens';
import { formatCost } from '../../format/usd';
import type { CompareReply } from '../../state/compare-store';

/** Seconds with two decimals (`0.42 s`): what a person compares between columns at a glance. */
export function formatSeconds(ms: number | null): string {
  return ms === null ? '—' : `${(ms / 1000).toFixed(2)} s`;
}

/**
 * A column's figures: time to first token and total time (measured in this window from Send), the
 * tokens and exact cost OpenRouter billed (`usage`, formatted like a reply's usage line), and the
 * provider that served the reply.
 */
export function CompareStats({ reply }: { reply: CompareReply }) {
  const { message, startedAt, firstTokenAt, endedAt } = reply;
  return (
    <dl className="compare-stats">
      <div>
        <dt>Time to first token</dt>
        <dd>{formatSeconds(firstTokenAt === null ? null : firstTokenAt - startedAt)}</dd>
      </div>
      <div>
        <dt>Total time</dt>
        <dd>{formatSeconds(endedAt === null ? null : endedAt - startedAt)}</dd>
      </div>
      <div>
        <dt>Tokens</dt>
        <dd>{formatTokens(message.usage)}</dd>
      </div>
      <div>
        <dt>Cost</dt>
        <dd>{formatCost(message.usage?.cost)}</dd>
      </div>
      <div>
        <dt>Provider</dt>
        <dd>{message.provider ?? '—'}</dd>
      </div>
    </dl>
  );
}
