import fc from 'fast-check';
import type { Point, Vec2 } from '../../../../../exercises/types';
import { descend } from '../../../../../solutions/05-valley/valley';
import { leastSquares } from '../../../../../solutions/06-learning-rate/learning-rate';
import { descendWithMomentum, maxStableMomentumRate } from '../../../../../solutions/11-momentum/momentum';
import { SEED_DATA_CSV } from '../../../../data/paths';
import { readPointsCsv } from '../../../../data/read-points';
import * as gen from '../../../checks/arbitraries';
import { holdsProperty, isPure, judgedCheck } from '../../../checks/builders';
import type { CheckDefinition, CheckInput } from '../../../checks/check';
import { closedFormTolerance } from '../../../checks/tolerance';
import type { Expected } from '../../../checks/verdicts';
import { bowlGradient, VALLEY_BOWL, type Bowl } from '../../05-valley/public-checks';
import { RATE_HARD_CASES } from '../../06-learning-rate/grading/checks';
import {
  eigenvalues,
  heavyBallGrowth,
  heavyBallLimit,
  judgePath,
  judgeRate,
  momentumCall,
  momentumInputs,
  momentumJudges,
  momentumProperties,
  momentumRateLimitVerdict,
  momentumValue,
  LIMIT_STEPS,
  pathRounding,
  rateCall,
  rateInputs,
  type MomentumInput,
  type PlainDescentFacts,
  type RateInput,
  type RateLimitFacts,
} from '../public-checks';

const exercise = '11-momentum';

/**
 * J of a data set as the bowl it is: ∇J(m, b) = H·((m, b) − (m*, b*)), with H = 2·[[mean x², mean x],
 * [mean x, 1]] and (m*, b*) the best line. Sent as `{ $gradient }`, it is J's gradient up to rounding.
 */
/**
 * The rates `momentumRateLimitVerdict` accepts on these data with the reference's heavy ball: it
 * converges at 0.98× them and diverges at 1.02× them. Both conditions are monotone in the rate, so
 * each edge is found by bisection (60 halvings) between half and twice the true limit.
 */
function rateLimitFacts(i: RateInput): RateLimitFacts {
  const limit = maxStableMomentumRate(i.points, i.momentum);
  const bowl = costBowl(i.points);
  const growth = (rate: number) => heavyBallGrowth(bowl, descendWithMomentum, rate, i.momentum, LIMIT_STEPS);
  const edge = (holds: (rate: number) => boolean, lowHolds: boolean): number => {
    let [low, high] = [limit / 2, limit * 2];
    for (let k = 0; k < 60; k++) {
      const middle = (low + high) / 2;
      if (holds(middle) === lowHolds) low = middle;
      else high = middle;
    }
    return lowHolds ? low : high;
  };
  return {
    limit,
    accepted: [edge((rate) => growth(1.02 * rate) >= 10, false), edge((rate) => growth(0.98 * rate) <= 1, true)],
  };
}

export function costBowl(points: readonly Point[]): Bowl {
  let [sx, sxx] = [0, 0];
  for (const { x } of points) [sx, sxx] = [sx + x, sxx + x * x];
  const [meanX, meanXX] = [sx / points.length, sxx / points.length];
  const best = leastSquares(points);
  return {
    hessian: [
      [2 * meanXX, 2 * meanX],
      [2 * meanX, 2],
    ],
    center: [best.m, best.b],
  };
}

let seedData: Point[] | undefined;
/** data.csv, the seeds' data set, read once. */
export const dataCsv = () => (seedData ??= readPointsCsv(SEED_DATA_CSV));
let dataCsvBowl: Bowl | undefined;
/** J of data.csv: a valley about 66,000 times steeper across than along its floor. */
export const dataCsvValley = () => (dataCsvBowl ??= costBowl(dataCsv()));

/** The README's bowl g(x, y) = x² + 4y², whose gradient is (2x, 8y). */
const README_BOWL: Bowl = {
  hessian: [
    [2, 0],
    [0, 8],
  ],
  center: [0, 0],
};

