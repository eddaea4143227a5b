/**
 * "Sign in with OpenRouter": OAuth PKCE with a loopback redirect, run entirely in main (docs §7,
 * RFC 8252). The renderer only starts and cancels it and sees progress phases; the code, the
 * verifier, the state and the new key never leave this module except towards OpenRouter and the vault.
 */
import { randomBytes } from 'node:crypto';
import { type AppError, AppFailure, appError, errorWithText } from '../../../common/errors';
import type { KeyInfo, KeyStatus } from '../../../common/key-status';
import { describeError } from '../../../common/redact';
import { parseBaseUrl } from '../../config/base-url';
import type { MainText } from '../i18n/catalog-intl';
import type { Logger } from '../log/logger';
import { sanitiseAppError } from '../log/sanitise-errors';
import { scrub } from '../openrouter/scrub';
import type { StoreKeyResult } from '../vault/key-vault';
import { buildAuthorizeUrl } from './auth-url';
import {
  CANCELLED_PAGE,
  type CallbackPage,
  CLOSED_PAGE,
  failurePage,
  KEPT_PAGE,
  SUCCESS_PAGE,
} from './callback-page';
import type { ExchangeCode } from './exchange-code';
import { type LoopbackServer, startLoopbackServer } from './loopback-server';
import { createPkcePair, createState, type RandomBytes, secretsEqual } from './pkce';
import { browserReportedError, SIGN_IN_MESSAGES, signInCancelled, signInInProgress } from './sign-in-errors';

export type SignInProgress =
  | { phase: 'waiting-for-browser' }
  | { phase: 'exchanging' }
  | { phase: 'done'; status: KeyStatus; info: KeyInfo | null; verified: boolean }
  /** The person chose to keep the key they had; the new key was not stored (it exists on OpenRouter). */
  | { phase: 'kept' }
  | { phase: 'failed'; error: AppError }
  | { phase: 'cancelled' };

/** How a sign-in ended: the last progress event. */
export type SignInResult = Extract<SignInProgress, { phase: 'done' | 'kept' | 'failed' | 'cancelled' }>;

export type SignInListener = (event: SignInProgress) => void;

export interface SignInDeps {
  /** OpenRouter's consent page, `authUrlFor(baseUrl)`: https://openrouter.ai/auth in production. */
  authUrl: string;
  /** `exchangeAuthCode` bound to the launch-time base URL. */
  exchangeCode: ExchangeCode;
  /**
   * Opens the system browser (Electron: `shell.openExternal`). It is given only the one-time loopback
   * launch URL, never the consent page's URL with the sign-in's parameters.
   */
  openExternal: (url: string) => Promise<void>;
  /** Verifies and keeps the key (the vault's `store` with source 'oauth' and the chosen persistence). */
  storeKey: (key: string) => Promise<StoreKeyResult>;
  /**
   * Runs before the new key is stored (`createReplaceKeyCheck`): false keeps the current key and ends
   * the sign-in as `kept`. Absent: always store.
   */
  confirmReplace?: (key: string) => Promise<boolean>;
  log: Logger;
  /** How long to wait for the browser. Default 5 minutes. */
  timeoutMs?: number;
  random?: RandomBytes;
  /** Loopback port; 0 (default) lets the OS choose. Fixed only in tests. */
  port?: number;
  /** The language of the pages the browser is shown (issue 20); default English. */
  text?: MainText;
}

export interface SignInFlow {
  /**
   * Runs one sign-in and resolves with how it ended (never rejects for a failed sign-in). Rejects
   * with a `validation` AppFailure when a sign-in is already running; that one is not disturbed.
   */
  start(): Promise<SignInResult>;
  /**
   * Stops the running sign-in, if any: it ends as `cancelled`. Once the new key is being saved the
   * sign-in can no longer be cancelled and finishes normally.
   */
  cancel(): void;
  isRunning(): boolean;
  /** Returns the unsubscribe function. */
  onProgress(listener: SignInListener): () => void;
}

interface Attempt {
  controller: AbortController;
  /** Set once the key is handed to the vault: from then on cancelling would lose a saved key's report. */
  storing: boolean;
}

/** Checks the browser's answer and returns the code; throws the failure the person should see. */
function codeFromCallback(query: URLSearchParams, expectedState: string): string {
  const state = query.get('state');
  const error = query.get('error');
  // A refusal without `state` is still reported as a refusal: it triggers no exchange, so accepting
  // it unverified is harmless, and "answer didn't match" would mislead the person.
  if (error !== null && state === null) throw browserReportedError(error);
  if (state === null || !secretsEqual(state, expectedState)) {
    throw appError('upstream_error', SIGN_IN_MESSAGES.stateMismatch);
  }
  if (error !== null) throw browserReportedError(error);
  const code = query.get('code');
  if (code === null || code.trim() === '') throw appError('upstream_error', SIGN_IN_MESSAGES.noCode);
  return code;
}

