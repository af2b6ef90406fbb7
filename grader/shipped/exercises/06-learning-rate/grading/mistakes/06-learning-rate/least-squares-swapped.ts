import type { Line, Point } from '../types';

export function leastSquares(points: readonly Point[]): Line {
  const n = points.length;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const { x, y } of points) {
    sxy += (x - meanX) * (y - meanY);
    sxx += (x - meanX) ** 2;
  }
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  return { m: intercept, b: slope };
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
