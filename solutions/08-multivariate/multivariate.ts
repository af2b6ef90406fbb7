import type { LinearModel, Matrix, ModelGradient, MultiDescentOptions, MultiDescentResult } from '../types';

/** Pairwise summation halves a range of rows until at most this many are left, then adds them in a loop (as 01 and 02 do). */
const LEAF = 128;

/** Σ x_ij·rᵢ for every feature j, and Σ rᵢ, over a range of rows. */
interface Sums {
  readonly xr: number[];
  readonly r: number;
}

/**
 * ŷᵢ = w·xᵢ + b: the products w_j·x_ij added in feature order, then b. With one feature this is
 * 01's m·x + b, bit for bit.
 */
export function predict(X: Matrix, model: LinearModel): number[] {
  return X.map((row) => predictionOf(row, model));
}

/**
 * J(w, b) = (1/N) Σ (yᵢ − ŷᵢ)², summed pairwise over the rows: the rounding error grows with log N
 * rather than N, and with one feature the order of the additions is 01's, so the bits are too.
 */
export function computeCostMulti(X: Matrix, y: readonly number[], model: LinearModel): number {
  return sumOfSquares(X, y, model, 0, X.length) / X.length;
}

/**
 * ∇J(w, b): dw_j = (−2/N) Σ x_ij·rᵢ and db = (−2/N) Σ rᵢ, with rᵢ = yᵢ − ŷᵢ, every sum pairwise
 * over the rows (02's order with one feature).
 */
export function computeGradientMulti(X: Matrix, y: readonly number[], model: LinearModel): ModelGradient {
  const sums = sumsOf(X, y, model, 0, X.length);
  return { dw: sums.xr.map((s) => (-2 * s) / X.length), db: (-2 * sums.r) / X.length };
}

/**
 * `options.iterations` simultaneous steps from `options.initial`: both the weights and b move
 * against the gradient taken at the model the step starts from. `costs[0]` is J(initial) and
 * `costs[k]` is J after k steps. With one feature this is 04's run, bit for bit.
 */
export function gradientDescentMulti(
  X: Matrix,
  y: readonly number[],
  options: MultiDescentOptions,
): MultiDescentResult {
  const { learningRate } = options;
  let model: LinearModel = { w: [...options.initial.w], b: options.initial.b };
  const costs = [computeCostMulti(X, y, model)];
  for (let k = 0; k < options.iterations; k++) {
    const { dw, db } = computeGradientMulti(X, y, model);
    model = { w: model.w.map((wj, j) => wj - learningRate * dw[j]), b: model.b - learningRate * db };
    costs.push(computeCostMulti(X, y, model));
  }
  return { model: { w: [...model.w], b: model.b }, costs };
}

function predictionOf(row: readonly number[], model: LinearModel): number {
  let sum = 0;
  for (let j = 0; j < row.length; j++) sum += model.w[j] * row[j];
  return sum + model.b;
}

function sumOfSquares(X: Matrix, y: readonly number[], model: LinearModel, from: number, to: number): number {
  if (to - from > LEAF) {
    const middle = (from + to) >>> 1;
    return sumOfSquares(X, y, model, from, middle) + sumOfSquares(X, y, model, middle, to);
  }
  let sum = 0;
  for (let i = from; i < to; i++) {
    const residual = y[i] - predictionOf(X[i], model);
    sum += residual * residual;
  }
  return sum;
}

function sumsOf(X: Matrix, y: readonly number[], model: LinearModel, from: number, to: number): Sums {
  if (to - from > LEAF) {
    const middle = (from + to) >>> 1;
    const [left, right] = [sumsOf(X, y, model, from, middle), sumsOf(X, y, model, middle, to)];
    return { xr: left.xr.map((s, j) => s + right.xr[j]), r: left.r + right.r };
  }
  const xr = new Array<number>(model.w.length).fill(0);
  let r = 0;
  for (let i = from; i < to; i++) {
    const row = X[i];
    const residual = y[i] - predictionOf(row, model);
    for (let j = 0; j < xr.length; j++) xr[j] += row[j] * residual;
    r += residual;
  }
  return { xr, r };
}
