import fc from 'fast-check';
import type { LinearModel, Matrix } from '../../../../exercises/types';
import * as gen from '../../checks/arbitraries';
import { holdsProperty } from '../../checks/builders';
import { PASS, type Judge, type Verdict } from '../../checks/check';
import {
  compareNumbers,
  normalEquationGradientTolerance,
  normalEquationTolerance,
  UNIT_ROUNDOFF,
  HEADROOM,
  type NormalEquationTolerance,
} from '../../checks/tolerance';
import { format } from '../../checks/verdicts';
import { centredScale, exactGradient, type CentredScale } from './conditioning';

const exercise = '09-normal-equation';

/** A table of features and its targets: N > d rows, full column rank once each column is centred. */
export type DataInput = { X: number[][]; y: number[] };

export const normalEquationCall = (X: Matrix, y: readonly number[]) =>
  ({ exercise, fn: 'normalEquation', args: [X, y] }) as const;

/**
 * Whether the columns of X stay independent once each is centred, decided exactly: X's binary64
 * values are integers times a common power of 2, so N·X − (column sums) is an integer matrix, and
 * its Gram matrix (positive semi-definite) has a positive determinant exactly when the columns are
 * independent. The determinant is Bareiss's, in BigInt. For small tables only.
 */
export function centredColumnsIndependent(X: Matrix): boolean {
  const n = X.length;
  const d = X[0].length;
  if (n <= d) return false;
  const exponent = Math.max(0, ...X.flat().map(fractionBits));
  const integers = X.map((row) => row.map((v) => BigInt(v * 2 ** exponent)));
  const sums = Array.from({ length: d }, (_, j) => integers.reduce((s, row) => s + row[j], 0n));
  const centred = integers.map((row) => row.map((v, j) => BigInt(n) * v - sums[j]));
  const gram = Array.from({ length: d }, (_, j) =>
    Array.from({ length: d }, (_, k) => centred.reduce((s, row) => s + row[j] * row[k], 0n)),
  );
  return bareissDeterminant(gram) > 0n;
}

/** How many binary digits after the point a finite double needs (0 for integers). */
function fractionBits(v: number): number {
  let bits = 0;
  while (!Number.isInteger(v * 2 ** bits)) bits++;
  return bits;
}

/** The determinant of an integer matrix by Bareiss's fraction-free elimination (exact, in BigInt). */
function bareissDeterminant(matrix: bigint[][]): bigint {
  const a = matrix.map((row) => [...row]);
  const size = a.length;
  let sign = 1n;
  let previous = 1n;
  for (let k = 0; k < size - 1; k++) {
    if (a[k][k] === 0n) {
      const swap = a.findIndex((row, i) => i > k && row[k] !== 0n);
      if (swap < 0) return 0n;
      [a[k], a[swap]] = [a[swap], a[k]];
      sign = -sign;
    }
    for (let i = k + 1; i < size; i++)
      for (let j = k + 1; j < size; j++) a[i][j] = (a[i][j] * a[k][k] - a[i][k] * a[k][j]) / previous;
    previous = a[k][k];
  }
  return sign * a[size - 1][size - 1];
}

/**
 * Small exactly representable tables (gen.featureData: multiples of 1/4 in [−20, 20], d from 1 to
 * 4, N up to 12) that meet 09's rule: N > d, and the centred columns independent.
 */
export const dataInputs: fc.Arbitrary<DataInput> = gen
  .featureData(2, 4)
  .filter(({ X }) => centredColumnsIndependent(X))
  .map(({ X, y }) => ({ X, y }));

/** The same with at least two columns, for the checks that move columns around. */
const severalColumns = dataInputs.filter(({ X }) => X[0].length >= 2);

/** Tables on which y = X·w + b holds exactly for every row (multiples of 1/4 times multiples of 1/8: exact sums). */
export const exactFits: fc.Arbitrary<DataInput & { model: LinearModel }> = dataInputs.chain(({ X }) =>
  gen.linearModel(X[0].length).map((model) => ({
    X,
    y: X.map((row) => row.reduce((s, x, j) => s + model.w[j] * x, model.b)),
    model,
  })),
);

