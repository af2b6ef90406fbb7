import fc from 'fast-check';
import type { Vec2 } from '../../../../exercises/types';
import * as gen from '../../checks/arbitraries';
import { holdsProperty } from '../../checks/builders';
import { PASS, type Judge } from '../../checks/check';
import { termsTolerance } from '../../checks/tolerance';
import {
  compareFields,
  comparePath,
  compareValue,
  judgeFields,
  judgeValue,
  type Expected,
} from '../../checks/verdicts';

const exercise = '05-valley';
export type PointInput = { p: Vec2 };
export type Bowl = { hessian: [[number, number], [number, number]]; center: [number, number] };

/** The gradient function a `{ $gradient: bowl }` argument stands for, as the door builds it in a realm: H·(p − center). */
export function bowlGradient({ hessian: [[a, b], [d, e]], center: [cx, cy] }: Bowl): (p: Vec2) => Vec2 {
  return (p) => ({ x: a * (p.x - cx) + b * (p.y - cy), y: d * (p.x - cx) + e * (p.y - cy) });
}
export type DescendInput = { bowl: Bowl; start: Vec2; learningRate: number; iterations: number };

const vec: fc.Arbitrary<Vec2> = fc.record({ x: gen.coordinate, y: gen.coordinate });
export const pointInputs = vec.map((p) => ({ p }));
/** Off the diagonals x = y and x = −y, where swapped partials and eigenvector starts hide mistakes. */
const genericStart = vec.filter((p) => Math.abs(p.x) !== Math.abs(p.y));
export const VALLEY_BOWL: Bowl = {
  hessian: [
    [2, 1],
    [1, 2],
  ],
  center: [0, 0],
};

/** Symmetric positive-definite bowls other than the valley, centred anywhere. */
const otherBowls: fc.Arbitrary<Bowl> = fc
  .record({
    a: fc.integer({ min: 1, max: 8 }),
    c: fc.integer({ min: 1, max: 8 }),
    b: fc.integer({ min: -3, max: 3 }),
    cx: gen.parameter,
    cy: gen.parameter,
  })
  .filter(({ a, b, c }) => a * c - b * b > 0 && !(a === 2 && b === 1 && c === 2))
  .map(
    ({ a, b, c, cx, cy }) =>
      ({
        hessian: [
          [a, b],
          [b, c],
        ],
        center: [cx, cy],
      }) as Bowl,
  );

/** The largest stable rate of a bowl: 2 / λmax of its Hessian. */
function stableRate(bowl: Bowl): number {
  const [[a, b], [, c]] = bowl.hessian;
  return 2 / ((a + c) / 2 + Math.hypot((a - c) / 2, b));
}

export const descendCall = (i: DescendInput) =>
  ({ exercise, fn: 'descend', args: [{ $gradient: i.bowl }, i.start, i.learningRate, i.iterations] }) as const;
const norm = (p: Vec2) => Math.hypot(p.x, p.y);

export const descendInputs: fc.Arbitrary<DescendInput> = fc
  .record({ bowl: otherBowls, start: vec, fraction: gen.stableFraction, iterations: fc.integer({ min: 0, max: 30 }) })
  .map(({ fraction, ...i }) => ({ ...i, learningRate: fraction * stableRate(i.bowl) }));

export const valleyTolerance = ({ p }: PointInput) => termsTolerance(p.x * p.x, p.x * p.y, p.y * p.y);
export const valleyGradientTolerance = ({ p }: PointInput) => {
  const t = termsTolerance(2 * p.x, p.y) + termsTolerance(p.x, 2 * p.y);
  return { x: t, y: t };
};

