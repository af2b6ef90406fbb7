import type { LinearModel, Matrix } from '../types';

/**
 * The model with the smallest cost J(w, b) = (1/N) Σ (yᵢ − w·xᵢ − b)², in closed form, with no
 * iteration: b = ȳ − w·x̄, and w solves the normal equations of the centred data,
 * X_cᵀX_c·w = X_cᵀy_c, where X_c is X with each column's mean subtracted.
 *
 * @param X - N rows of d features, N > d, whose columns stay independent once centred; do not change it
 * @param y - the N targets; do not change them
 * @example normalEquation([[0], [1], [2]], [1, 3, 5]) // { w: [2], b: 1 }
 */
export function normalEquation(X: Matrix, y: readonly number[]): LinearModel {
  throw new Error('not implemented yet: normalEquation in 09-normal-equation/normal-equation.ts');
}
