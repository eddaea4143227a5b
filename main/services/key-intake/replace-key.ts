/**
 * Before a signed-in key replaces a key Switchboard already keeps, the person is asked, in a
 * main-process dialog, with what OpenRouter calls each key (`GET /key` labels) and masked previews.
 * A sign-in can finish long after it started (or be started by a compromised chat page), so a key
 * that is in use must not be swapped for another account's key without the person seeing which.
 *
 * The new key is checked with OpenRouter here, before the question, so its label is known; the
 * vault checks it once more when storing (its own rule, which this does not weaken).
 */
import { AppFailure, appError, type ErrorCode } from '../../../common/errors';
import type { KeyInfo, KeyStatus } from '../../../common/key-status';
import { maskKey } from '../../../common/redact';
import type { MainQuestion } from '../../app/questions';
import type { Logger } from '../log/logger';
import { MESSAGES } from '../vault/vault-messages';

export type ReplaceKeyQuestion = Extract<MainQuestion, { kind: 'replace-key' }>;

export interface ReplaceKeyDeps {
  /** `status` says whether a usable key is kept; `verify` is GET /key with it (the vault's, never the key). */
  vault: { status(): KeyStatus; verify(): Promise<KeyInfo> };
  /** GET /key with the new key, before it is stored. */
  verifyCandidate: (key: string) => Promise<KeyInfo>;
  /** Asks the person; true only on an explicit yes. */
  ask: (question: ReplaceKeyQuestion) => Promise<boolean>;
  log: Logger;
}

/** The label OpenRouter gives a key, or null when it could not be asked (the question still comes). */
async function labelOf(lookup: () => Promise<KeyInfo>, which: string, log: Logger): Promise<string | null> {
  try {
    return (await lookup()).label;
  } catch (error) {
    const code: ErrorCode | 'unknown' = error instanceof AppFailure ? error.error.code : 'unknown';
    if (code === 'key_rejected' && which === 'new') {
      // Not worth a question: the vault would refuse it anyway, and the current key stays.
      throw appError('key_rejected', MESSAGES.candidateRejected, { status: 401 });
    }
    log.warn('replace-key: no label from OpenRouter', { which, code });
    return null;
  }
}

/**
 * Returns the check the sign-in runs before storing: resolves true when the new key may be stored
 * (no usable key is kept, or the person said yes), false when the current key stays. Throws
 * `key_rejected` when OpenRouter refuses the new key.
 */
export function createReplaceKeyCheck(deps: ReplaceKeyDeps): (candidate: string) => Promise<boolean> {
  const { log } = deps;
  return async (candidate) => {
    const held = deps.vault.status();
    // A key held back for another origin is still the person's kept key: replacing it is asked too.
    if (held.state !== 'stored' && held.state !== 'session-only' && held.state !== 'origin-mismatch') {
      return true;
    }
    const [newLabel, currentLabel] = await Promise.all([
      labelOf(() => deps.verifyCandidate(candidate), 'new', log),
      labelOf(() => deps.vault.verify(), 'current', log),
    ]);
    const replace = await deps.ask({
      kind: 'replace-key',
      currentLabel,
      currentPreview: held.preview,
      newLabel,
      newPreview: maskKey(candidate),
    });
    log.info('replace-key: asked the person', { replace });
    return replace;
  };
}
