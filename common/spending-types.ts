import { z } from 'zod';

/**
 * What Switchboard knows about what the person spent (issue 16). Main keeps the ledger; the window
 * only ever sees these summaries. Amounts are USD as OpenRouter bills them (`usage.cost`).
 */

/** Limits the person set (Settings → "Spending"); null is "no limit". Enforced in main for every send. */
export const SpendingLimitsSchema = z
  .object({
    dailyUsd: z.number().positive().max(1_000_000).nullable(),
    monthlyUsd: z.number().positive().max(1_000_000).nullable(),
    /** "Ask before a message that could cost more than $X" (off when null). */
    askAboveUsd: z.number().positive().max(1_000_000).nullable(),
  })
  .strict();
export type SpendingLimits = z.infer<typeof SpendingLimitsSchema>;

export const DEFAULT_SPENDING_LIMITS: SpendingLimits = {
  dailyUsd: null,
  monthlyUsd: null,
  askAboveUsd: null,
};

/**
 * One reply in the ledger. `exact` figures came from OpenRouter (`usage.cost`, or `GET /generation`
 * afterwards); `estimated` ones were worked out from prices and counted tokens because the reply ended
 * without usage (Stop, a dropped connection, a crash), until OpenRouter's figures arrive.
 */
export const LedgerEntrySchema = z.object({
  /** The reply's message id: one entry per reply, replaced when better figures arrive. */
  messageId: z.string().min(1).max(100),
  conversationId: z.string().min(1).max(100),
  generationId: z.string().max(200).nullable(),
  /** When the reply finished (ISO 8601); the day and month it counts towards, in local time. */
  at: z.string(),
  model: z.string().max(200),
  provider: z.string().max(100).nullable(),
  promptTokens: z.number().int().nonnegative(),
  cachedPromptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  reasoningTokens: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  /** Ran on the person's own provider key: `costUsd` is OpenRouter's fee, `upstreamCostUsd` the provider's. */
  byok: z.boolean(),
  upstreamCostUsd: z.number().nonnegative().nullable(),
  accuracy: z.enum(['exact', 'estimated']),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

/** Cost per day (local `YYYY-MM-DD`), split by model, for the Spending chart and table. */
export const SpendingDaySchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  totalUsd: z.number().nonnegative(),
  byModel: z.record(z.string(), z.number().nonnegative()),
  /** Some of the day's figures are still estimates. */
  estimated: z.boolean(),
});
export type SpendingDay = z.infer<typeof SpendingDaySchema>;

export const SpendingSummarySchema = z.object({
  /** The last `days` days, oldest first, every day present (zero when nothing was spent). */
  days: z.array(SpendingDaySchema),
  todayUsd: z.number().nonnegative(),
  thisMonthUsd: z.number().nonnegative(),
  /** Over the whole range. */
  byModel: z.array(
    z.object({ model: z.string(), totalUsd: z.number().nonnegative(), replies: z.number().int() }),
  ),
  rangeTotalUsd: z.number().nonnegative(),
  /** Entries the ledger could not read (damaged lines kept aside, never dropped): shown, not hidden. */
  damaged: z.number().int().nonnegative(),
});
export type SpendingSummary = z.infer<typeof SpendingSummarySchema>;

/**
 * What the next message could cost, before it is sent: labelled as an estimate. Prompt tokens are a
 * tokenizer count of the whole context that would be sent; the reply is a range from nothing up to
 * Max tokens (or the model's longest reply) at the completion price, plus web search when on.
 */
export const CostEstimateSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  lowUsd: z.number().nonnegative(),
  highUsd: z.number().nonnegative(),
  /** The prices were not known (model not in the list): no estimate can be given. */
  unknownPrice: z.boolean(),
  /**
   * What the key has left (`/key` `limit_remaining`, USD) as of main's last answer from OpenRouter;
   * null when the key has no limit or main has not asked yet (never asked per estimate).
   */
  keyLimitRemainingUsd: z.number().nullable().optional(),
});
export type CostEstimate = z.infer<typeof CostEstimateSchema>;

/**
 * The key's own limit is lower than what this message could cost: say so before sending ("Your key
 * has $X left, this message could cost up to $Y"). False when either figure is unknown.
 */
export function keyLimitBelowEstimate(estimate: CostEstimate): boolean {
  const left = estimate.keyLimitRemainingUsd;
  return left !== null && left !== undefined && !estimate.unknownPrice && left < estimate.highUsd;
}
