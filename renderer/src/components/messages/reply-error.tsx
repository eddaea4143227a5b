import type { AppError } from '../../../../common/errors';
import { useActions } from '../../app-context';
import { RetryButton } from './retry-button';

const CREDITS_URL = 'https://openrouter.ai/settings/credits';

const RETRYABLE = new Set<AppError['code']>(['timeout', 'offline', 'connection_lost', 'upstream_error']);
const MODEL_PROBLEMS = new Set<AppError['code']>([
  'provider_unavailable',
  'model_unavailable',
  'context_too_long',
]);

interface ReplyErrorProps {
  error: AppError;
  /** Retrying regenerates the reply; offered only where that is possible (the last reply, idle). */
  onRetry: (() => void) | null;
}

function ErrorActions({ error, onRetry }: ReplyErrorProps) {
  const actions = useActions();
  const retry = onRetry ? <RetryButton onRetry={onRetry} /> : null;
  switch (error.code) {
    case 'key_rejected':
      return (
        <button
          type="button"
          onClick={() =>
            void actions.key.remove().then((result) => {
              // Back to the start screen, where the ways to add a key are.
              if (result.ok) actions.navigation.newChat();
              else actions.toasts.show(result.error.message, { tone: 'error' });
            })
          }
        >
          Remove key
        </button>
      );
    case 'out_of_credits':
      return (
        <button type="button" onClick={() => void actions.links.open(CREDITS_URL)}>
          Add credits
        </button>
      );
    case 'rate_limited':
      return onRetry ? <RetryButton onRetry={onRetry} waitSeconds={error.retryAfterSeconds} /> : null;
    default:
      if (MODEL_PROBLEMS.has(error.code)) {
        return (
          <>
            <button type="button" onClick={() => actions.dialogs.openPicker('chat')}>
              Pick another model
            </button>
            {retry}
          </>
        );
      }
      return RETRYABLE.has(error.code) ? retry : null;
  }
}

/**
 * An error shown on the reply it ended. The message is an alert; the actions sit beside it, outside
 * the live region, so a ticking countdown is not announced every second.
 */
export function ReplyError({ error, onRetry }: ReplyErrorProps) {
  return (
    <div className="reply-error">
      <div role="alert">
        <p>{error.message}</p>
        {error.code === 'moderation' && error.reasons && error.reasons.length > 0 && (
          <ul className="moderation-reasons">
            {error.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        )}
      </div>
      <div className="button-row">
        <ErrorActions error={error} onRetry={onRetry} />
      </div>
    </div>
  );
}
