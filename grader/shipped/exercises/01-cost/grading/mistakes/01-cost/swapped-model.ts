import type { Line, Point } from '../types';

export function computeCost(points: readonly Point[], line: Line): number {
  let totalError = 0;
  for (const { x, y } of points) {
    totalError += (y - (line.m + line.b * x)) ** 2;
  }
  return totalError / points.length;
}
