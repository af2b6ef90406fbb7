import { computeCost } from '../01-cost/cost';
import { step } from '../03-step/step';
import type { DescentOptions, DescentResult, Point } from '../types';

const LEARNING_RATE = 0.0001;

export function gradientDescent(points: readonly Point[], options: DescentOptions): DescentResult {
  let line = options.initial;
  const costs = [computeCost(points, line)];
  for (let i = 0; i < options.iterations; i++) {
    line = step(points, line, LEARNING_RATE);
    costs.push(computeCost(points, line));
  }
  return { line, costs };
}
