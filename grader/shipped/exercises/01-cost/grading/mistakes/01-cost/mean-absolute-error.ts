import type { Line, Point } from '../types';

export function computeCost(points: readonly Point[], line: Line): number {
  let totalError = 0;
  for (const { x, y } of points) {
    totalError += Math.abs(y - (line.m * x + line.b));
  }
  return totalError / points.length;
}
