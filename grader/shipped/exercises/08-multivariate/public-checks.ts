import fc from 'fast-check';
import type {
  LinearModel,
  Matrix,
  ModelGradient,
  MultiDescentOptions,
  MultiDescentResult,
} from '../../../../exercises/types';
import * as gen from '../../checks/arbitraries';
import { holdsProperty } from '../../checks/builders';
import { PASS, type Judge, type Verdict } from '../../checks/check';
import {
  compareNumbers,
  multiCostTolerance,
  multiGradientTolerance,
  multiPredictionTolerance,
  type Comparison,
} from '../../checks/tolerance';
import { format, judgeValue, type Expected } from '../../checks/verdicts';

const exercise = '08-multivariate';

export type PredictInput = { X: number[][]; model: LinearModel };
export type MultiInput = { X: number[][]; y: number[]; model: LinearModel };
export type MultiDescentInput = {
  X: number[][];
  y: number[];
  initial: LinearModel;
  learningRate: number;
  iterations: number;
};

export const predictCall = (X: Matrix, model: LinearModel) => ({ exercise, fn: 'predict', args: [X, model] }) as const;
export const costCall = (X: Matrix, y: readonly number[], model: LinearModel) =>
  ({ exercise, fn: 'computeCostMulti', args: [X, y, model] }) as const;
export const gradientCall = (X: Matrix, y: readonly number[], model: LinearModel) =>
  ({ exercise, fn: 'computeGradientMulti', args: [X, y, model] }) as const;
export const descentOptionsOf = (i: MultiDescentInput): MultiDescentOptions => ({
  initial: i.initial,
  learningRate: i.learningRate,
  iterations: i.iterations,
});
export const descentCall = (i: MultiDescentInput) =>
  ({ exercise, fn: 'gradientDescentMulti', args: [i.X, i.y, descentOptionsOf(i)] }) as const;

/** Small exactly representable tables with a model of the same width: d from 1 to 4, N from 1 to 12. */
export const multiInputs: fc.Arbitrary<MultiInput> = gen
  .featureData(1, 4)
  .chain(({ X, y }) => gen.linearModel(X[0].length).map((model) => ({ X, y, model })));

/** The whole table, row by row, in a new order, with `order` saying where each row came from. */
const reordered = multiInputs.chain((i) =>
  fc
    .shuffledSubarray(
      i.X.map((_, k) => k),
      { minLength: i.X.length, maxLength: i.X.length },
    )
    .map((order) => ({ ...i, order })),
);

/** A whole table, as the same rows in another order and as every row twice (rows in the order of `order`, then again). */
const rowsOf = (i: MultiInput & { order: number[] }) => {
  const X = i.order.map((k) => i.X[k]);
  const y = i.order.map((k) => i.y[k]);
  return { shuffled: { X, y }, doubled: { X: [...X, ...X], y: [...y, ...y] } };
};

/** Numbers of an array compared entry by entry; the length first. Fails on the entry furthest outside its tolerance. */
export function compareEntries(
  what: string,
  actual: readonly number[],
  expected: readonly number[],
  tolerance: readonly number[],
): Verdict {
  if (actual.length !== expected.length)
    return {
      pass: false,
      message: `${what} has ${actual.length} entries; ${expected.length} were expected.`,
      expected,
      actual,
    };
  let worst: { at: number; c: Comparison } | undefined;
  for (let k = 0; k < expected.length; k++) {
    const c = compareNumbers(actual[k], expected[k], tolerance[k]);
    if (!c.ok && (!worst || c.observedError / c.tolerance > worst.c.observedError / worst.c.tolerance))
      worst = { at: k, c };
  }
  if (!worst) return PASS;
  return {
    pass: false,
    message: `${what}: expected ${format(expected)}, got ${format(actual)} (entry ${worst.at} is off by ${worst.c.observedError.toPrecision(3)}, tolerance ${worst.c.tolerance.toPrecision(3)}).`,
    expected,
    actual,
    tolerance: worst.c.tolerance,
    observedError: worst.c.observedError,
  };
}

