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
    throw appError('key_invalid_format', { id: 'errors.key.empty' });
  }
  if (!key.startsWith(KEY_PREFIX)) {
    throw appError('key_invalid_format', { id: 'errors.key.notAKey' });
  }
  if (key.length < MIN_KEY_LENGTH) {
    throw appError('key_invalid_format', { id: 'errors.key.tooShort' });
  }
  if (key.length > MAX_KEY_LENGTH) {
    throw appError('key_invalid_format', { id: 'errors.key.tooLong' });
  }
  if (INVISIBLE_OR_SPACE.test(key)) {
    throw appError('key_invalid_format', { id: 'errors.key.whitespace' });
  }
  if (!VISIBLE_ASCII.test(key)) {
    throw appError('key_invalid_format', { id: 'errors.key.invalidCharacters' });
  }
  return key;
}
