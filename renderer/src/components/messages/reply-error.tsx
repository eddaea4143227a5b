import { useId } from 'react';
import { useIntl } from 'react-intl';
import type { Message } from '../../../../common/conversation-types';
import type { AppError } from '../../../../common/errors';
import { errorNote, formatAppError } from '../../../shared/i18n/error-text';
import type { RegenerateOverride } from '../../actions/chat-actions';
import { useActions } from '../../app-context';
import { useModelName } from '../../hooks/use-model-name';
import { useRefusalToast } from '../../hooks/use-refusal-toast';
import { RetryButton } from './retry-button';

// Every error's action lives here, so what a person is offered for each code is read in one place.
const CREDITS_URL = 'https://openrouter.ai/settings/credits';
const KEYS_URL = 'https://openrouter.ai/settings/keys';
const PRIVACY_URL = 'https://openrouter.ai/settings/privacy';

/** The most `regenerate` accepts as a one-off Max tokens (common/ipc/contract.ts). */
const MAX_TOKENS_OVERRIDE = 1_000_000;

const RETRYABLE = new Set<AppError['code']>(['timeout', 'offline', 'connection_lost', 'upstream_error']);
const MODEL_PROBLEMS = new Set<AppError['code']>([
  'provider_unavailable',
  'model_unavailable',
  'context_too_long',
  'no_matching_provider',
]);
/** The model is gone (or not offered here): retrying the same model cannot help. */
const MODEL_GONE = new Set<AppError['code']>(['model_retired', 'region_restricted']);

interface ReplyErrorProps {
  error: AppError;
  /** Retrying regenerates the reply; offered only where that is possible (the last reply, idle). */
  onRetry: (() => void) | null;
  /**
   * The reply this error ended, in its conversation: "Try <model>" and "Retry with N max tokens"
   * regenerate it with a one-off change. Offered only when `onRetry` is (the last reply, idle).
   */
  conversationId?: string;
  reply?: Message;
}

type RegenerateWith = (override: RegenerateOverride) => void;

/** "Try <model>": regenerates the reply with a model OpenRouter suggested instead. */
function TryModelButton({
  modelId,
  onRegenerateWith,
}: {
  modelId: string;
  onRegenerateWith: RegenerateWith;
}) {
  const intl = useIntl();
  const name = useModelName(modelId) ?? modelId;
  return (
    <button type="button" onClick={() => onRegenerateWith({ model: modelId })}>
      {intl.formatMessage({ id: 'messages.error.tryModel' }, { model: name })}
    </button>
  );
}

