/**
 * What the vault encrypts: the key together with the OpenRouter origin it was verified against.
 *
 * Why inside the ciphertext: the origin decides where main may send the key, and `vault.json` is a
 * plain file that same-user software can edit. Metadata beside the ciphertext could be rewritten to
 * point a stored key at another host; the sealed origin cannot be changed without the keystore
 * (on macOS, without the Keychain prompt). So the binding is read only from the decrypted text, never
 * from the record's plaintext fields (its `version` included).
 *
 * Format 2 (written now): `{"v":2,"origin":"https://openrouter.ai","key":"sk-or-…"}`.
 * Format 1 (written before): the bare key. Such a key was verified against whatever that launch
 * used, which we cannot know; it is bound to OpenRouter's own origin, the default, so a launch
 * pointed elsewhere asks before sending it.
 */
import { z } from 'zod';
import { normaliseKey } from './key-format';

/** The origin of the default base URL (`https://openrouter.ai/api/v1`): where format-1 keys belong. */
export const DEFAULT_KEY_ORIGIN = 'https://openrouter.ai';

/** The version the record says it holds: 2 for a sealed binding. */
export const SEALED_RECORD_VERSION = 2;

export interface KeyBinding {
  key: string;
  /** An origin as `URL.origin` gives it, e.g. `https://openrouter.ai` or `http://127.0.0.1:4010`. */
  origin: string;
}

/** True for a serialised origin (scheme, host, port; no path): what `new URL(x).origin` returns. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return url.origin !== 'null' && url.origin === value;
  } catch {
    return false;
  }
}

const SealedSchema = z
  .object({
    v: z.literal(SEALED_RECORD_VERSION),
    origin: z.string().refine(isOrigin, 'not an origin'),
    key: z.string(),
  })
  .strict();

/** The plaintext to encrypt for `binding`. */
export function sealBinding(binding: KeyBinding): string {
  if (!isOrigin(binding.origin)) throw new Error('A key can only be bound to an origin');
  // Origin first: fixed-prefix text, and the key last so nothing follows it.
  return JSON.stringify({ v: SEALED_RECORD_VERSION, origin: binding.origin, key: binding.key });
}

/**
 * The binding inside decrypted text, of either format. Throws (without quoting the text, which holds
 * the key) when it is neither a well-formed format-2 binding nor a plausible bare key.
 */
export function openBinding(plaintext: string): KeyBinding {
  // A key always starts with `sk-or-`, so a leading brace can only be format 2.
  if (!plaintext.trimStart().startsWith('{')) {
    return { key: normaliseKey(plaintext), origin: DEFAULT_KEY_ORIGIN };
  }
  let json: unknown;
  try {
    json = JSON.parse(plaintext);
  } catch {
    throw new Error('The decrypted key record is not valid JSON');
  }
  const parsed = SealedSchema.safeParse(json);
  if (!parsed.success) {
    // Paths only: issue messages could quote the key.
    const paths = parsed.error.issues.map((issue) => issue.path.map(String).join('.') || '(root)');
    throw new Error(`The decrypted key record is malformed (${paths.join(', ')})`);
  }
  return { key: normaliseKey(parsed.data.key), origin: parsed.data.origin };
}
