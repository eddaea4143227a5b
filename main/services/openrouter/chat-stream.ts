import type { ChatRequest, ChatResult, ChatStreamEvent } from '../../../common/chat-types';
import { AppFailure } from '../../../common/errors';
import { describeError } from '../../../common/redact';
import { CitationCollector } from './citations';
import { readCompletionBody } from './completion-body';
import { failure, MESSAGES, mapStreamError, mapUpstreamError, readErrorBody } from './error-mapping';
import { FileAnnotationCollector } from './file-annotations';
import { readBody, requireKey, responseFailure, send, transportFailure } from './http';
import type { ClientContext, StreamChatOptions } from './options';
import { ReasoningDetailsCollector } from './reasoning-details';
import { ImageCollector } from './reply-images';
import { chatRequestBody } from './request-body';
import { retryDelayMs, shouldRetryAutomatically } from './retry';
import { consumeStreamBody, reportedErrorFields, type StreamState } from './stream-body';
import { ChatStreamFailure } from './stream-failure';
import { AttemptScope } from './timeouts';

type AttemptOutcome =
  | { ok: true }
  /** An HTTP error status: the only kind of failure the retry loop may retry (see `shouldRetryAutomatically`). */
  | { ok: false; failure: AppFailure; status: number };

// Still exported from here, where it lived before it moved to request-body.ts (issue 15).
export { chatRequestBody };

export async function streamChat(
  ctx: ClientContext,
  req: ChatRequest,
  opts: StreamChatOptions,
): Promise<ChatResult> {
  const state: StreamState = {
    content: '',
    reasoning: '',
    emittedDelta: false,
    finishReason: null,
    usage: null,
    generationId: null,
    model: null,
    provider: null,
    citations: new CitationCollector(ctx.log),
    fileAnnotations: new FileAnnotationCollector(ctx.log),
    images: new ImageCollector(ctx.log),
    reasoningDetails: new ReasoningDetailsCollector(ctx.log),
    sawDone: false,
  };
  // A throwing consumer must not leave the HTTP stream running: turn it into a failure of the stream.
  const emit = (event: ChatStreamEvent) => {
    try {
      opts.onEvent(event);
    } catch (error) {
      ctx.log.error('Chat stream consumer threw', { error: describeError(error) });
      throw failure('internal', { id: 'errors.openrouter.replyDisplayFailed' });
    }
  };

  let result: ChatResult;
  try {
    const key = requireKey(ctx);
    await runWithRetries(ctx, key, JSON.stringify(chatRequestBody(req)), state, emit, opts.signal);
    result = {
      content: state.content,
      reasoning: state.reasoning,
      finishReason: state.finishReason ?? 'unknown',
      usage: state.usage,
      generationId: state.generationId,
      model: state.model,
      provider: state.provider,
      citations: state.citations.citations,
      images: state.images.references(),
    };
  } catch (error) {
    const streamFailure = toStreamFailure(ctx, error, state);
    try {
      opts.onEvent({
        type: 'error',
        error: streamFailure.error,
        partialContent: streamFailure.partialContent,
        partialReasoning: streamFailure.partialReasoning,
      });
    } catch (consumerError) {
      ctx.log.error('Chat stream consumer threw on the error event', { error: describeError(consumerError) });
    }
    throw streamFailure;
  }
  ctx.log.info('Chat stream finished', {
    model: result.model,
    finishReason: result.finishReason,
    generationId: result.generationId,
    chars: result.content.length,
    citations: result.citations.length,
    images: result.images.length,
    fileAnnotations: state.fileAnnotations.result().length,
  });
  try {
    opts.onReplyData?.({
      images: state.images.images,
      reasoningDetails: state.reasoningDetails.result(),
      fileAnnotations: state.fileAnnotations.result(),
    });
  } catch (consumerError) {
    // Same as for `done`: the reply is complete and its text must still be delivered.
    ctx.log.error('Chat stream consumer threw on the reply data', { error: describeError(consumerError) });
  }
  try {
    opts.onEvent({ type: 'done', result });
  } catch (consumerError) {
    // The reply is complete; a consumer bug at this point must not turn it into a failure.
    ctx.log.error('Chat stream consumer threw on the done event', { error: describeError(consumerError) });
  }
  return result;
}

function toStreamFailure(ctx: ClientContext, error: unknown, state: StreamState): ChatStreamFailure {
  if (error instanceof ChatStreamFailure) return error;
  if (error instanceof AppFailure) {
    return new ChatStreamFailure(error.error, state.content, state.reasoning, state.generationId);
  }
  // Only a bug gets here; the details stay in the (redacted) log, the person gets a plain message.
  ctx.log.error('Unexpected error in chat stream', { error: describeError(error) });
  const internal = failure('internal', { id: 'errors.openrouter.replyReadFailed' });
  return new ChatStreamFailure(internal.error, state.content, state.reasoning, state.generationId);
}

