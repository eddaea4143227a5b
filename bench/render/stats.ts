import type { UpdateSample } from './protocol';

export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? 0;
}

/**
 * Work per token over the token range [from, to): each update's work (`work[i]`
 * for `samples[i]`) is shared evenly among the tokens it appended, so updates
 * straddling the range count pro rata.
 */
export function costPerToken(
  samples: readonly UpdateSample[],
  work: readonly number[],
  from: number,
  to: number,
): number {
  let total = 0;
  samples.forEach((sample, index) => {
    const overlap = Math.min(to, sample.first + sample.count) - Math.max(from, sample.first);
    if (overlap > 0) total += ((work[index] ?? 0) * overlap) / sample.count;
  });
  return to > from ? total / (to - from) : 0;
}

/** Total work of the updates that only append tokens below `tokens`. */
export function workUpTo(samples: readonly UpdateSample[], work: readonly number[], tokens: number): number {
  let total = 0;
  samples.forEach((sample, index) => {
    if (sample.first + sample.count <= tokens) total += work[index] ?? 0;
  });
  return total;
}

/** Least-squares fit y = intercept + slope * x. */
export function linearFit(
  xs: readonly number[],
  ys: readonly number[],
): { intercept: number; slope: number } {
  const n = Math.min(xs.length, ys.length);
  if (n === 0) return { intercept: 0, slope: 0 };
  let sumX = 0;
  let sumY = 0;
  for (let index = 0; index < n; index++) {
    sumX += xs[index] ?? 0;
    sumY += ys[index] ?? 0;
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let covariance = 0;
  let variance = 0;
  for (let index = 0; index < n; index++) {
    const dx = (xs[index] ?? 0) - meanX;
    covariance += dx * ((ys[index] ?? 0) - meanY);
    variance += dx * dx;
  }
  const slope = variance === 0 ? 0 : covariance / variance;
  return { intercept: meanY - slope * meanX, slope };
}
