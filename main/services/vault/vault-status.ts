/**
 * Builders for the statuses the vault reports. Kept apart from the vault's control flow so every
 * state is shaped in exactly one place, and so it is plain that only masked previews go into them.
 */
import type { KeySource, KeyStatus } from '../../../common/key-status';
import { maskKey } from '../../../common/redact';
import { UNREADABLE_REASON, unavailableReason } from './vault-messages';

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
  return { state: 'unavailable', reason: unavailableReason(platform, savedKeyKept), backend };
}

export function unreadableStatus(backend: string): KeyStatus {
  return { state: 'unreadable', reason: UNREADABLE_REASON, backend };
}
