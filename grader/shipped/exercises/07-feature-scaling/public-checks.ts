import fc from 'fast-check';
import * as gen from '../../checks/arbitraries';
import { holdsProperty } from '../../checks/builders';
import { PASS, type Judge, type Verdict } from '../../checks/check';
import {
  compareNumbers,
  HEADROOM,
  scalerTolerance,
  summedTolerance,
  UNIT_ROUNDOFF,
  type Comparison,
} from '../../checks/tolerance';
import { format, type Expected } from '../../checks/verdicts';

const exercise = '07-feature-scaling';

/** A scaler or a model as the checks write them: plain arrays. */
export type ScalerValue = { mean: number[]; std: number[] };
export type ModelValue = { w: number[]; b: number };

export type FitInput = { X: number[][] };
export type ScaleInput = { X: number[][]; scaler: ScalerValue };
export type UnscaleInput = { model: ModelValue; scaler: ScalerValue };
export type PredictionInput = { X: number[][]; model: ModelValue; scaler: ScalerValue };

const fit = (X: readonly (readonly number[])[]) => ({ exercise, fn: 'fitScaler', args: [X] }) as const;
const scale = (X: readonly (readonly number[])[], scaler: ScalerValue) =>
  ({ exercise, fn: 'scaleFeatures', args: [X, scaler] }) as const;
const unscale = (model: ModelValue, scaler: ScalerValue) =>
  ({ exercise, fn: 'unscaleModel', args: [model, scaler] }) as const;

/** Small exact tables in which some columns are made constant (each of a constant column's values the same multiple of 1/4). */
const withConstantColumns: fc.Arbitrary<FitInput> = gen
  .featureData(1, 4)
  .chain(({ X }) =>
    fc
      .tuple(fc.array(fc.boolean(), { minLength: X[0].length, maxLength: X[0].length }), gen.coordinate)
      .map(([constant, value]) => ({ X: X.map((row) => row.map((x, j) => (constant[j] ? value : x))) })),
  );

/** Tables for fitScaler: small exact ones, a quarter of them with constant columns. */
export const fitInputs: fc.Arbitrary<FitInput> = fc.oneof(
  { arbitrary: gen.featureData(1, 4).map(({ X }) => ({ X })), weight: 3 },
  { arbitrary: withConstantColumns, weight: 1 },
);

/** A deviation as a scaler holds it: a positive multiple of 1/4 up to 16. */
const deviation = fc.integer({ min: 1, max: 64 }).map((k) => k / 4);

/** A scaler for d features that was not fitted on the data it scales: means in [−20, 20], deviations in (0, 16]. */
export function scalerFor(d: number): fc.Arbitrary<ScalerValue> {
  return fc.record({
    mean: fc.array(gen.coordinate, { minLength: d, maxLength: d }),
    std: fc.array(deviation, { minLength: d, maxLength: d }),
  });
}

/** A table and a scaler from other data: scaleFeatures must use the scaler it is given. */
export const scaleInputs: fc.Arbitrary<ScaleInput> = gen
  .featureData(1, 4)
  .chain(({ X }) => scalerFor(X[0].length).map((scaler) => ({ X, scaler })));

/** A model of scaled features and the scaler that scaled them. */
export const unscaleInputs: fc.Arbitrary<UnscaleInput> = fc
  .integer({ min: 1, max: 4 })
  .chain((d) => fc.record({ model: gen.linearModel(d), scaler: scalerFor(d) }));

/** Which part of a table or a record differs first, as a failing verdict with its tolerance. */
function mismatch(what: string, actual: unknown, expected: unknown, c: Comparison, why = ''): Verdict {
  return {
    pass: false,
    message: `${why || `${what}: expected ${format(expected)}, got ${format(actual)}`} (off by ${c.observedError.toPrecision(3)}, tolerance ${c.tolerance.toPrecision(3)}).`,
    expected,
    actual,
    tolerance: c.tolerance,
    observedError: c.observedError,
  };
}

