import type { Attachment } from '../../../common/attachment-types';
import type { ModelSummary } from '../../../common/chat-types';
import type { ConversationOptions } from '../../../common/request-options';
import type { Settings } from '../../../common/settings-types';
import type { CostEstimate } from '../../../common/spending-types';
import { buildContext } from '../chat/conversation-chat';
import type { TranscriptEntry } from '../history';
import { attachmentExtraUsd, attachmentTokens } from './attachment-cost';
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
  /** The composer's attachments (sha256, issue 17). */
  attachments?: readonly string[] | undefined;
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
  /** A staged attachment of the composer and its bytes (issue 17); absent: attachments are not counted. */
  staged?: (sha256: string) => { attachment: Attachment; bytes: Uint8Array } | null;
  /** A stored attachment's bytes (text files are tokenized once); absent: stored text files count 0. */
  storedBytes?: (sha256: string) => Promise<Uint8Array | null>;
}

/** Text attachments whose token counts are kept (by hash: the same bytes always count the same). */
const KEPT_TEXT_COUNTS = 256;

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

  /** Token counts of text attachments by sha256, oldest first (a small LRU). */
  const textCounts = new Map<string, number>();
  const textTokens = async (a: Attachment, bytes: Uint8Array | null): Promise<number> => {
    const kept = textCounts.get(a.sha256);
    if (kept !== undefined) return kept;
    const source = bytes ?? (await deps.storedBytes?.(a.sha256).catch(() => null)) ?? null;
    if (source === null) return 0;
    const n = (await (deps.tokenizer ?? loadTokenizer)())(new TextDecoder().decode(source));
    textCounts.set(a.sha256, n);
    if (textCounts.size > KEPT_TEXT_COUNTS) textCounts.delete(textCounts.keys().next().value as string);
    return n;
  };

  /** Prompt tokens and per-page prices of every attachment the request would carry. */
  const attachmentsCost = async (
    transcript: readonly TranscriptEntry[],
    staged: readonly string[],
    settings: Settings,
    model: ModelSummary | null,
  ): Promise<{ tokens: number; usd: number }> => {
    const items: Array<{ attachment: Attachment; bytes: Uint8Array | null }> = [];
    for (const entry of transcript)
      for (const a of entry.attachments ?? []) items.push({ attachment: a, bytes: null });
    for (const sha of staged) {
      const found = deps.staged?.(sha);
      if (found) items.push(found);
    }
    let tokens = 0;
    let usd = 0;
    for (const { attachment, bytes } of items) {
      tokens += attachmentTokens(attachment) ?? (await textTokens(attachment, bytes));
      usd += attachmentExtraUsd(attachment, settings.pdfEngine, model?.inputModalities ?? []);
    }
    return { tokens, usd };
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
    const attached = await attachmentsCost(transcript, input.attachments ?? [], settings, model);
    const priced = priceEstimate({
      modelId: input.model,
      model,
      promptTokens: promptTokens + attached.tokens,
      maxTokens: settings.maxTokens,
      reasoning: conversation?.options.reasoning ?? settings.reasoningByModel[input.model] ?? null,
      webSearch: webSearchOn ? settings.webSearch : null,
    });
    // A paid PDF parser is billed per page whatever the model costs (free models included).
    const result =
      attached.usd > 0 && !priced.unknownPrice
        ? { ...priced, lowUsd: priced.lowUsd + attached.usd, highUsd: priced.highUsd + attached.usd }
        : priced;
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
