/**
 * Tolerances for comparing student results with the reference (docs/grading-notes.md, "Tolerance").
 *
 * |s − r| ≤ max(1e−12·|r|, K·u·(N + 2)·S): u is the unit roundoff, N the number of summed terms
 * and S their mean magnitude. Any correct summation order (loops, reduce, pairwise, Kahan,
 * reversed, dividing inside the loop) stays within 2·u·N·S, so K = 64 leaves more than 30×
 * headroom; on the grader's exactly representable probes real mistakes are off by about 10¹⁰
 * times the bound.
 */
import type { Gradient, Line, Point } from '../../../exercises/types';
import type { LinearModel, Matrix, ModelGradient } from '../../../exercises/types';
import type { Scaler } from '../../../exercises/types';
import { memoByIdentity, memoByIdentity2 } from '../memo';

export const UNIT_ROUNDOFF = 2 ** -53;
export const HEADROOM = 64;
export const RELATIVE_FLOOR = 1e-12;

export function summedTolerance(reference: number, terms: number, meanMagnitude: number): number {
  return Math.max(RELATIVE_FLOOR * Math.abs(reference), HEADROOM * UNIT_ROUNDOFF * (terms + 2) * meanMagnitude);
}

/**
 * The mean magnitudes S of the summed terms at a line: (|m·x| + |b| + |y|)² for the cost,
 * 2·|x|·(|m·x| + |b| + |y|) for dm and 2·(|m·x| + |b| + |y|) for db. They depend only on the input,
 * so they are worked out once per input and line.
 */
const termScales = memoByIdentity2((points: readonly Point[], line: Line) => {
  let cost = 0;
  let dm = 0;
  let db = 0;
  for (const { x, y } of points) {
    const bound = Math.abs(line.m * x) + Math.abs(line.b) + Math.abs(y);
    cost += bound * bound;
    dm += 2 * Math.abs(x) * bound;
    db += 2 * bound;
  }
  const n = points.length;
  return { cost: cost / n, dm: dm / n, db: db / n };
});

/** S for the cost: the mean of (|m·x| + |b| + |y|)², a bound on each squared residual. */
export function costTolerance(points: readonly Point[], line: Line, reference: number): number {
  return summedTolerance(reference, points.length, termScales(points, line).cost);
}

/** S for dm: the mean of 2·|x|·(|m·x| + |b| + |y|); for db: the mean of 2·(|m·x| + |b| + |y|). */
export function gradientTolerance(
  points: readonly Point[],
  line: Line,
  reference: Gradient,
): { dm: number; db: number } {
  const scales = termScales(points, line);
  return {
    dm: summedTolerance(reference.dm, points.length, scales.dm),
    db: summedTolerance(reference.db, points.length, scales.db),
  };
}

/** One step m − η·dm: the gradient's bound scaled by η, plus the rounding of the subtraction itself. */
export function stepTolerance(
  points: readonly Point[],
  line: Line,
  learningRate: number,
  gradient: Gradient,
): { m: number; b: number } {
  const g = gradientTolerance(points, line, gradient);
  const rounding = (value: number, change: number) => HEADROOM * UNIT_ROUNDOFF * (Math.abs(value) + Math.abs(change));
  return {
    m: Math.abs(learningRate) * g.dm + rounding(line.m, learningRate * gradient.dm),
    b: Math.abs(learningRate) * g.db + rounding(line.b, learningRate * gradient.db),
  };
}

/** A bound for numbers built from a few products of the inputs, like the valley: K·u times the sum of the magnitudes of the terms. */
export function termsTolerance(...terms: number[]): number {
  return HEADROOM * UNIT_ROUNDOFF * terms.reduce((s, t) => s + Math.abs(t), 0);
}

/** Closed forms (06) are compared relatively, with a floor so that an exact 0 does not demand an exact 0: 1e−9·(|r| + floor). */
export const CLOSED_FORM_RELATIVE = 1e-9;

