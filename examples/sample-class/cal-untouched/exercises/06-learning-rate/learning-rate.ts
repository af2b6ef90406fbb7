import type { Line, Point } from '../types';

/**
 * The line with the smallest cost, in closed form (the normal equations), with no iteration:
 * m = Σ(xᵢ − x̄)(yᵢ − ȳ) / Σ(xᵢ − x̄)² and b = ȳ − m·x̄.
 *
 * @param points - at least two points with different x; do not change them
 * @example leastSquares([{ x: 0, y: 1 }, { x: 1, y: 3 }]) // { m: 2, b: 1 }
 */
export function leastSquares(points: readonly Point[]): Line {
  throw new Error('not implemented yet: leastSquares in 06-learning-rate/learning-rate.ts');
}

/**
 * The largest learning rate for which gradient descent on J converges from every start:
 * 2 / λmax, where λmax is the largest eigenvalue of J's Hessian H = 2·[[mean x², mean x], [mean x, 1]].
 *
 * @param points - at least two points with different x
 * @example maxStableLearningRate([{ x: -1, y: 0 }, { x: 1, y: 0 }]) // H = [[2, 0], [0, 2]], so 2 / 2 = 1
 */
export function maxStableLearningRate(points: readonly Point[]): number {
  throw new Error('not implemented yet: maxStableLearningRate in 06-learning-rate/learning-rate.ts');
}
