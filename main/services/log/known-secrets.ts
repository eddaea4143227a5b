/**
 * The secrets main knows about, so redaction removes them literally and not only by shape.
 *
 * `redact` (common/redact.ts) removes anything shaped like an OpenRouter key. That misses the key in
 * upper case, base64, percent-encoded, or a key that does not have the shape at all (a proxy's token, a
 * test key, a typo). The vault and every way a key gets in (key intake) register each key they see
 * here — the stored key when it is loaded, every candidate being typed, pasted, offered from the
 * environment or exchanged at sign-in — and the logger and the error boundary apply the list.
 *
 * Entries are kept for the process lifetime, not unregistered when a key is removed or rejected: a
 * removed key may not be revoked, a rejected candidate may be a real key of another account or a typo
 * of the right one, and a late log line or error (an in-flight request failing after the key was
 * removed) must still be clean. Main held these strings in memory anyway; JavaScript cannot wipe a
 * string, so keeping a reference adds no new exposure beyond the crash-dump caveat in SECURITY.md.
 * The set is bounded (least recently registered dropped first) so a page that keeps asking to import
 * the clipboard cannot grow main's memory or the cost of every log line; re-registering moves an
 * entry to the front, and the vault re-registers the current key whenever it is set.
 */
import {
  compileSecretMatcher,
  MAX_KNOWN_SECRET_LENGTH,
  MIN_KNOWN_SECRET_LENGTH,
  redact,
  type SecretMatcher,
} from '../../../common/redact';

/** Far more keys than one session ever sees; bounds memory and the per-line matching cost. */
export const KNOWN_SECRETS_CAPACITY = 64;

export interface KnownSecrets {
  /** Registers a secret (trimmed). Too short or too long values are ignored (see common/redact.ts). */
  add(secret: string | null | undefined): void;
  /** The registered secrets, most recent last. For main-process checks only; never log or send. */
  list(): readonly string[];
  /** Removes every registered secret in every form, then everything shaped like a key. */
  redact(text: string): string;
  /** Whether any registered secret occurs in `text` in any form. */
  contains(text: string): boolean;
}

export function createKnownSecrets(capacity = KNOWN_SECRETS_CAPACITY): KnownSecrets {
  const secrets = new Set<string>();
  let matcher: SecretMatcher | null = null;
  const compiled = () => {
    matcher ??= compileSecretMatcher(secrets);
    return matcher;
  };
  return {
    add(secret) {
      const value = secret?.trim() ?? '';
      if (value.length < MIN_KNOWN_SECRET_LENGTH || value.length > MAX_KNOWN_SECRET_LENGTH) return;
      if (secrets.has(value)) {
        secrets.delete(value);
        secrets.add(value);
        return;
      }
      secrets.add(value);
      if (secrets.size > capacity) {
        const oldest = secrets.values().next().value;
        if (oldest !== undefined) secrets.delete(oldest);
      }
      matcher = null;
    },
    list: () => [...secrets],
    redact: (text) => redact(compiled().redact(text)),
    contains: (text) => compiled().test(text),
  };
}

/**
 * The process's registry: one per main process, shared by the vault, key intake, the logger and the
 * error boundary (a module instance, because the logger is created before any service exists).
 */
export const knownSecrets: KnownSecrets = createKnownSecrets();

/** `redact` plus the known secrets: what every log line and every error message leaving main passes. */
export function redactSecrets(text: string): string {
  return knownSecrets.redact(text);
}