function lengthMismatch(what: string, actual: readonly unknown[], expected: number, why: string): Verdict {
  return {
    pass: false,
    message: `${what} has ${actual.length} entries; it needs ${expected} (${why}).`,
    expected,
    actual: actual.length,
  };
}

/** Two lists of numbers, entry by entry, each within its own tolerance. */
export function compareList(
  what: string,
  actual: readonly number[],
  expected: readonly number[],
  tolerance: readonly number[],
  why: string,
): Verdict {
  if (actual.length !== expected.length) return lengthMismatch(what, actual, expected.length, why);
  for (let k = 0; k < expected.length; k++) {
    const c = compareNumbers(actual[k], expected[k], tolerance[k]);
    if (!c.ok) return mismatch(`${what}[${k}]`, actual[k], expected[k], c);
  }
  return PASS;
}

/** A scaler against the expected one: one mean and one std per column. */
export function judgeScaler(actual: ScalerValue, e: Expected<ScalerValue>): Verdict {
  const d = e.expected.mean.length;
  const why = `one per column of X, which has ${d}`;
  const mean = compareList('mean', actual.mean, e.expected.mean, e.tolerance.mean, why);
  return mean.pass ? compareList('std', actual.std, e.expected.std, e.tolerance.std, why) : mean;
}

/** Scaled rows against the expected ones, value by value. */
export function judgeRows(actual: readonly (readonly number[])[], e: Expected<number[][]>): Verdict {
  if (actual.length !== e.expected.length)
    return lengthMismatch('the scaled table', actual, e.expected.length, 'one row per row of X');
  for (let i = 0; i < e.expected.length; i++) {
    const verdict = compareList(
      `row ${i}`,
      actual[i],
      e.expected[i],
      e.tolerance[i],
      'one value per feature, as in the row of X',
    );
    if (!verdict.pass) return verdict;
  }
  return PASS;
}

/** A model against the expected one: its weights, then its intercept. */
export function judgeModel(actual: ModelValue, e: Expected<ModelValue>): Verdict {
  const d = e.expected.w.length;
  const weights = compareList(
    'w',
    actual.w,
    e.expected.w,
    e.tolerance.w,
    `one weight per feature, as the model has ${d}`,
  );
  if (!weights.pass) return weights;
  const c = compareNumbers(actual.b, e.expected.b, e.tolerance.b);
  return c.ok ? PASS : mismatch('b', actual.b, e.expected.b, c);
}

/** A failing verdict when a scaler has other than one mean and one std per column of X. */
function scalerShape(X: readonly (readonly number[])[], scaler: ScalerValue): Verdict | undefined {
  const d = X[0].length;
  const why = `one per column of X, which has ${d}`;
  if (scaler.mean.length !== d) return lengthMismatch('mean', scaler.mean, d, why);
  if (scaler.std.length !== d) return lengthMismatch('std', scaler.std, d, why);
  return undefined;
}

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/**
 * What scaling X by a scaler gives, column by column, and what it should give: a constant column
 * needs std 1 (and its value as mean); any other column, scaled, needs mean 0 and deviation 1, to
 * within what the scaler's own tolerance and the check's arithmetic allow.
 */
