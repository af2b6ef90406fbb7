import fc from 'fast-check';
import type { Line, Point } from '../../exercises/types';
import { computeGradient } from '../../solutions/02-gradient/gradient';
import { step } from '../../solutions/03-step/step';
import { leastSquares, maxStableLearningRate } from '../../solutions/06-learning-rate/learning-rate';
import { readPointsCsv } from '../data/read-points';
import { SEED_DATA_CSV } from '../data/paths';
import * as gen from './arbitraries';
import { holdsProperty, matchesReference } from './builders';
import { PASS, type Verdict } from './check';
import { compareFields, compareValue } from './compare';
import { closedFormTolerance, gradientTolerance } from './tolerance';

const exercise = '06-learning-rate';
type DataInput = { points: Point[] };
const dataInputs: fc.Arbitrary<DataInput> = gen.spreadPoints(2, 12).map((points) => ({ points }));
const largeInputs: fc.Arbitrary<DataInput> = gen.largeData.filter((ps) => ps.some((p) => p.x !== ps[0].x)).map((points) => ({ points }));

export const CLOSED_FORM_EXAMPLES: DataInput[] = [
  { points: [{ x: 0, y: 1 }, { x: 1, y: 3 }] },
  { points: [{ x: -1, y: 0 }, { x: 1, y: 0 }] },
  { points: [{ x: -2, y: 1 }, { x: -1, y: 3 }, { x: 0, y: 2 }, { x: 1, y: 6 }, { x: 3, y: 5 }, { x: 4, y: 9 }, { x: 6, y: 8 }] },
  { points: readPointsCsv(SEED_DATA_CSV) },
];

function compareLeastSquares(actual: Line, { points }: DataInput): Verdict {
  const expected = leastSquares(points);
  const yScale = Math.max(...points.map((p) => Math.abs(p.y)), 1);
  return compareFields('the least-squares line', { ...actual }, { ...expected }, { m: closedFormTolerance(expected.m, 1), b: closedFormTolerance(expected.b, yScale) });
}

function compareRate(actual: number, { points }: DataInput): Verdict {
  const expected = maxStableLearningRate(points);
  return compareValue('2 / λmax', actual, expected, closedFormTolerance(expected, 0));
}

/** Distance from the optimum after `iterations` reference steps from a generic start, relative to where it started. */
function growth(points: readonly Point[], learningRate: number, iterations: number): number {
  const optimum = leastSquares(points);
  let line: Line = { m: optimum.m + 1, b: optimum.b - 2 };
  const distance = (l: Line) => Math.hypot(l.m - optimum.m, l.b - optimum.b);
  const start = distance(line);
  for (let k = 0; k < iterations && Number.isFinite(line.m); k++) line = step(points, line, learningRate);
  return distance(line) / start;
}

export const learningRateChecks = [
  matchesReference<DataInput, Line>({ exercise, id: 'least-squares-worked-examples', title: 'leastSquares matches the worked examples (data.csv: m ≈ 1.32243, b ≈ 7.99102)', points: 2, visibility: 'public', inputs: dataInputs, examples: CLOSED_FORM_EXAMPLES, fn: 'leastSquares', args: (i) => [i.points], compare: compareLeastSquares }),
  holdsProperty({
    exercise, id: 'least-squares-exact-fit', title: 'leastSquares recovers the line exactly when every point is on it', points: 1, visibility: 'public',
    inputs: gen.perfectFit.filter((i) => i.points.some((p) => p.x !== i.points[0].x)),
    calls: (i) => [{ exercise, fn: 'leastSquares', args: [i.points] }],
    holds: (i, [value]) => compareFields('the fitted line', { ...(value as Line) }, { ...i.line }, { m: closedFormTolerance(i.line.m, 1), b: closedFormTolerance(i.line.b, 8) }),
  }),
  holdsProperty<DataInput>({
    exercise, id: 'least-squares-flat-gradient', title: 'the cost is flat at leastSquares’ line (its gradient is 0 there)', points: 2, visibility: 'public', inputs: dataInputs,
    calls: (i) => [{ exercise, fn: 'leastSquares', args: [i.points] }],
    holds: (i, [value]) => {
      const line = value as Line;
      const g = computeGradient(i.points, line);
      const t = gradientTolerance(i.points, line, { dm: 0, db: 0 });
      const slack = 1e6;
      return compareFields('∇J at your line', { ...g }, { dm: 0, db: 0 }, { dm: slack * t.dm, db: slack * t.db });
    },
  }),
  matchesReference<DataInput, Line>({ exercise, id: 'least-squares-matches-reference', title: 'leastSquares matches the reference on random data', points: 3, visibility: 'hidden', inputs: dataInputs, numRuns: 60, fn: 'leastSquares', args: (i) => [i.points], compare: compareLeastSquares }),
  matchesReference<DataInput, number>({ exercise, id: 'max-rate-worked-examples', title: 'maxStableLearningRate matches the worked examples', points: 2, visibility: 'public', inputs: dataInputs, examples: CLOSED_FORM_EXAMPLES, fn: 'maxStableLearningRate', args: (i) => [i.points], compare: compareRate }),
  holdsProperty<DataInput>({
    exercise, id: 'max-rate-is-the-limit', title: 'descent converges at 0.98× your rate and diverges at 1.02× it', points: 2, visibility: 'public', inputs: dataInputs,
    calls: (i) => [{ exercise, fn: 'maxStableLearningRate', args: [i.points] }],
    holds: (i, [value]) => {
      const rate = value as number;
      if (!(rate > 0)) return { pass: false, message: `a learning-rate limit must be positive; got ${rate}.`, actual: rate, expected: '> 0' };
      const below = growth(i.points, 0.98 * rate, 400);
      const above = growth(i.points, 1.02 * rate, 400);
      if (below > 1) return { pass: false, message: `gradient descent at 0.98 × ${rate} moved away from the optimum (distance ×${below.toPrecision(3)} after 400 steps): the true limit is lower.`, actual: rate, expected: maxStableLearningRate(i.points) };
      if (above < 10) return { pass: false, message: `gradient descent at 1.02 × ${rate} still converged (distance ×${above.toPrecision(3)} after 400 steps): the true limit is higher.`, actual: rate, expected: maxStableLearningRate(i.points) };
      return PASS;
    },
  }),
  matchesReference<DataInput, number>({ exercise, id: 'max-rate-matches-reference', title: 'maxStableLearningRate matches the reference on random data', points: 2, visibility: 'hidden', inputs: dataInputs, numRuns: 60, fn: 'maxStableLearningRate', args: (i) => [i.points], compare: compareRate }),
  matchesReference<DataInput, number>({ exercise, id: 'max-rate-matches-reference-large', title: 'maxStableLearningRate matches the reference on larger, realistic data', points: 1, visibility: 'hidden', inputs: largeInputs, numRuns: 8, fn: 'maxStableLearningRate', args: (i) => [i.points], compare: compareRate }),
];
