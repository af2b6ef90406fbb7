import type { Line, Point } from '../types';

/** Pairwise summation halves a range until at most this many terms are left, then adds them in a loop. */
const LEAF = 128;

/**
 * Mean squared error J(m, b) = (1/N) Σ (yᵢ − (m·xᵢ + b))².
 * Sums pairwise, as numpy does: the rounding error grows with log N rather than N, and the order
 * of the additions is fixed, so `costOfColumns` on the same points returns the same bits.
 */
export function computeCost(points: readonly Point[], line: Line): number {
  return sumOfSquares(points, line.m, line.b, 0, points.length) / points.length;
}

/**
 * `computeCost` of points held as two columns, point i being (x[i], y[i]): how the train command
 * holds its data, 16 bytes a point where V8 takes about 80 for a `{ x, y }` object.
 */
export function costOfColumns(x: Float64Array, y: Float64Array, line: Line): number {
  return sumOfSquaresOfColumns(x, y, line.m, line.b, 0, x.length) / x.length;
}

function sumOfSquares(points: readonly Point[], m: number, b: number, from: number, to: number): number {
  if (to - from > LEAF) {
    const middle = (from + to) >>> 1;
    return sumOfSquares(points, m, b, from, middle) + sumOfSquares(points, m, b, middle, to);
  }
  let sum = 0;
  for (let i = from; i < to; i++) {
    const { x, y } = points[i];
    const residual = y - (m * x + b);
    sum += residual * residual;
  }
  return sum;
}

function sumOfSquaresOfColumns(
  x: Float64Array,
  y: Float64Array,
  m: number,
  b: number,
  from: number,
  to: number,
): number {
  if (to - from > LEAF) {
    const middle = (from + to) >>> 1;
    return sumOfSquaresOfColumns(x, y, m, b, from, middle) + sumOfSquaresOfColumns(x, y, m, b, middle, to);
  }
  let sum = 0;
  for (let i = from; i < to; i++) {
    const residual = y[i] - (m * x[i] + b);
    sum += residual * residual;
  }
  return sum;
}
