import type { ChatRequest } from './chat-request';
import { buildUsage, type CompletionMeta, estimatePromptTokens, type Usage } from './completion';
import type { FaultPlan } from './faults';
import { buildReasoningTokens, buildReplyTokens, DEFAULT_REPLY_TOKENS } from './reply';

// What a successful request will be answered with, decided before anything is written, so the JSON and
// SSE writers only differ in framing.

export interface PlannedReply {
  meta: CompletionMeta;
  tokens: string[];
  reasoning: string[];
  finishReason: 'stop' | 'length';
  usage: Usage;
}

export function planReply(request: ChatRequest, plan: FaultPlan, meta: CompletionMeta): PlannedReply {
  const wanted = plan.tokens ?? DEFAULT_REPLY_TOKENS;
  const count = request.maxTokens !== null ? Math.min(request.maxTokens, wanted) : wanted;
  const tokens = buildReplyTokens({
    seed: request.seed,
    tokens: count,
    multibyte: plan.utf8Split,
    hugeLine: plan.hugeLine,
  });
  const reasoning = plan.reasoning ? buildReasoningTokens(request.seed) : [];
  const promptTokens = estimatePromptTokens(request.messages);
  return {
    meta,
    tokens,
    reasoning,
    finishReason: count < wanted || plan.lengthThenError ? 'length' : 'stop',
    usage: buildUsage(request.model, promptTokens, tokens.length + reasoning.length, reasoning.length),
  };
}