/** A gradient { dw, db }: dw entry by entry (its length is d), then db. */
export function judgeModelGradient(what: string, actual: ModelGradient, e: Expected<ModelGradient>): Verdict {
  const dw = compareEntries(`${what}'s dw`, actual.dw, e.expected.dw, e.tolerance.dw);
  if (!dw.pass) return dw;
  return judgeValue(`${what}'s db`, actual.db, { expected: e.expected.db, tolerance: e.tolerance.db });
}

/** A model { w, b }: w entry by entry (its length is d), then b. */
export function judgeModel(what: string, actual: LinearModel, e: Expected<LinearModel>): Verdict {
  const w = compareEntries(`${what}'s w`, actual.w, e.expected.w, e.tolerance.w);
  if (!w.pass) return w;
  return judgeValue(`${what}'s b`, actual.b, { expected: e.expected.b, tolerance: e.tolerance.b });
}

/** A whole descent as the reference ran it: each cost with its bound, then the final model with its tolerance. */
export interface ExpectedMultiDescent {
  readonly costs: readonly number[];
  readonly costBounds: readonly number[];
  readonly model: LinearModel;
  readonly modelTolerance: LinearModel;
}

/** A whole descent, step by step: the number of costs, each cost within its bound, then the final model. */
export function judgeMultiDescent(actual: MultiDescentResult, e: ExpectedMultiDescent): Verdict {
  const iterations = e.costs.length - 1;
  if (actual.costs.length !== iterations + 1)
    return {
      pass: false,
      message: `costs has ${actual.costs.length} entries; with ${iterations} iterations it needs ${iterations + 1} (the cost before the first step, then one after each step).`,
      expected: iterations + 1,
      actual: actual.costs.length,
    };
  for (let k = 0; k <= iterations; k++) {
    const c = compareNumbers(actual.costs[k], e.costs[k], e.costBounds[k]);
    if (!c.ok)
      return {
        pass: false,
        message: `costs[${k}]: expected ${format(e.costs[k])}, got ${format(actual.costs[k])} (off by ${c.observedError.toPrecision(3)}, tolerance ${c.tolerance.toPrecision(3)}).`,
        expected: e.costs[k],
        actual: actual.costs[k],
        tolerance: c.tolerance,
        observedError: c.observedError,
      };
  }
  return judgeModel('the final model', actual.model, { expected: e.model, tolerance: e.modelTolerance });
}

