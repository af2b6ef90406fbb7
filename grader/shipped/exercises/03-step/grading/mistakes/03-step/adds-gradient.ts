import { computeGradient } from '../02-gradient/gradient';
import type { Line, Point } from '../types';

export function step(points: readonly Point[], line: Line, learningRate: number): Line {
  const { dm, db } = computeGradient(points, line);
  return { m: line.m + learningRate * dm, b: line.b + learningRate * db };
}
