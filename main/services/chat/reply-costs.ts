import type { ChatMessage, ChatResult, ModelSummary, Usage } from '../../../common/chat-types';
import type { Message } from '../../../common/conversation-types';
import { appError } from '../../../common/errors';
import { describeError } from '../../../common/redact';
import type { LedgerEntry } from '../../../common/spending-types';
import type { LedgerStore } from '../ledger/ledger-store';
import type { SpendingLimitsGuard } from '../ledger/spending-limits';
import type { Logger } from '../log/logger';

/** What the cost of a request depends on: the model, what is sent, and the longest reply asked for. */
export interface CostedRequest {
  model: string;
  messages: readonly ChatMessage[];
  maxTokens?: number | undefined;
  /**
   * Set for a plain send (not regenerate or edit): the conversation and the message as typed, so the
   * composer's own estimator can give the figure the person saw next to Send.
   */
  send?:
    | {
        conversationId: string;
        draft: string;
        webSearch: boolean | undefined;
        /** The composer's attachments (sha256), counted like the estimate beside Send counts them. */
        attachments?: readonly string[] | undefined;
      }
    | undefined;
}

export interface ReplyCostsDeps {
  ledger: Pick<LedgerStore, 'record' | 'get' | 'loaded'>;
  limits: SpendingLimitsGuard;
  /** The model's prices from the (cached) model list; null when it is not listed or the list is unreachable. */
  prices: (model: string) => Promise<ModelSummary | null>;
  /**
   * The next reply's worst case in USD, checked against the limits before sending. Default: the
   * prompt (characters / 4) at the prompt price plus Max tokens (or the model's longest reply) at the
   * completion price. The composer's estimator (main/services/estimate) can be passed instead.
   */
  worstCaseUsd?: (request: CostedRequest, model: ModelSummary | null) => Promise<number> | number;
  now: () => number;
  log: Logger;
}

/** A rough token count where no tokenizer ran: about four characters per token for English text. */
export const roughTokens = (text: string) => Math.ceil(text.length / 4);

const promptTokensOf = (messages: readonly ChatMessage[]) =>
  messages.reduce((n, m) => n + roughTokens(m.content) + 4, 0);

const perToken = (perMTok: number | null | undefined) => (perMTok ?? 0) / 1_000_000;

export function defaultWorstCaseUsd(request: CostedRequest, model: ModelSummary | null): number {
  if (!model) return 0;
  const replyTokens = request.maxTokens ?? model.maxCompletionTokens ?? 0;
  return (
    promptTokensOf(request.messages) * perToken(model.promptPricePerMTok) +
    replyTokens * perToken(model.completionPricePerMTok)
  );
}

/** A cost worked out from prices and token counts (no `usage.cost` from OpenRouter): an estimate. */
export function estimateUsd(
  tokens: { prompt: number; cached: number; completion: number; webSearches: number },
  model: ModelSummary | null,
): number {
  if (!model) return 0;
  const cacheRead = model.extraPrices?.cacheReadPerMTok ?? model.promptPricePerMTok;
  const usd =
    Math.max(0, tokens.prompt - tokens.cached) * perToken(model.promptPricePerMTok) +
    tokens.cached * perToken(cacheRead) +
    tokens.completion * perToken(model.completionPricePerMTok) +
    tokens.webSearches * (model.extraPrices?.webSearchPerRequest ?? 0) +
    (model.extraPrices?.perRequest ?? 0);
  return Number.isFinite(usd) && usd > 0 ? usd : 0;
}

/** `usage.cost` when it is a real amount (the client's schema drops anything else; checked again here). */
function exactCost(usage: Usage | null | undefined): number | null {
  const cost: unknown = usage?.cost;
  return typeof cost === 'number' && Number.isFinite(cost) && cost >= 0 ? cost : null;
}

interface ReplyIdentity {
  conversationId: string;
  messageId: string;
  model: string;
  at: string;
  generationId: string | null;
  provider: string | null;
}