export function standardisesVerdict(X: readonly (readonly number[])[], scaler: ScalerValue): Verdict {
  const shape = scalerShape(X, scaler);
  if (shape) return shape;
  const d = X[0].length;
  const n = X.length;
  const bounds = scalerTolerance(X, scaler);
  for (let j = 0; j < d; j++) {
    const column = X.map((row) => row[j]);
    const [m, s] = [scaler.mean[j], scaler.std[j]];
    if (column.every((x) => x === column[0])) {
      const c = compareNumbers(s, 1, bounds.std[j]);
      if (!c.ok)
        return mismatch(
          `std[${j}] of a constant column`,
          s,
          1,
          c,
          `column ${j} is constant (every value is ${format(column[0])}), so its deviation is 0 and its std must be 1; got ${format(s)}`,
        );
      const cm = compareNumbers(m, column[0], bounds.mean[j]);
      if (!cm.ok) return mismatch(`mean[${j}] of a constant column`, m, column[0], cm);
      continue;
    }
    const z = column.map((x) => (x - m) / s);
    const zMean = mean(z);
    const zStd = Math.sqrt(mean(z.map((v) => (v - zMean) ** 2)));
    const arithmetic = HEADROOM * UNIT_ROUNDOFF * (n + 2) * (1 + mean(z.map(Math.abs)));
    const meanBound = (2 * bounds.mean[j]) / Math.abs(s) + arithmetic;
    const stdBound = (2 * bounds.std[j]) / Math.abs(s) + arithmetic;
    const cMean = compareNumbers(zMean, 0, meanBound);
    if (!cMean.ok)
      return mismatch(
        `the mean of scaled column ${j}`,
        zMean,
        0,
        cMean,
        `scaled with your mean[${j}] = ${format(m)} and std[${j}] = ${format(s)}, column ${j} has mean ${format(zMean)}; standardised columns have mean 0`,
      );
    const cStd = compareNumbers(zStd, 1, stdBound);
    if (!cStd.ok)
      return mismatch(
        `the deviation of scaled column ${j}`,
        zStd,
        1,
        cStd,
        `scaled with your mean[${j}] = ${format(m)} and std[${j}] = ${format(s)}, column ${j} has deviation ${format(zStd)} (population, 1/N); standardised columns have deviation 1`,
      );
  }
  return PASS;
}

/** Two scalers of the same data that must agree, each number within twice the tolerance of a scaler of `X`. */
function sameScaler(
  what: string,
  X: readonly (readonly number[])[],
  actual: ScalerValue,
  expected: ScalerValue,
): Verdict {
  const shape = scalerShape(X, expected) ?? scalerShape(X, actual);
  if (shape) return shape;
  const t = scalerTolerance(X, expected);
  const twice = (values: readonly number[]) => values.map((v) => 2 * v);
  return judgeScaler(actual, { expected, tolerance: { mean: twice(t.mean), std: twice(t.std) } }).pass
    ? PASS
    : {
        pass: false,
        message: `${what}: expected ${format(expected)}, got ${format(actual)}.`,
        expected,
        actual,
      };
}

/**
 * The predictions of `model` on the scaled rows and of the unscaled model on the raw rows, which
 * must agree: each is a sum of d + 1 terms of magnitude |w_j|·(|x_ij| + |mean_j|)/std_j and |b|.
 */
export function samePredictionsVerdict(
  input: PredictionInput,
  scaled: readonly (readonly number[])[],
  unscaled: ModelValue,
): Verdict {
  const { X, model, scaler } = input;
  const d = model.w.length;
  if (scaled.length !== X.length) return lengthMismatch('the scaled table', scaled, X.length, 'one row per row of X');
  if (unscaled.w.length !== d)
    return lengthMismatch('the unscaled model’s w', unscaled.w, d, `one weight per feature, as the model has ${d}`);
  for (let i = 0; i < X.length; i++) {
    if (scaled[i].length !== d)
      return lengthMismatch(`row ${i} of the scaled table`, scaled[i], d, 'one value per feature');
    let onScaled = model.b;
    let onRaw = unscaled.b;
    let magnitude = Math.abs(model.b);
    for (let j = 0; j < d; j++) {
      onScaled += model.w[j] * scaled[i][j];
      onRaw += unscaled.w[j] * X[i][j];
      magnitude += (Math.abs(model.w[j]) * (Math.abs(X[i][j]) + Math.abs(scaler.mean[j]))) / scaler.std[j];
    }
    const c = compareNumbers(onRaw, onScaled, 2 * summedTolerance(onScaled, d + 1, magnitude / (d + 1)));
    if (!c.ok)
      return mismatch(
        `the prediction for row ${i}`,
        onRaw,
        onScaled,
        c,
        `for row ${i}, the model predicts ${format(onScaled)} on scaleFeatures’ row and the unscaled model ${format(onRaw)} on the raw row; unscaleModel must give a model that predicts the same on raw features`,
      );
  }
  return PASS;
}

