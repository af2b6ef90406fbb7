import type { LinearModel, Matrix, ModelGradient, MultiDescentOptions, MultiDescentResult } from '../types';

/**
 * The model's prediction for every row: ŷᵢ = w·xᵢ + b = w₀·x_i0 + w₁·x_i1 + … + b.
 *
 * @param X - N rows of d features (`X[i][j]` is feature j of example i); do not change it
 * @param model - one weight per feature, `w`, and the intercept `b`
 * @returns N predictions, in the order of the rows
 * @example predict([[1, 2], [3, 4]], { w: [1, 0.5], b: -1 }) // [1, 4]
 */
export function predict(X: Matrix, model: LinearModel): number[] {
  throw new Error('not implemented yet: predict in 08-multivariate/multivariate.ts');
}

/**
 * Mean squared error J(w, b) = (1/N) Σ (yᵢ − ŷᵢ)², the same convention as 01 (no ½).
 *
 * @param X - N rows of d features; do not change it
 * @param y - the N targets
 * @param model - the weights and the intercept
 * @example computeCostMulti([[1, 2], [3, 4]], [2, 3], { w: [1, 0.5], b: -1 }) // ((2 − 1)² + (3 − 4)²) / 2 = 1
 */
export function computeCostMulti(X: Matrix, y: readonly number[], model: LinearModel): number {
  throw new Error('not implemented yet: computeCostMulti in 08-multivariate/multivariate.ts');
}

/**
 * The partial derivatives of J: dw_j = (−2/N) Σ x_ij·(yᵢ − ŷᵢ) for each feature j, and
 * db = (−2/N) Σ (yᵢ − ŷᵢ).
 *
 * @param X - N rows of d features; do not change it
 * @param y - the N targets
 * @param model - where the gradient is taken
 * @returns `dw` (d numbers, one per feature) and `db`
 * @example computeGradientMulti([[1, 2], [3, 4]], [2, 3], { w: [1, 0.5], b: -1 }) // { dw: [2, 2], db: 0 }
 */
export function computeGradientMulti(X: Matrix, y: readonly number[], model: LinearModel): ModelGradient {
  throw new Error('not implemented yet: computeGradientMulti in 08-multivariate/multivariate.ts');
}

/**
 * Gradient descent on several features: `options.iterations` simultaneous steps
 * w ← w − η·dw, b ← b − η·db from `options.initial`, every partial derivative taken at the model
 * the step starts from.
 *
 * `costs` records J before the first step and after every step, so
 * `costs.length === iterations + 1`, `costs[0]` is J(initial) and `costs[k]` is J after k steps.
 * You may call your own `computeCostMulti` and `computeGradientMulti` above.
 *
 * @param X - N rows of d features; do not change it
 * @param y - the N targets
 * @param options - the starting model, the learning rate η and the number of steps
 * @returns the last model and the cost history
 * @example gradientDescentMulti(X, y, { initial: { w: [0, 0], b: 0 }, learningRate: 0.01, iterations: 100 })
 */
export function gradientDescentMulti(
  X: Matrix,
  y: readonly number[],
  options: MultiDescentOptions,
): MultiDescentResult {
  throw new Error('not implemented yet: gradientDescentMulti in 08-multivariate/multivariate.ts');
}
