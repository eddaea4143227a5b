import { createParser } from 'eventsource-parser';

/**
 * Server-Sent Events over a fetch body: bytes → text (UTF-8 decoded with `stream: true`, so a character
 * split across network chunks survives) → eventsource-parser (lines, CRLF, comments, multi-line data).
 * Knows nothing about OpenRouter; it yields each event's `data`.
 */

/** Generous bound on one buffered event: a 1 MB content delta must pass, an endless line must not. */
export const MAX_EVENT_CHARS = 32 * 1024 * 1024;

export interface SseHooks {
  /** Called for every non-empty network chunk, keep-alive comments included (drives the watchdogs). */
  onChunk?: () => void;
  /** Called for each comment line such as `: OPENROUTER PROCESSING`. */
  onComment?: (comment: string) => void;
}

export class SseOverflowError extends Error {
  constructor() {
    // i18n-ignore: for the log only; stream-body.ts shows the person errors.openrouter.malformedReply
    super(`An event exceeded ${MAX_EVENT_CHARS} characters`);
    this.name = 'SseOverflowError';
  }
}

/**
 * Yields the data of each event in order. Stopping the iteration early (break/return/throw in the
 * consumer) cancels the body, which releases the connection.
 */
export async function* readSseData(
  body: ReadableStream<Uint8Array>,
  hooks: SseHooks = {},
): AsyncGenerator<string, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  const pending: string[] = [];
  let overflow = false;
  const parser = createParser({
    onEvent: (event) => pending.push(event.data),
    ...(hooks.onComment ? { onComment: hooks.onComment } : {}),
    onError: (error) => {
      if (error.type === 'max-buffer-size-exceeded') overflow = true;
    },
    maxBufferSize: MAX_EVENT_CHARS,
  });
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        // Flush a trailing partial character; an event without its terminating blank line is, per the
        // SSE spec, discarded, which is what a truncated stream deserves.
        parser.feed(decoder.decode());
      } else if (value.byteLength > 0) {
        hooks.onChunk?.();
        parser.feed(decoder.decode(value, { stream: true }));
      }
      if (overflow) throw new SseOverflowError();
      for (const data of pending.splice(0)) yield data;
      if (finished) return;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