function ErrorActions({
  error,
  onRetry,
  onRegenerateWith,
}: {
  error: AppError;
  onRetry: (() => void) | null;
  onRegenerateWith: RegenerateWith | null;
}) {
  const actions = useActions();
  const intl = useIntl();
  // OpenRouter's own word that the same request won't pass (a retired model) removes Retry.
  const canRetry = onRetry !== null && error.retryable !== false;
  // A wait OpenRouter asked for (availability retry_after) counts down before Retry is enabled.
  const retry =
    canRetry && onRetry ? <RetryButton onRetry={onRetry} waitSeconds={error.retryAfterSeconds} /> : null;
  const pickModel = (
    <button type="button" onClick={() => actions.dialogs.openPicker('chat')}>
      {intl.formatMessage({ id: 'messages.error.pickModel' })}
    </button>
  );
  const fallbacks =
    onRegenerateWith && error.fallbackModels
      ? error.fallbackModels.map((id) => (
          <TryModelButton key={id} modelId={id} onRegenerateWith={onRegenerateWith} />
        ))
      : null;
  const openPrivacy = (
    <button type="button" onClick={() => void actions.links.open(PRIVACY_URL)}>
      {intl.formatMessage({ id: 'messages.error.openPrivacy' })}
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
              else actions.toasts.show(errorNote(result.error), { tone: 'error' });
            })
          }
        >
          {intl.formatMessage({ id: 'messages.error.removeKey' })}
        </button>
      );
    case 'out_of_credits':
      return (
        <button type="button" onClick={() => void actions.links.open(CREDITS_URL)}>
          {intl.formatMessage({ id: 'messages.error.addCredits' })}
        </button>
      );
    case 'max_tokens_unaffordable': {
      // The message says which value fits (error.affordableTokens); Max tokens is in Settings, and a
      // one-off retry with that value needs no change there.
      // Anything above the contract's ceiling for a one-off Max tokens fits as well.
      const fits = Math.min(error.affordableTokens ?? 0, MAX_TOKENS_OVERRIDE);
      if (fits === 0) {
        return (
          <>
            <button type="button" onClick={() => void actions.links.open(CREDITS_URL)}>
              {intl.formatMessage({ id: 'messages.error.addCredits' })}
            </button>
            <button type="button" onClick={() => void actions.links.open(KEYS_URL)}>
              {intl.formatMessage({ id: 'messages.error.raiseKeyLimit' })}
            </button>
          </>
        );
      }
      return (
        <>
          {onRegenerateWith && (
            <button type="button" onClick={() => onRegenerateWith({ maxTokens: fits })}>
              {intl.formatMessage({ id: 'messages.error.retryWithTokens' }, { tokens: fits })}
            </button>
          )}
          <button type="button" onClick={() => actions.dialogs.openSettings()}>
            {intl.formatMessage({ id: 'messages.error.lowerMaxTokens' })}
          </button>
          {retry}
        </>
      );
    }
    case 'key_limit_reached':
      return (
        <button type="button" onClick={() => void actions.links.open(KEYS_URL)}>
          {intl.formatMessage({ id: 'messages.error.raiseKeyLimit' })}
        </button>
      );
    case 'privacy_blocked':
      return (
        <>
          {openPrivacy}
          {fallbacks}
          {pickModel}
        </>
      );
    case 'no_matching_provider':
      return (
        <>
          {fallbacks}
          {openPrivacy}
          {pickModel}
        </>
      );
    case 'rate_limited':
      return (
        <>
          {fallbacks}
          {onRetry ? <RetryButton onRetry={onRetry} waitSeconds={error.retryAfterSeconds} /> : null}
        </>
      );
    default:
      if (MODEL_GONE.has(error.code)) {
        return (
          <>
            {fallbacks}
            {pickModel}
          </>
        );
      }
      if (MODEL_PROBLEMS.has(error.code)) {
        return (
          <>
            {fallbacks}
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
export function ReplyError({ error, onRetry, conversationId, reply }: ReplyErrorProps) {
  const actions = useActions();
  const intl = useIntl();
  const reportRefusal = useRefusalToast();
  const flaggedId = useId();
  const onRegenerateWith: RegenerateWith | null =
    onRetry !== null && conversationId !== undefined && reply !== undefined
      ? (override) => {
          void actions.chat.regenerate(conversationId, reply, override).then((result) => {
            if (!result.ok) reportRefusal(result.error);
          });
        }
      : null;
  return (
    <div className="reply-error">
      <div role="alert">
        <p>{formatAppError(intl, error)}</p>
        {error.code === 'moderation' && error.reasons && error.reasons.length > 0 && (
          <ul className="moderation-reasons" data-i18n-content>
            {error.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        )}
        {error.code === 'moderation' && error.flaggedInput !== undefined && (
          <figure className="moderation-flagged" aria-labelledby={flaggedId}>
            <figcaption id={flaggedId}>{intl.formatMessage({ id: 'messages.error.flaggedText' })}</figcaption>
            <blockquote data-i18n-content>{error.flaggedInput}</blockquote>
          </figure>
        )}
      </div>
      <div className="button-row">
        <ErrorActions error={error} onRetry={onRetry} onRegenerateWith={onRegenerateWith} />
      </div>
    </div>
  );
}
