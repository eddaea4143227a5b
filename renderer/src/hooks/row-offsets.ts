/**
 * The arithmetic of a list of rows of varying height: where each row starts (prefix sums of the
 * heights measured so far, an estimate for the rest) and which rows a stretch of the list covers.
 */

/** `starts[i]` is where row i starts; `starts[n]` is the list's height. */
export function rowStarts(ids: readonly string[], heightOf: (id: string) => number): Float64Array {
  const starts = new Float64Array(ids.length + 1);
  for (let i = 0; i < ids.length; i++) starts[i + 1] = (starts[i] ?? 0) + heightOf(ids[i] as string);
  return starts;
}

/** The row covering position `y` (clamped to the rows there are). */
export function rowAt(starts: Float64Array, y: number): number {
  const count = starts.length - 1;
  if (count <= 0) return 0;
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The rows [start, end) that overlap [top, bottom). */
export function rowsBetween(
  starts: Float64Array,
  top: number,
  bottom: number,
): { start: number; end: number } {
  const count = starts.length - 1;
  if (count <= 0) return { start: 0, end: 0 };
  const start = rowAt(starts, top);
  const end = Math.max(start + 1, Math.min(count, rowAt(starts, bottom) + 1));
  return { start, end };
}
