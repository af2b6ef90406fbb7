import fc from 'fast-check';
import type { Line, Point } from '../../exercises/types';
import { computeCost } from '../../solutions/01-cost/cost';
import { computeGradient } from '../../solutions/02-gradient/gradient';
import { maxStableLearningRate } from '../../solutions/06-learning-rate/learning-rate';
import * as gen from './arbitraries';
import { holdsProperty, isPure, matchesReference } from './builders';
import { PASS } from './check';
import { compareFields, compareStep } from './compare';
import { costTolerance, stepTolerance } from './tolerance';

type StepInput = { points: Point[]; line: Line; learningRate: number };
const exercise = '03-step';
const step = (points: readonly Point[], line: Line, learningRate: number) => ({ exercise, fn: 'step', args: [points, line, learningRate] }) as const;
const smallInputs: fc.Arbitrary<StepInput> = fc.record({ points: gen.points(1, 12), line: gen.line, learningRate: gen.smallRate });

/** Σx ≠ 0 throughout: with Σx = 0 a sequential update of m then b is indistinguishable from a simultaneous one. */
export const STEP_EXAMPLES: StepInput[] = [
  { points: [{ x: 1, y: 3 }], line: { m: 1, b: 0 }, learningRate: 0.125 },
  { points: [{ x: 1, y: 2 }, { x: 2, y: 5 }, { x: 4, y: 7 }], line: { m: 1, b: 1 }, learningRate: 0.0625 },
  { points: [{ x: -2, y: 1 }, { x: -1, y: 3 }, { x: 0, y: 2 }, { x: 1, y: 6 }, { x: 3, y: 5 }, { x: 4, y: 9 }, { x: 6, y: 8 }], line: { m: 0.5, b: 1 }, learningRate: 0.03125 },
];

export const stepChecks = [
  matchesReference<StepInput, Line>({
    exercise, id: 'worked-examples', title: 'matches the worked examples', points: 3, visibility: 'public', inputs: smallInputs, examples: STEP_EXAMPLES,
    fn: 'step', args: (i) => [i.points, i.line, i.learningRate], compare: (actual, i) => compareStep(actual, i.points, i.line, i.learningRate),
  }),
  holdsProperty<StepInput>({
    exercise, id: 'zero-rate-stays', title: 'a step with learning rate 0 returns the same line', points: 1, visibility: 'public', inputs: smallInputs,
    calls: (i) => [step(i.points, i.line, 0)],
    holds: (i, [value]) => compareFields('step with η = 0', { ...(value as Line) }, { ...i.line }, { m: 0, b: 0 }),
  }),
  holdsProperty<StepInput>({
    exercise, id: 'linear-in-rate', title: 'doubling the learning rate doubles the move', points: 2, visibility: 'public', inputs: smallInputs,
    calls: (i) => [step(i.points, i.line, i.learningRate), step(i.points, i.line, 2 * i.learningRate)],
    holds: (i, [single, double]) => {
      const s = single as Line;
      const d = double as Line;
      const t = stepTolerance(i.points, i.line, 2 * i.learningRate, computeGradient(i.points, i.line));
      return compareFields('the move with 2η', { m: d.m - i.line.m, b: d.b - i.line.b }, { m: 2 * (s.m - i.line.m), b: 2 * (s.b - i.line.b) }, { m: 3 * t.m, b: 3 * t.b });
    },
  }),
  matchesReference<StepInput, Line>({
    exercise, id: 'simultaneous-update', title: 'updates m and b simultaneously, from the gradient at the old line', points: 2, visibility: 'public',
    inputs: fc.record({ points: gen.offCentrePoints(2, 12), line: gen.line, learningRate: gen.smallRate.filter((r) => r > 0) }),
    fn: 'step', args: (i) => [i.points, i.line, i.learningRate], compare: (actual, i) => compareStep(actual, i.points, i.line, i.learningRate),
  }),
  holdsProperty({
    exercise, id: 'lowers-cost-below-limit', title: 'never raises the cost when η is below the stability limit', points: 2, visibility: 'hidden',
    inputs: fc.record({ points: gen.spreadPoints(2, 12), line: gen.line, fraction: gen.stableFraction }).map((i) => ({ ...i, learningRate: i.fraction * maxStableLearningRate(i.points) })),
    calls: (i) => [step(i.points, i.line, i.learningRate)],
    holds: (i, [value]) => {
      const before = computeCost(i.points, i.line);
      const after = computeCost(i.points, value as Line);
      return after <= before + 4 * costTolerance(i.points, i.line, before) ? PASS : { pass: false, message: `the cost rose from ${before} to ${after} after one step at η = ${i.learningRate}, below the limit 2/λmax: the step goes uphill.`, expected: `≤ ${before}`, actual: after };
    },
  }),
  matchesReference<StepInput, Line>({
    exercise, id: 'matches-reference', title: 'matches the reference on random small data', points: 3, visibility: 'hidden', inputs: smallInputs, numRuns: 100,
    fn: 'step', args: (i) => [i.points, i.line, i.learningRate], compare: (actual, i) => compareStep(actual, i.points, i.line, i.learningRate),
  }),
  matchesReference<StepInput, Line>({
    exercise, id: 'matches-reference-large', title: 'matches the reference on larger, realistic data', points: 1, visibility: 'hidden',
    inputs: fc.record({ points: gen.largeData, line: gen.realLine, learningRate: fc.constantFrom(1e-4, 3e-5, 1e-5) }), numRuns: 20,
    fn: 'step', args: (i) => [i.points, i.line, i.learningRate], compare: (actual, i) => compareStep(actual, i.points, i.line, i.learningRate),
  }),
  isPure<StepInput>({ exercise, id: 'pure', title: 'leaves its arguments unchanged and answers the same call the same way', points: 1, visibility: 'hidden', inputs: smallInputs, numRuns: 20, fn: 'step', args: (i) => [i.points, i.line, i.learningRate] }),
];
