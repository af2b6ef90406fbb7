import fc from 'fast-check';
import { readPenguins } from '../../../../data/penguins';
import * as gen from '../../../checks/arbitraries';
import { isPure, judgedCheck, matchesReference } from '../../../checks/builders';
import type { CheckDefinition } from '../../../checks/check';
import type { Expected } from '../../../checks/verdicts';
import { multiCostExpectation, multiDescentExpectation } from '../../08-multivariate/grading/expectations';
import {
  identityOrder,
  judgeMiniBatch,
  miniBatchArgs,
  miniBatchCall,
  miniBatchInputs,
  miniBatchJudges as judges,
  miniBatchProperties as properties,
  miniBatchStableRate,
  type ExpectedMiniBatch,
  type MiniBatchInput,
} from '../public-checks';
import { miniBatchExpectation } from './expectations';

const exercise = '10-mini-batch';

/** The README's worked example: five rows of two features, batches of 2 (the last of 1 row), two epochs. */
export const README_RUN: MiniBatchInput = {
  X: [
    [1, 2],
    [2, 0],
    [3, 1],
    [4, 3],
    [0, 1],
  ],
  y: [3, 2, 4, 7, 1],
  initial: { w: [0, 0], b: 0 },
  learningRate: 0.03125,
  epochs: 2,
  batchSize: 2,
  orders: [
    [4, 1, 3, 0, 2],
    [2, 0, 4, 3, 1],
  ],
};

/** Seven rows of one feature (08's), batches of 3, 3 and 1, three epochs each in its own order. */
const SEVEN_ROWS = {
  X: [[-2], [-1], [0], [1], [3], [4], [6]],
  y: [1, 3, 2, 6, 5, 9, 8],
};
/** Five rows of three features whose scales differ (x₁ in the tens), as in 08. */
const FIVE_ROWS = {
  X: [
    [1, 10, -2],
    [0.5, 20, 1],
    [-1, 15, 0],
    [2, 30, 3],
    [1.5, 25, -1],
  ],
  y: [4, 6.5, 2, 11, 7],
};

/** The README's run first, exactly as it writes it (tests/kit/readme-mini-batch.test.ts holds the two together), then designed ones. */
export const RUN_EXAMPLES: MiniBatchInput[] = [
  README_RUN,
  {
    ...SEVEN_ROWS,
    initial: { w: [0.5], b: 1 },
    learningRate: 0.015625,
    epochs: 3,
    batchSize: 3,
    orders: [
      [3, 6, 0, 5, 1, 4, 2],
      [5, 2, 6, 1, 0, 3, 4],
      [0, 1, 2, 3, 4, 5, 6],
    ],
  },
  {
    ...FIVE_ROWS,
    initial: { w: [1, 0, -1], b: 2 },
    learningRate: 0.0009765625,
    epochs: 2,
    batchSize: 2,
    orders: [
      [2, 4, 0, 3, 1],
      [1, 3, 4, 2, 0],
    ],
  },
  {
    X: [[2, -1, 0.5]],
    y: [3],
    initial: { w: [0, 0, 0], b: 0 },
    learningRate: 0.0625,
    epochs: 3,
    batchSize: 1,
    orders: [[0], [0], [0]],
  },
  { ...README_RUN, initial: { w: [2, -1], b: 1 }, epochs: 0, orders: [[1, 0, 2, 4, 3]] },
];

/** The Palmer penguins: body mass against flipper length, bill length and bill depth (342 rows). */
let penguins: { X: number[][]; y: number[] } | undefined;
const penguinTable = () => {
  if (!penguins) {
    const table = readPenguins();
    penguins = { X: table.X.map((row) => [...row]), y: [...table.y] };
  }
  return penguins;
};

const shuffled = (n: number) => fc.shuffledSubarray(identityOrder(n), { minLength: n, maxLength: n });

/**
 * Larger realistic runs, one to three epochs: the generated tables whose columns differ in scale by
 * up to five orders of magnitude (two draws in three), and the penguins (one in three), each from a
 * realistic model, with batches of 1 to 64 rows and shuffled orders.
 */
