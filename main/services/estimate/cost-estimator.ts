import type { ModelSummary } from '../../../common/chat-types';
import type { ConversationOptions } from '../../../common/request-options';
import type { Settings } from '../../../common/settings-types';
import type { CostEstimate } from '../../../common/spending-types';
import { buildContext } from '../chat/conversation-chat';
import type { TranscriptEntry } from '../history';
import { createContextTokens } from './context-tokens';
import { priceEstimate } from './price';
import { type CountTokens, loadTokenizer } from './tokenizer';

export interface CostEstimateInput {
  /** null for a conversation not created yet: the context is the system prompt and the draft. */
  conversationId: string | null;
  model: string;
  /** The text in the composer: the message that would be sent. */
  draft: string;
  /** The composer's "Web search" toggle for this message. */
  webSearch?: boolean | undefined;
}

/** What the next message could cost; the limit check (ledger) injects this to compare `highUsd`. */
export type EstimateCost = (input: CostEstimateInput) => Promise<CostEstimate>;

export interface CostEstimatorDeps {
  /** The history's transcript (what buildContext builds the request from). */
  transcript: (conversationId: string) => Promise<readonly TranscriptEntry[]>;
  settings: () => Settings;
  /** The conversation's options, already checked (bad stored values are defaults). */
  conversationOptions: (conversationId: string) => Promise<{ options: ConversationOptions }>;
  /** The model list (the cached one). */
  listModels: () => Promise<{ models: readonly ModelSummary[] }>;
  /** What the key has left as last heard from `/key` (key-limit.ts); absent: not reported. */
  keyLimitRemainingUsd?: () => number | null;
  /** The tokenizer; o200k loaded on first use by default. */
  tokenizer?: () => Promise<CountTokens>;
}

/** The key a new conversation's counts are kept under (no conversation id can look like it). */
const NEW_CONVERSATION = ' new';

/**
 * Estimates what sending `draft` would cost, from the same context the chat service sends
 * (buildContext over the transcript, the system prompt, then the draft) and the model's prices.
 * Fast enough to call on every keystroke: counts are kept per conversation (context-tokens.ts).
 */
export function createCostEstimator(deps: CostEstimatorDeps) {
  const tokens = createContextTokens(deps.tokenizer ?? loadTokenizer);
  /** The list's models by id, built once per list the cache hands out. */
  const byId = new WeakMap<object, Map<string, ModelSummary>>();

  const findModel = async (id: string): Promise<ModelSummary | null> => {
    const list = await deps.listModels().catch(() => null);
    if (!list) return null;
    let index = byId.get(list);
    if (!index) {
      index = new Map(list.models.map((m) => [m.id, m]));
      byId.set(list, index);
    }
    return index.get(id) ?? null;
  };

  const estimate: EstimateCost = async (input) => {
    const settings = deps.settings();
    const id = input.conversationId;
    const [transcript, conversation, model] = await Promise.all([
      id === null ? [] : deps.transcript(id),
      id === null ? null : deps.conversationOptions(id).catch(() => null),
      findModel(input.model),
    ]);
    const promptTokens = await tokens.count(
      id ?? NEW_CONVERSATION,
      buildContext(transcript, settings.systemPrompt),
      input.draft,
    );
    const webSearchOn = input.webSearch === true || conversation?.options.webSearchAlways === true;
    const result = priceEstimate({
      modelId: input.model,
      model,
      promptTokens,
      maxTokens: settings.maxTokens,
      reasoning: conversation?.options.reasoning ?? settings.reasoningByModel[input.model] ?? null,
      webSearch: webSearchOn ? settings.webSearch : null,
    });
    return deps.keyLimitRemainingUsd
      ? { ...result, keyLimitRemainingUsd: deps.keyLimitRemainingUsd() }
      : result;
  };

  return {
    estimate,
    /** Drops a deleted conversation's counts. */
    forget: (conversationId: string) => tokens.forget(conversationId),
  };
}

export type CostEstimator = ReturnType<typeof createCostEstimator>;
