import fc from 'fast-check';
import type { Point, Vec2 } from '../../../../exercises/types';
import * as gen from '../../checks/arbitraries';
import { holdsProperty } from '../../checks/builders';
import { PASS, type Judge, type Verdict } from '../../checks/check';
import { termsTolerance } from '../../checks/tolerance';
import { comparePath, compareValue, judgeValue, type Expected } from '../../checks/verdicts';
import { bowlGradient, VALLEY_BOWL, type Bowl } from '../05-valley/public-checks';

const exercise = '11-momentum';

export type MomentumInput = {
  bowl: Bowl;
  start: Vec2;
  learningRate: number;
  momentum: number;
  iterations: number;
};
export type RateInput = { points: Point[]; momentum: number };

/** The call of descendWithMomentum an input stands for: the bowl crosses as `{ $gradient }`, as 05's descend gets it. */
export const momentumCall = (i: MomentumInput) =>
  ({
    exercise,
    fn: 'descendWithMomentum',
    args: [{ $gradient: i.bowl }, i.start, i.learningRate, i.momentum, i.iterations],
  }) as const;
export const rateCall = (i: RateInput) =>
  ({ exercise, fn: 'maxStableMomentumRate', args: [i.points, i.momentum] }) as const;

/** β as a multiple of 1/16 in [0, 15/16]: exact, and inside the contract's [0, 1). */
export const momentumValue = fc.integer({ min: 0, max: 15 }).map((k) => k / 16);

/** The eigenvalues of a bowl's symmetric Hessian [[a, b], [b, c]], largest first. */
export function eigenvalues(bowl: Bowl): [number, number] {
  const [[a, b], [, c]] = bowl.hessian;
  const middle = (a + c) / 2;
  const radius = Math.hypot((a - c) / 2, b);
  return [middle + radius, middle - radius];
}

/** The supremum of the rates at which heavy ball with momentum β converges on a bowl: 2(1 + β)/λmax. */
export function heavyBallLimit(bowl: Bowl, momentum: number): number {
  return (2 * (1 + momentum)) / eigenvalues(bowl)[0];
}

/**
 * How much of a start's offset from the bowl's centre lies along the eigenvector of λmax, as a
 * fraction of the offset: 0 for a start on the other eigenvector, which no rate can make diverge.
 */
export function shareAlongSteepest(bowl: Bowl, start: Vec2): number {
  const [[a, b], [, c]] = bowl.hessian;
  const [top] = eigenvalues(bowl);
  const offset = { x: start.x - bowl.center[0], y: start.y - bowl.center[1] };
  const size = Math.hypot(offset.x, offset.y);
  if (size === 0) return 0;
  if (b === 0 && a === c) return 1;
  const direction = b === 0 ? (a > c ? { x: 1, y: 0 } : { x: 0, y: 1 }) : { x: b, y: top - a };
  return Math.abs(offset.x * direction.x + offset.y * direction.y) / (size * Math.hypot(direction.x, direction.y));
}

/** Symmetric positive-definite bowls with whole entries up to 8, centred anywhere, and the valley. */
export const bowls: fc.Arbitrary<Bowl> = fc.oneof(
  { arbitrary: fc.constant(VALLEY_BOWL), weight: 1 },
  {
    arbitrary: fc
      .record({
        a: fc.integer({ min: 1, max: 8 }),
        c: fc.integer({ min: 1, max: 8 }),
        b: fc.integer({ min: -3, max: 3 }),
        cx: gen.parameter,
        cy: gen.parameter,
      })
      .filter(({ a, b, c }) => a * c - b * b > 0)
      .map(({ a, b, c, cx, cy }): Bowl => ({
        hessian: [
          [a, b],
          [b, c],
        ],
        center: [cx, cy],
      })),
    weight: 4,
  },
);

const vec: fc.Arbitrary<Vec2> = fc.record({ x: gen.coordinate, y: gen.coordinate });

/** Walks of 0 to 30 steps on a bowl, at a fraction between 0.05 and 0.95 of its heavy-ball limit. */
export const momentumInputs: fc.Arbitrary<MomentumInput> = fc
  .record({
    bowl: bowls,
    start: vec,
    momentum: momentumValue,
    fraction: gen.stableFraction,
    iterations: fc.integer({ min: 0, max: 30 }),
  })
  .map(({ fraction, ...i }) => ({ ...i, learningRate: fraction * heavyBallLimit(i.bowl, i.momentum) }));

