import type { Gradient, Line, Point } from '../../../../exercises/types';
import * as gen from '../../checks/arbitraries';
import { holdsProperty } from '../../checks/builders';
import { PASS, type Judge, type Verdict } from '../../checks/check';
import { closedFormTolerance, gradientTolerance } from '../../checks/tolerance';
import { compareFields, judgeFields, judgeValue, type Expected } from '../../checks/verdicts';

const exercise = '06-learning-rate';
export type DataInput = { points: Point[] };
export const dataInputs = gen.spreadPoints(2, 12).map((points) => ({ points }));

/** J's gradient as the affine map it is (J is quadratic in m and b): ∇J(m, b) = at00 + m·perM + b·perB. */
export interface AffineGradient {
  readonly at00: Gradient;
  readonly perM: Gradient;
  readonly perB: Gradient;
}

export function gradientFrom({ at00, perM, perB }: AffineGradient): (line: Line) => Gradient {
  return (line) => ({
    dm: at00.dm + line.m * perM.dm + line.b * perB.dm,
    db: at00.db + line.m * perM.db + line.b * perB.db,
  });
}

/** leastSquares' line must be where J is flat, up to a generous multiple of the gradient's tolerance. */
export function flatGradientVerdict(
  points: readonly Point[],
  line: Line,
  gradientAt: (line: Line) => Gradient,
): Verdict {
  const g = gradientAt(line);
  const t = gradientTolerance(points, line, { dm: 0, db: 0 });
  const slack = 1e6;
  return compareFields('∇J at your line', { ...g }, { dm: 0, db: 0 }, { dm: slack * t.dm, db: slack * t.db });
}

/** Distance from the optimum after `iterations` steps from a generic start, relative to where it started. */
export function growthFrom(
  optimum: Line,
  step: (line: Line, learningRate: number) => Line,
  learningRate: number,
  iterations: number,
): number {
  let line: Line = { m: optimum.m + 1, b: optimum.b - 2 };
  const distance = (l: Line) => Math.hypot(l.m - optimum.m, l.b - optimum.b);
  const start = distance(line);
  for (let k = 0; k < iterations && Number.isFinite(line.m); k++) line = step(line, learningRate);
  return distance(line) / start;
}

/** A rate is the limit when descent converges at 0.98× it and diverges at 1.02× it. */
export function rateLimitVerdict(
  rate: number,
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
  const below = growth(0.98 * rate, 400);
  const above = growth(1.02 * rate, 400);
  if (below > 1)
    return {
      pass: false,
      message: `gradient descent at 0.98 × ${rate} moved away from the optimum (distance ×${below.toPrecision(3)} after 400 steps): the true limit is lower.`,
      actual: rate,
      expected: limit(),
    };
  if (above < 10)
    return {
      pass: false,
      message: `gradient descent at 1.02 × ${rate} still converged (distance ×${above.toPrecision(3)} after 400 steps): the true limit is higher.`,
      actual: rate,
      expected: limit(),
    };
  return PASS;
}

/** What the handout knows about a data set to judge a stability limit: J's gradient, its optimum and the true limit. */
export interface RateLimitFacts {
  readonly gradient: AffineGradient;
  readonly optimum: Line;
  readonly limit: number;
}

function affineStep(gradient: AffineGradient): (line: Line, learningRate: number) => Line {
  const at = gradientFrom(gradient);
  return (line, learningRate) => {
    const g = at(line);
    return { m: line.m - learningRate * g.dm, b: line.b - learningRate * g.db };
  };
}

export const leastSquaresTolerance = (points: readonly Point[], expected: Line): Line => {
  const yScale = Math.max(...points.map((p) => Math.abs(p.y)), 1);
  return { m: closedFormTolerance(expected.m, 1), b: closedFormTolerance(expected.b, yScale) };
};

/** The public checks of 06-learning-rate that need no reference. */
export const learningRateProperties = {
  leastSquaresExactFit: holdsProperty({
    exercise,
    id: 'least-squares-exact-fit',
    title: 'leastSquares recovers the line exactly when every point is on it',
    points: 1,
    visibility: 'public',
    inputs: gen.perfectFit.filter((i) => i.points.some((p) => p.x !== i.points[0].x)),
    calls: (i) => [{ exercise, fn: 'leastSquares', args: [i.points] }],
    holds: (i, [value]) =>
      compareFields(
        'the fitted line',
        { ...(value as Line) },
        { ...i.line },
        { m: closedFormTolerance(i.line.m, 1), b: closedFormTolerance(i.line.b, 8) },
      ),
  }),
};

export const judgeLeastSquares = ((_, facts, [value]) =>
  judgeFields('the least-squares line', value as Line, facts)) as Judge<DataInput, Expected<Line>>;
export const judgeRate = ((_, facts, [value]) => judgeValue('2 / λmax', value as number, facts)) as Judge<
  DataInput,
  Expected<number>
>;

/**
 * Judges of the public checks of 06-learning-rate that need the reference's facts, by check id
 * within the exercise. The grader judges flat-gradient and is-the-limit with the reference's own
 * gradient and step at the student's answer; the handout uses J's gradient as an affine map (exact
 * for a quadratic, up to rounding far below these checks' margins).
 */
export const learningRateJudges = {
  'least-squares-worked-examples': judgeLeastSquares,
  'max-rate-worked-examples': judgeRate,
  'least-squares-flat-gradient': ((i, gradient, [value]) =>
    flatGradientVerdict(i.points, value as Line, gradientFrom(gradient))) as Judge<DataInput, AffineGradient>,
  'max-rate-is-the-limit': ((_, facts, [value]) =>
    rateLimitVerdict(
      value as number,
      (learningRate, iterations) => growthFrom(facts.optimum, affineStep(facts.gradient), learningRate, iterations),
      () => facts.limit,
    )) as Judge<DataInput, RateLimitFacts>,
};
