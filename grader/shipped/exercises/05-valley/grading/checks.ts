import type { Vec2 } from '../../../../../exercises/types';
import { descend, valley, valleyGradient } from '../../../../../solutions/05-valley/valley';
import { isPure, judgedCheck } from '../../../checks/builders';
import type { CheckDefinition, CheckInput } from '../../../checks/check';
import { termsTolerance } from '../../../checks/tolerance';
import {
  descendCall,
  descendInputs,
  pointInputs,
  VALLEY_BOWL,
  valleyGradientTolerance,
  valleyJudges,
  valleyProperties,
  valleyTolerance,
  judgePath,
  judgeValley,
  judgeValleyGradient,
  type Bowl,
  type DescendInput,
  type PointInput,
  bowlGradient,
} from '../public-checks';
import type { Expected } from '../../../checks/verdicts';

const exercise = '05-valley';

const expectedPath = (i: DescendInput) => descend(bowlGradient(i.bowl), i.start, i.learningRate, i.iterations);
const valleyExpectation = (i: PointInput): Expected<number> => ({
  expected: valley(i.p),
  tolerance: valleyTolerance(i),
});
const valleyGradientExpectation = (i: PointInput): Expected<Vec2> => {
  const g = valleyGradient(i.p);
  return { expected: { x: g.x, y: g.y }, tolerance: valleyGradientTolerance(i) };
};

/** The slope of the reference valley by central differences with step 1, exact for a quadratic up to rounding. */
function finiteDifferenceExpectation({ p }: PointInput): Expected<Vec2> {
  const measured = {
    x: (valley({ x: p.x + 1, y: p.y }) - valley({ x: p.x - 1, y: p.y })) / 2,
    y: (valley({ x: p.x, y: p.y + 1 }) - valley({ x: p.x, y: p.y - 1 })) / 2,
  };
  const t = termsTolerance(Math.abs(p.x) + 1, Math.abs(p.y) + 1) * (Math.abs(p.x) + Math.abs(p.y) + 2);
  return { expected: measured, tolerance: { x: t, y: t } };
}

/**
 * The README's worked examples first, exactly as it writes them (tests/kit/readme-worked-examples.test.ts
 * holds the two together), then designed ones: x ≠ y, negative coordinates, fractions, 0 iterations.
 */
export const VALLEY_EXAMPLES: PointInput[] = [
  { p: { x: 1, y: 2 } },
  { p: { x: 3, y: -1 } },
  { p: { x: -0.5, y: 0.25 } },
];
/** The README's bowl g(x, y) = x² + 4y², whose gradient is (2x, 8y). */
const README_BOWL: Bowl = {
  hessian: [
    [2, 0],
    [0, 8],
  ],
  center: [0, 0],
};
export const DESCEND_EXAMPLES: DescendInput[] = [
  { bowl: VALLEY_BOWL, start: { x: 1, y: 0 }, learningRate: 0.1, iterations: 2 },
  { bowl: README_BOWL, start: { x: 1, y: 1 }, learningRate: 0.1, iterations: 1 },
  { bowl: VALLEY_BOWL, start: { x: 2, y: -0.5 }, learningRate: 0.25, iterations: 4 },
  { bowl: VALLEY_BOWL, start: { x: 1, y: 1 }, learningRate: 0.5, iterations: 0 },
];

type Spec<I extends CheckInput, F> = Omit<Parameters<typeof judgedCheck<I, F>>[0], 'exercise' | 'kind'>;
const reference = <I extends CheckInput, F>(spec: Spec<I, F>): CheckDefinition<I> =>
  judgedCheck<I, F>({ ...spec, exercise, kind: 'reference' });
const valleyCall = (i: PointInput) => [{ exercise, fn: 'valley', args: [i.p] } as const];
const valleyGradientCall = (i: PointInput) => [{ exercise, fn: 'valleyGradient', args: [i.p] } as const];
const descendCalls = (i: DescendInput) => [descendCall(i)];

export const valleyChecks = [
  reference<PointInput, Expected<number>>({
    id: 'valley-worked-examples',
    title: 'valley matches the worked examples',
    points: 1,
    visibility: 'public',
    inputs: pointInputs,
    examples: VALLEY_EXAMPLES,
    calls: valleyCall,
    facts: valleyExpectation,
    judge: valleyJudges['valley-worked-examples'],
  }),
  valleyProperties.valleyBowl,
  reference<PointInput, Expected<number>>({
    id: 'valley-matches-reference',
    title: 'valley matches the formula at random points',
    points: 1,
    visibility: 'hidden',
    inputs: pointInputs,
    calls: valleyCall,
    facts: valleyExpectation,
    judge: judgeValley,
  }),
  reference<PointInput, Expected<Vec2>>({
    id: 'gradient-worked-examples',
    title: 'valleyGradient matches the worked examples',
    points: 1,
    visibility: 'public',
    inputs: pointInputs,
    examples: VALLEY_EXAMPLES,
    calls: valleyGradientCall,
    facts: valleyGradientExpectation,
    judge: valleyJudges['gradient-worked-examples'],
  }),
  judgedCheck<PointInput, Expected<Vec2>>({
    exercise,
    id: 'gradient-matches-finite-differences',
    title: 'valleyGradient agrees with central differences of f',
    points: 1,
    visibility: 'public',
    kind: 'property',
    inputs: pointInputs,
    calls: valleyGradientCall,
    facts: finiteDifferenceExpectation,
    judge: valleyJudges['gradient-matches-finite-differences'],
  }),
  reference<PointInput, Expected<Vec2>>({
    id: 'gradient-matches-reference',
    title: 'valleyGradient matches (2x + y, x + 2y) at random points',
    points: 1,
    visibility: 'hidden',
    inputs: pointInputs,
    calls: valleyGradientCall,
    facts: valleyGradientExpectation,
    judge: judgeValleyGradient,
  }),
  reference<DescendInput, Vec2[]>({
    id: 'descend-worked-examples',
    title: 'descend matches the worked examples (the valley, and the bowl x² + 4y²)',
    points: 2,
    visibility: 'public',
    inputs: descendInputs,
    examples: DESCEND_EXAMPLES,
    calls: descendCalls,
    facts: expectedPath,
    judge: valleyJudges['descend-worked-examples'],
  }),
  valleyProperties.descendPathShape,
  reference<DescendInput, Vec2[]>({
    id: 'descend-uses-given-gradient',
    title: 'descend follows the gradient it is given, on bowls other than the valley',
    points: 2,
    visibility: 'public',
    inputs: descendInputs,
    calls: descendCalls,
    facts: expectedPath,
    judge: valleyJudges['descend-uses-given-gradient'],
  }),
  valleyProperties.descendConvergesBelowLimit,
  valleyProperties.descendDivergesAboveLimit,
  reference<DescendInput, Vec2[]>({
    id: 'descend-matches-reference',
    title: 'descend matches the reference on random bowls, starts and rates',
    points: 1,
    visibility: 'hidden',
    inputs: descendInputs,
    numRuns: 40,
    calls: descendCalls,
    facts: expectedPath,
    judge: judgePath,
  }),
  isPure<DescendInput>({
    exercise,
    id: 'pure',
    title: 'descend leaves its start point unchanged and answers the same call the same way',
    points: 1,
    visibility: 'hidden',
    inputs: descendInputs,
    numRuns: 10,
    fn: 'descend',
    args: (i) => descendCall(i).args as unknown as unknown[],
    compared: [1],
  }),
];