export const rateInputs: fc.Arbitrary<RateInput> = fc.record({
  points: gen.spreadPoints(2, 12),
  momentum: momentumValue,
});

/** Steps of the walks that judge a limit at 0.98× and 1.02× it: enough for a factor 0.96 per step to reach 10⁻⁷. */
export const LIMIT_STEPS = 400;

/**
 * Steps of the student's own walks at 0.9× and 1.1× the limit: enough for the slowest factor there
 * (√β ≤ 0.97) to shrink the distance below the start's, and for 1.2 per step to grow it past 10⁷.
 * Short, so that the handout's lookup of public answers stays small.
 */
export const WALK_STEPS = 100;

const distance = (p: Vec2, bowl: Bowl) => Math.hypot(p.x - bowl.center[0], p.y - bowl.center[1]);

/** A walk of WALK_STEPS at `factor` times the heavy-ball limit, from a start with at least a tenth of its offset along λmax's eigenvector. */
const walksAtTheLimit = (factor: number) =>
  fc
    .record({ bowl: bowls, start: vec, momentum: momentumValue })
    .filter((i) => shareAlongSteepest(i.bowl, i.start) >= 0.1)
    .map((i): MomentumInput => ({
      ...i,
      learningRate: factor * heavyBallLimit(i.bowl, i.momentum),
      iterations: WALK_STEPS,
    }));

/** The end of a path, or undefined when it has none. */
const endOf = (path: readonly Vec2[]): Vec2 | undefined => path[path.length - 1];

/** The public checks of 11-momentum that need no reference. */
export const momentumProperties = {
  momentumPathShape: holdsProperty<MomentumInput>({
    exercise,
    id: 'momentum-path-shape',
    title: 'descendWithMomentum returns iterations + 1 points, starting at start',
    points: 1,
    visibility: 'public',
    inputs: momentumInputs,
    calls: (i) => [momentumCall(i)],
    holds: (i, [value]) => {
      const path = value as Vec2[];
      if (path.length !== i.iterations + 1) return compareValue('path.length', path.length, i.iterations + 1, 0);
      const first = path[0];
      return first.x === i.start.x && first.y === i.start.y
        ? PASS
        : {
            pass: false,
            message: `path[0] is (${first.x}, ${first.y}); it must be the start (${i.start.x}, ${i.start.y}), before any step.`,
            expected: i.start,
            actual: first,
          };
    },
  }),
  momentumConvergesBelowLimit: holdsProperty<MomentumInput>({
    exercise,
    id: 'momentum-converges-below-limit',
    title: 'descendWithMomentum closes in on the minimum at 0.9 × 2(1 + β)/λmax',
    points: 1,
    visibility: 'public',
    inputs: walksAtTheLimit(0.9),
    numRuns: 8,
    calls: (i) => [momentumCall(i)],
    holds: (i, [value]) => {
      const end = endOf(value as Vec2[]);
      const [from, to] = [distance(i.start, i.bowl), end ? distance(end, i.bowl) : NaN];
      return to < from
        ? PASS
        : {
            pass: false,
            message: `at η = ${i.learningRate} and β = ${i.momentum}, below the heavy-ball limit 2(1 + β)/λmax = ${heavyBallLimit(i.bowl, i.momentum)}, ${WALK_STEPS} steps must end closer to the minimum than the start (${from}); yours end ${to} from it.`,
            expected: `distance < ${from}`,
            actual: end,
          };
    },
  }),
  momentumDivergesAboveLimit: holdsProperty<MomentumInput>({
    exercise,
    id: 'momentum-diverges-above-limit',
    title: 'descendWithMomentum runs away at 1.1 × 2(1 + β)/λmax',
    points: 1,
    visibility: 'public',
    inputs: walksAtTheLimit(1.1),
    numRuns: 8,
    calls: (i) => [momentumCall(i)],
    holds: (i, [value]) => {
      const end = endOf(value as Vec2[]);
      const [from, to] = [distance(i.start, i.bowl), end ? distance(end, i.bowl) : NaN];
      return to > from
        ? PASS
        : {
            pass: false,
            message: `at η = ${i.learningRate} and β = ${i.momentum}, above the heavy-ball limit 2(1 + β)/λmax = ${heavyBallLimit(i.bowl, i.momentum)}, heavy-ball descent must overshoot further each step and end further from the minimum than the start (${from}); yours end ${to} from it.`,
            expected: `distance > ${from}`,
            actual: end,
          };
    },
  }),
  rateGrowsWithMomentum: holdsProperty<{ points: Point[]; momenta: [number, number] }>({
    exercise,
    id: 'rate-grows-with-momentum',
    title: 'maxStableMomentumRate grows with β as 1 + β',
    points: 1,
    visibility: 'public',
    inputs: fc.record({
      points: gen.spreadPoints(2, 12),
      momenta: fc.uniqueArray(momentumValue, { minLength: 2, maxLength: 2 }) as fc.Arbitrary<[number, number]>,
    }),
    calls: (i) => i.momenta.map((momentum) => rateCall({ points: i.points, momentum })),
    holds: ({ momenta: [b1, b2] }, [r1, r2]) => {
      const [first, second] = [r1 as number, r2 as number];
      if (!(first > 0) || first === Infinity)
        return {
          pass: false,
          message: `maxStableMomentumRate at β = ${b1} is ${first}: a learning-rate limit is a positive number.`,
          actual: first,
          expected: '> 0',
        };
      const expected = (first * (1 + b2)) / (1 + b1);
      const verdict = compareValue(`maxStableMomentumRate at β = ${b2}`, second, expected, 4e-9 * expected);
      return verdict.pass
        ? PASS
        : {
            ...verdict,
            message: `maxStableMomentumRate gave ${first} at β = ${b1} and ${second} at β = ${b2}. The limit 2(1 + β)/λmax is proportional to 1 + β, so the second must be (1 + ${b2})/(1 + ${b1}) times the first: ${expected}.`,
          };
    },
  }),
};

