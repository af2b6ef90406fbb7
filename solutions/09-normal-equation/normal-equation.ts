import type { LinearModel, Matrix } from '../types';

/**
 * The exact minimiser of J(w, b) = (1/N) Σ (yᵢ − w·xᵢ − b)², solved on the centred data.
 *
 * Setting ∂J/∂b = 0 gives b = ȳ − w·x̄: the best plane passes through the point of means. What is
 * left for w is least squares on the centred data, min ‖X_c·w − y_c‖, whose normal equations are
 * X_cᵀX_c·w = X_cᵀy_c. They are solved here without forming X_cᵀX_c: a Householder QR of X_c gives
 * X_c = Q·R, and w solves R·w = (Qᵀy_c)[0 … d−1]. The error is then about u·κ(X_c), where the
 * normal equations would give u·κ(X_c)²; and centring first keeps the columns' offsets (a feature
 * around 1000 that varies by 0.01) out of the problem, where the uncentred [X 1] would add them to κ.
 */
export function normalEquation(X: Matrix, y: readonly number[]): LinearModel {
  const n = X.length;
  const d = X[0].length;
  const means = Array.from({ length: d }, (_, j) => meanOf(n, (i) => X[i][j]));
  const meanY = meanOf(n, (i) => y[i]);
  const columns = means.map((mean, j) => Float64Array.from({ length: n }, (_, i) => X[i][j] - mean));
  const rhs = Float64Array.from({ length: n }, (_, i) => y[i] - meanY);
  const diagonal = householderQr(columns, rhs);
  const w = backSubstitute(columns, diagonal, rhs);
  let intercept = meanY;
  let compensation = 0;
  for (let j = 0; j < d; j++) {
    const term = -w[j] * means[j];
    const sum = intercept + term;
    compensation += Math.abs(intercept) >= Math.abs(term) ? intercept - sum + term : term - sum + intercept;
    intercept = sum;
  }
  return { w, b: intercept + compensation };
}

/** The mean of n values, summed with Neumaier's compensation, so that the rounding does not grow with n. */
function meanOf(n: number, value: (i: number) => number): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < n; i++) {
    const v = value(i);
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return (sum + compensation) / n;
}

/**
 * Householder QR in place: afterwards `columns[j][0 … j−1]` holds column j of R above the
 * diagonal, the returned array holds R's diagonal, and `rhs` holds Qᵀ·rhs. Each reflection
 * H = I − 2vvᵀ/vᵀv zeroes column k below row k and is applied to the later columns and to rhs.
 */
function householderQr(columns: Float64Array[], rhs: Float64Array): Float64Array {
  const d = columns.length;
  const n = rhs.length;
  const diagonal = new Float64Array(d);
  for (let k = 0; k < d; k++) {
    const a = columns[k];
    const norm = normFrom(a, k);
    const alpha = a[k] > 0 ? -norm : norm;
    diagonal[k] = alpha;
    if (norm === 0) continue;
    a[k] -= alpha; // v = a[k …] − alpha·e_k, kept in a[k …]
    const vv = -2 * alpha * a[k]; // vᵀv = 2·norm² − 2·alpha·a_k = −2·alpha·v_k
    const reflect = (c: Float64Array) => {
      let dot = 0;
      for (let i = k; i < n; i++) dot += a[i] * c[i];
      const f = (2 * dot) / vv;
      for (let i = k; i < n; i++) c[i] -= f * a[i];
    };
    for (let j = k + 1; j < d; j++) reflect(columns[j]);
    reflect(rhs);
  }
  return diagonal;
}

/** ‖a[from …]‖₂, scaled by the largest entry so that no square overflows or underflows. */
function normFrom(a: Float64Array, from: number): number {
  let largest = 0;
  for (let i = from; i < a.length; i++) largest = Math.max(largest, Math.abs(a[i]));
  if (largest === 0) return 0;
  let sum = 0;
  for (let i = from; i < a.length; i++) sum += (a[i] / largest) ** 2;
  return largest * Math.sqrt(sum);
}

/** Solves R·w = rhs[0 … d−1] from the bottom row up; R's entries above the diagonal are columns[j][i], i < j. */
function backSubstitute(columns: Float64Array[], diagonal: Float64Array, rhs: Float64Array): number[] {
  const d = columns.length;
  const w = new Array<number>(d).fill(0);
  for (let i = d - 1; i >= 0; i--) {
    let s = rhs[i];
    for (let j = i + 1; j < d; j++) s -= columns[j][i] * w[j];
    w[i] = s / diagonal[i];
  }
  return w;
}
