import {
  echoTokens,
  fileAnnotations,
  hasAttachments,
  imageInput404Text,
  readAttachments,
  refusesImages,
} from './attachments';
import { sendReplyJson } from './chat-json';
import { sendReplay } from './chat-replay';
import { parseChatRequest } from './chat-request';
import { streamReply } from './chat-stream';
import { estimatePromptTokens, generationId, providerName } from './completion';
import { errorBody } from './errors';
import type { Exchange } from './exchange';
import type { FaultCounters } from './fault-counters';
import type { FaultPlan } from './faults';
import type { GenerationStore } from './generation';
import { findModel } from './models';
import { applyPreResponseFaults } from './preflight';
import { promptCacheOf } from './prompt-cache';
import { planReply } from './reply-plan';
import type { PdfParseCounts } from './types';

// `POST /api/v1/chat/completions`: validate, apply the request's faults, then answer as JSON or SSE.

export async function handleChat(
  ex: Exchange,
  requested: FaultPlan,
  counters: FaultCounters,
  generations: GenerationStore,
  /** routing.ts's choice: the model that serves (after presets and fallbacks) and, when the request set provider preferences, its provider. */
  routed: { model: string | undefined; provider: string | null } = { model: undefined, provider: null },
  pdfParses: PdfParseCounts = { parsed: 0, skipped: 0 },
): Promise<void> {
  const created = Math.floor(ex.now() / 1000);
  const id = generationId(ex.record.id, created);
  const headers = { 'x-generation-id': id };
  const parsed = parseChatRequest(ex.record.body, routed.model);
  if (!parsed.ok) {
    await ex.sendJson(400, errorBody(400, parsed.message, { error_type: 'bad_request' }), headers);
    return;
  }
  const request = parsed.request;
  const attachments = readAttachments(ex.record.body);
  if (!attachments.ok) {
    await ex.sendJson(400, errorBody(400, attachments.message, { error_type: 'bad_request' }), headers);
    return;
  }
  const received = attachments.received;
  ex.record.attachments = received;
  if (refusesImages(request.model, received)) {
    await ex.sendJsonText(404, imageInput404Text(), headers);
    return;
  }
  // Counted only once the request is valid, so a malformed request does not use up a `once` budget.
  const plan = counters.effectivePlan(requested);
  if (await applyPreResponseFaults(ex, plan, request.model, headers)) return;
  if (plan.replay !== null) {
    await sendReplay(ex, plan.replay);
    return;
  }
  // Keyed by the emulator's generation store: one cache per emulator.
  const cached = cachesPrompts(request.model)
    ? promptCacheOf(generations).read(request.model, request.messages, estimatePromptTokens(request.messages))
    : 0;
  const reply = planReply(
    request,
    plan,
    { id, created, model: request.model, provider: routed.provider ?? providerName(request.model) },
    cached,
    hasAttachments(received)
      ? { echo: echoTokens(received), fileAnnotations: fileAnnotations(received) }
      : undefined,
  );
  for (const file of received.files) pdfParses[file.parse]++;
  ex.record.served = { model: request.model, provider: reply.meta.provider };
  // Known to /generation from the first byte on; the writers update it as tokens go out.
  const record = generations.add({
    id,
    model: request.model,
    provider: reply.meta.provider,
    createdAtMs: ex.now(),
    streamed: request.stream,
    promptTokens: reply.usage.prompt_tokens,
    cachedPromptTokens: reply.usage.prompt_tokens_details.cached_tokens,
    completionTokens: 0,
    reasoningTokens: 0,
    imageTokens: 0,
    webSearches: 0,
    finishReason: null,
  });
  if (request.stream) await streamReply(ex, plan, reply, record);
  else await sendReplyJson(ex, plan, reply, record);
}

/** Only models listed with a cache-read price cache prompts (as only some providers do). */
function cachesPrompts(model: string): boolean {
  return findModel(model)?.pricing.input_cache_read !== undefined;
}
