import type { LinearModel, Matrix, Scaler } from '../types';

/** Pairwise summation halves a range until at most this many terms are left, then adds them in a loop. */
const LEAF = 128;

/** Σ term(i) for i in [from, to), pairwise: the rounding error grows with log N rather than N. */
function pairwiseSum(term: (i: number) => number, from: number, to: number): number {
  if (to - from > LEAF) {
    const middle = (from + to) >>> 1;
    return pairwiseSum(term, from, middle) + pairwiseSum(term, middle, to);
  }
  let sum = 0;
  for (let i = from; i < to; i++) sum += term(i);
  return sum;
}

/**
 * One column's mean and population standard deviation, in two passes: the mean first, then the
 * squared deviations from it. The second pass also sums the deviations themselves, which would be
 * 0 with an exact mean: that sum corrects both the mean and the variance for the mean's rounding
 * (the corrected two-pass algorithm of Chan, Golub and LeVeque). Nothing large is subtracted from
 * anything large, so a column centred at 10⁸ with a spread of 1 keeps its digits; the one-pass
 * E[x²] − E[x]² would lose all of them. A constant column gets std 1 (and its value as its mean).
 */
function columnStatistics(X: Matrix, j: number): { mean: number; std: number } {
  const n = X.length;
  const first = X[0][j];
  if (X.every((row) => row[j] === first)) return { mean: first, std: 1 };
  const roughMean = pairwiseSum((i) => X[i][j], 0, n) / n;
  const deviationSum = pairwiseSum((i) => X[i][j] - roughMean, 0, n);
  const squaresSum = pairwiseSum((i) => (X[i][j] - roughMean) ** 2, 0, n);
  const variance = Math.max(0, (squaresSum - (deviationSum * deviationSum) / n) / n);
  const std = Math.sqrt(variance);
  return { mean: roughMean + deviationSum / n, std: std > 0 ? std : 1 };
}

/** Per column, the mean and the population standard deviation (1/N); a column whose deviation is 0 gets std 1. */
export function fitScaler(X: Matrix): Scaler {
  const columns = X[0].map((_, j) => columnStatistics(X, j));
  return { mean: columns.map((c) => c.mean), std: columns.map((c) => c.std) };
}

/** (X[i][j] − mean[j]) / std[j], in new rows. */
export function scaleFeatures(X: Matrix, scaler: Scaler): number[][] {
  return X.map((row) => row.map((x, j) => (x - scaler.mean[j]) / scaler.std[j]));
}

/**
 * The model that predicts on raw features what `model` predicts on scaled ones:
 * w·(x − mean)/std + b = Σ (w_j/std_j)·x_j + (b − Σ w_j·mean_j/std_j).
 * The intercept's sum is compensated (Neumaier), so its terms may be of any sizes and signs.
 */
export function unscaleModel(model: LinearModel, scaler: Scaler): LinearModel {
  const w = model.w.map((wj, j) => wj / scaler.std[j]);
  let b = model.b;
  let lost = 0;
  model.w.forEach((wj, j) => {
    const term = -((wj * scaler.mean[j]) / scaler.std[j]);
    const sum = b + term;
    lost += Math.abs(b) >= Math.abs(term) ? b - sum + term : term - sum + b;
    b = sum;
  });
  return { w, b: b + lost };
}
