import type { Gradient, Line, Point } from '../../../../../exercises/types';
import { computeGradient } from '../../../../../solutions/02-gradient/gradient';
import { step } from '../../../../../solutions/03-step/step';
import { leastSquares, maxStableLearningRate } from '../../../../../solutions/06-learning-rate/learning-rate';
import { readPointsCsv } from '../../../../data/read-points';
import { SEED_DATA_CSV } from '../../../../data/paths';
import * as gen from '../../../checks/arbitraries';
import { holdsProperty, judgedCheck } from '../../../checks/builders';
import { memoByIdentityAndNumber } from '../../../memo';
import { closedFormTolerance } from '../../../checks/tolerance';
import {
  dataInputs,
  flatGradientVerdict,
  growthFrom,
  judgeLeastSquares,
  judgeRate,
  learningRateJudges,
  learningRateProperties,
  leastSquaresTolerance,
  rateLimitVerdict,
  type AffineGradient,
  type DataInput,
  type RateLimitFacts,
} from '../public-checks';
import type { Expected } from '../../../checks/verdicts';
import { BLIND_START_DATA, FAR_FROM_ORIGIN } from './hard-cases';

const exercise = '06-learning-rate';
const largeInputs = gen.largeData.filter((ps) => ps.some((p) => p.x !== ps[0].x)).map((points) => ({ points }));

/** Designed hard cases for leastSquares (./hard-cases.ts): data far from the origin, where expanded sums cancel. */
export const LEAST_SQUARES_HARD_CASES: DataInput[] = FAR_FROM_ORIGIN.map((points) => ({ points }));
/** Designed hard cases for maxStableLearningRate: a top eigenvector orthogonal to a common power-iteration start, and data far from the origin. */
export const RATE_HARD_CASES: DataInput[] = [...BLIND_START_DATA, ...FAR_FROM_ORIGIN].map((points) => ({ points }));

/** The README's worked example first, exactly as written, then data sets designed like the probes, and data.csv. */
export const CLOSED_FORM_EXAMPLES: DataInput[] = [
  {
    points: [
      { x: -2, y: 1 },
      { x: 0, y: 2 },
      { x: 2, y: 6 },
    ],
  },
  {
    points: [
      { x: 0, y: 1 },
      { x: 1, y: 3 },
    ],
  },
  {
    points: [
      { x: -1, y: 0 },
      { x: 1, y: 0 },
    ],
  },
  {
    points: [
      { x: -2, y: 1 },
      { x: -1, y: 3 },
      { x: 0, y: 2 },
      { x: 1, y: 6 },
      { x: 3, y: 5 },
      { x: 4, y: 9 },
      { x: 6, y: 8 },
    ],
  },
  { points: readPointsCsv(SEED_DATA_CSV) },
];

function leastSquaresExpectation({ points }: DataInput): Expected<Line> {
  const expected = leastSquares(points);
  return { expected: { m: expected.m, b: expected.b }, tolerance: leastSquaresTolerance(points, expected) };
}

function rateExpectation({ points }: DataInput): Expected<number> {
  const expected = maxStableLearningRate(points);
  return { expected, tolerance: closedFormTolerance(expected, 0) };
}

/** The reference gradient at (0, 0), (1, 0) and (0, 1): J's gradient as an affine map, for the handout. */
function affineGradientOf(points: readonly Point[]): AffineGradient {
  const at00 = computeGradient(points, { m: 0, b: 0 });
  const atM = computeGradient(points, { m: 1, b: 0 });
  const atB = computeGradient(points, { m: 0, b: 1 });
  const minus = (a: Gradient, b: Gradient): Gradient => ({ dm: a.dm - b.dm, db: a.db - b.db });
  return { at00: { dm: at00.dm, db: at00.db }, perM: minus(atM, at00), perB: minus(atB, at00) };
}

const growth = (points: readonly Point[]) => (learningRate: number, iterations: number) =>
  growthFrom(leastSquares(points), (line, rate) => step(points, line, rate), learningRate, iterations);
/** 800 reference steps per answer: judged once per input and answer, since correct students give one of a few answers. */
const rateLimitVerdictOn = memoByIdentityAndNumber(8, (points: readonly Point[], rate: number) =>
  rateLimitVerdict(rate, growth(points), () => maxStableLearningRate(points)),
);
const leastSquaresCall = (i: DataInput) => [{ exercise, fn: 'leastSquares', args: [i.points] } as const];
const rateCall = (i: DataInput) => [{ exercise, fn: 'maxStableLearningRate', args: [i.points] } as const];

