import fc from 'fast-check';
import type { Line } from '../../../../../exercises/types';
import { computeCost } from '../../../../../solutions/01-cost/cost';
import { computeGradient } from '../../../../../solutions/02-gradient/gradient';
import { maxStableLearningRate } from '../../../../../solutions/06-learning-rate/learning-rate';
import * as gen from '../../../checks/arbitraries';
import { holdsProperty, isPure, judgedCheck, matchesReference } from '../../../checks/builders';
import { PASS } from '../../../checks/check';
import { compareStep, stepExpectation } from '../../../../reference/compare';
import { step, stepInputs as smallInputs, stepJudges, stepProperties, type StepInput } from '../public-checks';
import { costTolerance, stepTolerance } from '../../../checks/tolerance';
import { format, type Expected } from '../../../checks/verdicts';

const exercise = '03-step';

/**
 * The README's worked examples first, exactly as it writes them (tests/kit/readme-worked-examples.test.ts
 * holds the two together), then designed ones. Σx ≠ 0 throughout: with Σx = 0 a sequential update of m then b
 * is indistinguishable from a simultaneous one.
 */
export const STEP_EXAMPLES: StepInput[] = [
  {
    points: [
      { x: 0, y: 1 },
      { x: 1, y: 3 },
      { x: 2, y: 2 },
      { x: 3, y: 6 },
    ],
    line: { m: 1, b: 1 },
    learningRate: 0.1,
  },
  { points: [{ x: 1, y: 3 }], line: { m: 1, b: 0 }, learningRate: 0.1 },
  {
    points: [
      { x: 1, y: 2 },
      { x: 2, y: 5 },
      { x: 4, y: 7 },
    ],
    line: { m: 1, b: 1 },
    learningRate: 0.0625,
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
    line: { m: 0.5, b: 1 },
    learningRate: 0.03125,
  },
];

const oneStep = (i: StepInput) => [step(i.points, i.line, i.learningRate)];

/**
 * Why a step raised the cost, from the move it made against the move −η·∇J: it went uphill, or
 * downhill too far, or elsewhere (how far along −η·∇J, how far to its side). Only what was measured,
 * so the words never blame the direction of a step that went the right way.
 */
function whereTheStepWent(i: StepInput, after: Line): string {
  const g = computeGradient(i.points, i.line);
  const move = { m: after.m - i.line.m, b: after.b - i.line.b };
  const downhill = { m: -i.learningRate * g.dm, b: -i.learningRate * g.db };
  const length = Math.hypot(downhill.m, downhill.b);
  const along = (move.m * downhill.m + move.b * downhill.b) / length;
  const across = Math.abs(move.m * downhill.b - move.b * downhill.m) / length;
  const times = (x: number) => Number((x / length).toPrecision(3));
  if (along <= 0)
    return `the step went uphill: your move (Δm, Δb) = (${format(move.m)}, ${format(move.b)}) points against −η·∇J = (${format(downhill.m)}, ${format(downhill.b)}).`;
  if (along > length && across <= 0.1 * along)
    return `your move goes downhill, but ${times(along)}× as far as −η·∇J = (${format(downhill.m)}, ${format(downhill.b)}), so it overshoots the bottom of the valley.`;
  return `your move (Δm, Δb) = (${format(move.m)}, ${format(move.b)}) is not −η·∇J = (${format(downhill.m)}, ${format(downhill.b)}): it goes ${times(along)}× as far along it, and ${times(across)}× its length to the side.`;
}

export const stepChecks = [
  judgedCheck<StepInput, Expected<Line>>({
    exercise,
    id: 'worked-examples',
    title: 'matches the worked examples',
    points: 3,
    visibility: 'public',
    kind: 'reference',
    inputs: smallInputs,
    examples: STEP_EXAMPLES,
    calls: oneStep,
    facts: (i) => stepExpectation(i.points, i.line, i.learningRate),
    judge: stepJudges['worked-examples'],
  }),
  stepProperties.zeroRateStays,
  judgedCheck<StepInput, Line>({
    exercise,
    id: 'linear-in-rate',
    title: 'doubling the learning rate doubles the move',
    points: 2,
    visibility: 'public',
    kind: 'property',
    inputs: smallInputs,
    calls: (i) => [step(i.points, i.line, i.learningRate), step(i.points, i.line, 2 * i.learningRate)],
    facts: (i) => {
      const t = stepTolerance(i.points, i.line, 2 * i.learningRate, computeGradient(i.points, i.line));
      return { m: t.m, b: t.b };
    },
    judge: stepJudges['linear-in-rate'],
  }),
  judgedCheck<StepInput, Expected<Line>>({
    exercise,
    id: 'simultaneous-update',
    title: 'updates m and b simultaneously, from the gradient at the old line',
    points: 2,
    visibility: 'public',
    kind: 'reference',
    inputs: fc.record({
      points: gen.offCentrePoints(2, 12),
      line: gen.line,
      learningRate: gen.smallRate.filter((r) => r > 0),
    }),
    calls: oneStep,
    facts: (i) => stepExpectation(i.points, i.line, i.learningRate),
    judge: stepJudges['simultaneous-update'],
  }),
  holdsProperty({
    exercise,
    id: 'lowers-cost-below-limit',
    title: 'never raises the cost when η is below the stability limit',
    points: 2,
    visibility: 'hidden',
    inputs: fc
      .record({ points: gen.spreadPoints(2, 12), line: gen.line, fraction: gen.stableFraction })
      .map((i) => ({ ...i, learningRate: i.fraction * maxStableLearningRate(i.points) })),
    calls: (i) => [step(i.points, i.line, i.learningRate)],
    holds: (i, [value]) => {
      const before = computeCost(i.points, i.line);
      const after = computeCost(i.points, value as Line);
      return after <= before + 4 * costTolerance(i.points, i.line, before)
        ? PASS
        : {
            pass: false,
            message: `the cost rose from ${before} to ${after} after one step at η = ${i.learningRate}, below the limit 2/λmax: ${whereTheStepWent(i, value as Line)}`,
            expected: `≤ ${before}`,
            actual: after,
          };
    },
  }),
  matchesReference<StepInput, Line>({
    exercise,
    id: 'matches-reference',
    title: 'matches the reference on random small data',
    points: 3,
    visibility: 'hidden',
    inputs: smallInputs,
    numRuns: 60,
    fn: 'step',
    args: (i) => [i.points, i.line, i.learningRate],
    compare: (actual, i) => compareStep(actual, i.points, i.line, i.learningRate),
  }),
  matchesReference<StepInput, Line>({
    exercise,
    id: 'matches-reference-large',
    title: 'matches the reference on larger, realistic data',
    points: 1,
    visibility: 'hidden',
    inputs: fc.record({ points: gen.largeData, line: gen.realLine, learningRate: fc.constantFrom(1e-4, 3e-5, 1e-5) }),
    numRuns: 10,
    fn: 'step',
    args: (i) => [i.points, i.line, i.learningRate],
    compare: (actual, i) => compareStep(actual, i.points, i.line, i.learningRate),
  }),
  isPure<StepInput>({
    exercise,
    id: 'pure',
    title: 'leaves its arguments unchanged and answers the same call the same way',
    points: 1,
    visibility: 'hidden',
    inputs: smallInputs,
    numRuns: 10,
    fn: 'step',
    args: (i) => [i.points, i.line, i.learningRate],
  }),
];
