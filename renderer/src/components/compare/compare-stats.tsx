import { type IntlShape, useIntl } from 'react-intl';
import type { DisplayLocale } from '../../../../common/i18n/locales';
import { formatCost } from '../../format/usd';
import type { CompareReply } from '../../state/compare-store';

/** Seconds with two decimals (`0.42 s`): what a person compares between columns at a glance. */
export function formatSeconds(ms: number | null, intl?: IntlShape): string {
  if (ms === null) return '—';
  const seconds = ms / 1000;
  if (!intl) return `${seconds.toFixed(2)} s`;
  return intl.formatMessage(
    { id: 'compare.stats.seconds' },
    { seconds: intl.formatNumber(seconds, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) },
  );
}

/**
 * A column's figures: time to first token and total time (measured in this window from Send), the
 * tokens and exact cost OpenRouter billed (`usage`, formatted like a reply's usage line), and the
 * provider that served the reply.
 */
export function CompareStats({ reply }: { reply: CompareReply }) {
  const intl = useIntl();
  const { message, startedAt, firstTokenAt, endedAt } = reply;
  const { usage } = message;
  return (
    <dl className="compare-stats">
      <div>
        <dt>{intl.formatMessage({ id: 'compare.stats.firstToken' })}</dt>
        <dd>{formatSeconds(firstTokenAt === null ? null : firstTokenAt - startedAt, intl)}</dd>
      </div>
      <div>
        <dt>{intl.formatMessage({ id: 'compare.stats.totalTime' })}</dt>
        <dd>{formatSeconds(endedAt === null ? null : endedAt - startedAt, intl)}</dd>
      </div>
      <div>
        <dt>{intl.formatMessage({ id: 'compare.stats.tokens' })}</dt>
        <dd>
          {usage
            ? intl.formatMessage(
                { id: 'compare.stats.tokensValue' },
                { prompt: usage.promptTokens, completion: usage.completionTokens },
              )
            : '—'}
        </dd>
      </div>
      <div>
        <dt>{intl.formatMessage({ id: 'compare.stats.cost' })}</dt>
        <dd>{formatCost(usage?.cost, intl.locale as DisplayLocale)}</dd>
      </div>
      <div>
        <dt>{intl.formatMessage({ id: 'compare.stats.provider' })}</dt>
        <dd data-i18n-content>{message.provider ?? '—'}</dd>
      </div>
    </dl>
  );
}