async function runWithRetries(
  ctx: ClientContext,
  key: string,
  body: string,
  state: StreamState,
  emit: (e: ChatStreamEvent) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  for (let retryIndex = 0; ; retryIndex++) {
    if (signal?.aborted) throw failure('cancelled', MESSAGES.cancelled);
    const outcome = await attempt(ctx, key, body, state, emit, signal);
    if (outcome.ok) return;
    const { failure: cause, status } = outcome;
    if (
      !shouldRetryAutomatically(status, cause.error) ||
      state.emittedDelta ||
      retryIndex >= ctx.retry.maxRetries
    ) {
      throw cause;
    }
    const delayMs = retryDelayMs(retryIndex, cause.error.retryAfterSeconds, ctx.retry);
    ctx.log.warn('Retrying OpenRouter chat request', {
      retry: retryIndex + 1,
      of: ctx.retry.maxRetries,
      status,
      code: cause.error.code,
      delayMs,
    });
    try {
      await ctx.sleep(delayMs, signal);
    } catch (error) {
      if (signal?.aborted) throw failure('cancelled', MESSAGES.cancelled);
      throw error;
    }
  }
}

/** One HTTP request. Throws an AppFailure for anything but an HTTP error status. */
async function attempt(
  ctx: ClientContext,
  key: string,
  body: string,
  state: StreamState,
  emit: (e: ChatStreamEvent) => void,
  signal: AbortSignal | undefined,
): Promise<AttemptOutcome> {
  const scope = new AttemptScope(signal);
  scope.arm('first-byte', ctx.timeouts.firstByteMs);
  try {
    let response: Response;
    try {
      response = await send(ctx, {
        path: 'chat/completions',
        method: 'POST',
        key,
        body,
        signal: scope.signal,
      });
    } catch (error) {
      throw transportFailure(ctx, scope, error, 'before-response');
    }
    ctx.log.debug('OpenRouter chat response', { status: response.status });
    const headerGenerationId = response.headers.get('x-generation-id');
    if (headerGenerationId) state.generationId = headerGenerationId;

    if (!response.ok) {
      try {
        return { ok: false, failure: await responseFailure(ctx, response, key), status: response.status };
      } catch (error) {
        throw transportFailure(ctx, scope, error, 'after-response');
      }
    }
    const contentType = response.headers.get('content-type') ?? '';
    if (!contentType.includes('text/event-stream') || response.body === null) {
      const outcome = await nonStreamingReply(ctx, scope, response, key, state, emit);
      if (outcome !== 'read') throw outcome;
      return { ok: true };
    }
    await consumeStreamBody(ctx, response.body, scope, key, state, emit);
    return { ok: true };
  } finally {
    // Closes the connection if we stopped reading early (error chunk, malformed JSON, consumer bug).
    scope.abort('done');
    scope.dispose();
  }
}

/**
 * A 200 that is not SSE: OpenRouter can put an error in the body of a 200, or answer with a whole
 * `chat.completion` (read as the complete reply).
 */
async function nonStreamingReply(
  ctx: ClientContext,
  scope: AttemptScope,
  response: Response,
  key: string,
  state: StreamState,
  emit: (e: ChatStreamEvent) => void,
): Promise<AppFailure | 'read'> {
  let body: unknown;
  try {
    body = await readBody(response);
  } catch (error) {
    return transportFailure(ctx, scope, error, 'after-response');
  }
  const upstream = readErrorBody(body);
  if (upstream.message !== undefined || upstream.errorType !== undefined || upstream.status !== undefined) {
    return mapUpstreamError({ error: upstream, secrets: [key] });
  }
  const completion = readCompletionBody(body, state, emit);
  if (completion.kind === 'failed') {
    const mapped = mapStreamError(completion.error, [key]);
    ctx.log.warn('OpenRouter reported an error in a whole completion', reportedErrorFields(mapped, state));
    return mapped;
  }
  if (completion.kind === 'read') {
    ctx.log.info('OpenRouter answered a streaming request with a whole completion', {
      contentType: response.headers.get('content-type'),
    });
    return 'read';
  }
  ctx.log.warn('OpenRouter answered a streaming request without SSE', {
    contentType: response.headers.get('content-type'),
  });
  return failure('upstream_error', MESSAGES.malformedReply, { status: response.status });
}