/** The README's worked examples first, exactly as it writes them, then designed ones (0 steps, β near 1, another bowl). */
export const MOMENTUM_EXAMPLES: MomentumInput[] = [
  { bowl: VALLEY_BOWL, start: { x: 1, y: 0 }, learningRate: 0.1, momentum: 0.5, iterations: 3 },
  { bowl: README_BOWL, start: { x: 1, y: 1 }, learningRate: 0.1, momentum: 0.5, iterations: 2 },
  { bowl: VALLEY_BOWL, start: { x: 2, y: -0.5 }, learningRate: 0.25, momentum: 0.75, iterations: 6 },
  { bowl: VALLEY_BOWL, start: { x: 1, y: 1 }, learningRate: 0.5, momentum: 0.5, iterations: 0 },
  {
    bowl: {
      hessian: [
        [4, 1],
        [1, 3],
      ],
      center: [1, -2],
    },
    start: { x: -1.5, y: 2.5 },
    learningRate: 0.3,
    momentum: 0.9375,
    iterations: 12,
  },
];

const THREE_POINTS: Point[] = [
  { x: -2, y: 1 },
  { x: 0, y: 2 },
  { x: 2, y: 6 },
];
/** The README's worked example (06's three points at β = 0, 0.5 and 0.9), then two points, seven off-centre points and data.csv. */
export const RATE_EXAMPLES: RateInput[] = [
  { points: THREE_POINTS, momentum: 0.5 },
  { points: THREE_POINTS, momentum: 0 },
  { points: THREE_POINTS, momentum: 0.9 },
  {
    points: [
      { x: 0, y: 1 },
      { x: 1, y: 3 },
    ],
    momentum: 0.25,
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
    momentum: 0.75,
  },
  { points: dataCsv(), momentum: 0.9 },
];

/** 06's designed hard cases (a top eigenvector orthogonal to a common power-iteration start; data far from 0), at three momenta. */
export const RATE_HARD_CASE_INPUTS: RateInput[] = RATE_HARD_CASES.map(({ points }, i) => ({
  points,
  momentum: [0.5, 0.875, 0][i % 3],
}));

const expectedPath = (i: MomentumInput) =>
  descendWithMomentum(bowlGradient(i.bowl), i.start, i.learningRate, i.momentum, i.iterations);

const rateExpectation = ({ points, momentum }: RateInput): Expected<number> => {
  const expected = maxStableMomentumRate(points, momentum);
  return { expected, tolerance: closedFormTolerance(expected, 0) };
};

/** A start on a cost's bowl as a line: m in [−5, 5] by eighths, b in [−50, 50] by quarters. */
const lineStart: fc.Arbitrary<Vec2> = fc.record({
  x: fc.integer({ min: -40, max: 40 }).map((k) => k / 8),
  y: fc.integer({ min: -200, max: 200 }).map((k) => k / 4),
});

/** J of realistic data (50 to 200 points, x in [0, 100]): narrow valleys like data.csv's. */
const realisticValleys = gen.largeData.filter((ps) => ps.some((p) => p.x !== ps[0].x)).map(costBowl);

/** Walks on J of realistic data, at a fraction of the heavy-ball limit, for 0 to 40 steps. */
const realisticWalks: fc.Arbitrary<MomentumInput> = fc
  .record({
    bowl: realisticValleys,
    start: lineStart,
    momentum: momentumValue,
    fraction: gen.stableFraction,
    iterations: fc.integer({ min: 0, max: 40 }),
  })
  .map(({ fraction, ...i }) => ({ ...i, learningRate: fraction * heavyBallLimit(i.bowl, i.momentum) }));

/** J of data.csv and of three realistic data sets drawn once: narrow valleys, fixed so that a failing walk shrinks quickly. */
const NARROW_VALLEYS: readonly Bowl[] = [
  dataCsvValley(),
  ...fc
    .sample(
      gen.largeData.filter((ps) => ps.some((p) => p.x !== ps[0].x)),
      { seed: 1118, numRuns: 3 },
    )
    .map(costBowl),
];

/**
 * Walks down a narrow valley (J of data.csv or of realistic data) at a rate of 0.2 to 0.5 times the
 * plain limit 2/λmax, with β from 1/2 to 3/4, for 100 to 150 steps: long enough for the oscillation
 * across the valley to die out (by √β per step, below 10⁻⁶), short enough that neither method has
 * reached the bottom. Plain descent crawls along the floor at 1 − ηλmin per step; heavy ball at
 * about 1 − ηλmin/(1 − β).
 */
