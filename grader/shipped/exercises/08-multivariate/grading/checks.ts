import fc from 'fast-check';
import type { LinearModel, Line, Point } from '../../../../../exercises/types';
import { readPenguins } from '../../../../data/penguins';
import { readPointsCsv } from '../../../../data/read-points';
import { SEED_DATA_CSV } from '../../../../data/paths';
import { costExpectation, gradientExpectation } from '../../../../reference/compare';
import * as gen from '../../../checks/arbitraries';
import { isPure, judgedCheck, matchesReference } from '../../../checks/builders';
import type { CheckDefinition } from '../../../checks/check';
import type { Expected } from '../../../checks/verdicts';
import {
  compareEntries,
  costCall,
  descentCall,
  descentOptionsOf,
  gradientCall,
  judgeModelGradient,
  judgeMultiDescent,
  multiInputs as smallInputs,
  multivariateJudges as judges,
  multivariateProperties as properties,
  predictCall,
  type ExpectedMultiDescent,
  type MultiDescentInput,
  type MultiInput,
  type PredictInput,
} from '../public-checks';
import {
  finiteDifferenceExpectation,
  multiCostExpectation,
  multiDescentExpectation,
  multiGradientExpectation,
  multiStableLearningRate,
  predictExpectation,
} from './expectations';
import { judgeValue } from '../../../checks/verdicts';

const exercise = '08-multivariate';

/** The README's worked example: four rows of two features. */
const README_TABLE = {
  X: [
    [1, 2],
    [2, 0],
    [3, 1],
    [4, 3],
  ],
  y: [3, 2, 4, 7],
};
const README_MODEL: LinearModel = { w: [1, 0.5], b: 0.5 };

/** One row of three features (N < d + 1), and seven rows of one feature off the optimum with Σx ≠ 0. */
const ONE_ROW = { X: [[2, -1, 0.5]], y: [3] };
const SEVEN_ROWS = {
  X: [[-2], [-1], [0], [1], [3], [4], [6]],
  y: [1, 3, 2, 6, 5, 9, 8],
};
/** Three features whose scales differ (x₁ in the tens), five rows. */
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

/**
 * The README's worked examples first, exactly as it writes them (tests/kit/readme-worked-example-multivariate.test.ts
 * holds the two together), then designed ones.
 */
export const PREDICT_EXAMPLES: PredictInput[] = [
  { X: README_TABLE.X, model: README_MODEL },
  { X: ONE_ROW.X, model: { w: [1, 2, -4], b: 0.25 } },
  { X: FIVE_ROWS.X, model: { w: [0.5, -0.125, 2], b: 1 } },
];

export const MULTI_EXAMPLES: MultiInput[] = [
  { ...README_TABLE, model: README_MODEL },
  { ...ONE_ROW, model: { w: [1, 2, -4], b: 0.25 } },
  { ...SEVEN_ROWS, model: { w: [0.5], b: 1 } },
  { ...FIVE_ROWS, model: { w: [0.5, -0.125, 2], b: 1 } },
];

export const DESCENT_EXAMPLES: MultiDescentInput[] = [
  { ...README_TABLE, initial: README_MODEL, learningRate: 0.0625, iterations: 2 },
  { ...ONE_ROW, initial: { w: [0, 0, 0], b: 0 }, learningRate: 0.0625, iterations: 3 },
  { ...SEVEN_ROWS, initial: { w: [0.5], b: 1 }, learningRate: 0.015625, iterations: 4 },
  { ...FIVE_ROWS, initial: { w: [1, 0, -1], b: 2 }, learningRate: 0.0009765625, iterations: 5 },
  { ...README_TABLE, initial: { w: [2, -1], b: 1 }, learningRate: 0.03125, iterations: 0 },
];

const asTable = (points: readonly Point[]) => ({ X: points.map((p) => [p.x]), y: points.map((p) => p.y) });
const asModel = (line: Line): LinearModel => ({ w: [line.m], b: line.b });

/** The seeds' published run (seed 000's `run()`) with data.csv as a table of one feature: 04's run, the same numbers. */
export const PUBLISHED_RUN_MULTI: MultiDescentInput = {
  ...asTable(readPointsCsv(SEED_DATA_CSV)),
  initial: { w: [0], b: 0 },
  learningRate: 0.0001,
  iterations: 1000,
};

/** The Palmer penguins: body mass against flipper length, bill length and bill depth (342 rows). */
let penguins: { X: number[][]; y: number[] } | undefined;
const penguinTable = () => {
  if (!penguins) {
    const table = readPenguins();
    penguins = { X: table.X.map((row) => [...row]), y: [...table.y] };
  }
  return penguins;
};

