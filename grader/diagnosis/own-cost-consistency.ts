import type { Gradient, Line, Point } from '../../exercises/types';
import { computeCost } from '../../solutions/01-cost/cost';
import { computeGradient } from '../../solutions/02-gradient/gradient';
import type { CallRequest, SubmissionPort } from '../shipped/door/port';
import { format } from '../reference/compare';
import { compareNumbers, costTolerance, gradientTolerance } from '../shipped/checks/tolerance';
import type { Observation } from '../shipped/results/model';

/**
 * Tells a convention slip from a calculus slip: is the student's gradient the derivative of the
 * student's *own* cost? Central differences of a quadratic are exact for any step h, so the
 * slope of the student's cost is measured at h = 1 and h = ½; when the two agree the cost is a
 * quadratic in m and b, and the measured slope is its exact derivative.
 */
const CASES: { points: Point[]; line: Line }[] = [
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
  {
    points: [
      { x: 0.5, y: 4 },
      { x: 1, y: 2.5 },
      { x: 2, y: 5 },
      { x: 3, y: 4.5 },
      { x: 5, y: 9 },
      { x: 8, y: 10.5 },
    ],
    line: { m: -1, b: 2 },
  },
];
const STEPS = [1, 0.5];

export type OwnCostVerdict =
  | { readonly kind: 'consistent'; readonly costRatio?: number; readonly text: string }
  | { readonly kind: 'inconsistent'; readonly text: string }
  /** The student's cost is not a quadratic in m and b, or a call gave no answer: nothing to conclude. */
  | { readonly kind: 'inconclusive' };

const shifted = (line: Line, h: number): Line[] => [
  { m: line.m + h, b: line.b },
  { m: line.m - h, b: line.b },
  { m: line.m, b: line.b + h },
  { m: line.m, b: line.b - h },
];

function requestsOf({ points, line }: (typeof CASES)[number]): CallRequest[] {
  return [
    { exercise: '02-gradient', fn: 'computeGradient', args: [points, line] },
    { exercise: '01-cost', fn: 'computeCost', args: [points, line] },
    ...STEPS.flatMap((h) =>
      shifted(line, h).map((l): CallRequest => ({ exercise: '01-cost', fn: 'computeCost', args: [points, l] })),
    ),
  ];
}

/** Slope bound: the gradient's own rounding plus the rounding of the two costs, divided by 2h. */
function slopeTolerance(points: readonly Point[], line: Line, slope: Gradient, h: number): Gradient {
  const own = gradientTolerance(points, line, slope);
  const far = { m: Math.abs(line.m) + h, b: Math.abs(line.b) + h };
  const rounding = costTolerance(points, far, computeCost(points, far)) / h;
  return { dm: own.dm + rounding, db: own.db + rounding };
}

const agrees = (a: Gradient, e: Gradient, t: Gradient) =>
  compareNumbers(a.dm, e.dm, t.dm).ok && compareNumbers(a.db, e.db, t.db).ok;

export async function checkAgainstOwnCost(port: SubmissionPort): Promise<OwnCostVerdict> {
  const perCase = CASES.map(requestsOf);
  const answers = await port.callMany(perCase.flat());
  if (answers.some((a) => !a.ok)) return { kind: 'inconclusive' };
  const values = answers.map((a) => (a.ok ? a.value : undefined));
  const findings: {
    points: Point[];
    line: Line;
    gradient: Gradient;
    slope: Gradient;
    cost: number;
    agrees: boolean;
  }[] = [];
  let offset = 0;
  for (const c of CASES) {
    const [gradient, cost, ...costs] = values.slice(offset, offset + 2 + 4 * STEPS.length) as [
      Gradient,
      number,
      ...number[],
    ];
    offset += 2 + 4 * STEPS.length;
    const slopes = STEPS.map((h, k) => {
      const [mUp, mDown, bUp, bDown] = costs.slice(4 * k, 4 * k + 4);
      return { dm: (mUp - mDown) / (2 * h), db: (bUp - bDown) / (2 * h) };
    });
    const quadratic = agrees(slopes[1], slopes[0], slopeTolerance(c.points, c.line, slopes[0], STEPS[1]));
    if (!quadratic) return { kind: 'inconclusive' };
    findings.push({
      ...c,
      gradient,
      slope: slopes[0],
      cost,
      agrees: agrees(gradient, slopes[0], slopeTolerance(c.points, c.line, slopes[0], STEPS[0])),
    });
  }
  const disagreeing = findings.find((f) => !f.agrees);
  if (disagreeing) {
    const { points, line, slope, gradient } = disagreeing;
    return {
      kind: 'inconsistent',
      text:
        `Your computeGradient is not the derivative of your own computeCost. On ${points.length} points at m = ${line.m}, b = ${line.b}, the slope of your cost measured by central differences, ` +
        `((J(m + 1) − J(m − 1)) / 2, (J(b + 1) − J(b − 1)) / 2), is ${format(slope)}, and your computeGradient returns ${format(gradient)}. ` +
        'That is a calculus slip in the derivative, not a choice of convention: differentiate your cost again, term by term.',
    };
  }
  const ratios = findings.map((f) => f.cost / computeCost(f.points, f.line));
  const gradientRatios = findings.flatMap((f) => {
    const r = computeGradient(f.points, f.line);
    return [f.gradient.dm / r.dm, f.gradient.db / r.db];
  });
  const sameScale = [...ratios, ...gradientRatios].every((r) => Math.abs(r - ratios[0]) <= 1e-9 * Math.abs(ratios[0]));
  if (sameScale && Math.abs(ratios[0] - 1) <= 1e-9) return { kind: 'inconclusive' };
  const scale =
    sameScale && ratios[0] !== 1
      ? `Your cost is ${format(ratios[0])} × the course's J, and your gradient is ${format(ratios[0])} × its gradient`
      : "Your cost differs from the course's J, and your gradient follows it";
  return {
    kind: 'consistent',
    costRatio: sameScale ? ratios[0] : undefined,
    text:
      `Your computeGradient is exactly the derivative of your own computeCost (measured by central differences of your cost at m ± 1 and b ± 1 on ${findings.length} data sets), so the calculus is right. ` +
      `${scale}: a convention slip${sameScale && ratios[0] === 0.5 ? ', the 1/(2N) convention some courses use' : ''}, not a calculus one. Change the convention in both files together.`,
  };
}

export function ownCostObservation(verdict: OwnCostVerdict): Observation | undefined {
  if (verdict.kind === 'consistent')
    return {
      id: '02-gradient/convention-slip',
      title: 'Your gradient is the derivative of your own cost: a convention slip',
      text: verdict.text,
    };
  if (verdict.kind === 'inconsistent')
    return {
      id: '02-gradient/calculus-slip',
      title: 'Your gradient is not the derivative of your own cost: a calculus slip',
      text: verdict.text,
    };
  return undefined;
}
