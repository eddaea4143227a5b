import type { LedgerEntry } from '../../../common/spending-types';

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isAmount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isText = (v: unknown, min: number, max: number): v is string =>
  typeof v === 'string' && v.length >= min && v.length <= max;

/**
 * The ledger line check on the load path: the same rules as LedgerEntrySchema, written out by hand
 * because zod costs ~1 µs an entry and a year of heavy use is 100,000 of them (bench/spending). It
 * only ever *accepts*: a value it turns down is judged by the schema itself, so it can never let
 * through what the schema refuses (quick-check.test.ts holds it to that) — at worst it is slower.
 * Returns a fresh object with the schema's fields only (zod strips unknown keys too).
 */
export function quickLedgerEntry(value: unknown): LedgerEntry | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (
    !isText(v.messageId, 1, 100) ||
    !isText(v.conversationId, 1, 100) ||
    !(v.generationId === null || isText(v.generationId, 0, 200)) ||
    typeof v.at !== 'string' ||
    !isText(v.model, 0, 200) ||
    !(v.provider === null || isText(v.provider, 0, 100)) ||
    !isCount(v.promptTokens) ||
    !isCount(v.cachedPromptTokens) ||
    !isCount(v.completionTokens) ||
    !isCount(v.reasoningTokens) ||
    !isAmount(v.costUsd) ||
    typeof v.byok !== 'boolean' ||
    !(v.upstreamCostUsd === null || isAmount(v.upstreamCostUsd)) ||
    (v.accuracy !== 'exact' && v.accuracy !== 'estimated')
  )
    return null;
  return {
    messageId: v.messageId,
    conversationId: v.conversationId,
    generationId: v.generationId,
    at: v.at,
    model: v.model,
    provider: v.provider,
    promptTokens: v.promptTokens,
    cachedPromptTokens: v.cachedPromptTokens,
    completionTokens: v.completionTokens,
    reasoningTokens: v.reasoningTokens,
    costUsd: v.costUsd,
    byok: v.byok,
    upstreamCostUsd: v.upstreamCostUsd,
    accuracy: v.accuracy,
  };
}
