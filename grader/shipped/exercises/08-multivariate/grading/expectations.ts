/**
 * What the reference expects of 08-multivariate for an input, with its tolerance: worked out once
 * per input (inputs are shared by every submission of a run).
 */
import type { LinearModel, Matrix, ModelGradient } from '../../../../../exercises/types';
import { computeCostMulti, computeGradientMulti, predict } from '../../../../../solutions/08-multivariate/multivariate';
import { memoByIdentity2 } from '../../../memo';
import {
  multiCostTolerance,
  multiGradientTolerance,
  multiPredictionTolerance,
  multiStepTolerance,
  termsTolerance,
} from '../../../checks/tolerance';
import type { Expected } from '../../../checks/verdicts';
import type { ExpectedMultiDescent } from '../public-checks';

/** A pure function of a table (X, y), a model and numbers, remembered by the identity of each object. */
function perTable<P extends number[], R>(
  compute: (X: Matrix, y: readonly number[], model: LinearModel, ...rest: P) => R,
): (X: Matrix, y: readonly number[], model: LinearModel, ...rest: P) => R {
  const tables = memoByIdentity2((X: Matrix, y: readonly number[]) =>
    memoByIdentity2((model: LinearModel, _w: readonly number[], ...rest: P) => compute(X, y, model, ...rest)),
  );
  return (X, y, model, ...rest) => tables(X, y)(model, model.w, ...rest);
}

export const predictExpectation = memoByIdentity2((X: Matrix, model: LinearModel): Expected<number[]> => {
  const expected = predict(X, model);
  return { expected, tolerance: multiPredictionTolerance(X, model, expected) };
});

export const multiCostExpectation = perTable((X, y, model): Expected<number> => {
  const expected = computeCostMulti(X, y, model);
  return { expected, tolerance: multiCostTolerance(X, y, model, expected) };
});

export const multiGradientExpectation = perTable((X, y, model): Expected<ModelGradient> => {
  const g = computeGradientMulti(X, y, model);
  const expected = { dw: [...g.dw], db: g.db };
  return { expected, tolerance: multiGradientTolerance(X, y, model, expected) };
});

/**
 * The step of the central differences: J is a quadratic in (w, b), so its third derivatives vanish
 * and (J(θ + h·e) − J(θ − h·e)) / 2h is ∂J/∂θ exactly for every h. There is no truncation error to
 * balance against rounding, so h is as large as is convenient: 1 keeps θ ± h exact on the checks'
 * grid of multiples of 1/8, makes 2h a power of two (the division is exact), and divides the two
 * costs' rounding by 2 where a small h (10⁻⁶, say) would multiply it by 500 000.
 */
export const FINITE_DIFFERENCE_STEP = 1;

/**
 * The slope of the reference cost along each parameter by central differences, held to the
 * gradient's own tolerance plus the rounding of the two costs divided by 2h (each cost within its
 * tolerance, taken at the point further from 0).
 */
export const finiteDifferenceExpectation = perTable((X, y, model): Expected<ModelGradient> => {
  const h = FINITE_DIFFERENCE_STEP;
  const J = (m: LinearModel) => computeCostMulti(X, y, m);
  const moved = (j: number, by: number): LinearModel =>
    j < 0 ? { w: model.w, b: model.b + by } : { w: model.w.map((v, k) => (k === j ? v + by : v)), b: model.b };
  const parameter = (j: number) => (j < 0 ? model.b : model.w[j]);
  const slope = (j: number) => (J(moved(j, h)) - J(moved(j, -h))) / (2 * h);
  const rounding = (j: number) => {
    const far = moved(j, Math.sign(parameter(j) || 1) * h);
    return multiCostTolerance(X, y, far, J(far)) / h;
  };
  const expected = { dw: model.w.map((_, j) => slope(j)), db: slope(-1) };
  const own = multiGradientTolerance(X, y, model, expected);
  return {
    expected,
    tolerance: { dw: own.dw.map((t, j) => t + rounding(j)), db: own.db + rounding(-1) },
  };
});

/**
 * A whole descent, as the reference runs it. The bound after k steps is k times the largest
 * one-step bound along the reference path: below the stability limit a step does not amplify
 * earlier rounding (I − η·H has no eigenvalue outside [−1, 1]), so errors at most add up. Each
 * cost's bound adds what the model's own bound can move it: |∂J/∂θ| times θ's bound.
 */
export const multiDescentExpectation = perTable(
  (X, y, initial, learningRate: number, iterations: number): ExpectedMultiDescent => {
    const costs: number[] = [];
    const costBounds: number[] = [];
    let model: LinearModel = { w: [...initial.w], b: initial.b };
    let worstStep = { w: initial.w.map(() => 0), b: 0 };
    for (let k = 0; ; k++) {
      const gradient = computeGradientMulti(X, y, model);
      const modelTolerance = { w: worstStep.w.map((t) => k * t), b: k * worstStep.b };
      const cost = computeCostMulti(X, y, model);
      costs.push(cost);
      costBounds.push(
        multiCostTolerance(X, y, model, cost) +
          gradient.dw.reduce((s, g, j) => s + Math.abs(g) * modelTolerance.w[j], 0) +
          Math.abs(gradient.db) * modelTolerance.b,
      );
      if (k === iterations)
        return {
          costs,
          costBounds,
          model,
          modelTolerance:
            k > 0 ? modelTolerance : { w: model.w.map((v) => termsTolerance(v)), b: termsTolerance(model.b) },
        };
      const step = multiStepTolerance(X, y, model, learningRate, gradient);
      worstStep = { w: worstStep.w.map((t, j) => Math.max(t, step.w[j])), b: Math.max(worstStep.b, step.b) };
      model = {
        w: model.w.map((v, j) => v - learningRate * gradient.dw[j]),
        b: model.b - learningRate * gradient.db,
      };
    }
  },
);

/**
 * The largest learning rate at which descent on J converges from every start, 2 / λmax of J's
 * Hessian H = (2/N)·AᵀA with A = [X | 1] (the column of ones is b's), its eigenvalues found by
 * cyclic Jacobi rotations (H is symmetric and at most 6 × 6 here).
 */
export const multiStableLearningRate = (X: Matrix): number => {
  const d = X[0].length;
  const row = (i: number) => [...X[i], 1];
  const H = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
  for (let i = 0; i < X.length; i++) {
    const a = row(i);
    for (let p = 0; p <= d; p++) for (let q = 0; q <= d; q++) H[p][q] += (2 * a[p] * a[q]) / X.length;
  }
  return 2 / Math.max(...symmetricEigenvalues(H));
};

function symmetricEigenvalues(matrix: number[][]): number[] {
  const A = matrix.map((r) => [...r]);
  const n = A.length;
  const offDiagonal = () => A.reduce((s, r, p) => s + r.reduce((t, v, q) => t + (p === q ? 0 : v * v), 0), 0);
  const scale = A.reduce((s, r) => s + r.reduce((t, v) => t + v * v, 0), 0);
  for (let sweep = 0; sweep < 100 && offDiagonal() > 1e-30 * scale; sweep++) {
    for (let p = 0; p < n - 1; p++)
      for (let q = p + 1; q < n; q++) {
        if (A[p][q] === 0) continue;
        const theta = (A[q][q] - A[p][p]) / (2 * A[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const [akp, akq] = [A[k][p], A[k][q]];
          A[k][p] = c * akp - s * akq;
          A[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const [apk, aqk] = [A[p][k], A[q][k]];
          A[p][k] = c * apk - s * aqk;
          A[q][k] = s * apk + c * aqk;
        }
      }
  }
  return A.map((r, p) => r[p]);
}