const narrowValleyWalks: fc.Arbitrary<MomentumInput> = fc
  .record({
    bowl: fc.constantFrom(...NARROW_VALLEYS),
    start: lineStart,
    momentum: fc.integer({ min: 8, max: 12 }).map((k) => k / 16),
    fraction: fc.integer({ min: 4, max: 10 }).map((k) => k / 20),
    iterations: fc.integer({ min: 100, max: 150 }),
  })
  .map(({ fraction, ...i }) => ({ ...i, learningRate: (2 * fraction) / eigenvalues(i.bowl)[0] }));

/** Plain descent's end on the same walk, as 05's reference takes it, and the rounding a path of that size may carry. */
function plainDescentFacts(i: MomentumInput): PlainDescentFacts {
  const path = descend(bowlGradient(i.bowl), i.start, i.learningRate, i.iterations);
  const end = path[path.length - 1];
  const scale = Math.max(...path.map((p) => Math.abs(p.x) + Math.abs(p.y)));
  return {
    plainDistance: Math.hypot(end.x - i.bowl.center[0], end.y - i.bowl.center[1]),
    rounding: 2 * pathRounding(scale, i.learningRate, i.iterations),
  };
}

/** Walks at β = 0, at the same fractions of the plain limit 2/λmax as the other walks are of theirs. */
const zeroMomentum = momentumInputs.map((i) => ({
  ...i,
  momentum: 0,
  learningRate: i.learningRate / (1 + i.momentum),
}));

type Spec<I extends CheckInput, F> = Omit<Parameters<typeof judgedCheck<I, F>>[0], 'exercise' | 'kind'>;
const reference = <I extends CheckInput, F>(spec: Spec<I, F>): CheckDefinition<I> =>
  judgedCheck<I, F>({ ...spec, exercise, kind: 'reference' });
const property = <I extends CheckInput, F>(spec: Spec<I, F>): CheckDefinition<I> =>
  judgedCheck<I, F>({ ...spec, exercise, kind: 'property' });
const momentumCalls = (i: MomentumInput) => [momentumCall(i)];
const rateCalls = (i: RateInput) => [rateCall(i)];

