import {
  chunk,
  encryptedReasoningDetail,
  errorChunk,
  firstReasoningDelta,
  reasoningDelta,
  replyImages,
  signatureDelta,
  usageChunk,
  webSearchAnnotations,
} from './completion';
import type { Exchange } from './exchange';
import type { FaultPlan } from './faults';
import type { GenerationRecord } from './generation';
import type { PlannedReply } from './reply-plan';
import { KEEPALIVE_COMMENT, SSE_CONTENT_TYPE, SseWriter } from './sse';
import { createPacer, untilAborted } from './timing';

// The streamed reply: role + content deltas, a finish chunk, the usage chunk, `[DONE]`, with the
// plan's stream faults woven in.

/** Content chunks sent before `reset-after` / `stall-after` cut in. */
export const CONTENT_BEFORE_CUT = 3;
/** Content chunks sent before the `error-mid` chunk. */
export const CONTENT_BEFORE_ERROR = 5;

export async function streamReply(
  ex: Exchange,
  plan: FaultPlan,
  reply: PlannedReply,
  record: GenerationRecord,
): Promise<void> {
  const { meta } = reply;
  ex.writeHead(200, {
    'content-type': SSE_CONTENT_TYPE,
    'cache-control': 'no-cache',
    'x-generation-id': meta.id,
  });
  const sse = new SseWriter(ex, { crlf: plan.crlf, splitUtf8: plan.utf8Split });
  const pace = plan.dripTokensPerSecond === null ? null : createPacer(plan.dripTokensPerSecond);
  let events = 0;
  let tokenIndex = 0;

  const send = async (payload: unknown) => {
    if (plan.keepalive) {
      // Two before the first event, as OpenRouter does while a provider warms up, then one between events.
      if (events === 0) await sse.comment(KEEPALIVE_COMMENT);
      await sse.comment(KEEPALIVE_COMMENT);
    }
    await sse.data(payload);
    events++;
  };
  /** Sends one token's chunk on schedule; false once the connection is gone. */
  const sendToken = async (delta: Record<string, unknown>) => {
    if (pace) await pace(tokenIndex, ex.signal);
    if (ex.closed) return false;
    const withRole = events === 0 ? { role: 'assistant', ...delta } : delta;
    await send(chunk(meta, withRole, null));
    tokenIndex++;
    // What /generation reports if the client goes away now.
    record.completionTokens = tokenIndex;
    return !ex.closed;
  };
  /** Applies a fault due after `sent` content chunks (or at the end, for replies shorter than its threshold). */
  const failAfter = async (sent: number, atEnd: boolean): Promise<boolean> => {
    const due = (threshold: number) => sent === threshold || (atEnd && sent < threshold);
    if (plan.connection === 'reset-after' && due(CONTENT_BEFORE_CUT)) {
      await sse.flush();
      ex.destroy();
      return true;
    }
    if (plan.connection === 'stall-after' && due(CONTENT_BEFORE_CUT)) {
      await sse.flush();
      await untilAborted(ex.signal);
      return true;
    }
    if (plan.midStreamError !== null && due(CONTENT_BEFORE_ERROR)) {
      record.finishReason = 'error';
      await send(errorChunk(meta, plan.midStreamError === 'number' ? 502 : 'server_error'));
      await ex.end();
      return true;
    }
    return false;
  };

  for (const [i, text] of reply.reasoning.entries()) {
    const delta = i === 0 ? { content: '', ...firstReasoningDelta(text) } : reasoningDelta(text);
    if (!(await sendToken(delta))) return;
    record.reasoningTokens = i + 1;
  }
  if (reply.reasoning.length > 0) {
    // Where the reasoning ends: the signature on a fragment without text, then one encrypted block.
    await send(chunk(meta, signatureDelta(meta.id), null));
    await send(
      chunk(meta, { reasoning: null, reasoning_details: [encryptedReasoningDetail(meta.id)] }, null),
    );
    if (ex.closed) return;
  }
  let sent = 0;
  for (const text of reply.tokens) {
    if (!(await sendToken({ content: text }))) return;
    sent++;
    if (sent >= CONTENT_BEFORE_CUT && (await failAfter(sent, false))) return;
  }
  if (await failAfter(sent, true)) return;
  if (reply.webSearch) await send(chunk(meta, { content: '', annotations: webSearchAnnotations() }, null));
  if (reply.image) await send(chunk(meta, { content: '', images: replyImages() }, null));
  // A delta of its own, as in the ai-sdk-provider's file-annotation stream (fixtures/real/annotations/).
  if (reply.fileAnnotations.length > 0) await send(chunk(meta, { annotations: reply.fileAnnotations }, null));
  if (ex.closed) return;
  await send(chunk(meta, { content: '' }, reply.finishReason));
  finish(record, reply);
  if (!reply.noUsage) await send(usageChunk(meta, reply.usage, plan.usageInChoices));
  if (plan.lengthThenError) {
    // After a "length" finish OpenRouter can still send an error chunk, and then ends the stream.
    await send(errorChunk(meta, 502));
    await ex.end();
    return;
  }
  if (!plan.noDone) await send('[DONE]');
  await ex.end();
}

/** The reply went out whole: /generation now reports its final figures. */
export function finish(record: GenerationRecord, reply: PlannedReply): void {
  record.completionTokens = reply.usage.completion_tokens;
  record.reasoningTokens = reply.usage.completion_tokens_details.reasoning_tokens;
  record.imageTokens = reply.usage.completion_tokens_details.image_tokens;
  record.webSearches = reply.usage.server_tool_use_details?.web_search_requests ?? 0;
  record.finishReason = reply.finishReason;
}
