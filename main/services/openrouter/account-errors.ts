import type { ErrorCode } from '../../../common/errors';
import { cleanUpstreamText } from './provider-reason';

/**
 * Errors about the account rather than the request, told apart by the wording of real bodies
 * (fixtures/real/errors, SOURCES.md): a 402 is not always "out of credits".
 * - "requires more credits, or fewer max_tokens … can only afford N" (N > 0): the reply is too long for
 *   what is left; a smaller Max tokens works now.
 * - the same with "settings/keys … create a key with a higher limit", "Key limit exceeded": the key's
 *   own spending limit, not the account's balance.
 * - "No endpoints found matching your data policy", "No allowed providers": the account's privacy and
 *   provider settings rule out every provider of the model.
 */

export interface AccountError {
  code: ErrorCode;
  message: string;
  affordableTokens?: number;
}

const KEY_LIMIT = /settings\/keys|key limit|key with a higher/i;
const AFFORD = /can only afford (\d+)|(\d+) available/i;
const REQUESTED = /requested up to (\d+) tokens|(\d+) token capacity required/i;
const DATA_POLICY = /data policy/i;
const DATA_POLICY_NAME = /data policy\s*\(([^)]{1,80})\)/i;
const NO_ALLOWED_PROVIDERS = /no allowed providers/i;

export const KEY_LIMIT_MESSAGE =
  "This API key has reached its own spending limit (your account may still have credits). Raise the key's limit at openrouter.ai/settings/keys, then retry.";

function firstNumber(match: RegExpMatchArray | null): number | undefined {
  const digits = match?.[1] ?? match?.[2];
  if (digits === undefined) return undefined;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** 402, or a 403 that names the key's limit. Undefined: not a credits problem we can be specific about. */
export function creditsError(status: number | undefined, message: string): AccountError | undefined {
  const keyLimit = KEY_LIMIT.test(message);
  if (status !== 402 && !(status === 403 && keyLimit)) return undefined;
  const affordable = firstNumber(message.match(AFFORD));
  if (affordable !== undefined && affordable > 0) {
    const requested = firstNumber(message.match(REQUESTED));
    const reply = requested !== undefined ? `a reply of up to ${requested} tokens` : 'a reply this long';
    const message_ = keyLimit
      ? `This API key's spending limit can't cover ${reply}; it covers about ${affordable}. Set Max tokens to ${affordable} or less in Settings (or raise the key's limit at openrouter.ai/settings/keys), then retry.`
      : `Your OpenRouter credits can't cover ${reply}; they cover about ${affordable}. Set Max tokens to ${affordable} or less in Settings (or add credits), then retry.`;
    return { code: 'max_tokens_unaffordable', message: message_, affordableTokens: affordable };
  }
  if (keyLimit) return { code: 'key_limit_reached', message: KEY_LIMIT_MESSAGE };
  return undefined;
}

function providerList(names: readonly string[] | undefined): string | undefined {
  if (names === undefined || names.length === 0) return undefined;
  const shown = names.slice(0, 10).map((n) => cleanUpstreamText(n, 40));
  return `${shown.join(', ')}${names.length > 10 ? ', …' : ''}`;
}

/** 404s caused by the account's privacy settings or provider restrictions. */
export function policyError(
  message: string,
  providers: { requested?: readonly string[]; available?: readonly string[] },
): AccountError | undefined {
  if (NO_ALLOWED_PROVIDERS.test(message)) {
    const allowed = providerList(providers.requested);
    const servedBy = providerList(providers.available);
    const parts = [allowed && `allowed: ${allowed}`, servedBy && `served by: ${servedBy}`].filter(Boolean);
    const detail = parts.length > 0 ? ` (${parts.join('; ')})` : '';
    return {
      code: 'privacy_blocked',
      message: `None of the providers your OpenRouter account allows serve this model${detail}. Change the provider restrictions in openrouter.ai/settings/privacy, or pick another model.`,
    };
  }
  if (DATA_POLICY.test(message)) {
    const policy = message.match(DATA_POLICY_NAME)?.[1];
    const detail = policy ? ` (data policy: ${cleanUpstreamText(policy, 80)})` : '';
    return {
      code: 'privacy_blocked',
      message: `No provider of this model meets your OpenRouter privacy settings${detail}. Allow more in openrouter.ai/settings/privacy, or pick another model.`,
    };
  }
  return undefined;
}