export const momentumChecks = [
  reference<MomentumInput, Vec2[]>({
    id: 'momentum-worked-examples',
    title: 'descendWithMomentum matches the worked examples (the valley, and the bowl x² + 4y²)',
    points: 2,
    visibility: 'public',
    inputs: momentumInputs,
    examples: MOMENTUM_EXAMPLES,
    calls: momentumCalls,
    facts: expectedPath,
    judge: momentumJudges['momentum-worked-examples'],
  }),
  momentumProperties.momentumPathShape,
  property<MomentumInput, Vec2[]>({
    id: 'zero-momentum-is-descend',
    title: "descendWithMomentum with β = 0 walks 05's descend",
    points: 1,
    visibility: 'public',
    inputs: zeroMomentum,
    calls: momentumCalls,
    facts: (i) => descend(bowlGradient(i.bowl), i.start, i.learningRate, i.iterations),
    judge: momentumJudges['zero-momentum-is-descend'],
  }),
  reference<MomentumInput, Vec2[]>({
    id: 'momentum-uses-given-gradient',
    title: 'descendWithMomentum follows the gradient it is given, on random bowls, rates and momenta',
    points: 2,
    visibility: 'public',
    inputs: momentumInputs,
    calls: momentumCalls,
    facts: expectedPath,
    judge: momentumJudges['momentum-uses-given-gradient'],
  }),
  momentumProperties.momentumConvergesBelowLimit,
  momentumProperties.momentumDivergesAboveLimit,
  property<MomentumInput, PlainDescentFacts>({
    id: 'momentum-beats-plain-descent',
    title: 'descendWithMomentum gets further down a narrow valley (J of data.csv) than plain descent at the same η',
    points: 1,
    visibility: 'public',
    inputs: narrowValleyWalks,
    numRuns: 8,
    calls: momentumCalls,
    facts: plainDescentFacts,
    judge: momentumJudges['momentum-beats-plain-descent'],
  }),
  reference<MomentumInput, Vec2[]>({
    id: 'momentum-matches-reference',
    title: 'descendWithMomentum matches the reference on random bowls, starts, rates and momenta',
    points: 1,
    visibility: 'hidden',
    inputs: momentumInputs,
    numRuns: 40,
    calls: momentumCalls,
    facts: expectedPath,
    judge: judgePath,
  }),
  reference<MomentumInput, Vec2[]>({
    id: 'momentum-matches-reference-on-data',
    title: 'descendWithMomentum matches the reference on the cost J of larger, realistic data',
    points: 1,
    visibility: 'hidden',
    inputs: realisticWalks,
    numRuns: 8,
    calls: momentumCalls,
    facts: expectedPath,
    judge: judgePath,
  }),
  isPure<MomentumInput>({
    exercise,
    id: 'pure',
    title: 'descendWithMomentum leaves its start point unchanged and answers the same call the same way',
    points: 1,
    visibility: 'hidden',
    inputs: momentumInputs,
    numRuns: 10,
    fn: 'descendWithMomentum',
    args: (i) => momentumCall(i).args as unknown as unknown[],
    compared: [1],
  }),
  reference<RateInput, Expected<number>>({
    id: 'rate-worked-examples',
    title: 'maxStableMomentumRate matches the worked examples (three points at β = 0.5: 0.5625)',
    points: 2,
    visibility: 'public',
    inputs: rateInputs,
    examples: RATE_EXAMPLES,
    calls: rateCalls,
    facts: rateExpectation,
    judge: momentumJudges['rate-worked-examples'],
  }),
  holdsProperty<RateInput>({
    exercise,
    id: 'rate-is-the-limit',
    title: 'heavy-ball descent on J converges at 0.98× your rate and diverges at 1.02× it',
    points: 2,
    visibility: 'public',
    inputs: rateInputs,
    calls: rateCalls,
    holds: (i, [value]) =>
      momentumRateLimitVerdict(
        value as number,
        i.momentum,
        (learningRate, iterations) =>
          heavyBallGrowth(costBowl(i.points), descendWithMomentum, learningRate, i.momentum, iterations),
        () => maxStableMomentumRate(i.points, i.momentum),
      ),
    handout: {
      facts: rateLimitFacts,
      judge: momentumJudges['rate-is-the-limit'],
    },
  }),
  momentumProperties.rateGrowsWithMomentum,
  reference<RateInput, Expected<number>>({
    id: 'rate-matches-reference',
    title: 'maxStableMomentumRate matches the reference on random data and momenta',
    points: 1,
    visibility: 'hidden',
    inputs: rateInputs,
    numRuns: 60,
    calls: rateCalls,
    facts: rateExpectation,
    judge: judgeRate,
  }),
  reference<RateInput, Expected<number>>({
    id: 'rate-hard-cases',
    title:
      'maxStableMomentumRate matches the reference when the top eigenvector is orthogonal to a simple start vector, and on data far from the origin',
    points: 1,
    visibility: 'hidden',
    inputs: rateInputs,
    examples: RATE_HARD_CASE_INPUTS,
    calls: rateCalls,
    facts: rateExpectation,
    judge: judgeRate,
    hardCase: {
      slug: 'fragile-eigenvalue',
      name: 'Your largest eigenvalue is found by a method that some inputs defeat',
      explanation:
        'Your maxStableMomentumRate is right on ordinary data but wrong on data designed to trip fragile methods: an iteration started from a fixed vector that happens to be an eigenvector of the smaller eigenvalue never sees the larger one, and raw sums of x² far from 0 lose their digits.',
      hint: 'A 2×2 symmetric matrix has its eigenvalues in closed form; if you iterate, ask what happens when your start vector is an eigenvector.',
    },
  }),
  reference<RateInput, Expected<number>>({
    id: 'rate-matches-reference-large',
    title: 'maxStableMomentumRate matches the reference on larger, realistic data',
    points: 1,
    visibility: 'hidden',
    inputs: fc.record({
      points: gen.largeData.filter((ps) => ps.some((p) => p.x !== ps[0].x)),
      momentum: momentumValue,
    }),
    numRuns: 8,
    calls: rateCalls,
    facts: rateExpectation,
    judge: judgeRate,
  }),
];
