import fc from 'fast-check';
import type { Vec2 } from '../../exercises/types';
import { descend, valley, valleyGradient } from '../../solutions/05-valley/valley';
import * as gen from './arbitraries';
import { holdsProperty, matchesReference } from './builders';
import { PASS } from './check';
import { compareFields, comparePath, compareValue } from './compare';
import { termsTolerance } from './tolerance';

const exercise = '05-valley';
type PointInput = { p: Vec2 };
type Bowl = { hessian: [[number, number], [number, number]]; center: [number, number] };
type DescendInput = { bowl: Bowl; start: Vec2; learningRate: number; iterations: number };

const vec: fc.Arbitrary<Vec2> = fc.record({ x: gen.coordinate, y: gen.coordinate });
const pointInputs = vec.map((p) => ({ p }));
/** Off the diagonals x = y and x = −y, where swapped partials and eigenvector starts hide mistakes. */
const genericStart = vec.filter((p) => Math.abs(p.x) !== Math.abs(p.y));
const VALLEY_BOWL: Bowl = { hessian: [[2, 1], [1, 2]], center: [0, 0] };

/** Symmetric positive-definite bowls other than the valley, centred anywhere. */
const otherBowls: fc.Arbitrary<Bowl> = fc
  .record({ a: fc.integer({ min: 1, max: 8 }), c: fc.integer({ min: 1, max: 8 }), b: fc.integer({ min: -3, max: 3 }), cx: gen.parameter, cy: gen.parameter })
  .filter(({ a, b, c }) => a * c - b * b > 0 && !(a === 2 && b === 1 && c === 2))
  .map(({ a, b, c, cx, cy }) => ({ hessian: [[a, b], [b, c]], center: [cx, cy] }) as Bowl);

function gradientOf(bowl: Bowl): (p: Vec2) => Vec2 {
  const [[a, b], [d, e]] = bowl.hessian;
  const [cx, cy] = bowl.center;
  return (p) => ({ x: a * (p.x - cx) + b * (p.y - cy), y: d * (p.x - cx) + e * (p.y - cy) });
}

/** The largest stable rate of a bowl: 2 / λmax of its Hessian. */
function stableRate(bowl: Bowl): number {
  const [[a, b], [, c]] = bowl.hessian;
  return 2 / ((a + c) / 2 + Math.hypot((a - c) / 2, b));
}

const descendCall = (i: DescendInput) => ({ exercise, fn: 'descend', args: [{ $gradient: i.bowl }, i.start, i.learningRate, i.iterations] }) as const;
const expectedPath = (i: DescendInput) => descend(gradientOf(i.bowl), i.start, i.learningRate, i.iterations);
const norm = (p: Vec2) => Math.hypot(p.x, p.y);

const descendInputs: fc.Arbitrary<DescendInput> = fc
  .record({ bowl: otherBowls, start: vec, fraction: gen.stableFraction, iterations: fc.integer({ min: 0, max: 30 }) })
  .map(({ fraction, ...i }) => ({ ...i, learningRate: fraction * stableRate(i.bowl) }));

export const VALLEY_EXAMPLES: PointInput[] = [{ p: { x: 1, y: 2 } }, { p: { x: 3, y: -1 } }, { p: { x: -0.5, y: 0.25 } }];
export const DESCEND_EXAMPLES: DescendInput[] = [
  { bowl: VALLEY_BOWL, start: { x: 1, y: 0 }, learningRate: 0.1, iterations: 3 },
  { bowl: VALLEY_BOWL, start: { x: 2, y: -0.5 }, learningRate: 0.25, iterations: 4 },
  { bowl: VALLEY_BOWL, start: { x: 1, y: 1 }, learningRate: 0.5, iterations: 0 },
];

const compareValley = (actual: number, { p }: PointInput) => compareValue('f(x, y)', actual, valley(p), termsTolerance(p.x * p.x, p.x * p.y, p.y * p.y));
const compareValleyGradient = (actual: Vec2, { p }: PointInput) => {
  const t = termsTolerance(2 * p.x, p.y) + termsTolerance(p.x, 2 * p.y);
  return compareFields('∇f(x, y)', { ...actual }, { ...valleyGradient(p) }, { x: t, y: t });
};

