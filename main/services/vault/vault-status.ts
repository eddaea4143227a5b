/**
 * Builders for the statuses the vault reports. Kept apart from the vault's control flow so every
 * state is shaped in exactly one place, and so it is plain that only masked previews go into them.
 */

import type { ErrorDescriptor } from '../../../common/errors';
import { type ErrorMessage, englishErrorText } from '../../../common/i18n/error-messages';
import type { KeySource, KeyStatus } from '../../../common/key-status';
import { maskKey } from '../../../common/redact';
import { MESSAGES, unavailableMessage } from './vault-messages';

/**
 * A reason in both forms the status carries: English `reason` (logs, an older window) and the catalog
 * message each window words in its own language, so it follows a language switch.
 */
function reasonOf(message: ErrorMessage): { reason: string; reasonMessage: ErrorDescriptor } {
  return {
    reason: englishErrorText(message),
    reasonMessage:
      message.values === undefined
        ? { messageId: message.id }
        : { messageId: message.id, values: { ...message.values } },
  };
}

/** Linux `basic_text` encrypts with a hard-coded password: persisting there is only obfuscation. */
export function isWeakBackend(backend: string): boolean {
  return backend === 'basic_text';
}

export function noneStatus(backend: string): KeyStatus {
  return { state: 'none', backend, persistenceIsWeak: isWeakBackend(backend) };
}

export function storedStatus(key: string, source: KeySource, storedAt: string, backend: string): KeyStatus {
  return { state: 'stored', preview: maskKey(key), source, storedAt, backend };
}

export function sessionStatus(key: string, source: KeySource, since: string, backend: string): KeyStatus {
  return {
    state: 'session-only',
    preview: maskKey(key),
    source,
    since,
    backend,
    persistenceIsWeak: isWeakBackend(backend),
  };
}

/** A stored key held back because it is bound to another origin than this launch's. */
export function originMismatchStatus(
  key: string,
  source: KeySource,
  storedAt: string,
  backend: string,
  origins: { keyOrigin: string; launchOrigin: string },
): KeyStatus {
  return { state: 'origin-mismatch', preview: maskKey(key), source, storedAt, backend, ...origins };
}

export function unavailableStatus(
  backend: string,
  platform: NodeJS.Platform,
  savedKeyKept: boolean,
): KeyStatus {
  return { state: 'unavailable', ...reasonOf(unavailableMessage(platform, savedKeyKept)), backend };
}

export function unreadableStatus(backend: string): KeyStatus {
  return { state: 'unreadable', ...reasonOf(MESSAGES.unreadable), backend };
}
