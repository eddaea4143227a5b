import type { ErrorCode } from '../../../common/errors';
import type { ErrorMessage } from '../../../common/i18n/error-messages';
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
  /** The catalog message (errors.openrouter.*); upstream wording goes in as values. */
  message: ErrorMessage;
  affordableTokens?: number;
}

const KEY_LIMIT = /settings\/keys|key limit|key with a higher/i;
const AFFORD = /can only afford (\d+)|(\d+) available/i;
const REQUESTED = /requested up to (\d+) tokens|(\d+) token capacity required/i;
const DATA_POLICY = /data policy/i;
const DATA_POLICY_NAME = /data policy\s*\(([^)]{1,80})\)/i;
const NO_ALLOWED_PROVIDERS = /no allowed providers/i;

export const KEY_LIMIT_MESSAGE: ErrorMessage = { id: 'errors.openrouter.keyLimitReached' };

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
    // Token counts are what the person types into Max tokens: the catalog shows them ungrouped.
    const values = {
      affordable,
      ...(requested !== undefined ? { reply: 'sized', requested } : { reply: 'unsized' }),
    };
    return {
      code: 'max_tokens_unaffordable',
      message: keyLimit
        ? { id: 'errors.openrouter.maxTokensKeyLimit', values }
        : { id: 'errors.openrouter.maxTokensCredits', values },
      affordableTokens: affordable,
    };
  }
  if (keyLimit) return { code: 'key_limit_reached', message: KEY_LIMIT_MESSAGE };
  return undefined;
}

function providerList(names: readonly string[] | undefined): string | undefined {
  if (names === undefined || names.length === 0) return undefined;
  const shown = names.slice(0, 10).map((n) => cleanUpstreamText(n, 40));
  return `${shown.join(', ')}${names.length > 10 ? ', …' : ''}`;
}

/** Which of the two provider lists OpenRouter gave, as the catalog's `lists` select says it. */
function listsKey(allowed: string | undefined, servedBy: string | undefined): string {
  if (allowed !== undefined && servedBy !== undefined) return 'both';
  if (allowed !== undefined) return 'allowed';
  return servedBy !== undefined ? 'servedBy' : 'none';
}

/**
 * 404s caused by the account's privacy settings or provider restrictions. `suggested`: OpenRouter
 * suggested other models (offered as "Try …" buttons), so the message points at them, not the picker.
 */
export function policyError(
  message: string,
  providers: { requested?: readonly string[]; available?: readonly string[] },
  suggested = false,
): AccountError | undefined {
  const next = suggested ? 'suggested' : 'picker';
  if (NO_ALLOWED_PROVIDERS.test(message)) {
    const allowed = providerList(providers.requested);
    const servedBy = providerList(providers.available);
    return {
      code: 'privacy_blocked',
      message: {
        id: 'errors.openrouter.noAllowedProviders',
        values: {
          lists: listsKey(allowed, servedBy),
          next,
          ...(allowed !== undefined ? { allowed } : {}),
          ...(servedBy !== undefined ? { servedBy } : {}),
        },
      },
    };
  }
  if (DATA_POLICY.test(message)) {
    const policy = message.match(DATA_POLICY_NAME)?.[1];
    return {
      code: 'privacy_blocked',
      message: {
        id: 'errors.openrouter.dataPolicy',
        values: policy
          ? { dataPolicy: 'named', policy: cleanUpstreamText(policy, 80), next }
          : { dataPolicy: 'unnamed', next },
      },
    };
  }
  return undefined;
}
