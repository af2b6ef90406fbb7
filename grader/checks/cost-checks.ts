import fc from 'fast-check';
import type { Line, Point } from '../../exercises/types';
import { computeCost } from '../../solutions/01-cost/cost';
import { readPointsCsv } from '../data/read-points';
import { SEED_DATA_CSV } from '../data/paths';
import * as gen from './arbitraries';
import { holdsProperty, isPure, matchesReference } from './builders';
import { PASS } from './check';
import { compareCost, compareValue } from './compare';
import { costTolerance } from './tolerance';

type CostInput = { points: Point[]; line: Line };
const exercise = '01-cost';
const cost = (points: readonly Point[], line: Line) => ({ exercise, fn: 'computeCost', args: [points, line] }) as const;
const smallInputs: fc.Arbitrary<CostInput> = fc.record({ points: gen.points(1, 12), line: gen.line });

/** Designed so that every scale, sign and convention mistake shows: N = 1, N = 7 off the optimum with Σx ≠ 0, and the seeds' data at m = b = 0. */
export const COST_EXAMPLES: CostInput[] = [
  { points: [{ x: 2, y: 3 }], line: { m: 1, b: 0 } },
  { points: [{ x: 1, y: 2 }, { x: 2, y: 2 }], line: { m: 1, b: 0 } },
  { points: [{ x: -2, y: 1 }, { x: -1, y: 3 }, { x: 0, y: 2 }, { x: 1, y: 6 }, { x: 3, y: 5 }, { x: 4, y: 9 }, { x: 6, y: 8 }], line: { m: 0.5, b: 1 } },
  { points: readPointsCsv(SEED_DATA_CSV), line: { m: 0, b: 0 } },
];

export const costChecks = [
  matchesReference<CostInput, number>({
    exercise, id: 'worked-examples', title: 'matches the worked examples (and the seeds’ start error 5565.1078…)', points: 3, visibility: 'public',
    inputs: smallInputs, examples: COST_EXAMPLES, fn: 'computeCost',
    args: (i) => [i.points, i.line], compare: (actual, i) => compareCost(actual, i.points, i.line),
  }),
  holdsProperty<CostInput>({
    exercise, id: 'non-negative', title: 'is never negative', points: 1, visibility: 'public', inputs: smallInputs,
    calls: (i) => [cost(i.points, i.line)],
    holds: (_, [value]) => ((value as number) >= 0 ? PASS : { pass: false, message: `the cost is an average of squares, so it can never be negative; got ${value}.`, actual: value, expected: '≥ 0' }),
  }),
  holdsProperty({
    exercise, id: 'zero-on-perfect-fit', title: 'is 0 when the line passes through every point', points: 1, visibility: 'public', inputs: gen.perfectFit,
    calls: (i) => [cost(i.points, i.line)],
    holds: (_, [value]) => compareValue('the cost of a perfect fit', value as number, 0, 0),
  }),
  holdsProperty<CostInput>({
    exercise, id: 'duplicates-change-nothing', title: 'is unchanged when every point is duplicated (it is a mean, not a sum)', points: 1, visibility: 'public', inputs: smallInputs,
    calls: (i) => [cost(i.points, i.line), cost([...i.points, ...i.points], i.line)],
    holds: (i, [once, twice]) => compareValue('the cost of the duplicated data', twice as number, once as number, 2 * costTolerance(i.points, i.line, once as number)),
  }),
  holdsProperty({
    exercise, id: 'order-changes-nothing', title: 'does not depend on the order of the points', points: 1, visibility: 'public',
    inputs: smallInputs.chain((i) => fc.shuffledSubarray(i.points, { minLength: i.points.length, maxLength: i.points.length }).map((shuffled) => ({ ...i, shuffled }))),
    calls: (i) => [cost(i.points, i.line), cost(i.shuffled, i.line)],
    holds: (i, [original, shuffled]) => compareValue('the cost of the reordered data', shuffled as number, original as number, 2 * costTolerance(i.points, i.line, original as number)),
  }),
  holdsProperty({
    exercise, id: 'scales-quadratically', title: 'scaling y, m and b by c scales the cost by c²', points: 1, visibility: 'public',
    inputs: fc.record({ points: gen.points(1, 12), line: gen.line, c: fc.constantFrom(2, 4, 0.5, -2) }),
    calls: (i) => [cost(i.points, i.line), cost(i.points.map((p) => ({ x: p.x, y: i.c * p.y })), { m: i.c * i.line.m, b: i.c * i.line.b })],
    holds: (i, [base, scaled]) => compareValue(`the cost with y, m and b times ${i.c}`, scaled as number, i.c * i.c * (base as number), i.c * i.c * 2 * costTolerance(i.points, i.line, base as number)),
  }),
  matchesReference<CostInput, number>({
    exercise, id: 'matches-reference', title: 'matches the reference on random small data', points: 4, visibility: 'hidden', inputs: smallInputs, numRuns: 100,
    fn: 'computeCost', args: (i) => [i.points, i.line], compare: (actual, i) => compareCost(actual, i.points, i.line),
  }),
  matchesReference<CostInput, number>({
    exercise, id: 'matches-reference-large', title: 'matches the reference on larger, realistic data', points: 2, visibility: 'hidden',
    inputs: fc.record({ points: gen.largeData, line: gen.realLine }), numRuns: 20,
    fn: 'computeCost', args: (i) => [i.points, i.line], compare: (actual, i) => compareCost(actual, i.points, i.line),
  }),
  isPure<CostInput>({ exercise, id: 'pure', title: 'leaves its arguments unchanged and answers the same call the same way', points: 1, visibility: 'hidden', inputs: smallInputs, numRuns: 20, fn: 'computeCost', args: (i) => [i.points, i.line] }),
];

export { computeCost as referenceCost };
