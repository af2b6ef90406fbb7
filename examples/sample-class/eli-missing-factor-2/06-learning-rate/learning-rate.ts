import { Line, Point } from '../types';

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export function leastSquares(points: readonly Point[]): Line {
  const mx = mean(points.map((p) => p.x));
  const my = mean(points.map((p) => p.y));
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
  }
  const m = sxy / sxx;
  return { m, b: my - m * mx };
}

export function maxStableLearningRate(points: readonly Point[]): number {
  const a = 2 * mean(points.map((p) => p.x * p.x));
  const b = 2 * mean(points.map((p) => p.x));
  const c = 2;
  const lambdaMax = (a + c) / 2 + Math.sqrt(((a - c) / 2) ** 2 + b * b);
  return 2 / lambdaMax;
}