/**
 * What the handout knows to judge a heavy-ball limit: the true limit, and the rates the grader's
 * verdict accepts on these data (`momentumRateLimitVerdict` with the reference's heavy ball, its
 * edges found by bisection when the handout is built), so that the handout runs no heavy ball of
 * its own: that would be the answer to descendWithMomentum, shipped.
 */
export interface RateLimitFacts {
  readonly limit: number;
  /** The lowest rate whose walk at 1.02× still diverges, and the highest whose walk at 0.98× still converges. */
  readonly accepted: readonly [number, number];
}

/**
 * How far heavy-ball descent ends from the optimum after `iterations` steps, relative to where it
 * started, from the worse of two starts: the optimum moved by (1, −2) and by (2, 1). One of two
 * perpendicular offsets always has half its length or more along the steepest direction, so no
 * data set hides the divergence above the limit from both.
 */
export function heavyBallGrowth(
  bowl: Bowl,
  descent: (gradient: (p: Vec2) => Vec2, start: Vec2, rate: number, momentum: number, n: number) => Vec2[],
  learningRate: number,
  momentum: number,
  iterations: number,
): number {
  const gradient = bowlGradient(bowl);
  const [cx, cy] = bowl.center;
  return Math.max(
    ...[
      [1, -2],
      [2, 1],
    ].map(([dx, dy]) => {
      const end = endOf(descent(gradient, { x: cx + dx, y: cy + dy }, learningRate, momentum, iterations))!;
      const growth = distance(end, bowl) / Math.hypot(dx, dy);
      return Number.isNaN(growth) ? Infinity : growth;
    }),
  );
}

