/**
 * What a person is told when "Sign in with OpenRouter" does not end with a stored key. Each message
 * says what happened and what to do; none contains the key, the code, the verifier or the state.
 *
 * The codes come from the shared `ERROR_CODES` list. Only a sign-in already running has its own code
 * (the window branches on it to offer "Cancel sign-in"); each other failure uses the closest existing
 * code, and the message carries the precise reason.
 */
import { type AppFailure, appError } from '../../../common/errors';
import type { ErrorMessage } from '../../../common/i18n/error-messages';

/** The sign-in's fixed messages (errors.signIn.*), each shown in the window's language. */
export const SIGN_IN_MESSAGES = {
  inProgress: { id: 'errors.signIn.inProgress' },
  stateMismatch: { id: 'errors.signIn.stateMismatch' },
  deniedInBrowser: { id: 'errors.signIn.deniedInBrowser' },
  noCode: { id: 'errors.signIn.noCode' },
  invalidCode: { id: 'errors.signIn.invalidCode' },
  cancelled: { id: 'errors.signIn.cancelled' },
  browserOpenFailed: { id: 'errors.signIn.browserOpenFailed' },
  badResponse: { id: 'errors.signIn.badResponse' },
  exchangeTimeout: { id: 'errors.signIn.exchangeTimeout' },
  exchangeUnavailable: { id: 'errors.signIn.exchangeUnavailable' },
  launchReused: { id: 'errors.signIn.launchReused' },
  failed: { id: 'errors.signIn.failed' },
} as const satisfies Record<string, ErrorMessage>;

/** "5 minutes", "1 minute", or seconds below a minute (tests use short timeouts). */
export function signInTimedOut(timeoutMs: number): AppFailure {
  if (timeoutMs < 60_000) {
    // As formatSeconds: whole seconds, two decimals below one.
    const s = timeoutMs / 1000;
    const seconds = s >= 1 ? Math.round(s) : Number(s.toFixed(2));
    return appError('timeout', { id: 'errors.signIn.timedOutSeconds', values: { seconds } });
  }
  const minutes = Math.round(timeoutMs / 60_000);
  return appError('timeout', { id: 'errors.signIn.timedOutMinutes', values: { minutes } });
}

export function signInCancelled(): AppFailure {
  return appError('cancelled', SIGN_IN_MESSAGES.cancelled);
}

/**
 * The one-time launch URL was visited twice. No dedicated code exists; like a callback with a wrong
 * `state`, it is a browser answer Switchboard cannot trust.
 */
export function launchUrlReused(): AppFailure {
  return appError('upstream_error', SIGN_IN_MESSAGES.launchReused);
}

export function signInInProgress(): AppFailure {
  return appError('sign_in_in_progress', SIGN_IN_MESSAGES.inProgress);
}

/** OAuth `error` values are short ASCII tokens; anything else is not worth echoing to the person. */
const OAUTH_ERROR_TOKEN = /^[A-Za-z0-9_.-]{1,64}$/;

/** The browser came back with `error=…` (RFC 6749 §4.1.2.1). */
export function browserReportedError(error: string): AppFailure {
  if (error === 'access_denied') return appError('cancelled', SIGN_IN_MESSAGES.deniedInBrowser);
  return OAUTH_ERROR_TOKEN.test(error)
    ? appError('upstream_error', { id: 'errors.signIn.browserErrorNamed', values: { error } })
    : appError('upstream_error', { id: 'errors.signIn.browserError' });
}

export function loopbackPortBusy(port: number): AppFailure {
  // A string: a number would be grouped ("54,321").
  return appError('internal', { id: 'errors.signIn.portBusy', values: { port: String(port) } });
}

export function loopbackListenFailed(reason: string): AppFailure {
  return appError('internal', { id: 'errors.signIn.listenFailed', values: { reason } });
}
