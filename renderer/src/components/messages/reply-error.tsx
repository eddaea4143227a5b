import type { AppError } from '../../../../common/errors';
import { useActions } from '../../app-context';
import { RetryButton } from './retry-button';

// Every error's action lives here, so what a person is offered for each code is read in one place.
const CREDITS_URL = 'https://openrouter.ai/settings/credits';
const KEYS_URL = 'https://openrouter.ai/settings/keys';
const PRIVACY_URL = 'https://openrouter.ai/settings/privacy';

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
  const pickModel = (
    <button type="button" onClick={() => actions.dialogs.openPicker('chat')}>
      Pick another model
    </button>
  );
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
    case 'max_tokens_unaffordable':
      // The message says which value fits (error.affordableTokens); Max tokens is in Settings.
      return (
        <>
          <button type="button" onClick={() => actions.dialogs.openSettings()}>
            Lower Max tokens
          </button>
          {retry}
        </>
      );
    case 'key_limit_reached':
      return (
        <button type="button" onClick={() => void actions.links.open(KEYS_URL)}>
          Raise key limit
        </button>
      );
    case 'privacy_blocked':
      return (
        <>
          <button type="button" onClick={() => void actions.links.open(PRIVACY_URL)}>
            Open privacy settings
          </button>
          {pickModel}
        </>
      );
    case 'rate_limited':
      return onRetry ? <RetryButton onRetry={onRetry} waitSeconds={error.retryAfterSeconds} /> : null;
    default:
      if (MODEL_PROBLEMS.has(error.code)) {
        return (
          <>
            {pickModel}
            {retry}
          </>
        );
      }
      if (RETRYABLE.has(error.code)) return retry;
      // The model's provider refused this request: another model (or provider) may take it.
      return error.provider !== undefined ? pickModel : null;
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