/** The public checks of 08-multivariate that need no reference. */
export const multivariateProperties = {
  predictLinearInModel: holdsProperty({
    exercise,
    id: 'predict-linear-in-model',
    title: 'predict is linear in the model: the predictions of a sum of models, and of a multiple of one',
    points: 1,
    visibility: 'public',
    inputs: multiInputs.chain((i) =>
      fc.record({
        X: fc.constant(i.X),
        first: fc.constant(i.model),
        second: gen.linearModel(i.X[0].length),
        c: fc.constantFrom(2, -0.5, 4, -3),
      }),
    ),
    calls: (i) => {
      const sum = { w: i.first.w.map((w, j) => w + i.second.w[j]), b: i.first.b + i.second.b };
      const multiple = { w: i.first.w.map((w) => i.c * w), b: i.c * i.first.b };
      return [predictCall(i.X, i.first), predictCall(i.X, i.second), predictCall(i.X, sum), predictCall(i.X, multiple)];
    },
    holds: (i, values) => {
      const [first, second, sum, multiple] = values as number[][];
      const t1 = multiPredictionTolerance(i.X, i.first, first);
      const t2 = multiPredictionTolerance(i.X, i.second, second);
      const added = compareEntries(
        'the predictions of the two models added together',
        sum,
        first.map((p, k) => p + second[k]),
        t1.map((t, k) => 2 * (t + t2[k])),
      );
      if (!added.pass) return added;
      return compareEntries(
        `the predictions of the first model times ${i.c}`,
        multiple,
        first.map((p) => i.c * p),
        t1.map((t) => 2 * Math.abs(i.c) * t),
      );
    },
  }),
  predictFollowsRows: holdsProperty({
    exercise,
    id: 'predict-follows-rows',
    title: 'each prediction belongs to its row: reordering or repeating the rows reorders or repeats the predictions',
    points: 1,
    visibility: 'public',
    inputs: reordered,
    calls: (i) => {
      const { shuffled, doubled } = rowsOf(i);
      return [predictCall(i.X, i.model), predictCall(shuffled.X, i.model), predictCall(doubled.X, i.model)];
    },
    holds: (i, values) => {
      const [original, shuffled, doubled] = values as number[][];
      const t = multiPredictionTolerance(i.X, i.model, original);
      const expected = i.order.map((k) => original[k]);
      const tolerance = i.order.map((k) => 2 * t[k]);
      const moved = compareEntries('the predictions of the reordered rows', shuffled, expected, tolerance);
      if (!moved.pass) return moved;
      return compareEntries(
        'the predictions of the rows repeated',
        doubled,
        [...expected, ...expected],
        [...tolerance, ...tolerance],
      );
    },
  }),
  costFollowsRows: holdsProperty({
    exercise,
    id: 'cost-rows-change-nothing',
    title: 'computeCostMulti does not depend on the order of the rows, nor change when every row is repeated',
    points: 1,
    visibility: 'public',
    inputs: reordered,
    calls: (i) => {
      const { shuffled, doubled } = rowsOf(i);
      return [
        costCall(i.X, i.y, i.model),
        costCall(shuffled.X, shuffled.y, i.model),
        costCall(doubled.X, doubled.y, i.model),
      ];
    },
    holds: (i, values) => {
      const [original, shuffled, doubled] = values as number[];
      const tolerance = 2 * multiCostTolerance(i.X, i.y, i.model, original);
      const moved = judgeValue('the cost of the reordered rows', shuffled, { expected: original, tolerance });
      if (!moved.pass) return moved;
      return judgeValue('the cost of the rows repeated (it is a mean, not a sum)', doubled, {
        expected: original,
        tolerance,
      });
    },
  }),
  gradientFollowsRows: holdsProperty({
    exercise,
    id: 'gradient-rows-change-nothing',
    title: 'computeGradientMulti does not depend on the order of the rows, nor change when every row is repeated',
    points: 1,
    visibility: 'public',
    inputs: reordered,
    calls: (i) => {
      const { shuffled, doubled } = rowsOf(i);
      return [
        gradientCall(i.X, i.y, i.model),
        gradientCall(shuffled.X, shuffled.y, i.model),
        gradientCall(doubled.X, doubled.y, i.model),
      ];
    },
    holds: (i, values) => {
      const [original, shuffled, doubled] = values as ModelGradient[];
      const t = multiGradientTolerance(i.X, i.y, i.model, original);
      const tolerance = { dw: t.dw.map((v) => 2 * v), db: 2 * t.db };
      const expected = { dw: [...original.dw], db: original.db };
      const moved = judgeModelGradient('the gradient of the reordered rows', shuffled, { expected, tolerance });
      if (!moved.pass) return moved;
      return judgeModelGradient('the gradient of the rows repeated (it is a mean, not a sum)', doubled, {
        expected,
        tolerance,
      });
    },
  }),
};

