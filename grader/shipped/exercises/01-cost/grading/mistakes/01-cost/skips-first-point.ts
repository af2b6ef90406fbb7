import type { Line, Point } from '../types';

export function computeCost(points: readonly Point[], line: Line): number {
  let totalError = 0;
  for (let i = 1; i < points.length; i++) {
    const { x, y } = points[i];
    totalError += (y - (line.m * x + line.b)) ** 2;
  }
  return totalError / points.length;
}