export function closedFormTolerance(reference: number, floor: number): number {
  return CLOSED_FORM_RELATIVE * (Math.abs(reference) + floor);
}

export interface Comparison {
  readonly ok: boolean;
  readonly observedError: number;
  readonly tolerance: number;
}

/** NaN and ±∞ never match, whatever the tolerance. */
export function compareNumbers(actual: number, expected: number, tolerance: number): Comparison {
  const observedError = Math.abs(actual - expected);
  const ok = Number.isFinite(actual) && Number.isFinite(expected) && observedError <= tolerance;
  return { ok, observedError: Number.isFinite(observedError) ? observedError : Infinity, tolerance };
}

/**
 * 08-multivariate: the magnitudes behind every number of the exercise at one model. Row i's
 * prediction adds d + 1 terms of total magnitude Pᵢ = Σ_j |w_j·x_ij| + |b|, and Bᵢ = Pᵢ + |yᵢ| bounds
 * its residual and every partial sum of it; the cost sums Bᵢ², dw_j sums 2·|x_ij|·Bᵢ and db sums
 * 2·Bᵢ. Worked out once per input and model.
 */
const multiScales = memoByIdentity2((X: Matrix, y: readonly number[]) =>
  memoByIdentity((model: LinearModel) => {
    const d = model.w.length;
    let cost = 0;
    const dw = new Array<number>(d).fill(0);
    let db = 0;
    X.forEach((row, i) => {
      let p = Math.abs(model.b);
      for (let j = 0; j < d; j++) p += Math.abs(model.w[j] * row[j]);
      const bound = p + Math.abs(y[i]);
      cost += bound * bound;
      for (let j = 0; j < d; j++) dw[j] += 2 * Math.abs(row[j]) * bound;
      db += 2 * bound;
    });
    const n = X.length;
    return { cost: cost / n, dw: dw.map((s) => s / n), db: db / n, terms: n + d };
  }),
);

/**
 * 08-multivariate's predictions: each a sum of d + 1 terms (the products w_j·x_ij and b), so S is
 * Pᵢ / (d + 1) and the bound is about 64·u·Pᵢ, whatever order the terms are added in.
 */
export function multiPredictionTolerance(X: Matrix, model: LinearModel, reference: readonly number[]): number[] {
  const d = model.w.length;
  return X.map((row, i) => {
    let p = Math.abs(model.b);
    for (let j = 0; j < d; j++) p += Math.abs(model.w[j] * row[j]);
    return summedTolerance(reference[i], d + 1, p / (d + 1));
  });
}

/**
 * 08-multivariate's cost: N squared residuals, each of which is itself a sum of d + 2 terms, so the
 * count is N + d (the rounding inside one residual adds to it) and S the mean of Bᵢ².
 */
export function multiCostTolerance(X: Matrix, y: readonly number[], model: LinearModel, reference: number): number {
  const scales = multiScales(X, y)(model);
  return summedTolerance(reference, scales.terms, scales.cost);
}

/** 08-multivariate's gradient: dw_j over the terms 2·|x_ij|·Bᵢ, db over 2·Bᵢ, with N + d terms as for the cost. */
export function multiGradientTolerance(
  X: Matrix,
  y: readonly number[],
  model: LinearModel,
  reference: ModelGradient,
): { dw: number[]; db: number } {
  const scales = multiScales(X, y)(model);
  return {
    dw: scales.dw.map((s, j) => summedTolerance(reference.dw[j], scales.terms, s)),
    db: summedTolerance(reference.db, scales.terms, scales.db),
  };
}

