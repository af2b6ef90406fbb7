import type { LinearModel, Matrix, Scaler } from '../types';

/**
 * Each column's mean and population standard deviation, the statistics feature scaling uses:
 * mean_j = (1/N) Σᵢ X[i][j] and std_j = √((1/N) Σᵢ (X[i][j] − mean_j)²). A column whose deviation
 * is 0 (every value the same) gets std 1, so that scaling it gives 0 instead of 0/0.
 *
 * @param X - N ≥ 1 rows of d ≥ 1 features each; do not change it
 * @example fitScaler([[1, 5], [3, 5]]) // { mean: [2, 5], std: [1, 1] }: the second column is constant
 */
export function fitScaler(X: Matrix): Scaler {
  throw new Error('not implemented yet: fitScaler in 07-feature-scaling/feature-scaling.ts');
}

/**
 * The features in the scaler's units: (X[i][j] − mean[j]) / std[j], as new rows. Use the scaler
 * you are given, whatever data it was fitted on: new data is scaled with the training data's scaler.
 *
 * @param X - rows of d features; do not change it
 * @param scaler - d means and d positive deviations
 * @example scaleFeatures([[1, 5], [3, 5]], { mean: [2, 5], std: [1, 1] }) // [[-1, 0], [1, 0]]
 */
export function scaleFeatures(X: Matrix, scaler: Scaler): number[][] {
  throw new Error('not implemented yet: scaleFeatures in 07-feature-scaling/feature-scaling.ts');
}

/**
 * The model on raw features that predicts what `model` predicts on scaled ones: each weight
 * w_j / std_j, and the intercept b − Σ w_j·mean_j / std_j.
 *
 * @param model - a model of scaled features, ŷ = w·z + b; do not change it
 * @param scaler - the scaler that made z from the raw features
 * @example unscaleModel({ w: [2], b: 1 }, { mean: [10], std: [4] }) // { w: [0.5], b: -4 }
 */
export function unscaleModel(model: LinearModel, scaler: Scaler): LinearModel {
  throw new Error('not implemented yet: unscaleModel in 07-feature-scaling/feature-scaling.ts');
}