/** The public checks of 05-valley that need no reference. */
export const valleyProperties = {
  valleyBowl: holdsProperty<PointInput>({
    exercise,
    id: 'valley-bowl',
    title: 'valley is positive everywhere but the origin, where it is 0',
    points: 1,
    visibility: 'public',
    inputs: pointInputs,
    calls: (i) => [{ exercise, fn: 'valley', args: [i.p] }],
    holds: ({ p }, [value]) => {
      const atOrigin = p.x === 0 && p.y === 0;
      const ok = atOrigin ? value === 0 : (value as number) > 0;
      return ok
        ? PASS
        : {
            pass: false,
            message: `f(${p.x}, ${p.y}) = ${value}; x² + xy + y² is ${atOrigin ? '0 at the origin' : 'positive away from the origin'}.`,
            actual: value,
            expected: atOrigin ? 0 : '> 0',
          };
    },
  }),
  descendPathShape: holdsProperty<DescendInput>({
    exercise,
    id: 'descend-path-shape',
    title: 'descend returns iterations + 1 points, starting at start',
    points: 1,
    visibility: 'public',
    inputs: descendInputs,
    calls: (i) => [descendCall(i)],
    holds: (i, [value]) => {
      const path = value as Vec2[];
      if (path.length !== i.iterations + 1) return compareValue('path.length', path.length, i.iterations + 1, 0);
      return compareFields('path[0]', { ...path[0] }, { ...i.start }, { x: 0, y: 0 });
    },
  }),
  descendConvergesBelowLimit: holdsProperty({
    exercise,
    id: 'descend-converges-below-limit',
    title: 'descend on the valley closes in on the minimum when η < 2/3',
    points: 1,
    visibility: 'public',
    inputs: fc.record({ start: genericStart, learningRate: fc.integer({ min: 1, max: 19 }).map((k) => k / 30) }),
    calls: (i) => [{ exercise, fn: 'descend', args: [{ $gradient: VALLEY_BOWL }, i.start, i.learningRate, 60] }],
    holds: (i, [value]) => {
      const path = value as Vec2[];
      const end = path[path.length - 1];
      return end && norm(end) < norm(i.start)
        ? PASS
        : {
            pass: false,
            message: `after 60 steps at η = ${i.learningRate} (< 2/3) the walk should be closer to (0, 0) than its start.`,
            expected: `|p₆₀| < ${norm(i.start)}`,
            actual: end,
          };
    },
  }),
  descendDivergesAboveLimit: holdsProperty({
    exercise,
    id: 'descend-diverges-above-limit',
    title: 'descend on the valley runs away when η > 2/3',
    points: 1,
    visibility: 'public',
    inputs: fc.record({
      start: genericStart.filter((p) => p.x + p.y !== 0),
      learningRate: fc.integer({ min: 21, max: 30 }).map((k) => k / 30),
    }),
    calls: (i) => [{ exercise, fn: 'descend', args: [{ $gradient: VALLEY_BOWL }, i.start, i.learningRate, 60] }],
    holds: (i, [value]) => {
      const path = value as Vec2[];
      const end = path[path.length - 1];
      return end && norm(end) > norm(i.start)
        ? PASS
        : {
            pass: false,
            message: `at η = ${i.learningRate}, above the limit 2/3, plain gradient descent on the valley must overshoot further each step.`,
            expected: `|p₆₀| > ${norm(i.start)}`,
            actual: end,
          };
    },
  }),
};

const judgeValley = ((_, facts, [value]) => judgeValue('f(x, y)', value as number, facts)) as Judge<
  PointInput,
  Expected<number>
>;
const judgeValleyGradient = ((_, facts, [value]) => judgeFields('∇f(x, y)', value as Vec2, facts)) as Judge<
  PointInput,
  Expected<Vec2>
>;
const judgePath = ((i, path, [value]) => comparePath(value as Vec2[], path, i.learningRate)) as Judge<
  DescendInput,
  Vec2[]
>;

/** Judges of the public checks of 05-valley that need the reference's facts, by check id within the exercise. */
export const valleyJudges = {
  'valley-worked-examples': judgeValley,
  'gradient-worked-examples': judgeValleyGradient,
  /** `facts`: the slope of the reference valley by central differences, with its tolerance. */
  'gradient-matches-finite-differences': ((_, facts, [value]) =>
    judgeFields('∇f against (f(x + 1, y) − f(x − 1, y)) / 2', value as Vec2, facts)) as Judge<
    PointInput,
    Expected<Vec2>
  >,
  /** `facts`: the reference's path. */
  'descend-worked-examples': judgePath,
  'descend-uses-given-gradient': judgePath,
};

/** The hidden checks of 05-valley use the same judges, on facts the grader computes for every input. */
export { judgePath, judgeValley, judgeValleyGradient };
