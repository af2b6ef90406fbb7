import fc from 'fast-check';
import type { LinearModel, Matrix, MultiDescentResult } from '../../../../exercises/types';
import * as gen from '../../checks/arbitraries';
import { holdsProperty } from '../../checks/builders';
import { PASS, type Judge, type Verdict } from '../../checks/check';
import { compareNumbers, HEADROOM, UNIT_ROUNDOFF } from '../../checks/tolerance';
import { format, judgeValue, type Expected } from '../../checks/verdicts';
import { compareEntries, judgeModel } from '../08-multivariate/public-checks';

const exercise = '10-mini-batch';

/** An `order` argument as the door sends it: the permutation of 0 … N−1 for each epoch, in turn. */
export interface EpochOrder {
  readonly permutations: readonly (readonly number[])[];
}

/**
 * The `order(epoch)` function a `{ $order }` argument becomes, here and in the realm
 * (grader/shipped/door/realm-kit.js `epochOrder`, which must agree): the epoch's permutation as a
 * fresh array; an epoch past the last, negative, fractional or not a number wraps onto the list.
 */
export function epochOrder(spec: EpochOrder): (epoch: number) => number[] {
  const count = spec.permutations.length;
  return (epoch) => {
    let k = typeof epoch === 'number' && Number.isFinite(epoch) ? Math.trunc(epoch) : 0;
    k = count ? ((k % count) + count) % count : 0;
    return count ? [...spec.permutations[k]] : [];
  };
}

/**
 * One run of 10-mini-batch as a check holds it: plain data. `orders[e]` is the permutation of the
 * rows that `order(e)` returns (one per epoch, at least one), which the door hands to the
 * student's code as a function.
 */
export type MiniBatchInput = {
  X: number[][];
  y: number[];
  initial: LinearModel;
  learningRate: number;
  epochs: number;
  batchSize: number;
  orders: number[][];
};

/** The options of a run as the door sends them, `order` as `{ $order: { permutations } }`. */
export const miniBatchOptionsOf = (i: MiniBatchInput) => ({
  initial: i.initial,
  learningRate: i.learningRate,
  epochs: i.epochs,
  batchSize: i.batchSize,
  order: { $order: { permutations: i.orders } },
});
export const miniBatchArgs = (i: MiniBatchInput): unknown[] => [i.X, i.y, miniBatchOptionsOf(i)];
export const miniBatchCall = (i: MiniBatchInput) =>
  ({ exercise, fn: 'miniBatchGradientDescent', args: miniBatchArgs(i) }) as const;

/**
 * The largest rate at which every batch's step is a contraction, whatever rows the batch holds:
 * 1 / max‖(xᵢ, 1)‖². A batch's Hessian (2/B)·Σ aᵢaᵢᵀ (aᵢ = (xᵢ, 1)) has no eigenvalue above
 * 2·max‖aᵢ‖², so below this rate no step amplifies what the steps before it got wrong, and
 * rounding errors at most add up. A batch of the one widest row reaches it.
 */
export function miniBatchStableRate(X: Matrix): number {
  let widest = 0;
  for (const row of X)
    widest = Math.max(
      widest,
      row.reduce((s, v) => s + v * v, 1),
    );
  return 1 / widest;
}

export const identityOrder = (n: number) => Array.from({ length: n }, (_, i) => i);

/** A permutation of 0 … n − 1: the identity one time in five, otherwise shuffled. */
export const permutationOf = (n: number): fc.Arbitrary<number[]> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant(identityOrder(n)) },
    { weight: 4, arbitrary: fc.shuffledSubarray(identityOrder(n), { minLength: n, maxLength: n }) },
  );

/** Which batch sizes a family of runs draws, for N rows. */
export type BatchSizes = 'any' | 'below-rows' | 'at-least-rows' | 'one';

const batchSizeOf = (n: number, sizes: BatchSizes): fc.Arbitrary<number> => {
  switch (sizes) {
    case 'one':
      return fc.constant(1);
    case 'below-rows':
      return fc.integer({ min: 1, max: Math.max(1, n - 1) });
    case 'at-least-rows':
      return fc.constantFrom(n, n + 1, n + 4, 1000);
    case 'any':
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 1, max: n }) },
        { weight: 1, arbitrary: fc.constant(n + 2) },
      );
  }
};

/**
 * Runs on small exactly representable tables (N from `minRows` to 12, d from 1 to 4) from a model
 * of multiples of 1/8, at a fraction of the rate below which every batch step is a contraction,
 * with one permutation per epoch.
 */
