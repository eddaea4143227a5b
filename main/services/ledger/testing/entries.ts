import type { LedgerEntry } from '../../../../common/spending-types';

let counter = 0;

/** A ledger entry with defaults; tests set only what they are about. */
export function ledgerEntry(over: Partial<LedgerEntry> = {}): LedgerEntry {
  counter++;
  return {
    messageId: `r${counter}`,
    conversationId: 'c1',
    generationId: `gen-${counter}`,
    at: '2026-03-10T12:00:00.000Z',
    model: 'openai/gpt-4o',
    provider: 'OpenAI',
    promptTokens: 100,
    cachedPromptTokens: 0,
    completionTokens: 50,
    reasoningTokens: 0,
    costUsd: 0.001,
    byok: false,
    upstreamCostUsd: null,
    accuracy: 'exact',
    ...over,
  };
}
