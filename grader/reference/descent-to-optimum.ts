/**
 * Gradient descent on one feature, step by step, until the line it makes on the raw x is the
 * least-squares line: how many iterations a run takes to reach the optimum, and where it was on
 * the way. The step is 08's reference (`computeGradientMulti` and `gradientDescentMulti`'s update)
 * with the same sums in the same order, so the counts are the ones the reference takes, bit for bit
 * (tests/report/plots-beyond.test.ts holds the two together), at a tenth of the time: data.csv's
 * raw run takes 2.7 million steps.
 */
import type { Line } from '../../exercises/types';

/** One feature as a table: `x[i]` is row i's feature, `y[i]` its target. */
export interface OneFeatureTable {
  readonly x: readonly number[];
  readonly y: readonly number[];
}

/** Where a run was after `iteration` steps, and how far its line was from the optimum. */
export interface DescentSample {
  readonly iteration: number;
  readonly w: number;
  readonly b: number;
  /** max(|m − m*|/|m*|, |b − b*|/|b*|) of the line the model makes on the raw x; absent when `asLine` is not given. */
  readonly distance?: number;
}

export interface DescentToOptimum {
  /** The first iteration whose line has m and b each within `tolerance` (relative) of the optimum's; absent when none up to `budget` does. */
  readonly iterations?: number;
  /** The run left every bound (a parameter not finite, or its line 10¹² times as far as the optimum is from 0) and was stopped. */
  readonly diverged: boolean;
  /** The iterations `record` asked for, the one that reached the optimum, and the last one run. */
  readonly samples: readonly DescentSample[];
}

export interface DescentToOptimumOptions {
  readonly learningRate: number;
  /** The most iterations to run. */
  readonly budget: number;
  /** The line to reach (06's `leastSquares` of the raw data). */
  readonly optimum: Line;
  /** The line on the raw x that a model (w, b) on this table's feature makes; without it, the run is recorded but never reaches anything. */
  readonly asLine?: (w: number, b: number) => Line;
  /** Relative, in m and b each: 1e−9 in 07's README. */
  readonly tolerance: number;
  /** Which iterations to keep in `samples`. */
  readonly record: (iteration: number) => boolean;
}

/** 08's reference sums pairwise over ranges of rows longer than this, as it does. */
const LEAF = 128;

/**
 * Runs descent from w = b = 0 on one feature, checking after every step (and before the first)
 * whether the line is within `tolerance` of the optimum, as 07's README counts: |m − m*| ≤ tol·|m*|
 * and |b − b*| ≤ tol·|b*|.
 */
export function descendToOptimum(table: OneFeatureTable, options: DescentToOptimumOptions): DescentToOptimum {
  const x = Float64Array.from(table.x);
  const y = Float64Array.from(table.y);
  const n = x.length;
  const { learningRate, budget, optimum, asLine, tolerance, record } = options;
  const scale = Math.abs(optimum.m) + Math.abs(optimum.b);
  const samples: DescentSample[] = [];
  const distanceOf = (line: Line) =>
    Math.max(Math.abs(line.m - optimum.m) / Math.abs(optimum.m), Math.abs(line.b - optimum.b) / Math.abs(optimum.b));
  const sample = (iteration: number, w: number, b: number, line: Line | undefined) =>
    samples.push({ iteration, w, b, ...(line ? { distance: distanceOf(line) } : {}) });
  let w = 0;
  let b = 0;
  let sums = { xr: 0, r: 0 };
  const sumsOf = (from: number, to: number): void => {
    if (to - from > LEAF) {
      const middle = (from + to) >>> 1;
      sumsOf(from, middle);
      const left = sums;
      sumsOf(middle, to);
      sums = { xr: left.xr + sums.xr, r: left.r + sums.r };
      return;
    }
    let xr = 0;
    let r = 0;
    for (let i = from; i < to; i++) {
      const residual = y[i] - (w * x[i] + b);
      xr += x[i] * residual;
      r += residual;
    }
    sums = { xr, r };
  };
  for (let k = 0; ; k++) {
    const line = asLine?.(w, b);
    if (
      line &&
      Math.abs(line.m - optimum.m) <= tolerance * Math.abs(optimum.m) &&
      Math.abs(line.b - optimum.b) <= tolerance * Math.abs(optimum.b)
    ) {
      sample(k, w, b, line);
      return { iterations: k, diverged: false, samples };
    }
    const diverged =
      !Number.isFinite(w) ||
      !Number.isFinite(b) ||
      (line !== undefined && !(Math.abs(line.m) + Math.abs(line.b) <= 1e12 * scale));
    if (diverged || k === budget) {
      sample(k, w, b, line);
      return { diverged, samples };
    }
    if (record(k)) sample(k, w, b, line);
    sumsOf(0, n);
    const dw = (-2 * sums.xr) / n;
    const db = (-2 * sums.r) / n;
    w -= learningRate * dw;
    b -= learningRate * db;
  }
}

/** Every iteration up to 30, then about 24 a decade: enough to draw a run of millions of steps on a log scale. */
export function logSpacedIteration(iteration: number): boolean {
  return iteration <= 30 || LOG_GRID.has(iteration);
}

const LOG_GRID = new Set(Array.from({ length: 24 * 6 }, (_, i) => Math.round(10 ** (1.5 + i / 24))));
