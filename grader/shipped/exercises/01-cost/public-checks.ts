import fc from 'fast-check';
import type { Line, Point } from '../../../../exercises/types';
import * as gen from '../../checks/arbitraries';
import { holdsProperty } from '../../checks/builders';
import { PASS, type Judge } from '../../checks/check';
import { costTolerance } from '../../checks/tolerance';
import { compareValue, judgeValue, type Expected } from '../../checks/verdicts';

export type CostInput = { points: Point[]; line: Line };
const exercise = '01-cost';
const cost = (points: readonly Point[], line: Line) => ({ exercise, fn: 'computeCost', args: [points, line] }) as const;
export const costInputs: fc.Arbitrary<CostInput> = fc.record({ points: gen.points(1, 12), line: gen.line });

/** The public checks of 01-cost that need no reference. */
export const costProperties = {
  nonNegative: holdsProperty<CostInput>({
    exercise,
    id: 'non-negative',
    title: 'is never negative',
    points: 1,
    visibility: 'public',
    inputs: costInputs,
    calls: (i) => [cost(i.points, i.line)],
    holds: (_, [value]) =>
      (value as number) >= 0
        ? PASS
        : {
            pass: false,
            message: `the cost is an average of squares, so it can never be negative; got ${value}.`,
            actual: value,
            expected: '≥ 0',
          },
  }),
  zeroOnPerfectFit: holdsProperty({
    exercise,
    id: 'zero-on-perfect-fit',
    title: 'is 0 when the line passes through every point',
    points: 1,
    visibility: 'public',
    inputs: gen.perfectFit,
    calls: (i) => [cost(i.points, i.line)],
    holds: (_, [value]) => compareValue('the cost of a perfect fit', value as number, 0, 0),
  }),
  duplicatesChangeNothing: holdsProperty<CostInput>({
    exercise,
    id: 'duplicates-change-nothing',
    title: 'is unchanged when every point is duplicated (it is a mean, not a sum)',
    points: 1,
    visibility: 'public',
    inputs: costInputs,
    calls: (i) => [cost(i.points, i.line), cost([...i.points, ...i.points], i.line)],
    holds: (i, [once, twice]) =>
      compareValue(
        'the cost of the duplicated data',
        twice as number,
        once as number,
        2 * costTolerance(i.points, i.line, once as number),
      ),
  }),
  orderChangesNothing: holdsProperty({
    exercise,
    id: 'order-changes-nothing',
    title: 'does not depend on the order of the points',
    points: 1,
    visibility: 'public',
    inputs: costInputs.chain((i) =>
      fc
        .shuffledSubarray(i.points, { minLength: i.points.length, maxLength: i.points.length })
        .map((shuffled) => ({ ...i, shuffled })),
    ),
    calls: (i) => [cost(i.points, i.line), cost(i.shuffled, i.line)],
    holds: (i, [original, shuffled]) =>
      compareValue(
        'the cost of the reordered data',
        shuffled as number,
        original as number,
        2 * costTolerance(i.points, i.line, original as number),
      ),
  }),
  scalesQuadratically: holdsProperty({
    exercise,
    id: 'scales-quadratically',
    title: 'scaling y, m and b by c scales the cost by c²',
    points: 1,
    visibility: 'public',
    inputs: fc.record({ points: gen.points(1, 12), line: gen.line, c: fc.constantFrom(2, 4, 0.5, -2) }),
    calls: (i) => [
      cost(i.points, i.line),
      cost(
        i.points.map((p) => ({ x: p.x, y: i.c * p.y })),
        { m: i.c * i.line.m, b: i.c * i.line.b },
      ),
    ],
    holds: (i, [base, scaled]) =>
      compareValue(
        `the cost with y, m and b times ${i.c}`,
        scaled as number,
        i.c * i.c * (base as number),
        i.c * i.c * 2 * costTolerance(i.points, i.line, base as number),
      ),
  }),
};

/** Judges of the public checks of 01-cost that need the reference's facts, by check id within the exercise. */
export const costJudges = {
  'worked-examples': ((_, facts, [value]) => judgeValue('the cost', value as number, facts)) as Judge<
    CostInput,
    Expected<number>
  >,
};
