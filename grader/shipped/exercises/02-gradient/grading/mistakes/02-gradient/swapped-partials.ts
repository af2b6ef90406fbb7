import type { Gradient, Line, Point } from '../types';

export function computeGradient(points: readonly Point[], line: Line): Gradient {
  const n = points.length;
  let mGradient = 0;
  let bGradient = 0;
  for (const { x, y } of points) {
    const error = y - (line.m * x + line.b);
    mGradient += (-2 / n) * x * error;
    bGradient += (-2 / n) * error;
  }
  return { dm: bGradient, db: mGradient };
}
