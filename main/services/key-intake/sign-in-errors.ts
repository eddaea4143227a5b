/**
 * What a person is told when "Sign in with OpenRouter" does not end with a stored key. Each message
 * says what happened and what to do; none contains the key, the code, the verifier or the state.
 *
 * The codes come from the shared `ERROR_CODES` list. Only a sign-in already running has its own code
 * (the window branches on it to offer "Cancel sign-in"); each other failure uses the closest existing
 * code, and the message carries the precise reason.
 */
import { type AppFailure, appError } from '../../../common/errors';
import { formatSeconds } from '../openrouter/error-mapping';

export const SIGN_IN_MESSAGES = {
  inProgress: 'A sign-in is already in progress. Finish it in your browser or cancel it first.',
  stateMismatch:
    "The answer from the browser didn't match this sign-in, so Switchboard ignored it. Try signing in again.",
  deniedInBrowser: 'Sign-in was cancelled in the browser. Sign in again whenever you are ready.',
  noCode: 'OpenRouter did not return a code, so the sign-in could not finish. Try signing in again.',
  invalidCode: 'The sign-in code was invalid or expired. Try signing in again.',
  cancelled: 'Sign-in was cancelled.',
  browserOpenFailed:
    "Switchboard couldn't open your web browser for sign-in. Try again, or paste or type your key instead.",
  badResponse:
    "OpenRouter sent a sign-in answer Switchboard couldn't read, so no key was saved. Try signing in again.",
  exchangeTimeout: 'OpenRouter took too long to finish the sign-in. Try signing in again.',
  exchangeUnavailable: "OpenRouter couldn't finish the sign-in right now. Try again in a moment.",
  launchReused:
    'The sign-in link was opened more than once, so Switchboard stopped this sign-in to be safe. Try signing in again; if this keeps happening, paste or type your key instead.',
} as const;

/** "5 minutes", "1 minute", or seconds below a minute (tests use short timeouts). */
function formatWait(ms: number): string {
  if (ms < 60_000) return formatSeconds(ms);
  const minutes = Math.round(ms / 60_000);
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

export function signInTimedOut(timeoutMs: number): AppFailure {
  return appError(
    'timeout',
    `Sign-in timed out: the browser did not come back within ${formatWait(timeoutMs)}. Try signing in again.`,
  );
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
  const detail = OAUTH_ERROR_TOKEN.test(error) ? ` (${error})` : '';
  return appError(
    'upstream_error',
    `OpenRouter reported a problem with the sign-in${detail}. Try signing in again.`,
  );
}

export function loopbackPortBusy(port: number): AppFailure {
  return appError(
    'internal',
    `Switchboard couldn't start its sign-in listener on 127.0.0.1:${port} because that port is already in use. Close the program using it, or try again.`,
  );
}

export function loopbackListenFailed(reason: string): AppFailure {
  return appError(
    'internal',
    `Switchboard couldn't start its local sign-in listener (${reason}). Try again, or paste or type your key instead.`,
  );
}
