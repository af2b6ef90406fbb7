import type { LinearModel } from '../../../../../exercises/types';
import { probe, type Probe } from '../../../../probes/probe';
import { compareNumbers, normalEquationTolerance, type Comparison } from '../../../checks/tolerance';
import { centredScale } from '../conditioning';
import type { DataInput } from '../public-checks';
import { README_TABLE } from './checks';

const DIFFERENT: Comparison = { ok: false, observedError: Infinity, tolerance: 0 };

/** The worst of several comparisons: the first that fails, else the one closest to its bound. */
function worst(comparisons: readonly Comparison[]): Comparison {
  let result: Comparison = { ok: true, observedError: 0, tolerance: 0 };
  for (const c of comparisons) {
    if (!c.ok) return c;
    if (c.observedError / (c.tolerance || 1) > result.observedError / (result.tolerance || 1)) result = c;
  }
  return result;
}

/**
 * normalEquation on one table, two answers the same when w has the same length and every number is
 * within 09's tolerance of the expected answer's (a w of the wrong length is held to the bounds of
 * the weights it has, and its extra entries to b's).
 */
function normalEquationProbe(label: string, data: DataInput): Probe {
  const scale = centredScale(data.X, data.y);
  return probe('09-normal-equation', 'normalEquation', label, [data.X, data.y], (a, e) => {
    const [actual, expected] = [a as LinearModel, e as LinearModel];
    if (actual.w.length !== expected.w.length) return DIFFERENT;
    const weights = Array.from({ length: scale.d }, (_, j) => expected.w[j] ?? 0);
    const tolerance = normalEquationTolerance(scale, { w: weights, b: expected.b });
    return worst([
      ...expected.w.map((wj, j) => compareNumbers(actual.w[j], wj, tolerance.w[j] ?? tolerance.b)),
      compareNumbers(actual.b, expected.b, tolerance.b),
    ]);
  });
}

/** Three features with nonzero means, seven rows off every plane: multiples of 1/4, so every sum is exact. */
export const THREE_COLUMNS: DataInput = {
  X: [
    [1, 2, -1],
    [3, 0.5, 2],
    [-2, 1, 0.25],
    [4, 3, 1],
    [0.5, -1, 3],
    [2, 2.5, -0.5],
    [5, 1.5, 2.5],
  ],
  y: [3, 7.5, -1, 9, 2, 4.25, 11],
};

/** One feature, six rows with Σx = 19.5 (06's D6). */
export const ONE_COLUMN: DataInput = {
  X: [[0.5], [1], [2], [3], [5], [8]],
  y: [4, 2.5, 5, 4.5, 9, 10.5],
};

/** Four features, nine rows, two of them correlated. */
export const FOUR_COLUMNS: DataInput = {
  X: [
    [1, 2, 0, 3],
    [2, 3.5, 1, -1],
    [0, 0.5, 2, 2],
    [3, 6, -1, 0.5],
    [4, 7.5, 1.5, 1],
    [-1, -1.5, 0.5, 4],
    [2.5, 5.25, 3, -2],
    [1.5, 2.75, -2, 1.5],
    [0.5, 1.25, 1, 0],
  ],
  y: [6, 4, 7.5, 5, 10, 3.25, 2, 8.5, 1],
};

/** Five features (as many as the realistic tables have), eight rows. */
export const FIVE_COLUMNS: DataInput = {
  X: [
    [1, 0.5, 3, -2, 4],
    [2, -1, 2.5, 0, 3],
    [0, 1.5, 4, -1, 5],
    [3, 2, 1, 1.5, 2],
    [-1, 0, 3.5, 2, 4.5],
    [2.5, 3, 0.5, -0.5, 1],
    [1.5, -2, 2, 3, 3.5],
    [4, 1, 1.5, 0.5, 6],
  ],
  y: [5, 2.5, 8, 3, 6.5, 1, 7.25, 9],
};

/** Two features far from 0 (x₁ near 100, x₂ near −50) with spreads of a few units, six rows. */
export const OFF_CENTRE: DataInput = {
  X: [
    [101, -48],
    [98.5, -52],
    [103, -50.5],
    [99, -47],
    [104.5, -51],
    [97, -49.5],
  ],
  y: [12, 3, 14.5, 9, 17, 4],
};

/** The designed probes of 09-normal-equation: tables on which every two of its mistakes, and each and the reference, answer apart. */
export function normalEquationProbes(): Probe[] {
  return [
    normalEquationProbe("normalEquation on the README's 5 rows of 2 features", README_TABLE),
    normalEquationProbe('normalEquation on 7 rows of 3 features', THREE_COLUMNS),
    normalEquationProbe('normalEquation on 6 rows of 1 feature', ONE_COLUMN),
    normalEquationProbe('normalEquation on 9 rows of 4 features', FOUR_COLUMNS),
    normalEquationProbe('normalEquation on 6 rows of 2 features far from 0', OFF_CENTRE),
    normalEquationProbe('normalEquation on 8 rows of 5 features', FIVE_COLUMNS),
  ];
}
