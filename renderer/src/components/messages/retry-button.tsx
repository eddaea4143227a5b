import { useCountdown } from '../../hooks/use-countdown';

interface RetryButtonProps {
  onRetry: () => void;
  /** When set (rate limits), Retry stays disabled and counts down first. */
  waitSeconds?: number | undefined;
}

/** Retry, or "Retry in N s" while OpenRouter asked us to wait. */
export function RetryButton({ onRetry, waitSeconds = 0 }: RetryButtonProps) {
  const left = useCountdown(waitSeconds);
  return (
    <button type="button" disabled={left > 0} onClick={onRetry}>
      {left > 0 ? `Retry in ${left} s` : 'Retry'}
    </button>
  );
}
