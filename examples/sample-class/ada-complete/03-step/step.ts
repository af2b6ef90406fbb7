import { computeGradient } from '../02-gradient/gradient';
import { Line, Point } from '../types';

export function step(points: readonly Point[], line: Line, learningRate: number): Line {
  const g = computeGradient(points, line);
  return { m: line.m - learningRate * g.dm, b: line.b - learningRate * g.db };
}
