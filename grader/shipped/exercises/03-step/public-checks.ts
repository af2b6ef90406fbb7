import fc from 'fast-check';
import type { Line, Point } from '../../../../exercises/types';
import * as gen from '../../checks/arbitraries';
import { holdsProperty } from '../../checks/builders';
import type { Judge } from '../../checks/check';
import { compareFields, judgeFields, type Expected } from '../../checks/verdicts';

export type StepInput = { points: Point[]; line: Line; learningRate: number };
const exercise = '03-step';
export const step = (points: readonly Point[], line: Line, learningRate: number) =>
  ({ exercise, fn: 'step', args: [points, line, learningRate] }) as const;
export const stepInputs: fc.Arbitrary<StepInput> = fc.record({
  points: gen.points(1, 12),
  line: gen.line,
  learningRate: gen.smallRate,
});

/** The public checks of 03-step that need no reference. */
export const stepProperties = {
  zeroRateStays: holdsProperty<StepInput>({
    exercise,
    id: 'zero-rate-stays',
    title: 'a step with learning rate 0 returns the same line',
    points: 1,
    visibility: 'public',
    inputs: stepInputs,
    calls: (i) => [step(i.points, i.line, 0)],
    holds: (i, [value]) => compareFields('step with η = 0', { ...(value as Line) }, { ...i.line }, { m: 0, b: 0 }),
  }),
};

/** Judges of the public checks of 03-step that need the reference's facts, by check id within the exercise. */
export const stepJudges = {
  'worked-examples': ((_, facts, [value]) => judgeFields('the new line', value as Line, facts)) as Judge<
    StepInput,
    Expected<Line>
  >,
  'simultaneous-update': ((_, facts, [value]) => judgeFields('the new line', value as Line, facts)) as Judge<
    StepInput,
    Expected<Line>
  >,
  /** `facts`: the reference's one-step tolerance at 2η; the move at 2η must be twice the move at η. */
  'linear-in-rate': ((i, tolerance, [single, double]) => {
    const s = single as Line;
    const d = double as Line;
    return compareFields(
      'the move with 2η',
      { m: d.m - i.line.m, b: d.b - i.line.b },
      { m: 2 * (s.m - i.line.m), b: 2 * (s.b - i.line.b) },
      { m: 3 * tolerance.m, b: 3 * tolerance.b },
    );
  }) as Judge<StepInput, Line>,
};
