import type { Exchange } from './exchange';
import { writeSplittingUtf8 } from './utf8-split';

// Server-sent-events framing for the chat stream: `data:` events and `:` comments, with the line
// terminator and write pattern chosen by the fault plan.

export const SSE_CONTENT_TYPE = 'text/event-stream';
export const KEEPALIVE_COMMENT = 'OPENROUTER PROCESSING';

export interface SseOptions {
  /** Use `\r\n` as the line terminator (valid SSE that naive `\n` splitters mishandle). */
  crlf: boolean;
  /** Split multi-byte characters across writes. */
  splitUtf8: boolean;
}

export class SseWriter {
  private readonly eol: string;

  constructor(
    private readonly ex: Exchange,
    private readonly opts: SseOptions,
  ) {
    this.eol = opts.crlf ? '\r\n' : '\n';
  }

  /** One `data:` event; objects are JSON-encoded (which keeps them on one line). */
  data(payload: unknown): Promise<void> {
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    return this.send(`data: ${text}${this.eol}${this.eol}`);
  }

  comment(text: string): Promise<void> {
    return this.send(`: ${text}${this.eol}${this.eol}`);
  }

  /** Writes and waits until the bytes left, so a reset that follows cannot swallow them. */
  flush(): Promise<void> {
    return this.ex.settle();
  }

  private send(text: string): Promise<void> {
    return this.opts.splitUtf8 ? writeSplittingUtf8(this.ex, text) : this.ex.write(text);
  }
}
