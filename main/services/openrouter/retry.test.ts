import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  abortableSleep,
  isRetryableStatus,
  parseRetryAfter,
  retryDelayMs,
  shouldRetryAutomatically,
} from './retry';

describe('isRetryableStatus', () => {
  it('retries only 408, 429, 502 and 503', () => {
    expect(
      [400, 401, 402, 403, 404, 408, 413, 429, 500, 502, 503, 524, 529].filter(isRetryableStatus),
    ).toEqual([408, 429, 502, 503]);
  });
});

describe('shouldRetryAutomatically', () => {
  it("follows the status unless OpenRouter's availability says the request will not pass later", () => {
    expect(shouldRetryAutomatically(503, {})).toBe(true);
    expect(shouldRetryAutomatically(503, { retryable: true })).toBe(true);
    expect(shouldRetryAutomatically(503, { retryable: false })).toBe(false);
    expect(shouldRetryAutomatically(429, { retryable: false })).toBe(false);
    expect(shouldRetryAutomatically(404, { retryable: true })).toBe(false);
    expect(shouldRetryAutomatically(undefined, {})).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('2', now)).toBe(2);
    expect(parseRetryAfter(' 1.2 ', now)).toBe(2);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
  });
  it('ignores absent or unusable values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});

describe('retryDelayMs', () => {
  const settings = { baseDelayMs: 500, maxDelayMs: 10_000 };
  it('honours Retry-After, capped at maxDelayMs', () => {
    expect(retryDelayMs(0, 2, settings)).toBe(2000);
    expect(retryDelayMs(0, 60, settings)).toBe(10_000);
    expect(retryDelayMs(3, 0, settings)).toBe(0);
  });
  it('otherwise backs off exponentially with jitter in [half, full]', () => {
    expect(retryDelayMs(0, undefined, settings, () => 0)).toBe(250);
    expect(retryDelayMs(0, undefined, settings, () => 1)).toBe(500);
    expect(retryDelayMs(2, undefined, settings, () => 1)).toBe(2000);
    expect(retryDelayMs(2, undefined, settings, () => 0.5)).toBe(1500);
    expect(retryDelayMs(10, undefined, settings, () => 1)).toBe(10_000);
  });
});

describe('abortableSleep', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves after the delay and leaves no timer behind', async () => {
    vi.useFakeTimers();
    const done = vi.fn();
    const p = abortableSleep(1000).then(done);
    await vi.advanceTimersByTimeAsync(999);
    expect(done).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await p;
    expect(done).toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects at once when aborted, clearing its timer', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const p = abortableSleep(60_000, controller.signal);
    controller.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(vi.getTimerCount()).toBe(0);
    await expect(abortableSleep(10, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