/** One step of 08-multivariate's descent, w_j − η·dw_j and b − η·db: the gradient's bound scaled by η, plus the subtraction's rounding. */
export function multiStepTolerance(
  X: Matrix,
  y: readonly number[],
  model: LinearModel,
  learningRate: number,
  gradient: ModelGradient,
): { w: number[]; b: number } {
  const g = multiGradientTolerance(X, y, model, gradient);
  const rounding = (value: number, change: number) => HEADROOM * UNIT_ROUNDOFF * (Math.abs(value) + Math.abs(change));
  return {
    w: model.w.map((wj, j) => Math.abs(learningRate) * g.dw[j] + rounding(wj, learningRate * gradient.dw[j])),
    b: Math.abs(learningRate) * g.db + rounding(model.b, learningRate * gradient.db),
  };
}

/**
 * 07-feature-scaling's scaler, column by column. A mean is a sum of N values over N: S is the
 * column's mean magnitude, as for any sum. A deviation is held to the same absolute bound,
 * K·u·(N + 2)·mean|x_j|: each value is known only to its own rounding, u·|x|, and moving every
 * value by that much moves the deviation by up to about u·mean|x|, so no method can promise
 * better on every input. Every stable method stays inside it (two passes in any order, with or
 * without the correction of the mean, Welford's update, sums shifted by a value of the column:
 * measured at 10⁻³ of the bound or less), while the one-pass E[x²] − E[x]² loses about
 * u·mean(x)²/std: thousands of times the bound for a column centred at 10⁶ with a spread of 1, tens
 * of thousands at 10⁷ to 10⁸ (tests/diagnosis/feature-scaling-styles.test.ts measures both). A
 * constant column's std is exactly 1, and a bound of u·mean|x|·N there still rejects 0.
 */
export function scalerTolerance(X: Matrix, expected: Scaler): { mean: number[]; std: number[] } {
  const n = X.length;
  const magnitudes = expected.mean.map((_, j) => X.reduce((s, row) => s + Math.abs(row[j]), 0) / n);
  return {
    mean: expected.mean.map((m, j) => summedTolerance(m, n, magnitudes[j])),
    std: expected.std.map((s, j) => summedTolerance(s, n, magnitudes[j])),
  };
}

/**
 * 07-feature-scaling's scaled value (x − mean)/std: a subtraction and a division, each rounded
 * once, or x/std − mean/std written out, whose rounding is u·(|x| + |mean|)/std: K·u times that.
 */
export function scaledTolerance(x: number, mean: number, std: number, expected: number): number {
  return Math.max(
    RELATIVE_FLOOR * Math.abs(expected),
    (HEADROOM * UNIT_ROUNDOFF * (Math.abs(x) + Math.abs(mean))) / std,
  );
}

/**
 * 07-feature-scaling's unscaled model: each weight w_j/std_j is one division, held to the relative floor; the
 * intercept b − Σ w_j·mean_j/std_j adds d + 1 terms, each a product and a quotient, in any
 * order: K·u·(d + 2) times their total magnitude.
 */
export function unscaledTolerance(
  model: LinearModel,
  scaler: Scaler,
  expected: LinearModel,
): { w: number[]; b: number } {
  const d = model.w.length;
  let magnitude = Math.abs(model.b);
  for (let j = 0; j < d; j++) magnitude += Math.abs((model.w[j] * scaler.mean[j]) / scaler.std[j]);
  return {
    w: expected.w.map((wj) => RELATIVE_FLOOR * Math.abs(wj)),
    b: summedTolerance(expected.b, d + 1, magnitude / (d + 1)),
  };
}

/**
 * What 09-normal-equation's tolerance needs to know about a data set (X, y), worked out from the
 * data alone (grader/shipped/exercises/09-normal-equation/conditioning.ts).
 */
export interface LeastSquaresScale {
  readonly n: number;
  readonly d: number;
  /** x̄_j. */
  readonly means: readonly number[];
  /** s_j = ‖x_j − x̄_j‖₂. */
  readonly spreads: readonly number[];
  /** κ₂ of the centred X with its columns scaled to length 1. */
  readonly kappa: number;
  /** The largest eigenvalue of the centred, column-scaled X's Gram matrix (its correlation matrix). */
  readonly lambdaMax: number;
  /** max |x_ij| / (s_j/√N), at least 1: how many of their own deviations the columns sit from 0. */
  readonly offset: number;
  /** ‖y − ȳ‖₂, and ‖y‖₂. */
  readonly centredTargetLength: number;
  readonly targetLength: number;
  /** mean |x_ij| per column, and mean |yᵢ|. */
  readonly meanMagnitudes: readonly number[];
  readonly meanMagnitudeY: number;
}

