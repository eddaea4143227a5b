import type { KeyStatus } from '../../common/key-status';
import type { Logger } from '../services/log/logger';
import type { AskPerson } from './questions';

/**
 * When the stored key belongs to another OpenRouter origin than this launch's, main asks the person,
 * in a main-process dialog that names both origins, whether to send it there. Why at start, once the
 * key is read, rather than at first use: the launch setting is the cause, so the question comes with
 * the launch, and its timing is main's alone — the chat page, which may run injected script, can
 * neither summon the dialog nor choose the moment it appears. It is asked at most once per launch;
 * "don't send" (the default, also Esc or closing the dialog) holds for the rest of it, and the
 * window explains how to resume (a key for the new origin, or a launch without the override).
 * A "send" holds for this launch only: the record stays bound to the origin it was verified against.
 */
export interface KeyOriginConsentDeps {
  vault: {
    /** Resolves once the stored key has been read. */
    init(): Promise<KeyStatus>;
    allowLaunchOrigin(): KeyStatus;
  };
  ask: AskPerson;
  log: Logger;
}

export interface KeyOriginConsent {
  /** Asks if the stored key belongs elsewhere; the same promise on every call (one question per launch). */
  askOnce(): Promise<void>;
}

export function createKeyOriginConsent(deps: KeyOriginConsentDeps): KeyOriginConsent {
  let asking: Promise<void> | null = null;

  async function ask(): Promise<void> {
    const status = await deps.vault.init();
    if (status.state !== 'origin-mismatch') return;
    const { keyOrigin, launchOrigin } = status;
    let send = false;
    try {
      // No window id: main picks its chat window (or none), not the caller.
      send = await deps.ask({ kind: 'send-key-to-origin', keyOrigin, launchOrigin }, null);
    } catch (error) {
      deps.log.warn('could not ask whether to send the key to this launch’s origin; it is not sent', {
        error: error instanceof Error ? error.name : typeof error,
      });
    }
    if (send) {
      deps.vault.allowLaunchOrigin();
    } else {
      deps.log.info('the person chose not to send the stored key to this launch’s origin; chat is paused', {
        keyOrigin,
        launchOrigin,
      });
    }
  }

  return {
    askOnce() {
      asking ??= ask();
      return asking;
    },
  };
}
