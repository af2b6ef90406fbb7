import fc from 'fast-check';
import type { Gradient, Line, Point } from '../../../../../exercises/types';
import { computeCost } from '../../../../../solutions/01-cost/cost';
import * as gen from '../../../checks/arbitraries';
import { isPure, judgedCheck, matchesReference } from '../../../checks/builders';
import { compareGradient, gradientExpectation } from '../../../../reference/compare';
import { costTolerance, gradientTolerance } from '../../../checks/tolerance';
import { computeGradient } from '../../../../../solutions/02-gradient/gradient';
import {
  gradientInputs as smallInputs,
  gradientJudges,
  gradientProperties,
  type GradientInput,
} from '../public-checks';
import type { Expected } from '../../../checks/verdicts';

const exercise = '02-gradient';
const gradient = (points: readonly Point[], line: Line) =>
  ({ exercise, fn: 'computeGradient', args: [points, line] }) as const;

/**
 * The README's worked examples first, exactly as it writes them (tests/kit/readme-worked-examples.test.ts
 * holds the two together), then designed ones: N = 1 (where a sum equals a mean) with x ≠ 1, and N = 7
 * off the optimum with Σx ≠ 0.
 */
export const GRADIENT_EXAMPLES: GradientInput[] = [
  {
    points: [
      { x: 0, y: 1 },
      { x: 1, y: 3 },
      { x: 2, y: 2 },
      { x: 3, y: 6 },
    ],
    line: { m: 1, b: 1 },
  },
  { points: [{ x: 1, y: 3 }], line: { m: 1, b: 0 } },
  { points: [{ x: 3, y: -1 }], line: { m: 0.5, b: 2 } },
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
    line: { m: 0.5, b: 1 },
  },
];

/** Central differences of the reference cost with step h = 1: exact for a quadratic, up to the rounding of the four costs. */
function centralDifferences(points: readonly Point[], line: Line): { gradient: Gradient; tolerance: Gradient } {
  const h = 1;
  const j = (m: number, b: number) => computeCost(points, { m, b });
  const rounding = (l: Line) => costTolerance(points, l, j(l.m, l.b)) / h;
  return {
    gradient: {
      dm: (j(line.m + h, line.b) - j(line.m - h, line.b)) / (2 * h),
      db: (j(line.m, line.b + h) - j(line.m, line.b - h)) / (2 * h),
    },
    tolerance: {
      dm: rounding({ m: line.m + Math.sign(line.m || 1) * h, b: line.b }),
      db: rounding({ m: line.m, b: line.b + Math.sign(line.b || 1) * h }),
    },
  };
}

/** The measured slope, held to the gradient's own tolerance plus the rounding of the four costs. */
function finiteDifferenceExpectation(points: readonly Point[], line: Line): Expected<Gradient> {
  const measured = centralDifferences(points, line);
  const own = gradientTolerance(points, line, measured.gradient);
  return {
    expected: { ...measured.gradient },
    tolerance: { dm: own.dm + measured.tolerance.dm, db: own.db + measured.tolerance.db },
  };
}

export const gradientChecks = [
  judgedCheck<GradientInput, Expected<Gradient>>({
    exercise,
    id: 'worked-examples',
    title: 'matches the worked examples',
    points: 3,
    visibility: 'public',
    kind: 'reference',
    inputs: smallInputs,
    examples: GRADIENT_EXAMPLES,
    calls: (i) => [gradient(i.points, i.line)],
    facts: (i) => gradientExpectation(i.points, i.line),
    judge: gradientJudges['worked-examples'],
  }),
  gradientProperties.zeroOnPerfectFit,
  judgedCheck<GradientInput, Expected<Gradient>>({
    exercise,
    id: 'matches-finite-differences',
    title: 'agrees with the slope of the cost measured by central differences',
    points: 2,
    visibility: 'public',
    kind: 'property',
    inputs: smallInputs,
    calls: (i) => [gradient(i.points, i.line)],
    facts: (i) => finiteDifferenceExpectation(i.points, i.line),
    judge: gradientJudges['matches-finite-differences'],
  }),
  judgedCheck<GradientInput, Expected<Gradient>>({
    exercise,
    id: 'points-uphill',
    title: 'points uphill: a small step against it lowers the cost',
    points: 2,
    visibility: 'public',
    kind: 'property',
    inputs: smallInputs.filter((i) => {
      const g = computeGradient(i.points, i.line);
      return Math.abs(g.dm) + Math.abs(g.db) > 1e-9;
    }),
    calls: (i) => [gradient(i.points, i.line)],
    facts: (i) => gradientExpectation(i.points, i.line),
    judge: gradientJudges['points-uphill'],
  }),
  gradientProperties.duplicatesChangeNothing,
  gradientProperties.orderChangesNothing,
  matchesReference<GradientInput, Gradient>({
    exercise,
    id: 'matches-reference',
    title: 'matches the reference on random small data',
    points: 5,
    visibility: 'hidden',
    inputs: smallInputs,
    numRuns: 60,
    fn: 'computeGradient',
    args: (i) => [i.points, i.line],
    compare: (actual, i) => compareGradient(actual, i.points, i.line),
  }),
  matchesReference<GradientInput, Gradient>({
    exercise,
    id: 'matches-reference-large',
    title: 'matches the reference on larger, realistic data',
    points: 3,
    visibility: 'hidden',
    inputs: fc.record({ points: gen.largeData, line: gen.realLine }),
    numRuns: 10,
    fn: 'computeGradient',
    args: (i) => [i.points, i.line],
    compare: (actual, i) => compareGradient(actual, i.points, i.line),
  }),
  isPure<GradientInput>({
    exercise,
    id: 'pure',
    title: 'leaves its arguments unchanged and answers the same call the same way',
    points: 1,
    visibility: 'hidden',
    inputs: smallInputs,
    numRuns: 10,
    fn: 'computeGradient',
    args: (i) => [i.points, i.line],
  }),
];
