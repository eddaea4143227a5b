import type { AppFailure } from '../../../common/errors';
import {
  failure,
  firstByteTimeoutMessage,
  idleTimeoutMessage,
  MESSAGES,
  requestTimeoutMessage,
} from './error-mapping';

/**
 * One AbortController per HTTP attempt, aborted by whichever comes first: the caller's signal or one of
 * our timers. The first cause wins and is remembered, because the error fetch/read throws after an
 * abort ("AbortError", "terminated", …) does not say *why* it was aborted.
 */
export type AbortCause = 'cancelled' | 'first-byte' | 'idle' | 'request' | 'done';
export type TimerCause = 'first-byte' | 'idle' | 'request';

export class AttemptScope {
  private readonly controller = new AbortController();
  private abortCause: AbortCause | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerCause: TimerCause | undefined;
  private readonly onParentAbort = () => this.abort('cancelled');

  constructor(private readonly parent?: AbortSignal) {
    if (parent?.aborted) this.abort('cancelled');
    else parent?.addEventListener('abort', this.onParentAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the attempt was aborted, or null while it is still live. */
  get cause(): AbortCause | null {
    return this.abortCause;
  }

  abort(cause: AbortCause): void {
    if (this.abortCause !== null) return;
    this.abortCause = cause;
    this.clearTimer();
    this.controller.abort(Object.assign(new Error(`Request aborted: ${cause}`), { name: 'AbortError' }));
  }

  /**
   * (Re)starts the watchdog. Re-arming the same cause only refreshes the running timer, which matters
   * on streams where it is reset for every network chunk. A duration of 0 disables the watchdog.
   */
  arm(cause: TimerCause, ms: number): void {
    if (this.abortCause !== null) return;
    if (ms <= 0) {
      this.clearTimer();
      return;
    }
    if (this.timer !== undefined && this.timerCause === cause) {
      this.timer.refresh();
      return;
    }
    this.clearTimer();
    this.timerCause = cause;
    this.timer = setTimeout(() => this.abort(cause), ms);
  }

  clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerCause = undefined;
  }

  /** Must be called when the attempt ends, however it ends: no timer or listener may outlive it. */
  dispose(): void {
    this.clearTimer();
    this.parent?.removeEventListener('abort', this.onParentAbort);
  }
}

/** The failure an aborted attempt stands for. */
export function abortFailure(
  cause: Exclude<AbortCause, 'done'>,
  timeouts: { firstByteMs: number; idleMs: number; requestMs: number },
): AppFailure {
  switch (cause) {
    case 'cancelled':
      return failure('cancelled', MESSAGES.cancelled);
    case 'first-byte':
      return failure('timeout', firstByteTimeoutMessage(timeouts.firstByteMs));
    case 'idle':
      return failure('timeout', idleTimeoutMessage(timeouts.idleMs));
    case 'request':
      return failure('timeout', requestTimeoutMessage(timeouts.requestMs));
  }
}
