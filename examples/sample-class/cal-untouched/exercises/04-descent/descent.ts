import type { DescentOptions, DescentResult, Point } from '../types';

/**
 * Gradient descent: `options.iterations` steps from `options.initial` at `options.learningRate`.
 *
 * `costs` records J before the first step and after every step, so
 * `costs.length === iterations + 1`, `costs[0]` is J(initial) and `costs[k]` is J after k steps.
 * You may import `computeCost` from `../01-cost/cost` and `step` from `../03-step/step`.
 *
 * @param points - the data, at least one point; do not change it
 * @param options - the starting line, the learning rate and the number of steps
 * @returns the last line and the cost history
 * @example
 * gradientDescent(points, { initial: { m: 0, b: 0 }, learningRate: 0.0001, iterations: 1000 })
 */
export function gradientDescent(points: readonly Point[], options: DescentOptions): DescentResult {
  throw new Error('not implemented yet: gradientDescent in 04-descent/descent.ts');
}