/** A bound or an error as a person reads it: three digits, in exponent form when small or large. */
const number = (v: number) =>
  v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6) ? v.toExponential(2) : v.toPrecision(3);

/** κ of the centred X and the columns' offset, in words, with the bound they set: what every failing message of 09 says. */
export function conditioningText(scale: CentredScale, bound: number, of: string): string {
  const offset = scale.offset < 1e3 ? scale.offset.toPrecision(3) : scale.offset.toExponential(2);
  return `κ(centred X) = ${scale.kappa.toPrecision(4)} and X's columns sit up to ${offset} of their deviations from 0, so answers within ${number(bound)} of ${of} are accepted (τ = 64·u·(N + d + 2)·κ·((κ + ${offset})·(‖s∘w‖ + ‖y − ȳ‖) + ‖y‖) in the scaled weights s_j·w_j, s_j the length of centred column j).`;
}

/** A model's weights and intercept, each within its bound; the length of w first. */
export function compareModel(
  what: string,
  scale: CentredScale,
  actual: LinearModel,
  expected: LinearModel,
  tolerance: NormalEquationTolerance,
): Verdict {
  if (actual.w.length !== expected.w.length)
    return {
      pass: false,
      message: `${what} has ${actual.w.length} weight${actual.w.length === 1 ? '' : 's'} in w; X has ${expected.w.length} column${expected.w.length === 1 ? '' : 's'}, one weight each.`,
      expected,
      actual,
    };
  const fields = [
    ...expected.w.map((e, j) => ({ name: `w[${j}]`, actual: actual.w[j], expected: e, tolerance: tolerance.w[j] })),
    { name: 'b', actual: actual.b, expected: expected.b, tolerance: tolerance.b },
  ];
  let worst: { name: string; c: ReturnType<typeof compareNumbers> } | undefined;
  for (const f of fields) {
    const c = compareNumbers(f.actual, f.expected, f.tolerance);
    if (!c.ok && (!worst || c.observedError / c.tolerance > worst.c.observedError / worst.c.tolerance))
      worst = { name: f.name, c };
  }
  if (!worst) return PASS;
  return {
    pass: false,
    message: `${what}: expected ${format(expected)}, got ${format(actual)} (${worst.name} is off by ${number(worst.c.observedError)}). ${conditioningText(scale, worst.c.tolerance, worst.name)}`,
    expected,
    actual,
    tolerance: worst.c.tolerance,
    observedError: worst.c.observedError,
  };
}

/** The student's model against the expected one on (X, y), within 09's tolerance of the expected model. */
export function judgeModelOn(what: string, i: DataInput, actual: LinearModel, expected: LinearModel): Verdict {
  const scale = centredScale(i.X, i.y);
  return compareModel(what, scale, actual, expected, normalEquationTolerance(scale, expected));
}

/**
 * Two of the student's own answers that must agree (the same data reordered, or its columns
 * moved): each may be off the exact answer by its tolerance, so they may differ by the sum.
 */
function agreeWithin(
  what: string,
  scales: readonly [CentredScale, CentredScale],
  actual: LinearModel,
  expected: LinearModel,
  interceptSlack = 0,
): Verdict {
  const d = scales[0].d;
  for (const [answer, which] of [
    [expected, 'the first'],
    [actual, 'the second'],
  ] as const)
    if (answer.w.length !== d)
      return {
        pass: false,
        message: `${what}: ${which} answer has ${answer.w.length} weights in w; X has ${d} columns, one weight each.`,
        expected: d,
        actual: answer.w.length,
      };
  const [a, b] = [normalEquationTolerance(scales[0], expected), normalEquationTolerance(scales[1], actual)];
  const tolerance: NormalEquationTolerance = {
    w: a.w.map((t, j) => t + (b.w[j] ?? 0)),
    b: a.b + b.b + interceptSlack,
    scaled: a.scaled + b.scaled,
  };
  return compareModel(what, scales[0], actual, expected, tolerance);
}

/**
 * J's gradient at the student's answer, worked out in double-double (conditioning.ts), against
 * what any answer within 09's tolerance leaves: |db| and ‖h‖₂, hⱼ = (N/2)·(dw_j − x̄_j·db)/s_j.
 */
