import { useIntl } from 'react-intl';
import { useCountdown } from '../../hooks/use-countdown';

interface RetryButtonProps {
  onRetry: () => void;
  /** When set (rate limits), Retry stays disabled and counts down first. */
  waitSeconds?: number | undefined;
}

/** Retry, or "Retry in N s" while OpenRouter asked us to wait. */
export function RetryButton({ onRetry, waitSeconds = 0 }: RetryButtonProps) {
  const intl = useIntl();
  const left = useCountdown(waitSeconds);
  return (
    <button type="button" disabled={left > 0} onClick={onRetry}>
      {left > 0
        ? intl.formatMessage({ id: 'messages.retryIn' }, { seconds: left })
        : intl.formatMessage({ id: 'messages.retry' })}
    </button>
  );
}
