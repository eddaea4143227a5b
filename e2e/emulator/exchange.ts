import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { RecordedRequest } from './types';

export const JSON_CONTENT_TYPE = 'application/json';
export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';

/**
 * One request/response pair. It keeps the recorded request in step with what happened on the wire
 * (status sent, client gone) and exposes `signal`, which aborts when the connection closes for any
 * reason, so stalls, drips and slow starts stop at once.
 */
export class Exchange {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  /** Set when the emulator itself cut the connection, which must not count as the client closing. */
  private closedByServer = false;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly record: RecordedRequest,
    private readonly onRecordChange: (r: RecordedRequest) => void,
    readonly now: () => number,
  ) {
    this.signal = this.controller.signal;
    res.on('close', () => {
      if (!res.writableFinished && !this.closedByServer) {
        record.clientClosed = true;
        onRecordChange(record);
      }
      this.controller.abort();
    });
  }

  get closed(): boolean {
    return this.signal.aborted;
  }

  writeHead(status: number, headers: OutgoingHttpHeaders): void {
    if (this.closed) return;
    this.res.writeHead(status, headers);
    this.record.responseStatus = status;
    this.onRecordChange(this.record);
  }

  /**
   * Writes and waits only for backpressure. With `flush`, waits until the bytes left for the kernel,
   * which matters before a deliberate reset or between writes meant to arrive separately.
   */
  write(data: string | Uint8Array, opts: { flush?: boolean } = {}): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const onClose = () => finish();
      const finish = () => {
        this.signal.removeEventListener('abort', onClose);
        this.res.off('drain', finish);
        resolve();
      };
      this.signal.addEventListener('abort', onClose, { once: true });
      const accepted = this.res.write(data, opts.flush ? () => finish() : undefined);
      if (opts.flush) return;
      if (accepted) finish();
      else this.res.once('drain', finish);
    });
  }

  /**
   * Waits until everything written so far has left for the OS. Used before a deliberate reset so the
   * client really receives the bytes that precede it.
   */
  async settle(): Promise<void> {
    // The http layer corks the socket and uncorks on the next tick; let that happen first.
    await new Promise((resolve) => setImmediate(resolve));
    const socket = this.req.socket;
    if (this.closed || socket.writableLength === 0) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        socket.off('drain', done);
        this.signal.removeEventListener('abort', done);
        resolve();
      };
      socket.once('drain', done);
      this.signal.addEventListener('abort', done, { once: true });
    });
  }

  end(data?: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.signal.removeEventListener('abort', done);
        resolve();
      };
      this.signal.addEventListener('abort', done, { once: true });
      this.res.end(data ?? '', done);
    });
  }

  sendJson(status: number, body: unknown, headers: OutgoingHttpHeaders = {}): Promise<void> {
    return this.sendJsonText(status, JSON.stringify(body), headers);
  }

  /** JSON already serialised, sent unchanged (real recorded bodies keep their exact bytes). */
  sendJsonText(status: number, text: string, headers: OutgoingHttpHeaders = {}): Promise<void> {
    this.writeHead(status, {
      ...headers,
      'content-type': JSON_CONTENT_TYPE,
      'content-length': Buffer.byteLength(text),
    });
    return this.end(text);
  }

  sendHtml(status: number, html: string, headers: OutgoingHttpHeaders = {}): Promise<void> {
    this.writeHead(status, {
      ...headers,
      'content-type': HTML_CONTENT_TYPE,
      'content-length': Buffer.byteLength(html),
    });
    return this.end(html);
  }

  /** Cuts the TCP connection: a reset as the client sees it. */
  destroy(): void {
    this.closedByServer = true;
    this.req.socket.destroy();
  }
}
