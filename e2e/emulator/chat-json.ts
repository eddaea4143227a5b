import { CONTENT_BEFORE_ERROR, finish } from './chat-stream';
import {
  buildUsage,
  encryptedReasoningDetail,
  midStreamError,
  REASONING_FORMAT,
  reasoningSignature,
  replyImages,
  webSearchAnnotations,
} from './completion';
import { type Exchange, JSON_CONTENT_TYPE } from './exchange';
import type { FaultPlan } from './faults';
import type { GenerationRecord } from './generation';
import type { PlannedReply } from './reply-plan';
import { sleep, untilAborted } from './timing';
import { writeSplittingUtf8 } from './utf8-split';

// The non-streaming reply (`stream` absent or false): one `chat.completion` JSON body. Stream faults
// map onto it where they mean something: a cut or stall mid-body, an error inside the 200 body, a
// generation that takes as long as the drip rate implies.

export async function sendReplyJson(
  ex: Exchange,
  plan: FaultPlan,
  reply: PlannedReply,
  record: GenerationRecord,
): Promise<void> {
  if (plan.dripTokensPerSecond !== null) {
    const count = reply.tokens.length + reply.reasoning.length;
    await sleep((count * 1000) / plan.dripTokensPerSecond, ex.signal);
    if (ex.closed) return;
  }
  const text = JSON.stringify(completionBody(plan, reply));
  if (plan.midStreamError !== null) record.finishReason = 'error';
  else finish(record, reply);
  ex.writeHead(200, {
    'content-type': JSON_CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-generation-id': reply.meta.id,
  });
  if (plan.connection === 'reset-after' || plan.connection === 'stall-after') {
    await ex.write(text.slice(0, Math.floor(text.length / 2)));
    await ex.settle();
    if (plan.connection === 'reset-after') ex.destroy();
    else await untilAborted(ex.signal);
    return;
  }
  if (plan.utf8Split) await writeSplittingUtf8(ex, text);
  else await ex.write(text);
  await ex.end();
}

export function completionBody(plan: FaultPlan, reply: PlannedReply) {
  const { meta } = reply;
  const failed = plan.midStreamError !== null;
  const tokens = failed ? reply.tokens.slice(0, CONTENT_BEFORE_ERROR) : reply.tokens;
  const reasoning = reply.reasoning.join('');
  const finishReason = failed ? 'error' : reply.finishReason;
  const usage = failed
    ? buildUsage(
        meta.model,
        reply.usage.prompt_tokens,
        tokens.length + reply.reasoning.length,
        reply.reasoning.length,
        reply.usage.prompt_tokens_details.cached_tokens,
      )
    : reply.usage;
  return {
    id: meta.id,
    provider: meta.provider,
    model: meta.model,
    object: 'chat.completion',
    created: meta.created,
    system_fingerprint: null,
    choices: [
      {
        index: 0,
        logprobs: null,
        finish_reason: finishReason,
        native_finish_reason: finishReason,
        message: {
          role: 'assistant',
          content: tokens.join(''),
          refusal: null,
          reasoning: reasoning === '' ? null : reasoning,
          ...(reasoning === ''
            ? {}
            : {
                reasoning_details: [
                  {
                    type: 'reasoning.text',
                    text: reasoning,
                    signature: reasoningSignature(meta.id),
                    format: REASONING_FORMAT,
                    index: 0,
                  },
                  encryptedReasoningDetail(meta.id),
                ],
              }),
          ...(reply.webSearch || reply.fileAnnotations.length > 0
            ? { annotations: [...(reply.webSearch ? webSearchAnnotations() : []), ...reply.fileAnnotations] }
            : {}),
          ...(reply.image ? { images: replyImages() } : {}),
        },
        ...(failed ? { error: midStreamError(plan.midStreamError === 'number' ? 502 : 'server_error') } : {}),
      },
    ],
    usage,
  };
}