export const valleyChecks = [
  matchesReference<PointInput, number>({ exercise, id: 'valley-worked-examples', title: 'valley matches the worked examples', points: 1, visibility: 'public', inputs: pointInputs, examples: VALLEY_EXAMPLES, fn: 'valley', args: (i) => [i.p], compare: compareValley }),
  holdsProperty<PointInput>({
    exercise, id: 'valley-bowl', title: 'valley is positive everywhere but the origin, where it is 0', points: 1, visibility: 'public', inputs: pointInputs,
    calls: (i) => [{ exercise, fn: 'valley', args: [i.p] }],
    holds: ({ p }, [value]) => {
      const atOrigin = p.x === 0 && p.y === 0;
      const ok = atOrigin ? value === 0 : (value as number) > 0;
      return ok ? PASS : { pass: false, message: `f(${p.x}, ${p.y}) = ${value}; x² + xy + y² is ${atOrigin ? '0 at the origin' : 'positive away from the origin'}.`, actual: value, expected: atOrigin ? 0 : '> 0' };
    },
  }),
  matchesReference<PointInput, number>({ exercise, id: 'valley-matches-reference', title: 'valley matches the formula at random points', points: 1, visibility: 'hidden', inputs: pointInputs, fn: 'valley', args: (i) => [i.p], compare: compareValley }),
  matchesReference<PointInput, Vec2>({ exercise, id: 'gradient-worked-examples', title: 'valleyGradient matches the worked examples', points: 1, visibility: 'public', inputs: pointInputs, examples: VALLEY_EXAMPLES, fn: 'valleyGradient', args: (i) => [i.p], compare: compareValleyGradient }),
  holdsProperty<PointInput>({
    exercise, id: 'gradient-matches-finite-differences', title: 'valleyGradient agrees with central differences of f', points: 1, visibility: 'public', inputs: pointInputs,
    calls: (i) => [{ exercise, fn: 'valleyGradient', args: [i.p] }],
    holds: ({ p }, [value]) => {
      const measured = { x: (valley({ x: p.x + 1, y: p.y }) - valley({ x: p.x - 1, y: p.y })) / 2, y: (valley({ x: p.x, y: p.y + 1 }) - valley({ x: p.x, y: p.y - 1 })) / 2 };
      const t = termsTolerance(Math.abs(p.x) + 1, Math.abs(p.y) + 1) * (Math.abs(p.x) + Math.abs(p.y) + 2);
      return compareFields('∇f against (f(x + 1, y) − f(x − 1, y)) / 2', { ...(value as Vec2) }, measured, { x: t, y: t });
    },
  }),
  matchesReference<PointInput, Vec2>({ exercise, id: 'gradient-matches-reference', title: 'valleyGradient matches (2x + y, x + 2y) at random points', points: 1, visibility: 'hidden', inputs: pointInputs, fn: 'valleyGradient', args: (i) => [i.p], compare: compareValleyGradient }),
  matchesReference<DescendInput, Vec2[]>({
    exercise, id: 'descend-worked-examples', title: 'descend matches the worked examples on the valley', points: 2, visibility: 'public', inputs: descendInputs, examples: DESCEND_EXAMPLES,
    fn: 'descend', args: (i) => descendCall(i).args as unknown as unknown[], compare: (actual, i) => comparePath(actual, expectedPath(i), i.learningRate),
  }),
  holdsProperty<DescendInput>({
    exercise, id: 'descend-path-shape', title: 'descend returns iterations + 1 points, starting at start', points: 1, visibility: 'public', inputs: descendInputs,
    calls: (i) => [descendCall(i)],
    holds: (i, [value]) => {
      const path = value as Vec2[];
      if (path.length !== i.iterations + 1) return compareValue('path.length', path.length, i.iterations + 1, 0);
      return compareFields('path[0]', { ...path[0] }, { ...i.start }, { x: 0, y: 0 });
    },
  }),
  matchesReference<DescendInput, Vec2[]>({
    exercise, id: 'descend-uses-given-gradient', title: 'descend follows the gradient it is given, on bowls other than the valley', points: 2, visibility: 'public', inputs: descendInputs,
    fn: 'descend', args: (i) => descendCall(i).args as unknown as unknown[], compare: (actual, i) => comparePath(actual, expectedPath(i), i.learningRate),
  }),
  holdsProperty({
    exercise, id: 'descend-converges-below-limit', title: 'descend on the valley closes in on the minimum when η < 2/3', points: 1, visibility: 'public',
    inputs: fc.record({ start: genericStart, learningRate: fc.integer({ min: 1, max: 19 }).map((k) => k / 30) }),
    calls: (i) => [{ exercise, fn: 'descend', args: [{ $gradient: VALLEY_BOWL }, i.start, i.learningRate, 60] }],
    holds: (i, [value]) => {
      const path = value as Vec2[];
      const end = path[path.length - 1];
      return end && norm(end) < norm(i.start) ? PASS : { pass: false, message: `after 60 steps at η = ${i.learningRate} (< 2/3) the walk should be closer to (0, 0) than its start.`, expected: `|p₆₀| < ${norm(i.start)}`, actual: end };
    },
  }),
  holdsProperty({
    exercise, id: 'descend-diverges-above-limit', title: 'descend on the valley runs away when η > 2/3', points: 1, visibility: 'public',
    inputs: fc.record({ start: genericStart.filter((p) => p.x + p.y !== 0), learningRate: fc.integer({ min: 21, max: 30 }).map((k) => k / 30) }),
    calls: (i) => [{ exercise, fn: 'descend', args: [{ $gradient: VALLEY_BOWL }, i.start, i.learningRate, 60] }],
    holds: (i, [value]) => {
      const path = value as Vec2[];
      const end = path[path.length - 1];
      return end && norm(end) > norm(i.start) ? PASS : { pass: false, message: `at η = ${i.learningRate}, above the limit 2/3, plain gradient descent on the valley must overshoot further each step.`, expected: `|p₆₀| > ${norm(i.start)}`, actual: end };
    },
  }),
  matchesReference<DescendInput, Vec2[]>({
    exercise, id: 'descend-matches-reference', title: 'descend matches the reference on random bowls, starts and rates', points: 2, visibility: 'hidden', inputs: descendInputs, numRuns: 60,
    fn: 'descend', args: (i) => descendCall(i).args as unknown as unknown[], compare: (actual, i) => comparePath(actual, expectedPath(i), i.learningRate),
  }),
];