export function createSignInFlow(deps: SignInDeps): SignInFlow {
  const { log } = deps;
  const random = deps.random ?? randomBytes;
  // Fail at start-up on a misconfigured URL rather than when the person clicks "Sign in".
  parseBaseUrl(deps.authUrl);
  const listeners = new Set<SignInListener>();
  let current: Attempt | null = null;

  function emit(event: SignInProgress): void {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        log.error('sign-in progress listener failed', { error: describeError(error) });
      }
    }
  }

  /**
   * Sends the browser to `launchUrl` and resolves with the callback query; rejects on cancel, timeout,
   * a reused launch URL or a browser that cannot be opened.
   */
  function waitForBrowser(
    server: LoopbackServer,
    launchUrl: string,
    signal: AbortSignal,
  ): Promise<URLSearchParams> {
    let onAbort = () => {};
    return new Promise<URLSearchParams>((resolve, reject) => {
      onAbort = () => reject(signInCancelled());
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      server.waitForCallback().then(resolve, reject);
      // Not awaited before waiting: `openExternal` may settle late (or, in tests, only once the
      // browser's request is answered), and the callback can arrive before it does.
      Promise.resolve()
        .then(() => deps.openExternal(launchUrl))
        .catch((error: unknown) => {
          log.warn('sign-in: could not open the browser', { error: describeError(error) });
          reject(appError('internal', SIGN_IN_MESSAGES.browserOpenFailed));
        });
    }).finally(() => signal.removeEventListener('abort', onAbort));
  }

  async function run(attempt: Attempt): Promise<SignInResult> {
    const { signal } = attempt.controller;
    const secrets: string[] = [];
    let server: LoopbackServer | null = null;
    let page: CallbackPage = CLOSED_PAGE;
    let result: SignInResult;
    try {
      const pkce = createPkcePair(random);
      const state = createState(random);
      secrets.push(pkce.verifier, state);
      server = await startLoopbackServer({
        log,
        random,
        ...(deps.port !== undefined ? { port: deps.port } : {}),
        ...(deps.timeoutMs !== undefined ? { timeoutMs: deps.timeoutMs } : {}),
        ...(deps.text ? { text: deps.text } : {}),
      });
      if (signal.aborted) throw signInCancelled();
      log.info('sign-in: waiting for the browser', { port: server.port });
      emit({ phase: 'waiting-for-browser' });
      const authorizeUrl = buildAuthorizeUrl({
        authUrl: deps.authUrl,
        callbackUrl: server.callbackUrl,
        pkce,
        state,
      });
      // The browser gets only the one-time launch URL; it redirects to `authorizeUrl` once.
      const query = await waitForBrowser(server, server.launchUrlFor(authorizeUrl), signal);
      const code = codeFromCallback(query, state);
      secrets.push(code);
      emit({ phase: 'exchanging' });
      // A listener may have cancelled in reaction to the event.
      if (signal.aborted) throw signInCancelled();
      const key = await deps.exchangeCode({ code, verifier: pkce.verifier, signal });
      secrets.push(key);
      if (signal.aborted) {
        // The person asked to stop before anything was saved; their wish wins over the new key.
        log.info('sign-in: cancelled after the exchange; the new key is discarded');
        throw signInCancelled();
      }
      const replace = deps.confirmReplace ? await deps.confirmReplace(key) : true;
      if (signal.aborted) {
        log.info('sign-in: cancelled while asking about the current key; the new key is discarded');
        throw signInCancelled();
      }
      if (replace) {
        attempt.storing = true;
        const stored = await deps.storeKey(key);
        page = SUCCESS_PAGE;
        result = { phase: 'done', status: stored.status, info: stored.info, verified: stored.verified };
      } else {
        log.info('sign-in: the person kept the current key; the new key is discarded');
        page = KEPT_PAGE;
        result = { phase: 'kept' };
      }
    } catch (error) {
      if (signal.aborted && !attempt.storing) {
        page = CANCELLED_PAGE;
        result = { phase: 'cancelled' };
      } else {
        const appErr = toAppError(error, secrets);
        // In the language the app is in when the page is sent, like the page's own words.
        page = failurePage(
          appErr.messageId !== undefined
            ? { id: appErr.messageId, ...(appErr.values !== undefined ? { values: appErr.values } : {}) }
            : { text: appErr.message },
        );
        result = { phase: 'failed', error: appErr };
      }
    }
    // Every ending, success included, passes here: the port is closed before anyone hears the outcome.
    await server?.close(page);
    log.info('sign-in finished', {
      outcome: result.phase,
      ...(result.phase === 'failed' ? { code: result.error.code } : {}),
    });
    return result;
  }

  function toAppError(error: unknown, secrets: readonly string[]): AppError {
    if (error instanceof AppFailure) {
      return sanitiseAppError(error.error, (text) => scrub(text, secrets));
    }
    log.error('sign-in failed unexpectedly', { error: scrub(describeError(error), secrets) });
    return errorWithText('internal', SIGN_IN_MESSAGES.failed);
  }

  return {
    async start() {
      if (current !== null) throw signInInProgress();
      const attempt: Attempt = { controller: new AbortController(), storing: false };
      current = attempt;
      let result: SignInResult;
      try {
        result = await run(attempt);
      } finally {
        current = null;
      }
      // After `current` is cleared, so a listener reacting to the end may start a new sign-in.
      emit(result);
      return result;
    },
    cancel() {
      if (current === null || current.storing) return;
      log.info('sign-in: cancel requested');
      current.controller.abort();
    },
    isRunning() {
      return current !== null;
    },
    onProgress(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