export function miniBatchInputs(
  spec: { minRows?: number; minEpochs?: number; maxEpochs?: number; sizes?: BatchSizes } = {},
): fc.Arbitrary<MiniBatchInput> {
  const { minRows = 1, minEpochs = 0, maxEpochs = 5, sizes = 'any' } = spec;
  return gen.featureData(minRows, 4).chain(({ X, y }) =>
    fc
      .record({
        initial: gen.linearModel(X[0].length),
        fraction: gen.stableFraction,
        epochs: fc.integer({ min: minEpochs, max: maxEpochs }),
        batchSize: batchSizeOf(X.length, sizes),
      })
      .chain(({ initial, fraction, epochs, batchSize }) =>
        fc
          .array(permutationOf(X.length), { minLength: Math.max(1, epochs), maxLength: Math.max(1, epochs) })
          .map((orders) => ({
            X,
            y,
            initial,
            learningRate: fraction * miniBatchStableRate(X),
            epochs,
            batchSize,
            orders,
          })),
      ),
  );
}

/** How many steps a run takes: one per batch, ⌈N / batchSize⌉ per epoch. */
export const stepsOf = (i: MiniBatchInput) => i.epochs * Math.ceil(i.X.length / i.batchSize);

/**
 * How far rounding alone can move two correct runs of the same rows apart, from the magnitudes of
 * the table and of the models the runs pass through (their start and their ends): each step's
 * rounding is that of a sum of at most batchSize + d + 2 terms per partial derivative, each term at
 * most 2·|x_ij|·(Σ_j |w_j·x_ij| + |b| + |yᵢ|), and below `miniBatchStableRate` a step adds its
 * rounding to the earlier errors without amplifying them (in the Euclidean norm of (w, b), which
 * bounds every entry). Each cost adds its own rounding and what the model's error moves it.
 */
export function roundingBetweenRuns(
  i: MiniBatchInput,
  models: readonly LinearModel[],
): { model: number; costs: number } {
  const u = HEADROOM * UNIT_ROUNDOFF;
  const d = i.X[0].length;
  const terms = Math.min(i.batchSize, i.X.length) + d + 2;
  let step = 0;
  let slope = 0;
  let cost = 0;
  for (const m of models) {
    const magnitude = i.X.map((row, r) =>
      row.reduce((s, v, j) => s + Math.abs(m.w[j] * v), Math.abs(m.b) + Math.abs(i.y[r])),
    );
    const largest = (weight: (row: readonly number[]) => number) =>
      Math.max(...i.X.map((row, r) => 2 * weight(row) * magnitude[r]));
    const columns = [...m.w.map((_, j) => (row: readonly number[]) => Math.abs(row[j])), () => 1];
    const parameters = [...m.w, m.b];
    step = Math.max(
      step,
      columns.reduce((s, weight, j) => {
        const change = i.learningRate * largest(weight);
        return s + u * (terms * change + Math.abs(parameters[j]) + change);
      }, 0),
    );
    slope = Math.max(
      slope,
      columns.reduce((s, weight) => s + largest(weight), 0),
    );
    cost = Math.max(cost, u * (i.X.length + d + 2) * Math.max(...magnitude.map((p) => p * p)));
  }
  const model = stepsOf(i) * step;
  return { model: 2 * model, costs: 2 * (cost + slope * model) };
}

/** The same rows and targets listed in another order: row k of the new table is row `moved[k]` of the old. */
export function reorderedRows(i: MiniBatchInput, moved: readonly number[]): MiniBatchInput {
  const position = new Array<number>(moved.length);
  moved.forEach((old, k) => (position[old] = k));
  return {
    ...i,
    X: moved.map((k) => i.X[k]),
    y: moved.map((k) => i.y[k]),
    orders: i.orders.map((order) => order.map((old) => position[old])),
  };
}

const epochsWord = (n: number) => `${n} epoch${n === 1 ? '' : 's'}`;

/** `costs` has one entry before the first epoch and one after each: epochs + 1. */
export function costsLengthProblem(i: { epochs: number }, costs: readonly number[]): Verdict | undefined {
  if (costs.length === i.epochs + 1) return undefined;
  return {
    pass: false,
    message: `costs has ${costs.length} entries; with ${epochsWord(i.epochs)} it needs ${i.epochs + 1}: J on all rows before the first epoch, then once after each epoch (not after each batch).`,
    expected: i.epochs + 1,
    actual: costs.length,
  };
}

/** A whole run as the reference made it: each cost with its bound, then the final model with its tolerance. */
export interface ExpectedMiniBatch {
  readonly costs: readonly number[];
  readonly costBounds: readonly number[];
  readonly model: LinearModel;
  readonly modelTolerance: LinearModel;
}