const largeRuns: fc.Arbitrary<MiniBatchInput> = fc
  .oneof(
    { weight: 2, arbitrary: gen.largeFeatureData.map(({ X, y }) => ({ X, y, w: 5, b: 50 })) },
    { weight: 1, arbitrary: fc.constant(null).map(() => ({ ...penguinTable(), w: 50, b: 5000 })) },
  )
  .chain(({ X, y, w, b }) =>
    fc
      .record({
        initial: fc.record({
          w: fc.array(gen.evenly(-w, w), { minLength: X[0].length, maxLength: X[0].length }),
          b: gen.evenly(-b, b),
        }),
        fraction: gen.stableFraction,
        epochs: fc.integer({ min: 1, max: 3 }),
        batchSize: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.constant(X.length)),
      })
      .chain(({ initial, fraction, epochs, batchSize }) =>
        fc.array(shuffled(X.length), { minLength: epochs, maxLength: epochs }).map((orders) => ({
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

/** Two epochs or more, each in an order of its own that is not 0, 1, …, N − 1, in batches smaller than the table. */
const ownOrders: fc.Arbitrary<MiniBatchInput> = miniBatchInputs({
  minRows: 3,
  minEpochs: 2,
  maxEpochs: 5,
  sizes: 'below-rows',
}).chain((i) =>
  fc
    .uniqueArray(shuffled(i.X.length), {
      minLength: i.epochs,
      maxLength: i.epochs,
      selector: (order) => order.join(','),
    })
    .filter((orders) => orders.every((order) => order.some((k, position) => k !== position)))
    .map((orders) => ({ ...i, orders })),
);

/** A table whose row count is not a multiple of the batch size: the last batch of each epoch is shorter. */
const unevenRuns: fc.Arbitrary<MiniBatchInput> = miniBatchInputs({ minRows: 3, minEpochs: 1, maxEpochs: 4 }).chain(
  (i) =>
    fc
      .integer({ min: 2, max: i.X.length - 1 })
      .filter((size) => i.X.length % size !== 0)
      .map((batchSize) => ({ ...i, batchSize })),
);

const expectedRun = (i: MiniBatchInput) => miniBatchExpectation(i);
const compareRun = (actual: Parameters<typeof judgeMiniBatch>[0], i: MiniBatchInput) =>
  judgeMiniBatch(actual, expectedRun(i));

/** The arguments as purity compares them: X, y and the options without `order`, a function. */
const plainArguments = ([X, y, options]: readonly unknown[]): unknown[] => {
  if (options === null || typeof options !== 'object') return [X, y, options];
  const { order: _order, ...plain } = options as Record<string, unknown>;
  return [X, y, plain];
};

/** Every check of 10-mini-batch, public and hidden, in report order. */
export const miniBatchChecks: CheckDefinition<any>[] = [
  judgedCheck<MiniBatchInput, ExpectedMiniBatch>({
    exercise,
    id: 'worked-examples',
    title: 'miniBatchGradientDescent matches the worked examples',
    points: 3,
    visibility: 'public',
    kind: 'reference',
    inputs: miniBatchInputs(),
    examples: RUN_EXAMPLES,
    calls: (i) => [miniBatchCall(i)],
    facts: expectedRun,
    judge: judges['worked-examples'],
  }),
  judgedCheck<MiniBatchInput, ExpectedMiniBatch>({
    exercise,
    id: 'full-batch-is-08',
    title: 'with batchSize ≥ N, each epoch is one step of 08’s gradientDescentMulti, whatever the order',
    points: 2,
    visibility: 'public',
    kind: 'property',
    inputs: miniBatchInputs({ sizes: 'at-least-rows' }),
    calls: (i) => [miniBatchCall(i)],
    facts: (i) => multiDescentExpectation(i.X, i.y, i.initial, i.learningRate, i.epochs),
    judge: judges['full-batch-is-08'],
  }),
  judgedCheck<MiniBatchInput, ExpectedMiniBatch>({
    exercise,
    id: 'one-row-batches-are-sgd',
    title: 'with batchSize = 1 and the rows in index order, the run is plain SGD: one step per row',
    points: 2,
    visibility: 'public',
    kind: 'property',
    inputs: miniBatchInputs({ minRows: 2, minEpochs: 1, maxEpochs: 3, sizes: 'one' }).map((i) => ({
      ...i,
      orders: i.orders.map(() => identityOrder(i.X.length)),
    })),
    calls: (i) => [miniBatchCall(i)],
    facts: expectedRun,
    judge: judges['one-row-batches-are-sgd'],
  }),
  judgedCheck<MiniBatchInput, Expected<number>>({
    exercise,
    id: 'starts-at-initial',
    title: 'miniBatchGradientDescent records epochs + 1 costs on all rows from options.initial, and 0 epochs return it',
    points: 1,
    visibility: 'public',
    kind: 'property',
    inputs: miniBatchInputs({ minRows: 2, minEpochs: 1, maxEpochs: 4, sizes: 'below-rows' }).map((i) =>
      i.initial.w.every((w) => w === 0) && i.initial.b === 0
        ? { ...i, initial: { w: i.initial.w.map(() => 1), b: -2 } }
        : i,
    ),
    calls: (i) => [miniBatchCall(i), miniBatchCall({ ...i, epochs: 0 })],
    facts: (i) => multiCostExpectation(i.X, i.y, i.initial),
    judge: judges['starts-at-initial'],
  }),
  properties.rowsFollowOrder,
  matchesReference<MiniBatchInput, Parameters<typeof judgeMiniBatch>[0]>({
    exercise,
    id: 'uses-learning-rate',
    title: 'miniBatchGradientDescent uses options.learningRate (several rates on the same run)',
    points: 1,
    visibility: 'hidden',
    inputs: miniBatchInputs({ minRows: 2, minEpochs: 1, maxEpochs: 3 }).chain((i) =>
      fc.constantFrom(0.1, 0.37, 0.5, 0.83).map((f) => ({ ...i, learningRate: f * miniBatchStableRate(i.X) })),
    ),
    fn: 'miniBatchGradientDescent',
    args: miniBatchArgs,
    compare: compareRun,
  }),
  matchesReference<MiniBatchInput, Parameters<typeof judgeMiniBatch>[0]>({
    exercise,
    id: 'follows-each-epochs-order',
    title: 'each epoch visits the rows in its own order(e): several epochs, each shuffled differently',
    points: 2,
    visibility: 'hidden',
    inputs: ownOrders,
    numRuns: 30,
    fn: 'miniBatchGradientDescent',
    args: miniBatchArgs,
    compare: compareRun,
  }),
  matchesReference<MiniBatchInput, Parameters<typeof judgeMiniBatch>[0]>({
    exercise,
    id: 'uneven-last-batch',
    title: 'when batchSize does not divide N, the last batch of each epoch is shorter and still a step of its own',
    points: 1,
    visibility: 'hidden',
    inputs: unevenRuns,
    numRuns: 30,
    fn: 'miniBatchGradientDescent',
    args: miniBatchArgs,
    compare: compareRun,
  }),
  matchesReference<MiniBatchInput, Parameters<typeof judgeMiniBatch>[0]>({
    exercise,
    id: 'matches-reference',
    title: 'miniBatchGradientDescent matches the reference on random runs',
    points: 3,
    visibility: 'hidden',
    inputs: miniBatchInputs(),
    numRuns: 40,
    fn: 'miniBatchGradientDescent',
    args: miniBatchArgs,
    compare: compareRun,
  }),
  matchesReference<MiniBatchInput, Parameters<typeof judgeMiniBatch>[0]>({
    exercise,
    id: 'matches-reference-large',
    title: 'miniBatchGradientDescent matches the reference on larger, realistic tables (the penguins among them)',
    points: 2,
    visibility: 'hidden',
    inputs: largeRuns,
    numRuns: 6,
    fn: 'miniBatchGradientDescent',
    args: miniBatchArgs,
    compare: compareRun,
  }),
  isPure<MiniBatchInput>({
    exercise,
    id: 'pure',
    title: 'miniBatchGradientDescent leaves X, y and its options unchanged and answers the same call the same way',
    points: 1,
    visibility: 'hidden',
    inputs: miniBatchInputs({ minEpochs: 1 }),
    numRuns: 10,
    fn: 'miniBatchGradientDescent',
    args: miniBatchArgs,
    compared: plainArguments,
  }),
];
