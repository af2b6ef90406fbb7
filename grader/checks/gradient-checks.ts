import fc from 'fast-check';
import type { Gradient, Line, Point } from '../../exercises/types';
import { computeCost } from '../../solutions/01-cost/cost';
import * as gen from './arbitraries';
import { holdsProperty, isPure, matchesReference } from './builders';
import { PASS } from './check';
import { compareFields, compareGradient } from './compare';
import { costTolerance, gradientTolerance } from './tolerance';
import { computeGradient } from '../../solutions/02-gradient/gradient';

type GradientInput = { points: Point[]; line: Line };
const exercise = '02-gradient';
const gradient = (points: readonly Point[], line: Line) => ({ exercise, fn: 'computeGradient', args: [points, line] }) as const;
const smallInputs: fc.Arbitrary<GradientInput> = fc.record({ points: gen.points(1, 12), line: gen.line });

/** N = 1 (where a sum equals a mean), N = 7 off the optimum with Σx ≠ 0 and x ≠ 1, and the seeds' start. */
export const GRADIENT_EXAMPLES: GradientInput[] = [
  { points: [{ x: 1, y: 3 }], line: { m: 1, b: 0 } },
  { points: [{ x: 3, y: -1 }], line: { m: 0.5, b: 2 } },
  { points: [{ x: -2, y: 1 }, { x: -1, y: 3 }, { x: 0, y: 2 }, { x: 1, y: 6 }, { x: 3, y: 5 }, { x: 4, y: 9 }, { x: 6, y: 8 }], line: { m: 0.5, b: 1 } },
];

/** Central differences of the reference cost with step h = 1: exact for a quadratic, up to the rounding of the four costs. */
function centralDifferences(points: readonly Point[], line: Line): { gradient: Gradient; tolerance: Gradient } {
  const h = 1;
  const j = (m: number, b: number) => computeCost(points, { m, b });
  const rounding = (l: Line) => costTolerance(points, l, j(l.m, l.b)) / h;
  return {
    gradient: { dm: (j(line.m + h, line.b) - j(line.m - h, line.b)) / (2 * h), db: (j(line.m, line.b + h) - j(line.m, line.b - h)) / (2 * h) },
    tolerance: { dm: rounding({ m: line.m + Math.sign(line.m || 1) * h, b: line.b }), db: rounding({ m: line.m, b: line.b + Math.sign(line.b || 1) * h }) },
  };
}

export const gradientChecks = [
  matchesReference<GradientInput, Gradient>({
    exercise, id: 'worked-examples', title: 'matches the worked examples', points: 3, visibility: 'public',
    inputs: smallInputs, examples: GRADIENT_EXAMPLES, fn: 'computeGradient',
    args: (i) => [i.points, i.line], compare: (actual, i) => compareGradient(actual, i.points, i.line),
  }),
  holdsProperty({
    exercise, id: 'zero-on-perfect-fit', title: 'is (0, 0) when the line passes through every point', points: 2, visibility: 'public', inputs: gen.perfectFit,
    calls: (i) => [gradient(i.points, i.line)],
    holds: (_, [value]) => compareFields('the gradient at a perfect fit', { ...(value as Gradient) }, { dm: 0, db: 0 }, { dm: 0, db: 0 }),
  }),
  holdsProperty<GradientInput>({
    exercise, id: 'matches-finite-differences', title: 'agrees with the slope of the cost measured by central differences', points: 2, visibility: 'public', inputs: smallInputs,
    calls: (i) => [gradient(i.points, i.line)],
    holds: (i, [value]) => {
      const measured = centralDifferences(i.points, i.line);
      const own = gradientTolerance(i.points, i.line, measured.gradient);
      const verdict = compareFields('the gradient against (J(m + 1) − J(m − 1)) / 2', { ...(value as Gradient) }, { ...measured.gradient }, { dm: own.dm + measured.tolerance.dm, db: own.db + measured.tolerance.db });
      return verdict;
    },
  }),
  holdsProperty<GradientInput>({
    exercise, id: 'points-uphill', title: 'points uphill: a small step against it lowers the cost', points: 2, visibility: 'public',
    inputs: smallInputs.filter((i) => { const g = computeGradient(i.points, i.line); return Math.abs(g.dm) + Math.abs(g.db) > 1e-9; }),
    calls: (i) => [gradient(i.points, i.line)],
    holds: (i, [value]) => {
      const g = value as Gradient;
      const reference = computeGradient(i.points, i.line);
      const along = g.dm * reference.dm + g.db * reference.db;
      return along > 0 ? PASS : { pass: false, message: 'stepping against this gradient does not lower the cost: check the sign of each partial derivative (the residual is y − (m·x + b), and the derivative of its square brings a minus sign).', actual: g, expected: reference };
    },
  }),
  holdsProperty<GradientInput>({
    exercise, id: 'duplicates-change-nothing', title: 'is unchanged when every point is duplicated', points: 1, visibility: 'public', inputs: smallInputs,
    calls: (i) => [gradient(i.points, i.line), gradient([...i.points, ...i.points], i.line)],
    holds: (i, [once, twice]) => {
      const t = gradientTolerance(i.points, i.line, once as Gradient);
      return compareFields('the gradient of the duplicated data', { ...(twice as Gradient) }, { ...(once as Gradient) }, { dm: 2 * t.dm, db: 2 * t.db });
    },
  }),
  holdsProperty({
    exercise, id: 'order-changes-nothing', title: 'does not depend on the order of the points', points: 1, visibility: 'public',
    inputs: smallInputs.chain((i) => fc.shuffledSubarray(i.points, { minLength: i.points.length, maxLength: i.points.length }).map((shuffled) => ({ ...i, shuffled }))),
    calls: (i) => [gradient(i.points, i.line), gradient(i.shuffled, i.line)],
    holds: (i, [original, shuffled]) => {
      const t = gradientTolerance(i.points, i.line, original as Gradient);
      return compareFields('the gradient of the reordered data', { ...(shuffled as Gradient) }, { ...(original as Gradient) }, { dm: 2 * t.dm, db: 2 * t.db });
    },
  }),
  matchesReference<GradientInput, Gradient>({
    exercise, id: 'matches-reference', title: 'matches the reference on random small data', points: 5, visibility: 'hidden', inputs: smallInputs, numRuns: 100,
    fn: 'computeGradient', args: (i) => [i.points, i.line], compare: (actual, i) => compareGradient(actual, i.points, i.line),
  }),
  matchesReference<GradientInput, Gradient>({
    exercise, id: 'matches-reference-large', title: 'matches the reference on larger, realistic data', points: 3, visibility: 'hidden',
    inputs: fc.record({ points: gen.largeData, line: gen.realLine }), numRuns: 20,
    fn: 'computeGradient', args: (i) => [i.points, i.line], compare: (actual, i) => compareGradient(actual, i.points, i.line),
  }),
  isPure<GradientInput>({ exercise, id: 'pure', title: 'leaves its arguments unchanged and answers the same call the same way', points: 1, visibility: 'hidden', inputs: smallInputs, numRuns: 20, fn: 'computeGradient', args: (i) => [i.points, i.line] }),
];
