import type { LoadedEntry } from './ledger-store';

const COLUMNS = [
  'finished_at',
  'conversation_id',
  'message_id',
  'generation_id',
  'model',
  'provider',
  'prompt_tokens',
  'cached_prompt_tokens',
  'completion_tokens',
  'reasoning_tokens',
  'cost_usd',
  'byok',
  'upstream_cost_usd',
  'accuracy',
] as const;

/**
 * A field as RFC 4180 wants it, and never a formula: a cell starting with = + - @ (or a tab/CR) is
 * prefixed with ' so a spreadsheet shows a model name someone crafted as text instead of running it.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The ledger entries finishing at or after `sinceMs`, oldest first, as CSV (one row per reply). */
export function ledgerCsv(entries: Iterable<LoadedEntry>, sinceMs: number): string {
  const rows = [...entries].filter((e) => e.ms >= sinceMs).sort((a, b) => a.ms - b.ms);
  const lines = [COLUMNS.join(',')];
  for (const { entry: e } of rows) {
    lines.push(
      [
        e.at,
        e.conversationId,
        e.messageId,
        e.generationId,
        e.model,
        e.provider,
        e.promptTokens,
        e.cachedPromptTokens,
        e.completionTokens,
        e.reasoningTokens,
        e.costUsd,
        e.byok,
        e.upstreamCostUsd,
        e.accuracy,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
