import { type AppError, errorWithText } from '../../common/errors';

/**
 * A per-window budget for calls that write to disk or start work in main (a message, a rename, a
 * settings change, an export…): two token buckets per window, one counting calls and one counting
 * the bytes of their requests. A compromised page can otherwise loop on `sendMessage` with 1 MB
 * messages and fill the disk and main's memory as fast as IPC carries them; with the budget it gets a
 * burst and then a steady trickle, and each refusal says what happened and what to do. Refusing costs
 * nothing and changes nothing: what was saved before stays saved.
 */

/** A token bucket: up to `burst` at once, refilled continuously at `perMinute`. */
export interface BucketLimit {
  burst: number;
  perMinute: number;
}

export interface WriteLimits {
  /** Writing calls per window. */
  calls: BucketLimit;
  /** Bytes of writing calls' requests (their JSON, as history stores it) per window. */
  bytes: BucketLimit;
}

const MiB = 1024 * 1024;

/**
 * Generous enough for any person: 120 changes in a row (deleting a pile of old conversations), then
 * one a second; 160 MiB at once, then 32 MiB a minute. The bytes are sized for attachments (issue 17):
 * a dropped file arrives as base64 (4/3 of its size), so ten files of 12 MB attached at once, or one
 * 20 MB image (27 MiB of base64) every minute, fit; text alone (a 1,000,000-character message) is far
 * below. The app bench, the e2e suites and the history bench stay far below. A runaway page is held
 * to about 2 GiB an hour, and what it stages is held in main's memory under the intake's own cap
 * (main/services/attachments) until a send writes it.
 */
export const DEFAULT_WRITE_LIMITS: WriteLimits = {
  calls: { burst: 120, perMinute: 60 },
  bytes: { burst: 160 * MiB, perMinute: 32 * MiB },
};

export type BudgetVerdict =
  | { allowed: true }
  | {
      allowed: false;
      exceeded: 'calls' | 'bytes';
      /** Seconds until this call would fit; null when it never can (larger than the whole burst). */
      retryAfterSeconds: number | null;
    };

interface Buckets {
  calls: number;
  bytes: number;
  at: number;
}

/** Float refills (elapsed × rate) may land a hair under a whole token. */
const EPSILON = 1e-9;
/** Past this many tracked windows, windows whose buckets are full again are forgotten (same as fresh). */
const PRUNE_ABOVE = 64;

export function createWriteBudget(limits: WriteLimits, now: () => number) {
  const windows = new Map<number, Buckets>();
  const rate = (limit: BucketLimit) => limit.perMinute / 60_000;

  const refilled = (windowId: number, t: number): Buckets => {
    const state = windows.get(windowId);
    if (!state) return { calls: limits.calls.burst, bytes: limits.bytes.burst, at: t };
    // A clock that steps back (NTP, sleep) must not drain anyone's budget.
    const elapsed = Math.max(0, t - state.at);
    return {
      calls: Math.min(limits.calls.burst, state.calls + elapsed * rate(limits.calls)),
      bytes: Math.min(limits.bytes.burst, state.bytes + elapsed * rate(limits.bytes)),
      at: t,
    };
  };

  const waitSeconds = (missing: number, limit: BucketLimit) =>
    Math.max(1, Math.ceil(missing / rate(limit) / 1000 - EPSILON));

  const prune = (t: number) => {
    if (windows.size <= PRUNE_ABOVE) return;
    for (const id of [...windows.keys()]) {
      const state = refilled(id, t);
      if (state.calls >= limits.calls.burst && state.bytes >= limits.bytes.burst) windows.delete(id);
    }
  };

  return {
    /**
     * Takes one call and `bytes` from the window's budget, or refuses without taking anything (so a
     * refused page that waits as told gets through).
     */
    charge(windowId: number, bytes: number): BudgetVerdict {
      const t = now();
      const state = refilled(windowId, t);
      if (bytes > limits.bytes.burst) return { allowed: false, exceeded: 'bytes', retryAfterSeconds: null };
      if (state.calls + EPSILON < 1) {
        return {
          allowed: false,
          exceeded: 'calls',
          retryAfterSeconds: waitSeconds(1 - state.calls, limits.calls),
        };
      }
      if (state.bytes + EPSILON < bytes) {
        return {
          allowed: false,
          exceeded: 'bytes',
          retryAfterSeconds: waitSeconds(bytes - state.bytes, limits.bytes),
        };
      }
      windows.set(windowId, {
        calls: Math.max(0, state.calls - 1),
        bytes: Math.max(0, state.bytes - bytes),
        at: t,
      });
      prune(t);
      return { allowed: true };
    },
  };
}

export type WriteBudget = ReturnType<typeof createWriteBudget>;

function formatSize(bytes: number): string {
  if (bytes >= MiB) return `${Math.round(bytes / MiB)} MB`;
  if (bytes >= 10 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** The error a refused window gets: what happened, that nothing saved is affected, what to do. */
export function throttledError(
  verdict: Extract<BudgetVerdict, { allowed: false }>,
  limits: WriteLimits,
): AppError {
  if (verdict.retryAfterSeconds === null) {
    return errorWithText('throttled', {
      id: 'errors.app.tooLargeToSave',
      values: { size: formatSize(limits.bytes.burst) },
    });
  }
  const seconds = verdict.retryAfterSeconds;
  return errorWithText(
    'throttled',
    {
      id: 'errors.app.throttled',
      values: {
        exceeded: verdict.exceeded,
        calls: limits.calls.burst,
        size: formatSize(limits.bytes.burst),
        seconds,
      },
    },
    { retryAfterSeconds: seconds },
  );
}