/**
 * 09-normal-equation's tolerance (docs/grading-notes.md, "09: the conditioning of the centred X").
 * In the scaled weights z_j = s_j·w_j (the weights of the centred X with unit columns),
 *
 *     |Δz_j| ≤ τ = K·u·(N + d + 2)·κ·((κ + o)·(‖z‖₂ + ‖y − ȳ‖₂) + ‖y‖₂)
 *
 * with κ the condition number of the centred, column-scaled X and o how far the columns sit from
 * 0 in their own deviations. κ² is the error of the normal equations solved on the centred data
 * (Cholesky, LU, Gauss–Jordan: the Gram matrix has condition κ²), which also bounds a QR's
 * κ + κ²·‖r‖/‖z‖; κ·o is what a backward-stable solver of the data as given ([X 1] by QR) adds,
 * since rounding each x_ij moves the centred column by u·o of its deviation, and κ·‖y‖ what the
 * rounding of y itself moves it by (the only scale left when y is constant). The normal
 * equations of the uncentred [X 1] have condition about κ²·o², and fail once o passes about
 * 64·(N + d + 2), thousands of deviations. b = ȳ − w·x̄ inherits Σ |x̄_j|·|Δw_j| and the
 * rounding of the means.
 */
export function normalEquationTolerance(scale: LeastSquaresScale, expected: LinearModel): NormalEquationTolerance {
  const { n, d, kappa, offset, spreads, means } = scale;
  const size = Math.hypot(...expected.w.map((wj, j) => wj * spreads[j])) + scale.centredTargetLength;
  const scaled = HEADROOM * UNIT_ROUNDOFF * (n + d + 2) * kappa * ((kappa + offset) * size + scale.targetLength);
  const w = spreads.map((s, j) => Math.max(scaled / s, RELATIVE_FLOOR * Math.abs(expected.w[j])));
  let magnitude = scale.meanMagnitudeY;
  let inherited = 0;
  for (let j = 0; j < d; j++) {
    magnitude += Math.abs(expected.w[j]) * scale.meanMagnitudes[j];
    inherited += Math.abs(means[j]) * w[j];
  }
  return { w, b: inherited + summedTolerance(expected.b, n, magnitude), scaled };
}

/** Each weight's and the intercept's bound, and τ itself, the bound on every scaled weight s_j·w_j. */
export interface NormalEquationTolerance {
  readonly w: readonly number[];
  readonly b: number;
  readonly scaled: number;
}

/**
 * How flat J must be at an answer that `normalEquationTolerance` accepts. At w* + Δw, b* + Δb,
 * db = 2·(Δw·x̄ + Δb), and hⱼ = (N/2)·(dw_j − x̄_j·db)/s_j is the j-th entry of (AᵀA)·Δz, A the
 * centred X with unit columns, so ‖h‖₂ ≤ λmax·√d·τ. Both bounds come from the answer's own
 * weights, so no reference is needed.
 */
export function normalEquationGradientTolerance(
  scale: LeastSquaresScale,
  model: LinearModel,
): { db: number; scaledNormal: number; tolerance: NormalEquationTolerance } {
  const tolerance = normalEquationTolerance(scale, model);
  const drift = scale.means.reduce((s, mean, j) => s + Math.abs(mean) * tolerance.w[j], 0);
  return {
    db: 2 * (tolerance.b + drift),
    scaledNormal: scale.lambdaMax * Math.sqrt(scale.d) * tolerance.scaled,
    tolerance,
  };
}
