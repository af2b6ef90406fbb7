import { Gradient, Line, Point } from '../types';

export function computeGradient(points: readonly Point[], line: Line): Gradient {
  const n = points.length;
  let dm = 0;
  let db = 0;
  for (const { x, y } of points) {
    const residual = y - (line.m * x + line.b);
    dm += -(x * residual) / n;
    db += -residual / n;
  }
  return { dm, db };
}