/** A realistic model of d features: each weight evenly in [−w, w], b evenly in [−b, b]. */
const realModel = (d: number, w: number, b: number) =>
  fc.record({ w: fc.array(gen.evenly(-w, w), { minLength: d, maxLength: d }), b: gen.evenly(-b, b) });

/**
 * Larger realistic tables: the generated ones whose columns differ in scale by up to five orders
 * of magnitude (two draws in three), and the penguins (one in three), each with a realistic model.
 */
const largeInputs: fc.Arbitrary<MultiInput> = fc.oneof(
  {
    weight: 2,
    arbitrary: gen.largeFeatureData.chain(({ X, y }) =>
      realModel(X[0].length, 5, 50).map((model) => ({ X, y, model })),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constant(null).chain(() => {
      const { X, y } = penguinTable();
      return realModel(3, 50, 5000).map((model) => ({ X, y, model }));
    }),
  },
);

/** One feature: 01's and 02's points and line as a table of one column and a model of one weight. */
const oneFeatureInputs: fc.Arbitrary<MultiInput & { points: Point[]; line: Line }> = fc
  .record({ points: gen.points(1, 12), line: gen.line })
  .map(({ points, line }) => ({ ...asTable(points), model: asModel(line), points, line }));

/** Descents at a fraction of the stability limit, 0 to 30 steps. */
const stableInputs: fc.Arbitrary<MultiDescentInput> = fc
  .record({ table: smallInputs, fraction: gen.stableFraction, iterations: fc.integer({ min: 0, max: 30 }) })
  .map(({ table, fraction, iterations }) => ({
    X: table.X,
    y: table.y,
    initial: table.model,
    learningRate: fraction * multiStableLearningRate(table.X),
    iterations,
  }));

const largeDescents: fc.Arbitrary<MultiDescentInput> = fc
  .record({ table: largeInputs, fraction: gen.stableFraction, iterations: fc.integer({ min: 1, max: 20 }) })
  .map(({ table, fraction, iterations }) => ({
    X: table.X,
    y: table.y,
    initial: table.model,
    learningRate: fraction * multiStableLearningRate(table.X),
    iterations,
  }));

const expectedRun = (i: MultiDescentInput) =>
  multiDescentExpectation(i.X, i.y, i.initial, i.learningRate, i.iterations);
const comparePredictions = (actual: number[], i: PredictInput) => {
  const e = predictExpectation(i.X, i.model);
  return compareEntries('the predictions', actual, e.expected, e.tolerance);
};
const compareCost = (actual: number, i: MultiInput) =>
  judgeValue('the cost', actual, multiCostExpectation(i.X, i.y, i.model));
const compareGradient = (actual: ModelGradientAnswer, i: MultiInput) =>
  judgeModelGradient('the gradient', actual, multiGradientExpectation(i.X, i.y, i.model));
type ModelGradientAnswer = Parameters<typeof judgeModelGradient>[1];
const descentArgs = (i: MultiDescentInput) => [i.X, i.y, descentOptionsOf(i)];
const noFacts = () => null;

/** Every check of 08-multivariate, public and hidden, in report order: predict, the cost, the gradient, the descent. */
export const multivariateChecks: CheckDefinition<any>[] = [
  judgedCheck<PredictInput, Expected<number[]>>({
    exercise,
    id: 'predict-worked-examples',
    title: 'predict matches the worked examples',
    points: 1,
    visibility: 'public',
    kind: 'reference',
    inputs: smallInputs,
    examples: PREDICT_EXAMPLES,
    calls: (i) => [predictCall(i.X, i.model)],
    facts: (i) => predictExpectation(i.X, i.model),
    judge: judges['predict-worked-examples'],
  }),
  properties.predictLinearInModel,
  properties.predictFollowsRows,
  matchesReference<PredictInput, number[]>({
    exercise,
    id: 'predict-matches-reference',
    title: 'predict matches the reference on random tables, small and realistic',
    points: 2,
    visibility: 'hidden',
    inputs: fc.oneof({ weight: 4, arbitrary: smallInputs }, { weight: 1, arbitrary: largeInputs }),
    numRuns: 40,
    fn: 'predict',
    args: (i) => [i.X, i.model],
    compare: comparePredictions,
  }),
  isPure<PredictInput>({
    exercise,
    id: 'predict-pure',
    title: 'predict leaves its arguments unchanged and answers the same call the same way',
    points: 1,
    visibility: 'hidden',
    inputs: smallInputs,
    numRuns: 10,
    fn: 'predict',
    args: (i) => [i.X, i.model],
  }),

  judgedCheck<MultiInput, Expected<number>>({
    exercise,
    id: 'cost-worked-examples',
    title: 'computeCostMulti matches the worked examples',
    points: 1,
    visibility: 'public',
    kind: 'reference',
    inputs: smallInputs,
    examples: MULTI_EXAMPLES,
    calls: (i) => [costCall(i.X, i.y, i.model)],
    facts: (i) => multiCostExpectation(i.X, i.y, i.model),
    judge: judges['cost-worked-examples'],
  }),
  judgedCheck<MultiInput & { points: Point[]; line: Line }, Expected<number>>({
    exercise,
    id: 'cost-one-feature-is-01',
    title: 'with one feature, computeCostMulti is 01’s computeCost (X = [[x]], w = [m])',
    points: 1,
    visibility: 'public',
    kind: 'property',
    inputs: oneFeatureInputs,
    calls: (i) => [costCall(i.X, i.y, i.model)],
    facts: (i) => costExpectation(i.points, i.line),
    judge: judges['cost-one-feature-is-01'],
  }),
  properties.costFollowsRows,
  matchesReference<MultiInput, number>({
    exercise,
    id: 'cost-matches-reference',
    title: 'computeCostMulti matches the reference on random small tables',
    points: 2,
    visibility: 'hidden',
    inputs: smallInputs,
    numRuns: 50,
    fn: 'computeCostMulti',
    args: (i) => [i.X, i.y, i.model],
    compare: compareCost,
  }),
  matchesReference<MultiInput, number>({
    exercise,
    id: 'cost-matches-reference-large',
    title: 'computeCostMulti matches the reference on larger, realistic tables (the penguins among them)',
    points: 1,
    visibility: 'hidden',
    inputs: largeInputs,
    numRuns: 10,
    fn: 'computeCostMulti',
    args: (i) => [i.X, i.y, i.model],
    compare: compareCost,
  }),
  isPure<MultiInput>({
    exercise,
    id: 'cost-pure',
    title: 'computeCostMulti leaves its arguments unchanged and answers the same call the same way',
    points: 1,
    visibility: 'hidden',
    inputs: smallInputs,
    numRuns: 10,
    fn: 'computeCostMulti',
    args: (i) => [i.X, i.y, i.model],
  }),

  judgedCheck<MultiInput, Expected<ModelGradientAnswer>>({
    exercise,
    id: 'gradient-worked-examples',
    title: 'computeGradientMulti matches the worked examples',
    points: 1,
    visibility: 'public',
    kind: 'reference',
    inputs: smallInputs,
    examples: MULTI_EXAMPLES,
    calls: (i) => [gradientCall(i.X, i.y, i.model)],
    facts: (i) => multiGradientExpectation(i.X, i.y, i.model),
    judge: judges['gradient-worked-examples'],
  }),
  judgedCheck<MultiInput, Expected<ModelGradientAnswer>>({
    exercise,
    id: 'gradient-matches-finite-differences',
    title: 'computeGradientMulti agrees with the slope of the cost measured by central differences (h = 1)',
    points: 1,
    visibility: 'public',
    kind: 'property',
    inputs: smallInputs,
    calls: (i) => [gradientCall(i.X, i.y, i.model)],
    facts: (i) => finiteDifferenceExpectation(i.X, i.y, i.model),
    judge: judges['gradient-matches-finite-differences'],
  }),
  judgedCheck<MultiInput & { points: Point[]; line: Line }, Expected<ModelGradientAnswer>>({
    exercise,
    id: 'gradient-one-feature-is-02',
    title: 'with one feature, computeGradientMulti is 02’s computeGradient (dw = [dm])',
    points: 1,
    visibility: 'public',
    kind: 'property',
    inputs: oneFeatureInputs,
    calls: (i) => [gradientCall(i.X, i.y, i.model)],
    facts: (i) => {
      const { expected, tolerance } = gradientExpectation(i.points, i.line);
      return { expected: { dw: [expected.dm], db: expected.db }, tolerance: { dw: [tolerance.dm], db: tolerance.db } };
    },
    judge: judges['gradient-one-feature-is-02'],
  }),
  properties.gradientFollowsRows,
  matchesReference<MultiInput, ModelGradientAnswer>({
    exercise,
    id: 'gradient-matches-reference',
    title: 'computeGradientMulti matches the reference on random small tables',
    points: 2,
    visibility: 'hidden',
    inputs: smallInputs,
    numRuns: 50,
    fn: 'computeGradientMulti',
    args: (i) => [i.X, i.y, i.model],
    compare: compareGradient,
  }),
  matchesReference<MultiInput, ModelGradientAnswer>({
    exercise,
    id: 'gradient-matches-reference-large',
    title: 'computeGradientMulti matches the reference on larger, realistic tables (the penguins among them)',
    points: 1,
    visibility: 'hidden',
    inputs: largeInputs,
    numRuns: 10,
    fn: 'computeGradientMulti',
    args: (i) => [i.X, i.y, i.model],
    compare: compareGradient,
  }),
  isPure<MultiInput>({
    exercise,
    id: 'gradient-pure',
    title: 'computeGradientMulti leaves its arguments unchanged and answers the same call the same way',
    points: 1,
    visibility: 'hidden',
    inputs: smallInputs,
    numRuns: 10,
    fn: 'computeGradientMulti',
    args: (i) => [i.X, i.y, i.model],
  }),

  judgedCheck<MultiDescentInput, ExpectedMultiDescent>({
    exercise,
    id: 'descent-worked-examples',
    title: 'gradientDescentMulti matches the worked examples',
    points: 1,
    visibility: 'public',
    kind: 'reference',
    inputs: stableInputs,
    examples: DESCENT_EXAMPLES,
    calls: (i) => [descentCall(i)],
    facts: expectedRun,
    judge: judges['descent-worked-examples'],
  }),
  judgedCheck<MultiDescentInput, ExpectedMultiDescent>({
    exercise,
    id: 'descent-published-run',
    title:
      'with data.csv as one feature, gradientDescentMulti reproduces 04’s published run (b = 0.0889, w = [1.4777], error = 112.61)',
    points: 1,
    visibility: 'public',
    kind: 'reference',
    inputs: stableInputs,
    examples: [PUBLISHED_RUN_MULTI],
    calls: (i) => [descentCall(i)],
    facts: expectedRun,
    judge: judges['descent-published-run'],
  }),
  judgedCheck<MultiDescentInput, Expected<number>>({
    exercise,
    id: 'descent-starts-at-initial',
    title: 'gradientDescentMulti records iterations + 1 costs from options.initial, and 0 iterations return it',
    points: 1,
    visibility: 'public',
    kind: 'property',
    inputs: stableInputs.map((i) =>
      i.initial.w.every((w) => w === 0) && i.initial.b === 0
        ? { ...i, initial: { w: i.initial.w.map(() => 1), b: -2 } }
        : i,
    ),
    calls: (i) => [descentCall(i), descentCall({ ...i, iterations: 0 })],
    facts: (i) => multiCostExpectation(i.X, i.y, i.initial),
    judge: judges['descent-starts-at-initial'],
  }),
  judgedCheck<MultiDescentInput, null>({
    exercise,
    id: 'descent-cost-never-rises',
    title: 'the recorded cost never rises below the stability limit',
    points: 1,
    visibility: 'public',
    kind: 'property',
    inputs: stableInputs,
    calls: (i) => [descentCall(i)],
    facts: noFacts,
    judge: judges['descent-cost-never-rises'],
  }),
  matchesReference<MultiDescentInput, Parameters<typeof judgeMultiDescent>[0]>({
    exercise,
    id: 'descent-uses-learning-rate',
    title: 'gradientDescentMulti uses options.learningRate (several rates on the same table)',
    points: 1,
    visibility: 'hidden',
    inputs: stableInputs.chain((i) =>
      fc.constantFrom(0.1, 0.37, 0.5, 0.83).map((f) => ({
        ...i,
        iterations: Math.max(3, i.iterations),
        learningRate: f * multiStableLearningRate(i.X),
      })),
    ),
    fn: 'gradientDescentMulti',
    args: descentArgs,
    compare: (actual, i) => judgeMultiDescent(actual, expectedRun(i)),
  }),
  matchesReference<MultiDescentInput, Parameters<typeof judgeMultiDescent>[0]>({
    exercise,
    id: 'descent-matches-reference',
    title: 'gradientDescentMulti matches the reference on random runs',
    points: 2,
    visibility: 'hidden',
    inputs: stableInputs,
    numRuns: 40,
    fn: 'gradientDescentMulti',
    args: descentArgs,
    compare: (actual, i) => judgeMultiDescent(actual, expectedRun(i)),
  }),
  matchesReference<MultiDescentInput, Parameters<typeof judgeMultiDescent>[0]>({
    exercise,
    id: 'descent-matches-reference-large',
    title: 'gradientDescentMulti matches the reference on larger, realistic tables (the penguins among them)',
    points: 1,
    visibility: 'hidden',
    inputs: largeDescents,
    numRuns: 6,
    fn: 'gradientDescentMulti',
    args: descentArgs,
    compare: (actual, i) => judgeMultiDescent(actual, expectedRun(i)),
  }),
  isPure<MultiDescentInput>({
    exercise,
    id: 'descent-pure',
    title: 'gradientDescentMulti leaves its arguments unchanged and answers the same call the same way',
    points: 1,
    visibility: 'hidden',
    inputs: stableInputs,
    numRuns: 10,
    fn: 'gradientDescentMulti',
    args: descentArgs,
  }),
];
