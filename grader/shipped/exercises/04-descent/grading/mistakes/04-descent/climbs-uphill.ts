import { computeCost } from '../01-cost/cost';
import { computeGradient } from '../02-gradient/gradient';
import type { DescentOptions, DescentResult, Point } from '../types';

export function gradientDescent(points: readonly Point[], options: DescentOptions): DescentResult {
  let { m, b } = options.initial;
  const costs = [computeCost(points, { m, b })];
  for (let i = 0; i < options.iterations; i++) {
    const { dm, db } = computeGradient(points, { m, b });
    m += options.learningRate * dm;
    b += options.learningRate * db;
    costs.push(computeCost(points, { m, b }));
  }
  return { line: { m, b }, costs };
}
