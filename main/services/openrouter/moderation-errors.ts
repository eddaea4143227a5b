import { MAX_FLAGGED_INPUT_CHARS } from '../../../common/errors';
import type { ErrorMessage } from '../../../common/i18n/error-messages';
import { cleanUpstreamText } from './provider-reason';

/**
 * A 403 from the moderation OpenRouter runs for some models: `metadata{reasons[], flagged_input,
 * provider_name, model_slug}` (docs §4: `flagged_input` is at most 100 characters). No real body of
 * this form was found (fixtures/real/SOURCES.md, "## Errors"); it is tested on the documented shape.
 * The excerpt is the person's own text, but it is echoed by upstream: it is scrubbed of keys, stripped
 * of control and format characters and bounded like any upstream text.
 */

export interface ModerationInput {
  reasons: readonly string[];
  flaggedInput?: string;
  providerName?: string;
  modelSlug?: string;
}

export interface ModerationError {
  /** errors.openrouter.moderationBlocked; the provider, model, reasons and excerpt go in as values. */
  message: ErrorMessage;
  reasons: string[];
  flaggedInput?: string;
  provider?: string;
  model?: string;
}

const MAX_REASONS = 10;

export function moderationError(input: ModerationInput, secrets: readonly string[] = []): ModerationError {
  const reasons = input.reasons
    .map((r) => cleanUpstreamText(r.replace(/_/g, ' '), 60, secrets))
    .filter((r) => r !== '')
    .slice(0, MAX_REASONS);
  const flagged =
    input.flaggedInput !== undefined
      ? cleanUpstreamText(input.flaggedInput, MAX_FLAGGED_INPUT_CHARS - 1, secrets)
      : '';
  const provider = input.providerName !== undefined ? cleanUpstreamText(input.providerName, 60, secrets) : '';
  const model = input.modelSlug !== undefined ? cleanUpstreamText(input.modelSlug, 100, secrets) : '';

  const message: ErrorMessage = {
    id: 'errors.openrouter.moderationBlocked',
    values: {
      ...(provider !== '' ? { named: 'yes', provider } : { named: 'no' }),
      ...(model !== '' ? { forModel: 'yes', model } : { forModel: 'no' }),
      // OpenRouter's own category words, listed as it gave them (upstream English, shown as is).
      ...(reasons.length > 0 ? { why: 'yes', reasons: reasons.join(', ') } : { why: 'no' }),
      ...(flagged !== '' ? { flagged: 'yes', excerpt: flagged } : { flagged: 'no' }),
    },
  };
  return {
    message,
    reasons,
    ...(flagged !== '' ? { flaggedInput: flagged } : {}),
    ...(provider !== '' ? { provider } : {}),
    ...(model !== '' ? { model } : {}),
  };
}