export const learningRateChecks = [
  judgedCheck<DataInput, Expected<Line>>({
    exercise,
    id: 'least-squares-worked-examples',
    title: 'leastSquares matches the worked examples (data.csv: m ≈ 1.32243, b ≈ 7.99102)',
    points: 2,
    visibility: 'public',
    kind: 'reference',
    inputs: dataInputs,
    examples: CLOSED_FORM_EXAMPLES,
    calls: leastSquaresCall,
    facts: leastSquaresExpectation,
    judge: learningRateJudges['least-squares-worked-examples'],
  }),
  learningRateProperties.leastSquaresExactFit,
  holdsProperty<DataInput>({
    exercise,
    id: 'least-squares-flat-gradient',
    title: 'the cost is flat at leastSquares’ line (its gradient is 0 there)',
    points: 2,
    visibility: 'public',
    inputs: dataInputs,
    calls: leastSquaresCall,
    holds: (i, [value]) => flatGradientVerdict(i.points, value as Line, (line) => computeGradient(i.points, line)),
    handout: { facts: (i) => affineGradientOf(i.points), judge: learningRateJudges['least-squares-flat-gradient'] },
  }),
  judgedCheck<DataInput, Expected<Line>>({
    exercise,
    id: 'least-squares-matches-reference',
    title: 'leastSquares matches the reference on random data',
    points: 2,
    visibility: 'hidden',
    kind: 'reference',
    inputs: dataInputs,
    numRuns: 60,
    calls: leastSquaresCall,
    facts: leastSquaresExpectation,
    judge: judgeLeastSquares,
  }),
  judgedCheck<DataInput, Expected<Line>>({
    exercise,
    id: 'least-squares-far-from-origin',
    title: 'leastSquares matches the reference on data far from the origin (x around 10⁶ to 10⁸, spread about 1)',
    points: 1,
    visibility: 'hidden',
    kind: 'reference',
    inputs: dataInputs,
    examples: LEAST_SQUARES_HARD_CASES,
    calls: leastSquaresCall,
    facts: leastSquaresExpectation,
    judge: judgeLeastSquares,
    hardCase: {
      slug: 'cancels-far-from-origin',
      name: 'Your least-squares line loses its digits on data far from 0',
      explanation:
        'Your leastSquares is right on ordinary data but wrong when x is around a million with a small spread: sums such as Σx² − (Σx)²/N subtract two nearly equal large numbers, and almost every digit cancels.',
      hint: 'Subtract the means before you multiply and add, so that the numbers you sum are small.',
    },
  }),
  judgedCheck<DataInput, Expected<number>>({
    exercise,
    id: 'max-rate-worked-examples',
    title: 'maxStableLearningRate matches the worked examples',
    points: 2,
    visibility: 'public',
    kind: 'reference',
    inputs: dataInputs,
    examples: CLOSED_FORM_EXAMPLES,
    calls: rateCall,
    facts: rateExpectation,
    judge: learningRateJudges['max-rate-worked-examples'],
  }),
  holdsProperty<DataInput>({
    exercise,
    id: 'max-rate-is-the-limit',
    title: 'descent converges at 0.98× your rate and diverges at 1.02× it',
    points: 2,
    visibility: 'public',
    inputs: dataInputs,
    calls: rateCall,
    holds: (i, [value]) => rateLimitVerdictOn(i.points, value as number),
    handout: {
      facts: (i): RateLimitFacts => ({
        gradient: affineGradientOf(i.points),
        optimum: leastSquares(i.points),
        limit: maxStableLearningRate(i.points),
      }),
      judge: learningRateJudges['max-rate-is-the-limit'],
    },
  }),
  judgedCheck<DataInput, Expected<number>>({
    exercise,
    id: 'max-rate-matches-reference',
    title: 'maxStableLearningRate matches the reference on random data',
    points: 1,
    visibility: 'hidden',
    kind: 'reference',
    inputs: dataInputs,
    numRuns: 60,
    calls: rateCall,
    facts: rateExpectation,
    judge: judgeRate,
  }),
  judgedCheck<DataInput, Expected<number>>({
    exercise,
    id: 'max-rate-hard-cases',
    title:
      'maxStableLearningRate matches the reference when the top eigenvector is orthogonal to a simple start vector, and on data far from the origin',
    points: 1,
    visibility: 'hidden',
    kind: 'reference',
    inputs: dataInputs,
    examples: RATE_HARD_CASES,
    calls: rateCall,
    facts: rateExpectation,
    judge: judgeRate,
    hardCase: {
      slug: 'fragile-eigenvalue',
      name: 'Your largest eigenvalue is found by a method that some inputs defeat',
      explanation:
        'Your maxStableLearningRate is right on ordinary data but wrong on data designed to trip fragile methods: an iteration started from a fixed vector that happens to be an eigenvector of the smaller eigenvalue never sees the larger one, and raw sums of x² far from 0 lose their digits.',
      hint: 'A 2×2 symmetric matrix has its eigenvalues in closed form; if you iterate, ask what happens when your start vector is an eigenvector.',
    },
  }),
  judgedCheck<DataInput, Expected<number>>({
    exercise,
    id: 'max-rate-matches-reference-large',
    title: 'maxStableLearningRate matches the reference on larger, realistic data',
    points: 1,
    visibility: 'hidden',
    kind: 'reference',
    inputs: largeInputs,
    numRuns: 8,
    calls: rateCall,
    facts: rateExpectation,
    judge: judgeRate,
  }),
];
