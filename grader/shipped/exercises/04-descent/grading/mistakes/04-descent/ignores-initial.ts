import { computeCost } from '../01-cost/cost';
import { step } from '../03-step/step';
import type { DescentOptions, DescentResult, Line, Point } from '../types';

export function gradientDescent(points: readonly Point[], options: DescentOptions): DescentResult {
  let line: Line = { m: 0, b: 0 };
  const costs = [computeCost(points, line)];
  for (let i = 0; i < options.iterations; i++) {
    line = step(points, line, options.learningRate);
    costs.push(computeCost(points, line));
  }
  return { line, costs };
}
