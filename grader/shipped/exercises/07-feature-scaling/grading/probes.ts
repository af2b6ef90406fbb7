import type { LinearModel, Scaler } from '../../../../../exercises/types';
import { near, probe, worst, type Probe } from '../../../../probes/probe';
import { scaledTolerance, scalerTolerance, unscaledTolerance, type Comparison } from '../../../checks/tolerance';
import { dataCsvFeature } from './checks';

const exercise = '07-feature-scaling';
const MISSING: Comparison = { ok: false, observedError: Infinity, tolerance: 0 };

/** Two lists of numbers of the same length, entry by entry. */
function lists(actual: readonly number[], expected: readonly number[], tolerance: readonly number[]): Comparison[] {
  if (actual.length !== expected.length) return [MISSING];
  return expected.map((e, k) => near(actual[k], e, tolerance[k]));
}

const tableText = (X: readonly (readonly number[])[]) =>
  `${X.length} row${X.length === 1 ? '' : 's'} of ${X[0].length} feature${X[0].length === 1 ? '' : 's'}`;

function fitProbe(X: number[][], label = tableText(X)): Probe {
  const d = X[0].length;
  return probe(exercise, 'fitScaler', `fitScaler on ${label}`, [X], (a, e) => {
    const [actual, expected] = [a as Scaler, e as Scaler];
    // A scaler of another width than X's (a row's statistics, say) is held to the relative floor past column d.
    const t = scalerTolerance(X, { mean: expected.mean.slice(0, d), std: expected.std.slice(0, d) });
    const pad = (bounds: number[], length: number) => [...bounds, ...Array<number>(Math.max(0, length - d)).fill(0)];
    return worst([
      ...lists(actual.mean, expected.mean, pad(t.mean, expected.mean.length)),
      ...lists(actual.std, expected.std, pad(t.std, expected.std.length)),
    ]);
  });
}

function scaleProbe(X: number[][], scaler: Scaler): Probe {
  return probe(exercise, 'scaleFeatures', `scaleFeatures on ${tableText(X)}`, [X, scaler], (a, e) => {
    const [actual, expected] = [a as number[][], e as number[][]];
    if (actual.length !== expected.length) return MISSING;
    return worst(
      expected.flatMap((row, i) =>
        lists(
          actual[i],
          row,
          row.map((z, j) => scaledTolerance(X[i]?.[j] ?? 0, scaler.mean[j] ?? 0, scaler.std[j] ?? 1, z)),
        ),
      ),
    );
  });
}

function unscaleProbe(model: LinearModel, scaler: Scaler): Probe {
  return probe(
    exercise,
    'unscaleModel',
    `unscaleModel of w = [${model.w.join(', ')}], b = ${model.b}`,
    [model, scaler],
    (a, e) => {
      const [actual, expected] = [a as LinearModel, e as LinearModel];
      const t = unscaledTolerance(model, scaler, expected);
      return worst([...lists(actual.w, expected.w, t.w), near(actual.b, expected.b, t.b)]);
    },
  );
}

/** Seven rows of three features with different means and spreads (N ≠ d, every column's sum ≠ 0). */
export const F7: number[][] = [
  [-2, 0.5, 10],
  [-1, 1, -20],
  [0, 2, 30],
  [1, 3, 15],
  [3, 5, -5],
  [4, 8, 25],
  [6, 10.5, 40],
];
/** A square table: reading X[j][i] for X[i][j] gives numbers here, not a failure. */
export const SQUARE: number[][] = [
  [1, -3, 8],
  [4, 0.5, 2],
  [-2, 6, 5],
];
/**
 * A constant column of 0.75 (neither 0 nor 1, so std = 0, std = 1 and std = mean all differ) beside a
 * varying one, over 7 rows: Σx/7 is exactly 0.75 but Σ(x/7) is not, so a deviation computed from a
 * mean of x/N terms is a speck above 0, and a test of it against 0 misses the column. (The hidden
 * hard case `fit-constant-columns` holds columns that neither sum gives back exactly.)
 */
export const WITH_CONSTANT: number[][] = [3, -1, 0.5, 7, 2, 4, -2.5].map((x) => [x, 0.75]);
/**
 * Two rows: the fewest that vary. A loop that stops one row early sees one value (a column looks
 * constant to a test made in that loop), and the range, the mean absolute deviation and twice the
 * deviation coincide here, so it is told apart by the other tables.
 */
export const TWO_ROWS: number[][] = [
  [1.5, -2, 0.25],
  [3.5, 0.5, -1],
];
/** One row: every column constant, with exact sums, so a deviation computed as 0/0 (1/(N − 1)) is NaN. */
export const ONE_ROW: number[][] = [[3, -1.5, 8]];
/**
 * Six rows whose varying columns sit near 0 with deviations (and a range) below 1 and means not 0,
 * so that Math.max(std, 1) and std differ, beside a column of zeros: constant, with every sum
 * exactly 0, so a test of a computed deviation against 0 catches it whatever the mean's divisor.
 */
export const SMALL_SPREAD: number[][] = [
  [0.2, 1.5, 0],
  [-0.3, 1.25, 0],
  [0.5, 0.75, 0],
  [0.1, 2, 0],
  [-0.4, 1, 0],
  [0.4, 0.5, 0],
];
/**
 * A column at 2²⁸ + (−1, 0, 0, 1): every x² rounds to 2⁵⁶ + 2²⁹·δ, so the one-pass E[x²] − E[x]²
 * (in any order, with any of its usual forms) is exactly 0, where the deviation is √0.5.
 */
export const FAR_COLUMN: number[][] = [-1, 0, 0, 1].map((delta, i) => [2 ** 28 + delta, [1, 2, 4, 7][i]]);
/** Fewer rows than features: reading X[j][i] runs off the table. */
export const WIDE: number[][] = [
  [2, -1, 0.5],
  [-3, 4, 6],
];
const OTHER_SCALER: Scaler = { mean: [2, -1, 0.5], std: [4, 0.5, 3] };
const SQUARE_SCALER: Scaler = { mean: [-1, 2, 3], std: [2, 0.25, 5] };

/** The designed probes of 07-feature-scaling: inputs on which every two members of its mistake space, and each member and the reference, answer apart. */
export function scalingProbes(): Probe[] {
  return [
    fitProbe(F7),
    fitProbe(SQUARE, 'a square table'),
    fitProbe(WITH_CONSTANT, 'a table with a constant column'),
    fitProbe(ONE_ROW, 'one row'),
    fitProbe(TWO_ROWS, 'two rows'),
    fitProbe(SMALL_SPREAD, 'columns of deviation below 1'),
    fitProbe(FAR_COLUMN, 'a column far from 0'),
    fitProbe(dataCsvFeature(), 'data.csv'),
    scaleProbe(F7.slice(0, 6), OTHER_SCALER),
    scaleProbe(SQUARE, SQUARE_SCALER),
    scaleProbe(WIDE, OTHER_SCALER),
    unscaleProbe({ w: [1.5, -2, 0.75], b: 3 }, { mean: [2, -4, 10], std: [0.5, 4, 2] }),
    unscaleProbe({ w: [3], b: -1 }, { mean: [6], std: [3] }),
    unscaleProbe({ w: [0.5, -1], b: 40 }, { mean: [3, 2], std: [1.5, 4] }),
  ];
}
