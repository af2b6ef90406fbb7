import type { Line, Point } from '../types';

export function leastSquares(points: readonly Point[]): Line {
  const n = points.length;
  let sumX = 0;
  let sumY = 0;
  let sumXY = 0;
  let sumXX = 0;
  for (const { x, y } of points) {
    sumX += x;
    sumY += y;
    sumXY += x * y;
    sumXX += x * x;
  }
  const m = (n * sumXY - sumX * sumY) / (n * sumXX - sumX * sumX);
  return { m, b: sumY - m * sumX };
}

export function maxStableLearningRate(points: readonly Point[]): number {
  const n = points.length;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanXX = points.reduce((s, p) => s + p.x * p.x, 0) / n;
  // The Hessian of J: [[a, b], [b, c]]
  const a = 2 * meanXX;
  const b = 2 * meanX;
  const c = 2;
  const lambdaMax = (a + c) / 2 + Math.sqrt(((a - c) / 2) ** 2 + b * b);
  const lambdaMin = (a + c) / 2 - Math.sqrt(((a - c) / 2) ** 2 + b * b);
  return 2 / lambdaMax;
}