/** A whole run, epoch by epoch: the number of costs, each cost within its bound, then the final model. */
export function judgeMiniBatch(actual: MultiDescentResult, e: ExpectedMiniBatch): Verdict {
  const length = costsLengthProblem({ epochs: e.costs.length - 1 }, actual.costs);
  if (length) return length;
  for (let k = 0; k < e.costs.length; k++) {
    const c = compareNumbers(actual.costs[k], e.costs[k], e.costBounds[k]);
    if (!c.ok)
      return {
        pass: false,
        message: `costs[${k}]${k === 0 ? ', J(initial) on all rows,' : `, J on all rows after epoch ${k - 1},`} expected ${format(e.costs[k])}, got ${format(actual.costs[k])} (off by ${c.observedError.toPrecision(3)}, tolerance ${c.tolerance.toPrecision(3)}).`,
        expected: e.costs[k],
        actual: actual.costs[k],
        tolerance: c.tolerance,
        observedError: c.observedError,
      };
  }
  return judgeModel('the final model', actual.model, { expected: e.model, tolerance: e.modelTolerance });
}

/** The public checks of 10-mini-batch that need no reference. */
export const miniBatchProperties = {
  rowsFollowOrder: holdsProperty({
    exercise,
    id: 'rows-follow-order',
    title:
      'the run follows order(e): the same rows listed in another order, with order(e) naming the same rows, give the same run',
    points: 2,
    visibility: 'public',
    inputs: miniBatchInputs({ minRows: 2, minEpochs: 1, maxEpochs: 4, sizes: 'below-rows' }).chain((i) =>
      fc
        .shuffledSubarray(identityOrder(i.X.length), { minLength: i.X.length, maxLength: i.X.length })
        .filter((moved) => moved.some((k, position) => k !== position))
        .map((moved) => ({ ...i, moved })),
    ),
    calls: (i) => [miniBatchCall(i), miniBatchCall(reorderedRows(i, i.moved))],
    holds: (i, values) => {
      const [original, moved] = values as MultiDescentResult[];
      const length = costsLengthProblem(i, original.costs) ?? costsLengthProblem(i, moved.costs);
      if (length) return length;
      const bound = roundingBetweenRuns(i, [i.initial, original.model, moved.model]);
      const costs = compareEntries(
        'the costs of the reordered table',
        moved.costs,
        original.costs,
        original.costs.map(() => bound.costs),
      );
      if (!costs.pass)
        return {
          ...costs,
          message: `${costs.message} Listing the rows in another order and order(e) with them visits the same rows in the same batches; a run that reads the rows in index order instead of order(e)’s does not.`,
        };
      return judgeModel('the final model of the reordered table', moved.model, {
        expected: original.model,
        tolerance: { w: original.model.w.map(() => bound.model), b: bound.model },
      });
    },
  }),
};

/** The run's length, costs[0] against J(initial) on all rows, and a run of 0 epochs. */
function judgeStart(i: MiniBatchInput, initialCost: Expected<number>, [run, none]: readonly unknown[]): Verdict {
  const { costs } = run as MultiDescentResult;
  const length = costsLengthProblem(i, costs);
  if (length) return length;
  const first = judgeValue('costs[0], the cost of options.initial on all rows', costs[0], initialCost);
  if (!first.pass) return first;
  const still = none as MultiDescentResult;
  if (still.costs.length !== 1)
    return {
      pass: false,
      message: `with 0 epochs costs has ${still.costs.length} entries; it needs 1, the cost of options.initial.`,
      expected: 1,
      actual: still.costs.length,
    };
  const zero = { w: i.initial.w.map(() => 0), b: 0 };
  return judgeModel('the model after 0 epochs', still.model, { expected: i.initial, tolerance: zero });
}

const runJudge = (what: string) =>
  ((_, facts, [value]) => {
    const verdict = judgeMiniBatch(value as MultiDescentResult, facts);
    return verdict.pass ? PASS : { ...verdict, message: `${what}: ${verdict.message}` };
  }) as Judge<MiniBatchInput, ExpectedMiniBatch>;

/**
 * The judges of 10-mini-batch's public checks judged from the reference's facts, by check id
 * within the exercise. The runs draw their rates from the table (a fraction of
 * `miniBatchStableRate`), and their facts are the reference's runs, so they travel as frozen inputs.
 */
export const miniBatchJudges = {
  'worked-examples': runJudge('the run'),
  /** `facts`: 08's reference descent of the same table, `epochs` iterations. */
  'full-batch-is-08': runJudge('with batchSize ≥ N, against 08’s gradientDescentMulti with iterations = epochs'),
  /** `facts`: plain SGD, one step per row in index order with the gradient of that row alone. */
  'one-row-batches-are-sgd': runJudge('with batchSize = 1 and order(e) = 0, 1, …, N − 1, against plain SGD'),
  /** `facts`: the reference cost of options.initial on all rows. */
  'starts-at-initial': judgeStart as Judge<MiniBatchInput, Expected<number>>,
};
