import type { ChatRequest } from './chat-request';
import {
  buildUsage,
  type CompletionMeta,
  estimatePromptTokens,
  IMAGE_TOKENS,
  type Usage,
} from './completion';
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
  /** Sends `url_citation` annotations (and counts one web search in usage). */
  webSearch: boolean;
  /** Sends an image (`images`) and counts its image tokens. */
  image: boolean;
  /** Leaves the usage chunk out (`no-usage`): the client must ask /generation. */
  noUsage: boolean;
  /** `file` annotations of the PDFs parsed for this request (attachments.ts); [] when none. */
  fileAnnotations: Record<string, unknown>[];
}

/** What a request with attachments adds: the echo that starts the reply, and the PDFs' annotations. */
export interface AttachmentExtras {
  echo: string[];
  fileAnnotations: Record<string, unknown>[];
}

/** `cachedPromptTokens`: how much of the prompt the model's cache holds (prompt-cache.ts). */
export function planReply(
  request: ChatRequest,
  plan: FaultPlan,
  meta: CompletionMeta,
  cachedPromptTokens = 0,
  extras: AttachmentExtras = { echo: [], fileAnnotations: [] },
): PlannedReply {
  const wanted = plan.tokens ?? DEFAULT_REPLY_TOKENS;
  const count = request.maxTokens !== null ? Math.min(request.maxTokens, wanted) : wanted;
  const replyTokens = buildReplyTokens({
    seed: request.seed,
    tokens: count,
    multibyte: plan.utf8Split,
    hugeLine: plan.hugeLine,
  });
  // The echo first, so a test reads what arrived at the start of the reply; the seeded text follows.
  const tokens = [...extras.echo, ...replyTokens];
  const reasoning = plan.reasoning || request.reasoning ? buildReasoningTokens(request.seed) : [];
  const promptTokens = estimatePromptTokens(request.messages);
  const webSearch = request.webSearch || plan.webSearch;
  const image = request.imageOutput || plan.imageOutput;
  const imageTokens = image ? IMAGE_TOKENS : 0;
  const usage = buildUsage(
    request.model,
    promptTokens,
    tokens.length + reasoning.length + imageTokens,
    reasoning.length,
    cachedPromptTokens,
  );
  usage.completion_tokens_details.image_tokens = imageTokens;
  if (webSearch) usage.server_tool_use_details = { web_search_requests: 1 };
  return {
    meta,
    tokens,
    reasoning,
    finishReason: count < wanted || plan.lengthThenError ? 'length' : 'stop',
    usage,
    webSearch,
    image,
    noUsage: plan.noUsage,
    fileAnnotations: extras.fileAnnotations,
  };
}
