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
  const m = sxy / sxx;
  return { m, b: meanY - m * meanX };
}

export function maxStableLearningRate(points: readonly Point[]): number {
  const meanXX = points.reduce((s, p) => s + p.x * p.x, 0) / points.length;
  // the curvature of J along m
  return 2 / (2 * meanXX);
}
