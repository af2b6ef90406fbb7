import { computeCost } from '../01-cost/cost';
import { step } from '../03-step/step';
import type { DescentOptions, DescentResult, Point } from '../types';

/** Runs `iterations` steps from `initial`, recording the cost before the first step and after each one. */
export function gradientDescent(points: readonly Point[], options: DescentOptions): DescentResult {
  let line = { m: options.initial.m, b: options.initial.b };
  const costs = [computeCost(points, line)];
  for (let k = 0; k < options.iterations; k++) {
    line = step(points, line, options.learningRate);
    costs.push(computeCost(points, line));
  }
  return { line, costs };
}
