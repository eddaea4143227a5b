/**
 * Local plausibility check of an OpenRouter key before anything else touches it.
 *
 * Why check locally when OpenRouter verifies anyway: a clipboard often holds something else (a URL,
 * a sentence, a key with a trailing line break), and catching that here gives a precise message
 * without a network round trip. Messages never echo the input: it may be a real secret.
 */
import { appError } from '../../../common/errors';

export const KEY_PREFIX = 'sk-or-';
export const MIN_KEY_LENGTH = 20;
export const MAX_KEY_LENGTH = 200;

/** Whitespace, control and invisible format characters (e.g. zero-width space) picked up by copying. */
const INVISIBLE_OR_SPACE = /[\s\p{Cc}\p{Cf}]/u;
/** The key travels in an HTTP header, which only carries visible ASCII. */
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/** Returns the trimmed key, or throws `key_invalid_format` saying what is wrong with it. */
export function normaliseKey(input: string): string {
  const key = input.trim();
  if (key.length === 0) {
    throw appError(
      'key_invalid_format',
      'No key was entered. Paste your OpenRouter key; it starts with "sk-or-".',
    );
  }
  if (!key.startsWith(KEY_PREFIX)) {
    throw appError(
      'key_invalid_format',
      'That does not look like an OpenRouter key: OpenRouter keys start with "sk-or-". Copy the key from openrouter.ai/keys and try again.',
    );
  }
  if (key.length < MIN_KEY_LENGTH) {
    throw appError(
      'key_invalid_format',
      'That key is too short to be an OpenRouter key. Check that you copied all of it and try again.',
    );
  }
  if (key.length > MAX_KEY_LENGTH) {
    throw appError(
      'key_invalid_format',
      'That is too long to be an OpenRouter key; it may include other text. Copy only the key and try again.',
    );
  }
  if (INVISIBLE_OR_SPACE.test(key)) {
    throw appError(
      'key_invalid_format',
      'That key contains spaces, line breaks or invisible characters. Copy only the key and try again.',
    );
  }
  if (!VISIBLE_ASCII.test(key)) {
    throw appError(
      'key_invalid_format',
      'That key contains characters that cannot be part of an OpenRouter key. Copy the key from openrouter.ai/keys and try again.',
    );
  }
  return key;
}
