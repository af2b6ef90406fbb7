import { computeGradient } from '../02-gradient/gradient';
import type { Line, Point } from '../types';

export function step(points: readonly Point[], line: Line, learningRate: number): Line {
  const rate = 0.0001;
  const { dm, db } = computeGradient(points, line);
  return { m: line.m - rate * dm, b: line.b - rate * db };
}
