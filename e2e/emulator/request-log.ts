import type { RecordedRequest } from './types';

interface Waiter {
  check: (r: RecordedRequest) => boolean;
  reject: (e: Error) => void;
}

/**
 * The recorded requests plus waiters on them, so tests synchronise on what the emulator saw rather
 * than on sleeps.
 */
export class RequestLog {
  /** Kept as the same array for the emulator's lifetime: clearing empties it in place. */
  readonly requests: RecordedRequest[] = [];
  private readonly waiters = new Set<Waiter>();
  private nextId = 1;

  newId(): number {
    return this.nextId++;
  }

  add(r: RecordedRequest): void {
    this.requests.push(r);
    this.changed(r);
  }

  /** Called whenever a recorded request gains information (status, client close). */
  changed(r: RecordedRequest): void {
    for (const w of [...this.waiters]) w.check(r);
  }

  clear(): void {
    this.requests.length = 0;
  }

  waitFor(pred: (r: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    const existing = this.requests.find(pred);
    if (existing) return Promise.resolve(existing);
    return this.wait((r) => pred(r), timeoutMs, 'waitForRequest');
  }

  async waitForClientClose(id: number, timeoutMs = 5000): Promise<void> {
    const closed = (r: RecordedRequest) => r.id === id && r.clientClosed;
    if (this.requests.some(closed)) return;
    await this.wait(closed, timeoutMs, `waitForClientClose(${id})`);
  }

  /** Rejects every pending wait: the emulator is closing and nothing more will arrive. */
  close(): void {
    for (const w of [...this.waiters]) w.reject(new Error('Emulator closed'));
  }

  private wait(
    pred: (r: RecordedRequest) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<RecordedRequest> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        check: (r) => {
          if (!pred(r)) return false;
          settle();
          resolve(r);
          return true;
        },
        reject: (e) => {
          settle();
          reject(e);
        },
      };
      const timer = setTimeout(
        () => waiter.reject(new Error(`${what} timed out after ${timeoutMs} ms`)),
        timeoutMs,
      );
      const settle = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
    });
  }
}
