import type { Line, Point } from '../types';

interface Moments {
  readonly meanX: number;
  readonly meanY: number;
  readonly sxx: number;
  readonly sxy: number;
  readonly meanXX: number;
}

/** Centred sums: subtracting the means first keeps Σ(x − x̄)² accurate when x is far from 0. */
function moments(points: readonly Point[]): Moments {
  const n = points.length;
  let sumX = 0;
  let sumY = 0;
  for (const p of points) {
    sumX += p.x;
    sumY += p.y;
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    const dx = p.x - meanX;
    sxx += dx * dx;
    sxy += dx * (p.y - meanY);
  }
  return { meanX, meanY, sxx, sxy, meanXX: sxx / n + meanX * meanX };
}

/** The least-squares line from the normal equations, solved in centred form: m = Sxy / Sxx, b = ȳ − m·x̄. */
export function leastSquares(points: readonly Point[]): Line {
  const { meanX, meanY, sxx, sxy } = moments(points);
  const m = sxy / sxx;
  return { m, b: meanY - m * meanX };
}

/**
 * 2 / λmax for the Hessian H = 2·[[mean x², mean x], [mean x, 1]] of J.
 * λmax = (a + c)/2 + √(((a − c)/2)² + b²) has no cancellation, unlike the smaller eigenvalue.
 */
export function maxStableLearningRate(points: readonly Point[]): number {
  const { meanX, meanXX } = moments(points);
  const a = 2 * meanXX;
  const c = 2;
  const b = 2 * meanX;
  const lambdaMax = (a + c) / 2 + Math.hypot((a - c) / 2, b);
  return 2 / lambdaMax;
}
