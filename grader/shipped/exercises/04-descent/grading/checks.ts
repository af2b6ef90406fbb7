import fc from 'fast-check';
import type { DescentResult } from '../../../../../exercises/types';
import { maxStableLearningRate } from '../../../../../solutions/06-learning-rate/learning-rate';
import { readPointsCsv } from '../../../../data/read-points';
import { SEED_DATA_CSV } from '../../../../data/paths';
import * as gen from '../../../checks/arbitraries';
import { isPure, judgedCheck, matchesReference } from '../../../checks/builders';
import { compareDescent, costExpectation, descentExpectation } from '../../../../reference/compare';
import { argsOf, descent, descentJudges, type DescentInput } from '../public-checks';
import type { ExpectedDescent } from '../../../checks/verdicts';

const exercise = '04-descent';

/** Random descents below the stability limit, from a start that is never (0, 0) unless drawn so. */
const stableInputs: fc.Arbitrary<DescentInput> = fc
  .record({
    points: gen.spreadPoints(2, 10),
    initial: gen.line,
    fraction: gen.stableFraction,
    iterations: fc.integer({ min: 0, max: 40 }),
  })
  .map(({ fraction, ...i }) => ({ ...i, learningRate: fraction * maxStableLearningRate(i.points) }));

/** The seeds' published run (seed 000's `run()`): lr 1e−4, 1000 iterations from m = b = 0 on data.csv. */
export const PUBLISHED_RUN = {
  input: { points: readPointsCsv(SEED_DATA_CSV), initial: { m: 0, b: 0 }, learningRate: 0.0001, iterations: 1000 },
  startError: 5565.107834483211,
  b: 0.08893651993741346,
  m: 1.4777440851894448,
  error: 112.61481011613473,
};

/**
 * The README's worked example first, exactly as it writes it (tests/kit/readme-worked-examples.test.ts holds
 * the two together), then designed ones: N = 1, a start off (0, 0), and 0 iterations.
 */
export const DESCENT_EXAMPLES: DescentInput[] = [
  {
    points: [
      { x: 0, y: 1 },
      { x: 1, y: 3 },
      { x: 2, y: 2 },
      { x: 3, y: 6 },
    ],
    initial: { m: 1, b: 1 },
    learningRate: 0.1,
    iterations: 3,
  },
  { points: [{ x: 1, y: 3 }], initial: { m: 0, b: 0 }, learningRate: 0.125, iterations: 2 },
  {
    points: [
      { x: 1, y: 2 },
      { x: 2, y: 5 },
      { x: 4, y: 7 },
    ],
    initial: { m: 2, b: -1 },
    learningRate: 0.03125,
    iterations: 5,
  },
  {
    points: [
      { x: -2, y: 1 },
      { x: 0, y: 2 },
      { x: 1, y: 6 },
      { x: 3, y: 5 },
      { x: 4, y: 9 },
      { x: 6, y: 8 },
    ],
    initial: { m: 0.5, b: 1 },
    learningRate: 0.015625,
    iterations: 0,
  },
];

const compare = (actual: DescentResult, i: DescentInput) =>
  compareDescent(actual, i.points, i.initial, i.learningRate, i.iterations);
const expectedRun = (i: DescentInput) => descentExpectation(i.points, i.initial, i.learningRate, i.iterations);
const noFacts = () => null;

export const descentChecks = [
  judgedCheck<DescentInput, ExpectedDescent>({
    exercise,
    id: 'worked-examples',
    title: 'matches the worked examples',
    points: 3,
    visibility: 'public',
    kind: 'reference',
    inputs: stableInputs,
    examples: DESCENT_EXAMPLES,
    calls: (i) => [descent(i)],
    facts: expectedRun,
    judge: descentJudges['worked-examples'],
  }),
  judgedCheck<DescentInput, ExpectedDescent>({
    exercise,
    id: 'published-run',
    title: 'reproduces the seeds’ published run on data.csv (b = 0.0889, m = 1.4777, error = 112.61)',
    points: 3,
    visibility: 'public',
    kind: 'reference',
    inputs: stableInputs,
    examples: [PUBLISHED_RUN.input],
    calls: (i) => [descent(i)],
    facts: expectedRun,
    judge: descentJudges['published-run'],
  }),
  judgedCheck<DescentInput, null>({
    exercise,
    id: 'one-cost-per-step',
    title: 'records iterations + 1 costs',
    points: 1,
    visibility: 'public',
    kind: 'property',
    inputs: stableInputs,
    calls: (i) => [descent(i)],
    facts: noFacts,
    judge: descentJudges['one-cost-per-step'],
  }),
  judgedCheck({
    exercise,
    id: 'starts-at-initial',
    title: 'starts from options.initial: costs[0] is its cost, and 0 iterations return it',
    points: 2,
    visibility: 'public',
    kind: 'property',
    inputs: stableInputs.map((i) => ({
      ...i,
      initial: i.initial.m === 0 && i.initial.b === 0 ? { m: 1, b: -2 } : i.initial,
    })),
    calls: (i) => [descent(i), descent({ ...i, iterations: 0 })],
    facts: (i) => costExpectation(i.points, i.initial),
    judge: descentJudges['starts-at-initial'],
  }),
  judgedCheck<DescentInput, null>({
    exercise,
    id: 'cost-never-rises-below-limit',
    title: 'the recorded cost never rises below the stability limit',
    points: 2,
    visibility: 'public',
    kind: 'property',
    inputs: stableInputs,
    calls: (i) => [descent(i)],
    facts: noFacts,
    judge: descentJudges['cost-never-rises-below-limit'],
  }),
  matchesReference<DescentInput, DescentResult>({
    exercise,
    id: 'uses-learning-rate',
    title: 'uses options.learningRate (several rates on the same data)',
    points: 2,
    visibility: 'hidden',
    inputs: stableInputs.chain((i) =>
      fc.constantFrom(0.1, 0.37, 0.5, 0.83).map((f) => ({
        ...i,
        iterations: Math.max(3, i.iterations),
        learningRate: f * maxStableLearningRate(i.points),
      })),
    ),
    fn: 'gradientDescent',
    args: argsOf,
    compare,
  }),
  matchesReference<DescentInput, DescentResult>({
    exercise,
    id: 'matches-reference',
    title: 'matches the reference on random runs',
    points: 4,
    visibility: 'hidden',
    inputs: stableInputs,
    numRuns: 40,
    fn: 'gradientDescent',
    args: argsOf,
    compare,
  }),
  matchesReference<DescentInput, DescentResult>({
    exercise,
    id: 'matches-reference-large',
    title: 'matches the reference on larger, realistic data',
    points: 2,
    visibility: 'hidden',
    numRuns: 6,
    inputs: fc
      .record({
        points: gen.largeData,
        initial: gen.realLine,
        iterations: fc.integer({ min: 1, max: 50 }),
        fraction: gen.stableFraction,
      })
      .map(({ fraction, ...i }) => ({ ...i, learningRate: fraction * maxStableLearningRate(i.points) })),
    fn: 'gradientDescent',
    args: argsOf,
    compare,
  }),
  isPure<DescentInput>({
    exercise,
    id: 'pure',
    title: 'leaves its arguments unchanged and answers the same call the same way',
    points: 1,
    visibility: 'hidden',
    inputs: stableInputs,
    numRuns: 10,
    fn: 'gradientDescent',
    args: argsOf,
  }),
];
