import { Line, Point } from '../types';

export function computeCost(points: readonly Point[], line: Line): number {
  let total = 0;
  for (let i = 0; i < points.length; i++) {
    const error = points[i].y - (line.m * points[i].x + line.b);
    total += error * error;
  }
  return total / points.length;
}
