/** Small statistics for the benchmarks: medians, quantiles and a least-squares line. */

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Linear interpolation between order statistics (the numpy default). */
export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

export function sum(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0);
}

export interface LinearFit {
  readonly intercept: number;
  readonly slope: number;
  /** Coefficient of determination: 1 for points exactly on the line. */
  readonly r2: number;
}

/** Ordinary least squares y ≈ intercept + slope·x. */
export function linearFit(xs: readonly number[], ys: readonly number[]): LinearFit {
  const n = xs.length;
  const mx = sum(xs) / n;
  const my = sum(ys) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  const slope = sxx ? sxy / sxx : 0;
  return { intercept: my - slope * mx, slope, r2: sxx && syy ? (sxy * sxy) / (sxx * syy) : 1 };
}

/** Times `fn` `repeats` times after `warmUpCalls` untimed ones; the median in ms. */
export function medianMs(fn: () => unknown, repeats: number, warmUpCalls = 1): number {
  for (let i = 0; i < warmUpCalls; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}