/** The ledger entry for a reply with OpenRouter's usage: exact when it carries the cost. */
async function entryFromUsage(
  who: ReplyIdentity,
  usage: Usage,
  prices: (model: string) => Promise<ModelSummary | null>,
): Promise<LedgerEntry> {
  const cost = exactCost(usage);
  const cached = usage.cachedPromptTokens ?? 0;
  return {
    ...who,
    promptTokens: usage.promptTokens,
    cachedPromptTokens: cached,
    completionTokens: usage.completionTokens,
    reasoningTokens: usage.reasoningTokens ?? 0,
    costUsd:
      cost ??
      estimateUsd(
        {
          prompt: usage.promptTokens,
          cached,
          completion: usage.completionTokens,
          webSearches: usage.webSearchRequests ?? 0,
        },
        await prices(who.model).catch(() => null),
      ),
    // BYOK: `cost` is OpenRouter's fee; what the provider charged the person's own key is kept beside it.
    byok: usage.isByok === true,
    upstreamCostUsd: usage.upstreamCost ?? null,
    accuracy: cost === null ? 'estimated' : 'exact',
  };
}

/**
 * The cost side of sending: the limit check before a request leaves, and the reply's ledger entry.
 * An estimated entry is written as soon as the reply starts (the prompt at its price), so a crash
 * mid-reply leaves that reply estimated rather than missing; its final entry replaces it when the
 * stream ends, and OpenRouter's figures replace an estimate when they arrive (`upgrade`).
 */
