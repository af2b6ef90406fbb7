import fc from 'fast-check';
import type { Gradient, Line, Point } from '../../../../exercises/types';
import * as gen from '../../checks/arbitraries';
import { holdsProperty } from '../../checks/builders';
import { PASS, type Judge } from '../../checks/check';
import { gradientTolerance } from '../../checks/tolerance';
import { compareFields, judgeFields, type Expected } from '../../checks/verdicts';

export type GradientInput = { points: Point[]; line: Line };
const exercise = '02-gradient';
const gradient = (points: readonly Point[], line: Line) => ({ exercise, fn: 'computeGradient', args: [points, line] }) as const;
export const gradientInputs: fc.Arbitrary<GradientInput> = fc.record({ points: gen.points(1, 12), line: gen.line });

/** The public checks of 02-gradient that need no reference. */
export const gradientProperties = {
  zeroOnPerfectFit: holdsProperty({
    exercise, id: 'zero-on-perfect-fit', title: 'is (0, 0) when the line passes through every point', points: 2, visibility: 'public', inputs: gen.perfectFit,
    calls: (i) => [gradient(i.points, i.line)],
    holds: (_, [value]) => compareFields('the gradient at a perfect fit', { ...(value as Gradient) }, { dm: 0, db: 0 }, { dm: 0, db: 0 }),
  }),
  duplicatesChangeNothing: holdsProperty<GradientInput>({
    exercise, id: 'duplicates-change-nothing', title: 'is unchanged when every point is duplicated', points: 1, visibility: 'public', inputs: gradientInputs,
    calls: (i) => [gradient(i.points, i.line), gradient([...i.points, ...i.points], i.line)],
    holds: (i, [once, twice]) => {
      const t = gradientTolerance(i.points, i.line, once as Gradient);
      return compareFields('the gradient of the duplicated data', { ...(twice as Gradient) }, { ...(once as Gradient) }, { dm: 2 * t.dm, db: 2 * t.db });
    },
  }),
  orderChangesNothing: holdsProperty({
    exercise, id: 'order-changes-nothing', title: 'does not depend on the order of the points', points: 1, visibility: 'public',
    inputs: gradientInputs.chain((i) => fc.shuffledSubarray(i.points, { minLength: i.points.length, maxLength: i.points.length }).map((shuffled) => ({ ...i, shuffled }))),
    calls: (i) => [gradient(i.points, i.line), gradient(i.shuffled, i.line)],
    holds: (i, [original, shuffled]) => {
      const t = gradientTolerance(i.points, i.line, original as Gradient);
      return compareFields('the gradient of the reordered data', { ...(shuffled as Gradient) }, { ...(original as Gradient) }, { dm: 2 * t.dm, db: 2 * t.db });
    },
  }),
};

/** Judges of the public checks of 02-gradient that need the reference's facts, by check id within the exercise. */
export const gradientJudges = {
  'worked-examples': ((_, facts, [value]) => judgeFields('the gradient', value as Gradient, facts)) as Judge<GradientInput, Expected<Gradient>>,
  /** `facts`: the slope of the reference cost by central differences, with its tolerance. */
  'matches-finite-differences': ((_, facts, [value]) => judgeFields('the gradient against (J(m + 1) − J(m − 1)) / 2', value as Gradient, facts)) as Judge<GradientInput, Expected<Gradient>>,
  /** `facts`: the reference gradient; the student's must point the same way (a positive dot product). */
  'points-uphill': ((_, reference, [value]) => {
    const g = value as Gradient;
    const along = g.dm * reference.dm + g.db * reference.db;
    return along > 0 ? PASS : { pass: false, message: 'stepping against this gradient does not lower the cost: check the sign of each partial derivative (the residual is y − (m·x + b), and the derivative of its square brings a minus sign).', actual: g, expected: reference };
  }) as Judge<GradientInput, Gradient>,
};
