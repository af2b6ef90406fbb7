import type { Gradient, Line, Point } from '../types';

export function computeGradient(points: readonly Point[], line: Line): Gradient {
  const n = points.length;
  let dm = 0;
  let db = 0;
  for (const { x, y } of points) {
    const error = y - (line.m * x + line.b);
    dm += (-2 / n) * error;
    db += (-2 / n) * error;
  }
  return { dm, db };
}