export function flatGradientVerdict(i: DataInput, model: LinearModel): Verdict {
  const scale = centredScale(i.X, i.y);
  if (model.w.length !== scale.d)
    return {
      pass: false,
      message: `your answer has ${model.w.length} weights in w; X has ${scale.d} columns, one weight each.`,
      actual: model,
    };
  const { dw, db } = exactGradient(i.X, i.y, model);
  const bounds = normalEquationGradientTolerance(scale, model);
  if (!compareNumbers(db, 0, bounds.db).ok)
    return {
      pass: false,
      message: `∂J/∂b at your answer is ${format(db)}, not 0: an answer that minimises J makes it at most ${number(bounds.db)} here. ${conditioningText(scale, bounds.tolerance.b, 'b')}`,
      expected: 0,
      actual: db,
      tolerance: bounds.db,
      observedError: Math.abs(db),
    };
  const half = scale.n / 2;
  const h = dw.map((g, j) => (half * (g - scale.means[j] * db)) / scale.spreads[j]);
  const rounding = dw.map(
    (g, j) => (half * 4 * UNIT_ROUNDOFF * (Math.abs(g) + Math.abs(scale.means[j] * db))) / scale.spreads[j],
  );
  const length = Math.hypot(...h);
  const allowed = bounds.scaledNormal + Math.hypot(...rounding);
  if (Number.isFinite(length) && length <= allowed) return PASS;
  return {
    pass: false,
    message: `∂J/∂w at your answer is [${dw.map(format).join(', ')}], not 0: in the scaled weights its length is ${number(length)}, and an answer that minimises J leaves at most ${number(allowed)} (λmax·√d·τ). ${conditioningText(scale, bounds.tolerance.scaled, 'each scaled weight')}`,
    expected: dw.map(() => 0),
    actual: dw,
    tolerance: allowed,
    observedError: length,
  };
}

/** Rows in a new order (`order[k]` is the row that comes k-th), to reorder and to repeat. */
const reordered = dataInputs.chain((i) =>
  fc
    .shuffledSubarray(
      i.X.map((_, k) => k),
      { minLength: i.X.length, maxLength: i.X.length },
    )
    .map((order) => ({ ...i, order })),
);

const rowsOf = (i: DataInput & { order: number[] }) => {
  const X = i.order.map((k) => i.X[k]);
  const y = i.order.map((k) => i.y[k]);
  return { shuffled: { X, y }, doubled: { X: [...X, ...X], y: [...y, ...y] } };
};

/** Columns in a new order: `columns[k]` is the column of X that comes k-th. */
const permuted = severalColumns.chain((i) =>
  fc
    .shuffledSubarray(
      i.X[0].map((_, k) => k),
      { minLength: i.X[0].length, maxLength: i.X[0].length },
    )
    .map((columns) => ({ ...i, columns })),
);

const withColumns = (i: DataInput & { columns: number[] }) => ({
  X: i.X.map((row) => i.columns.map((k) => row[k])),
  y: i.y,
});

/** One column moved by a constant c (exact: c and every x are multiples of 1/4 of a few digits). */
const shifted = dataInputs.chain((i) =>
  fc
    .record({
      column: fc.integer({ min: 0, max: i.X[0].length - 1 }),
      by: fc.constantFrom(-1000, -64, -8, -0.75, 8, 64, 1000),
    })
    .map(({ column, by }) => ({ ...i, column, by })),
);

const shiftedData = (i: DataInput & { column: number; by: number }) => ({
  X: i.X.map((row) => row.map((x, j) => (j === i.column ? x + i.by : x))),
  y: i.y,
});

