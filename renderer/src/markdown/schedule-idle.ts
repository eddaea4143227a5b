/** Runs `callback` when the main thread is idle (soon, at the latest); returns a cancel function. */
export function scheduleIdle(callback: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    // The timeout bounds the wait on a continuously busy thread (e.g. a very fast stream).
    const id = requestIdleCallback(callback, { timeout: 500 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(callback, 1);
  return () => clearTimeout(id);
}
