/**
 * What 09-normal-equation's tolerance is made of, worked out from the data alone (no reference):
 * the conditioning of the centred X, how far its columns sit from 0, and J's gradient at a
 * student's model computed in double-double arithmetic (docs/grading-notes.md, "09: the
 * conditioning of the centred X").
 */
import type { LinearModel, Matrix } from '../../../../exercises/types';
import { memoByIdentity2 } from '../../memo';
import type { LeastSquaresScale } from '../../checks/tolerance';

/** The scale of one data set (X, y), as 09's tolerance needs it, and ȳ. */
export interface CentredScale extends LeastSquaresScale {
  readonly meanY: number;
}

/** The scale of (X, y), worked out once per data set: inputs are shared by every submission of a run. */
export const centredScale = memoByIdentity2((X: Matrix, y: readonly number[]): CentredScale => {
  const n = X.length;
  const d = X[0].length;
  const column = (j: number) => X.map((row) => row[j]);
  const means = Array.from({ length: d }, (_, j) => compensatedSum(column(j)) / n);
  const meanY = compensatedSum(y) / n;
  const centred = means.map((mean, j) => X.map((row) => row[j] - mean));
  const gram = centred.map((a) => centred.map((b) => a.reduce((s, v, i) => s + v * b[i], 0)));
  const spreads = gram.map((row, j) => Math.sqrt(row[j]));
  const correlation = gram.map((row, j) => row.map((v, k) => v / (spreads[j] * spreads[k])));
  const eigenvalues = symmetricEigenvalues(correlation);
  const [lambdaMin, lambdaMax] = [Math.min(...eigenvalues), Math.max(...eigenvalues)];
  const kappa = lambdaMin > 0 ? Math.sqrt(lambdaMax / lambdaMin) : Infinity;
  let offset = 1;
  for (let j = 0; j < d; j++) {
    const deviation = spreads[j] / Math.sqrt(n);
    for (const row of X) offset = Math.max(offset, Math.abs(row[j]) / deviation);
  }
  const magnitude = (values: readonly number[]) => values.reduce((s, v) => s + Math.abs(v), 0) / n;
  return {
    n,
    d,
    means,
    meanY,
    spreads,
    kappa,
    lambdaMax,
    offset,
    centredTargetLength: Math.sqrt(y.reduce((s, v) => s + (v - meanY) ** 2, 0)),
    targetLength: Math.sqrt(y.reduce((s, v) => s + v * v, 0)),
    meanMagnitudes: means.map((_, j) => magnitude(column(j))),
    meanMagnitudeY: magnitude(y),
  };
});

/**
 * The eigenvalues of a small symmetric matrix by cyclic Jacobi rotations: each rotation zeroes one
 * off-diagonal pair, and a few sweeps leave the diagonal equal to the eigenvalues to about u
 * times the largest. Accurate enough for κ up to about 10⁷ on a correlation matrix.
 */
export function symmetricEigenvalues(matrix: readonly (readonly number[])[]): number[] {
  const a = matrix.map((row) => [...row]);
  const size = a.length;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < size; p++) for (let q = p + 1; q < size; q++) off += a[p][q] * a[p][q];
    if (off === 0) break;
    for (let p = 0; p < size; p++)
      for (let q = p + 1; q < size; q++) {
        if (a[p][q] === 0) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.hypot(theta, 1));
        const c = 1 / Math.hypot(t, 1);
        const s = t * c;
        for (let k = 0; k < size; k++) {
          const [kp, kq] = [a[k][p], a[k][q]];
          a[k][p] = c * kp - s * kq;
          a[k][q] = s * kp + c * kq;
        }
        for (let k = 0; k < size; k++) {
          const [pk, qk] = [a[p][k], a[q][k]];
          a[p][k] = c * pk - s * qk;
          a[q][k] = s * pk + c * qk;
        }
      }
  }
  return a.map((row, i) => row[i]);
}

/** Σ values with Neumaier's compensation: within about u of the exact sum plus u² of the terms. */
export function compensatedSum(values: readonly number[]): number {
  let sum = 0;
  let compensation = 0;
  for (const v of values) {
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + compensation;
}

/** A number held as an unevaluated sum hi + lo (double-double): about 106 bits. */
interface Wide {
  hi: number;
  lo: number;
}

/** Knuth's TwoSum: a + b = s + e exactly. */
function twoSum(a: number, b: number): Wide {
  const s = a + b;
  const v = s - a;
  return { hi: s, lo: a - (s - v) + (b - v) };
}

const SPLITTER = 2 ** 27 + 1;

/** Dekker's TwoProduct (Veltkamp's split): a·b = p + e exactly, barring overflow. */
function twoProduct(a: number, b: number): Wide {
  const p = a * b;
  const split = (x: number) => {
    const c = SPLITTER * x;
    const hi = c - (c - x);
    return [hi, x - hi];
  };
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return { hi: p, lo: al * bl - (p - ah * bh - al * bh - ah * bl) };
}

/** Adds a·b to a double-double accumulator. */
function addProduct(acc: Wide, a: number, b: number): void {
  const product = twoProduct(a, b);
  const sum = twoSum(acc.hi, product.hi);
  acc.lo += sum.lo + product.lo;
  acc.hi = sum.hi;
}

/**
 * J's gradient at `model`, dw_j = (−2/N) Σ x_ij·rᵢ and db = (−2/N) Σ rᵢ with rᵢ = yᵢ − w·xᵢ − b,
 * every residual and every sum in double-double: the gradient at the model's own binary64
 * numbers to about u of its size, however much the residuals cancel (data far from 0, a model
 * near the optimum), so that a small gradient is the model's and not the check's rounding.
 */
export function exactGradient(X: Matrix, y: readonly number[], model: LinearModel): { dw: number[]; db: number } {
  const n = X.length;
  const d = model.w.length;
  const dw = Array.from({ length: d }, (): Wide => ({ hi: 0, lo: 0 }));
  const db: Wide = { hi: 0, lo: 0 };
  X.forEach((row, i) => {
    const residual: Wide = { hi: y[i], lo: 0 };
    addProduct(residual, -1, model.b);
    for (let j = 0; j < d; j++) addProduct(residual, -model.w[j], row[j]);
    const r = twoSum(residual.hi, residual.lo);
    addProduct(db, 1, r.hi);
    addProduct(db, 1, r.lo);
    for (let j = 0; j < d; j++) {
      addProduct(dw[j], row[j], r.hi);
      addProduct(dw[j], row[j], r.lo);
    }
  });
  const value = (w: Wide) => (-2 * (w.hi + w.lo)) / n;
  return { dw: dw.map(value), db: value(db) };
}