/** The public checks of 07-feature-scaling that need no reference. */
export const scalingProperties = {
  fitStandardises: holdsProperty<FitInput>({
    exercise,
    id: 'fit-standardises',
    title: 'scaling by fitScaler’s statistics gives every column mean 0 and deviation 1 (a constant column std 1)',
    points: 2,
    visibility: 'public',
    inputs: fitInputs,
    calls: (i) => [fit(i.X)],
    holds: (i, [value]) => standardisesVerdict(i.X, value as ScalerValue),
  }),
  fitOrderAndDuplicates: holdsProperty({
    exercise,
    id: 'fit-order-and-duplicates',
    title: 'fitScaler is unchanged when the rows are reordered, or every row is duplicated',
    points: 1,
    visibility: 'public',
    inputs: fitInputs.chain((i) =>
      fc
        .shuffledSubarray(i.X, { minLength: i.X.length, maxLength: i.X.length })
        .map((shuffled) => ({ ...i, shuffled })),
    ),
    calls: (i) => [fit(i.X), fit(i.shuffled), fit([...i.X, ...i.X])],
    holds: (i, [once, shuffled, twice]) => {
      const reordered = sameScaler(
        'the scaler of the reordered rows',
        i.X,
        shuffled as ScalerValue,
        once as ScalerValue,
      );
      return reordered.pass
        ? sameScaler(
            'the scaler of the rows, each twice (the statistics are means over the rows, not sums)',
            [...i.X, ...i.X],
            twice as ScalerValue,
            once as ScalerValue,
          )
        : reordered;
    },
  }),
  fitPerColumn: holdsProperty({
    exercise,
    id: 'fit-per-column',
    title: 'fitScaler works column by column: reordering the columns reorders the scaler',
    points: 1,
    visibility: 'public',
    inputs: gen
      .featureData(1, 4)
      .filter(({ X }) => X[0].length >= 2)
      .chain(({ X }) => {
        const columns = X[0].map((_, j) => j);
        return fc
          .shuffledSubarray(columns, { minLength: columns.length, maxLength: columns.length })
          .filter((order) => order.some((j, k) => j !== k))
          .map((order) => ({ X, order, permuted: X.map((row) => order.map((j) => row[j])) }));
      }),
    calls: (i) => [fit(i.X), fit(i.permuted)],
    holds: (i, [original, permuted]) => {
      const o = original as ScalerValue;
      const shape = scalerShape(i.X, o);
      if (shape) return shape;
      return sameScaler(
        `the scaler of X with its columns in the order [${i.order.join(', ')}] (it should be yours in that order)`,
        i.permuted,
        permuted as ScalerValue,
        { mean: i.order.map((j) => o.mean[j]), std: i.order.map((j) => o.std[j]) },
      );
    },
  }),
  unscalePredictsTheSame: holdsProperty<PredictionInput>({
    exercise,
    id: 'unscale-predicts-the-same',
    title: 'the unscaled model predicts on raw rows what the model predicts on scaleFeatures’ rows',
    points: 2,
    visibility: 'public',
    inputs: gen
      .featureData(1, 4)
      .chain(({ X }) =>
        fc.record({ model: gen.linearModel(X[0].length), scaler: scalerFor(X[0].length) }).map((r) => ({ X, ...r })),
      ),
    calls: (i) => [scale(i.X, i.scaler), unscale(i.model, i.scaler)],
    holds: (i, [scaled, unscaled]) => samePredictionsVerdict(i, scaled as number[][], unscaled as ModelValue),
  }),
};

/** Judges of the public checks of 07-feature-scaling that need the reference's facts, by check id within the exercise. */
export const scalingJudges = {
  'fit-worked-examples': ((_, facts, [value]) => judgeScaler(value as ScalerValue, facts)) as Judge<
    FitInput,
    Expected<ScalerValue>
  >,
  'scale-worked-examples': ((_, facts, [value]) => judgeRows(value as number[][], facts)) as Judge<
    ScaleInput,
    Expected<number[][]>
  >,
  'unscale-worked-examples': ((_, facts, [value]) => judgeModel(value as ModelValue, facts)) as Judge<
    UnscaleInput,
    Expected<ModelValue>
  >,
};
