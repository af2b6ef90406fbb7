import { computeCost } from '../01-cost/cost';
import { step } from '../03-step/step';
import type { DescentOptions, DescentResult, Point } from '../types';

export function gradientDescent(points: readonly Point[], options: DescentOptions): DescentResult {
  let line = options.initial;
  const costs: number[] = [];
  for (let i = 0; i < options.iterations; i++) {
    costs.push(computeCost(points, line));
    line = step(points, line, options.learningRate);
  }
  return { line, costs };
}
