import fc from 'fast-check';
import type { Gradient, Line, Point } from '../../../../exercises/types';
import * as gen from '../../checks/arbitraries';
import { holdsProperty } from '../../checks/builders';
import { PASS, type Judge } from '../../checks/check';
import { gradientTolerance } from '../../checks/tolerance';
import { compareFields, format, judgeFields, type Expected } from '../../checks/verdicts';

export type GradientInput = { points: Point[]; line: Line };
const exercise = '02-gradient';
const gradient = (points: readonly Point[], line: Line) =>
  ({ exercise, fn: 'computeGradient', args: [points, line] }) as const;
export const gradientInputs: fc.Arbitrary<GradientInput> = fc.record({ points: gen.points(1, 12), line: gen.line });

/** The public checks of 02-gradient that need no reference. */
export const gradientProperties = {
  zeroOnPerfectFit: holdsProperty({
    exercise,
    id: 'zero-on-perfect-fit',
    title: 'is (0, 0) when the line passes through every point',
    points: 2,
    visibility: 'public',
    inputs: gen.perfectFit,
    calls: (i) => [gradient(i.points, i.line)],
    holds: (i, [value]) =>
      compareFields(
        'the gradient at a perfect fit',
        { ...(value as Gradient) },
        { dm: 0, db: 0 },
        gradientTolerance(i.points, i.line, { dm: 0, db: 0 }),
      ),
  }),
  duplicatesChangeNothing: holdsProperty<GradientInput>({
    exercise,
    id: 'duplicates-change-nothing',
    title: 'is unchanged when every point is duplicated',
    points: 1,
    visibility: 'public',
    inputs: gradientInputs,
    calls: (i) => [gradient(i.points, i.line), gradient([...i.points, ...i.points], i.line)],
    holds: (i, [once, twice]) => {
      const t = gradientTolerance(i.points, i.line, once as Gradient);
      return compareFields(
        'the gradient of the duplicated data',
        { ...(twice as Gradient) },
        { ...(once as Gradient) },
        { dm: 2 * t.dm, db: 2 * t.db },
      );
    },
  }),
  orderChangesNothing: holdsProperty({
    exercise,
    id: 'order-changes-nothing',
    title: 'does not depend on the order of the points',
    points: 1,
    visibility: 'public',
    inputs: gradientInputs.chain((i) =>
      fc
        .shuffledSubarray(i.points, { minLength: i.points.length, maxLength: i.points.length })
        .map((shuffled) => ({ ...i, shuffled })),
    ),
    calls: (i) => [gradient(i.points, i.line), gradient(i.shuffled, i.line)],
    holds: (i, [original, shuffled]) => {
      const t = gradientTolerance(i.points, i.line, original as Gradient);
      return compareFields(
        'the gradient of the reordered data',
        { ...(shuffled as Gradient) },
        { ...(original as Gradient) },
        { dm: 2 * t.dm, db: 2 * t.db },
      );
    },
  }),
};

/** Judges of the public checks of 02-gradient that need the reference's facts, by check id within the exercise. */
export const gradientJudges = {
  'worked-examples': ((_, facts, [value]) => judgeFields('the gradient', value as Gradient, facts)) as Judge<
    GradientInput,
    Expected<Gradient>
  >,
  /** `facts`: the slope of the reference cost by central differences, with its tolerance. */
  'matches-finite-differences': ((_, facts, [value]) =>
    judgeFields('the gradient against (J(m + 1) − J(m − 1)) / 2', value as Gradient, facts)) as Judge<
    GradientInput,
    Expected<Gradient>
  >,
  /** `facts`: the reference gradient with its tolerance; the student's must point the same way (a positive dot product). */
  'points-uphill': ((_, slope, [value]) => {
    const g = value as Gradient;
    const along = g.dm * slope.expected.dm + g.db * slope.expected.db;
    return along > 0 ? PASS : { pass: false, message: notUphill(g, slope), actual: g, expected: slope.expected };
  }) as Judge<GradientInput, Expected<Gradient>>,
};

/** How one partial derivative differs from the cost's slope: only what was measured, so a hint never points at what is right. */
type PartialFinding = 'right' | 'sign' | 'size' | 'sign-and-size';

function partialFinding(actual: number, expected: number, tolerance: number): PartialFinding {
  if (Math.abs(actual - expected) <= tolerance) return 'right';
  if (Math.abs(actual + expected) <= tolerance) return 'sign';
  const zero = (v: number) => Math.abs(v) <= tolerance;
  return zero(actual) || zero(expected) || Math.sign(actual) === Math.sign(expected) ? 'size' : 'sign-and-size';
}

const PARTIALS = { dm: 'dm (∂J/∂m)', db: 'db (∂J/∂b)' } as const;

/**
 * Why a gradient does not point uphill, from what is actually wrong with each partial derivative:
 * its sign alone (then, and only then, the hint is the sign), its size (the factors), or both.
 */
function notUphill(g: Gradient, slope: Expected<Gradient>): string {
  const keys = ['dm', 'db'] as const;
  const findings = keys.map((k) => ({ k, finding: partialFinding(g[k], slope.expected[k], slope.tolerance[k]) }));
  const yours = (k: 'dm' | 'db') => `yours ${format(g[k])}, the cost's slope ${format(slope.expected[k])}`;
  const said = findings.map(({ k, finding }) => {
    const name = PARTIALS[k];
    if (finding === 'right') return `${name} is right`;
    if (finding === 'sign') return `${name} has the right size but the wrong sign (${yours(k)})`;
    if (finding === 'size') return `${name} has the right sign but not the right size (${yours(k)})`;
    return `${name} has the wrong sign and the wrong size (${yours(k)})`;
  });
  const names = (which: readonly PartialFinding[]) =>
    findings.filter((f) => which.includes(f.finding)).map((f) => PARTIALS[f.k]);
  const signOnly = names(['sign']);
  const sizeToo = names(['size', 'sign-and-size']);
  const advice = [
    ...(signOnly.length
      ? [
          `check the sign of ${signOnly.join(' and ')}: the residual is y − (m·x + b), and the derivative of its square brings a minus sign`,
        ]
      : []),
    ...(sizeToo.length
      ? [
          `more than a sign is wrong in ${sizeToo.join(' and ')}: check what multiplies each residual there, and what the sum is divided by`,
        ]
      : []),
  ];
  return `stepping against your gradient does not lower the cost here: ${said.join(', ')}. ${capitalised(advice.join('; '))}.`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