/** A rate is the heavy-ball limit when descent converges at 0.98× it and diverges at 1.02× it, over 400 steps. */
export function momentumRateLimitVerdict(
  rate: number,
  momentum: number,
  growth: (learningRate: number, iterations: number) => number,
  limit: () => number,
): Verdict {
  if (!(rate > 0))
    return {
      pass: false,
      message: `a learning-rate limit must be positive; got ${rate}.`,
      actual: rate,
      expected: '> 0',
    };
  const below = growth(0.98 * rate, LIMIT_STEPS);
  const above = growth(1.02 * rate, LIMIT_STEPS);
  if (below > 1)
    return {
      pass: false,
      message: `heavy-ball descent with β = ${momentum} at 0.98 × ${rate} moved away from the optimum (distance ×${below.toPrecision(3)} after ${LIMIT_STEPS} steps): the true limit is lower.`,
      actual: rate,
      expected: limit(),
    };
  if (above < 10)
    return {
      pass: false,
      message: `heavy-ball descent with β = ${momentum} at 1.02 × ${rate} still converged (distance ×${above.toPrecision(3)} after ${LIMIT_STEPS} steps): the true limit is higher.`,
      actual: rate,
      expected: limit(),
    };
  return PASS;
}

/** What the handout knows to judge whether momentum beat plain descent: how far plain descent ended from the optimum, and the rounding allowed. */
export interface PlainDescentFacts {
  readonly plainDistance: number;
  readonly rounding: number;
}

/** The bound comparePath allows at the last point of a walk whose points reach `scale` (|x| + |y|): rounding, not a different walk. */
export function pathRounding(scale: number, learningRate: number, iterations: number): number {
  return termsTolerance(scale) * (1 + 4 * Math.abs(learningRate)) * (iterations + 1);
}

const judgePath = ((i, path, [value]) => comparePath(value as Vec2[], path, i.learningRate)) as Judge<
  MomentumInput,
  Vec2[]
>;
const judgeRate = ((_, facts, [value]) => judgeValue('2(1 + β)/λmax', value as number, facts)) as Judge<
  RateInput,
  Expected<number>
>;

/** Momentum on a narrow valley ends closer to the optimum than plain descent at the same rate and step count, by more than rounding. */
const judgeBeatsPlain = ((i, { plainDistance, rounding }, [value]) => {
  const path = value as Vec2[];
  if (path.length !== i.iterations + 1) return compareValue('path.length', path.length, i.iterations + 1, 0);
  const mine = distance(endOf(path)!, i.bowl);
  return mine < plainDistance - rounding
    ? PASS
    : {
        pass: false,
        message: `after ${i.iterations} steps at η = ${i.learningRate}, plain gradient descent ends ${plainDistance} from the optimum of this narrow valley; heavy ball with β = ${i.momentum} must end closer, since its velocity builds up along the valley floor. Yours ends ${mine} from it.`,
        expected: `distance < ${plainDistance}`,
        actual: endOf(path),
      };
}) as Judge<MomentumInput, PlainDescentFacts>;

/** Judges of the public checks of 11-momentum that need the reference's facts, by check id within the exercise. */
export const momentumJudges = {
  /** `facts`: the reference's path. */
  'momentum-worked-examples': judgePath,
  'momentum-uses-given-gradient': judgePath,
  /** `facts`: 05's descend on the same walk. */
  'zero-momentum-is-descend': judgePath,
  'momentum-beats-plain-descent': judgeBeatsPlain,
  'rate-worked-examples': judgeRate,
  /** `facts`: the rates the grader's heavy-ball verdict accepts on these data, found when the handout was built. */
  'rate-is-the-limit': ((i, { limit, accepted: [low, high] }, [value]) => {
    const rate = value as number;
    if (!(rate > 0))
      return momentumRateLimitVerdict(
        rate,
        i.momentum,
        () => 0,
        () => limit,
      );
    if (rate > high)
      return {
        pass: false,
        message: `heavy-ball descent with β = ${i.momentum} at 0.98 × ${rate} moves away from the optimum on these data (the grader's runs accept rates up to ${high}): the true limit is lower.`,
        actual: rate,
        expected: limit,
      };
    if (rate < low)
      return {
        pass: false,
        message: `heavy-ball descent with β = ${i.momentum} at 1.02 × ${rate} still converges on these data (the grader's runs accept rates from ${low}): the true limit is higher.`,
        actual: rate,
        expected: limit,
      };
    return PASS;
  }) as Judge<RateInput, RateLimitFacts>,
};

/** The hidden checks of 11-momentum use the same judges, on facts the grader computes for every input. */
export { judgePath, judgeRate };
