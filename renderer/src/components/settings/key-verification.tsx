import type { KeyInfo } from '../../../../common/key-status';
import { formatUsd } from '../../format/usd';

/** What OpenRouter says about the key: label, spend, limit and tier. */
export function KeyVerification({ info }: { info: KeyInfo }) {
  const limit =
    info.limit === null
      ? 'No limit'
      : `${formatUsd(info.limit)}${info.limitRemaining === null ? '' : ` (${formatUsd(info.limitRemaining)} remaining)`}`;
  return (
    <dl className="key-facts">
      <dt>Label</dt>
      <dd>{info.label || '—'}</dd>
      <dt>Credits used</dt>
      <dd>{formatUsd(info.usage)}</dd>
      <dt>Limit</dt>
      <dd>{limit}</dd>
      <dt>Free tier</dt>
      <dd>{info.isFreeTier ? 'Yes' : 'No'}</dd>
    </dl>
  );
}
