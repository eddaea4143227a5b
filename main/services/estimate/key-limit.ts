import { createHash } from 'node:crypto';
import type { KeyInfo } from '../../../common/key-status';

/** Identifies a key without keeping it: this memory must not become another place the key lives. */
function fingerprint(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

/**
 * The last `/key` answer main received, for the key it was about. Estimates read the key's
 * `limit_remaining` from here as the person types, instead of asking OpenRouter per keystroke. An
 * answer about another key (a candidate being checked, a key since replaced) is never used.
 */
export function createKeyInfoMemory() {
  let last: { fingerprint: string; limitRemaining: number | null } | null = null;
  return {
    remember(key: string, info: KeyInfo): void {
      last = { fingerprint: fingerprint(key), limitRemaining: info.limitRemaining };
    },
    /** USD the current key has left as last heard; null when unlimited, unknown, or about another key. */
    limitRemainingFor(currentKey: string | null): number | null {
      if (currentKey === null || last === null) return null;
      return last.fingerprint === fingerprint(currentKey) ? last.limitRemaining : null;
    },
  };
}

export type KeyInfoMemory = ReturnType<typeof createKeyInfoMemory>;

/** Wraps a `/key` reader so every answer it gets is remembered (key-info.ts is not changed). */
export function rememberingKeyInfo(
  read: (key: string) => Promise<KeyInfo>,
  memory: KeyInfoMemory,
): (key: string) => Promise<KeyInfo> {
  return async (key) => {
    const info = await read(key);
    memory.remember(key, info);
    return info;
  };
}