/** The public checks of 09-normal-equation that need no reference. */
export const normalEquationProperties = {
  exactFit: holdsProperty({
    exercise,
    id: 'exact-fit',
    title: 'recovers w and b when y = X·w + b holds exactly for every row',
    points: 1,
    visibility: 'public',
    inputs: exactFits,
    calls: (i) => [normalEquationCall(i.X, i.y)],
    holds: (i, [value]) =>
      judgeModelOn('your answer on data that a model fits exactly', i, value as LinearModel, i.model),
  }),
  flatGradient: holdsProperty<DataInput>({
    exercise,
    id: 'flat-gradient',
    title: 'the gradient of J is zero at its answer (relative to the scale of the data)',
    points: 1,
    visibility: 'public',
    inputs: dataInputs,
    calls: (i) => [normalEquationCall(i.X, i.y)],
    holds: (i, [value]) => flatGradientVerdict(i, value as LinearModel),
  }),
  rowsChangeNothing: holdsProperty({
    exercise,
    id: 'rows-change-nothing',
    title: 'the order of the rows, and every row repeated, change nothing',
    points: 1,
    visibility: 'public',
    inputs: reordered,
    calls: (i) => {
      const { shuffled, doubled } = rowsOf(i);
      return [
        normalEquationCall(i.X, i.y),
        normalEquationCall(shuffled.X, shuffled.y),
        normalEquationCall(doubled.X, doubled.y),
      ];
    },
    holds: (i, [original, shuffled, doubled]) => {
      const rows = rowsOf(i);
      const base = centredScale(i.X, i.y);
      const reorderedVerdict = agreeWithin(
        'your answer on the same rows in another order',
        [base, centredScale(rows.shuffled.X, rows.shuffled.y)],
        shuffled as LinearModel,
        original as LinearModel,
      );
      if (!reorderedVerdict.pass) return reorderedVerdict;
      return agreeWithin(
        'your answer with every row given twice',
        [base, centredScale(rows.doubled.X, rows.doubled.y)],
        doubled as LinearModel,
        original as LinearModel,
      );
    },
  }),
  columnsPermuteW: holdsProperty({
    exercise,
    id: 'columns-permute-w',
    title: "putting X's columns in another order puts w in that order, and leaves b",
    points: 1,
    visibility: 'public',
    inputs: permuted,
    calls: (i) => {
      const moved = withColumns(i);
      return [normalEquationCall(i.X, i.y), normalEquationCall(moved.X, moved.y)];
    },
    holds: (i, [original, moved]) => {
      const base = original as LinearModel;
      const data = withColumns(i);
      const expected = { w: i.columns.map((k) => base.w[k] ?? NaN), b: base.b };
      return agreeWithin(
        `your answer with the columns in the order [${i.columns.join(', ')}]`,
        [centredScale(data.X, data.y), centredScale(i.X, i.y)],
        moved as LinearModel,
        expected,
      );
    },
  }),
  shiftChangesOnlyB: holdsProperty({
    exercise,
    id: 'shift-changes-only-b',
    title: 'adding a constant c to one column leaves w and moves b by −w_j·c',
    points: 1,
    visibility: 'public',
    inputs: shifted,
    calls: (i) => {
      const moved = shiftedData(i);
      return [normalEquationCall(i.X, i.y), normalEquationCall(moved.X, moved.y)];
    },
    holds: (i, [original, moved]) => {
      const base = original as LinearModel;
      const data = shiftedData(i);
      const wj = base.w[i.column] ?? NaN;
      const expected = { w: base.w, b: base.b - wj * i.by };
      const scales = [centredScale(data.X, data.y), centredScale(i.X, i.y)] as const;
      // b − w_j·c carries w_j's own error times |c|, and the rounding of that product.
      const slack =
        Math.abs(i.by) * normalEquationTolerance(scales[1], base).w[i.column] +
        HEADROOM * UNIT_ROUNDOFF * Math.abs(wj * i.by);
      return agreeWithin(
        `your answer with ${i.by} added to column ${i.column}`,
        scales,
        moved as LinearModel,
        expected,
        slack,
      );
    },
  }),
};

/** The judges of 09-normal-equation's public checks judged from the reference's facts, by check id within the exercise. */
export const normalEquationJudges = {
  'worked-examples': ((i, facts, [value]) => judgeModelOn('your answer', i, value as LinearModel, facts)) as Judge<
    DataInput,
    LinearModel
  >,
  'agrees-with-least-squares': ((i, facts, [value]) =>
    judgeModelOn(
      "your answer with one feature, against 06's leastSquares (w = [m])",
      i,
      value as LinearModel,
      facts,
    )) as Judge<DataInput, LinearModel>,
};
