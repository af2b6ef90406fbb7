import type { Gradient, Line, Point } from '../types';

export function computeGradient(points: readonly Point[], line: Line): Gradient {
  const n = points.length;
  let dm = 0;
  let db = 0;
  for (let i = 1; i < n; i++) {
    const { x, y } = points[i];
    const error = y - (line.m * x + line.b);
    dm += (-2 / n) * x * error;
    db += (-2 / n) * error;
  }
  return { dm, db };
}