export function createReplyCosts(deps: ReplyCostsDeps) {
  const worstCase = deps.worstCaseUsd ?? defaultWorstCaseUsd;
  /** Entries being worked out or written, so shutdown (and tests) can wait for them. */
  const pending = new Set<Promise<unknown>>();
  const record = (entry: LedgerEntry) => {
    const write = deps.ledger.record(entry).catch((error: unknown) =>
      // Logged by the store too; the reply itself is saved regardless.
      deps.log.warn('a reply was not recorded in the spending ledger', { error: describeError(error) }),
    );
    pending.add(write);
    void write.finally(() => pending.delete(write));
    return write;
  };

  return {
    /**
     * Checks the limits for this request (throws `spending_limit_reached`, before anything is sent or
     * written) and returns the reply's cost tracker, which holds its worst case as in flight.
     */
    async admit(request: CostedRequest) {
      // The ledger loads in the background at start: a limit is checked against all of it. A limit
      // fails closed: when the ledger could not be read, what was spent is unknown, so nothing is sent.
      if (deps.limits.active() && !(await deps.ledger.loaded())) {
        throw appError('spending_limit_reached', { id: 'errors.chat.ledgerUnreadable' });
      }
      const prices = deps.limits.active() ? await deps.prices(request.model).catch(() => null) : null;
      const worst = deps.limits.active() ? await worstCase(request, prices) : 0;
      const hold = deps.limits.admit(Number.isFinite(worst) && worst > 0 ? worst : 0);
      const promptTokens = promptTokensOf(request.messages);
      let who: ReplyIdentity | null = null;
      // Entries of one reply are written in order: the final one must never be overtaken by the first.
      let chain: Promise<unknown> = Promise.resolve();
      const then = (fn: () => Promise<unknown>) => {
        chain = chain
          .then(fn, fn)
          .catch((error: unknown) =>
            deps.log.warn('the cost of a reply could not be worked out', { error: describeError(error) }),
          );
        const step = chain;
        pending.add(step);
        void step.finally(() => pending.delete(step));
        return step;
      };
      const model = () => deps.prices(request.model).catch(() => null);
      const finish = (fn: (w: ReplyIdentity) => Promise<LedgerEntry>) => {
        const current = who;
        if (!current) return hold.release();
        void then(async () => record(await fn(current))).finally(() => hold.release());
      };
      const estimated = async (w: ReplyIdentity, text: string): Promise<LedgerEntry> => ({
        ...w,
        promptTokens,
        cachedPromptTokens: 0,
        completionTokens: roughTokens(text),
        reasoningTokens: 0,
        costUsd: estimateUsd(
          { prompt: promptTokens, cached: 0, completion: roughTokens(text), webSearches: 0 },
          await model(),
        ),
        byok: false,
        upstreamCostUsd: null,
        accuracy: 'estimated',
      });

      return {
        /** The reply's placeholder is written: its estimated entry (the prompt, nothing received yet). */
        started(conversationId: string, messageId: string): void {
          who = {
            conversationId,
            messageId,
            model: request.model,
            at: new Date(deps.now()).toISOString(),
            generationId: null,
            provider: null,
          };
          const first = who;
          void then(async () => record(await estimated(first, '')));
        },
        /** The stream finished: OpenRouter's usage (exact), or an estimate when it sent none. */
        done(result: ChatResult): void {
          finish(async (w) => {
            const final: ReplyIdentity = {
              ...w,
              model: result.model ?? w.model,
              at: new Date(deps.now()).toISOString(),
              generationId: result.generationId,
              provider: result.provider,
            };
            return result.usage
              ? entryFromUsage(final, result.usage, deps.prices)
              : estimated(final, result.content + result.reasoning);
          });
        },
        /** Stopped, dropped or failed after it started: estimated from what arrived, until `/generation` answers. */
        failed(partial: { content: string; reasoning: string; status?: number | undefined }): void {
          const text = partial.content + partial.reasoning;
          finish(async (w) => {
            const at = new Date(deps.now()).toISOString();
            // OpenRouter answered with an error status before any text (401, 402, 429, 5xx…): the
            // request was refused, and a refused request is not billed. Counting its prompt would keep
            // phantom spending in the totals and the limits for good.
            if (partial.status !== undefined && text === '')
              return {
                ...(await estimated({ ...w, at }, '')),
                costUsd: 0,
                promptTokens: 0,
                accuracy: 'exact',
              };
            return estimated({ ...w, at }, text);
          });
        },
        /**
         * The generation id of a reply that failed (known once the stream is over): kept in its
         * estimated entry, so the next start can still ask `/generation` if this run could not.
         */
        failedGeneration(generationId: string | null): void {
          const current = who;
          if (!current || generationId === null) return;
          void then(async () => {
            const entry = deps.ledger.get(current.messageId);
            if (entry?.accuracy === 'estimated' && entry.generationId === null)
              await record({ ...entry, generationId });
          });
        },
        /** Nothing was sent after all (a history write failed before the request): no entry, no hold. */
        abandon(): void {
          if (!who) hold.release();
        },
      };
    },

    /** Waits for every entry being worked out or written (shutdown, tests). */
    async settle(): Promise<void> {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },

    /** OpenRouter's final figures for a reply (`GET /generation`): replace its estimate. */
    async upgrade(
      reply: { conversationId: string; messageId: string; model: string | null },
      figures: { usage: Usage; provider: string | null },
    ): Promise<void> {
      const earlier = deps.ledger.get(reply.messageId);
      if (earlier?.accuracy === 'exact') return;
      const who: ReplyIdentity = {
        conversationId: reply.conversationId,
        messageId: reply.messageId,
        model: earlier?.model ?? reply.model ?? 'unknown',
        at: earlier?.at ?? new Date(deps.now()).toISOString(),
        generationId: earlier?.generationId ?? null,
        provider: figures.provider ?? earlier?.provider ?? null,
      };
      await record(await entryFromUsage(who, figures.usage, deps.prices));
    },
  };
}

export type ReplyCosts = ReturnType<typeof createReplyCosts>;
export type ReplyCost = Awaited<ReturnType<ReplyCosts['admit']>>;

/** The history slice final figures write to (final-figures.ts). */
export interface ReplyUsageWriter {
  updateReplyUsage(
    conversationId: string,
    messageId: string,
    figures: { usage: Usage; provider: string | null },
  ): Promise<Message | null>;
}

/**
 * Final figures fetched from `/generation` go to the reply in the history and, through this, to the
 * ledger: the reply's estimate is replaced by OpenRouter's cost once the history has it.
 */
export function upgradingLedger(
  history: ReplyUsageWriter,
  costs: Pick<ReplyCosts, 'upgrade'>,
): ReplyUsageWriter {
  return {
    async updateReplyUsage(conversationId, messageId, figures) {
      const message = await history.updateReplyUsage(conversationId, messageId, figures);
      if (message) await costs.upgrade({ conversationId, messageId, model: message.model }, figures);
      return message;
    },
  };
}
