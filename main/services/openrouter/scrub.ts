import { REDACTED } from '../../../common/redact';
import { redactSecrets } from '../log/known-secrets';

/** Shorter "secrets" would mangle ordinary words; real keys are far longer. */
const MIN_SECRET_LENGTH = 8;

/**
 * `redact` removes anything shaped like a key or a Bearer value. On top of that, when we know the exact
 * key a request used we remove it literally too, so a key of an unexpected shape that an upstream
 * error echoes back cannot slip through the patterns. Every key main has seen (log/known-secrets.ts),
 * in every encoding, goes too: the sign-in's failure page and OpenRouter's error texts pass here.
 */
export function scrub(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(REDACTED);
  }
  return redactSecrets(out);
}