/** The cost never rises at a rate below the stability limit: each entry at most the one before, up to rounding. */
function costNeverRises(i: MultiDescentInput, [value]: readonly unknown[]): Verdict {
  const costs = (value as MultiDescentResult).costs;
  for (let k = 1; k < costs.length; k++) {
    if (costs[k] > costs[k - 1] + 4 * multiCostTolerance(i.X, i.y, i.initial, costs[k - 1])) {
      return {
        pass: false,
        message: `costs[${k}] = ${costs[k]} is above costs[${k - 1}] = ${costs[k - 1]} at η = ${i.learningRate}, below the limit 2/λmax: each step should go downhill.`,
        expected: `costs[${k}] ≤ ${costs[k - 1]}`,
        actual: costs[k],
      };
    }
  }
  return PASS;
}

/**
 * Judges of the public checks of 08-multivariate that need the reference's facts, by check id
 * within the exercise. The descent's properties run at a fraction of the reference's stability
 * limit, so they too travel as frozen inputs.
 */
export const multivariateJudges = {
  'predict-worked-examples': ((_, facts, [value]) =>
    compareEntries('the predictions', value as number[], facts.expected, facts.tolerance)) as Judge<
    PredictInput,
    Expected<number[]>
  >,
  'cost-worked-examples': ((_, facts, [value]) => judgeValue('the cost', value as number, facts)) as Judge<
    MultiInput,
    Expected<number>
  >,
  /** `facts`: 01's reference cost of the same points and line. */
  'cost-one-feature-is-01': ((_, facts, [value]) =>
    judgeValue('the cost with one feature, against 01’s computeCost', value as number, facts)) as Judge<
    MultiInput,
    Expected<number>
  >,
  'gradient-worked-examples': ((_, facts, [value]) =>
    judgeModelGradient('the gradient', value as ModelGradient, facts)) as Judge<MultiInput, Expected<ModelGradient>>,
  /** `facts`: the slope of the reference cost along each parameter by central differences, with its tolerance. */
  'gradient-matches-finite-differences': ((_, facts, [value]) =>
    judgeModelGradient('the gradient against (J(θ + h·e) − J(θ − h·e)) / 2h', value as ModelGradient, facts)) as Judge<
    MultiInput,
    Expected<ModelGradient>
  >,
  /** `facts`: 02's reference gradient of the same points and line, as { dw: [dm], db }. */
  'gradient-one-feature-is-02': ((_, facts, [value]) =>
    judgeModelGradient(
      'the gradient with one feature, against 02’s computeGradient',
      value as ModelGradient,
      facts,
    )) as Judge<MultiInput, Expected<ModelGradient>>,
  'descent-worked-examples': ((_, facts, [value]) => judgeMultiDescent(value as MultiDescentResult, facts)) as Judge<
    MultiDescentInput,
    ExpectedMultiDescent
  >,
  'descent-published-run': ((_, facts, [value]) => judgeMultiDescent(value as MultiDescentResult, facts)) as Judge<
    MultiDescentInput,
    ExpectedMultiDescent
  >,
  /** `facts`: the reference cost at options.initial. */
  'descent-starts-at-initial': ((i, initialCost, [run, none]) => {
    const { costs } = run as MultiDescentResult;
    if (costs.length !== i.iterations + 1)
      return {
        pass: false,
        message: `costs has ${costs.length} entries; with ${i.iterations} iterations it needs ${i.iterations + 1} (the cost before the first step, then one after each step).`,
        expected: i.iterations + 1,
        actual: costs.length,
      };
    const first = judgeValue('costs[0], the cost at options.initial', costs[0], initialCost);
    if (!first.pass) return first;
    const still = none as MultiDescentResult;
    if (still.costs.length !== 1)
      return {
        pass: false,
        message: `with 0 iterations costs has ${still.costs.length} entries; it needs 1, the cost of options.initial.`,
        expected: 1,
        actual: still.costs.length,
      };
    const zero = { w: i.initial.w.map(() => 0), b: 0 };
    return judgeModel('the model after 0 iterations', still.model, { expected: i.initial, tolerance: zero });
  }) as Judge<MultiDescentInput, Expected<number>>,
  'descent-cost-never-rises': ((i, _, values) => costNeverRises(i, values)) as Judge<MultiDescentInput, null>,
};
