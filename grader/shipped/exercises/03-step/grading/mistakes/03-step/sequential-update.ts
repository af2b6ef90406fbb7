import { computeGradient } from '../02-gradient/gradient';
import type { Line, Point } from '../types';

export function step(points: readonly Point[], line: Line, learningRate: number): Line {
  const m = line.m - learningRate * computeGradient(points, line).dm;
  const b = line.b - learningRate * computeGradient(points, { m, b: line.b }).db;
  return { m, b };
}
