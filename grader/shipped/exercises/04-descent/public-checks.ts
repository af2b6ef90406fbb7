import type { DescentResult, Line, Point } from '../../../../exercises/types';
import { PASS, type Judge, type Verdict } from '../../checks/check';
import { costTolerance } from '../../checks/tolerance';
import { compareFields, judgeDescent, judgeValue, type Expected, type ExpectedDescent } from '../../checks/verdicts';

export type DescentInput = { points: Point[]; initial: Line; learningRate: number; iterations: number };
export const argsOf = (i: DescentInput) => [
  i.points,
  { initial: i.initial, learningRate: i.learningRate, iterations: i.iterations },
];
export const descent = (i: DescentInput) =>
  ({ exercise: '04-descent', fn: 'gradientDescent', args: argsOf(i) }) as const;

function oneCostPerStep(i: DescentInput, [value]: readonly unknown[]): Verdict {
  return judgeValue('costs.length', (value as DescentResult).costs.length, {
    expected: i.iterations + 1,
    tolerance: 0,
  });
}

function costNeverRises(i: DescentInput, [value]: readonly unknown[]): Verdict {
  const costs = (value as DescentResult).costs;
  for (let k = 1; k < costs.length; k++) {
    if (costs[k] > costs[k - 1] + 4 * costTolerance(i.points, i.initial, costs[k - 1])) {
      return {
        pass: false,
        message: `costs[${k}] = ${costs[k]} is above costs[${k - 1}] = ${costs[k - 1]} at η = ${i.learningRate}, below the limit 2/λmax: each step should go downhill.`,
        expected: `costs[${k}] ≤ ${costs[k - 1]}`,
        actual: costs[k],
      };
    }
  }
  return PASS;
}

/**
 * Judges of the public checks of 04-descent, by check id within the exercise. Their inputs run at a
 * fraction of the reference's stability limit, so even the properties travel as frozen inputs.
 */
export const descentJudges = {
  'worked-examples': ((_, facts, [value]) => judgeDescent(value as DescentResult, facts)) as Judge<
    DescentInput,
    ExpectedDescent
  >,
  'published-run': ((_, facts, [value]) => judgeDescent(value as DescentResult, facts)) as Judge<
    DescentInput,
    ExpectedDescent
  >,
  'one-cost-per-step': ((i, _, values) => oneCostPerStep(i, values)) as Judge<DescentInput, null>,
  /** `facts`: the reference cost at options.initial. */
  'starts-at-initial': ((i, initialCost, [run, none]) => {
    const first = judgeValue('costs[0], the cost at options.initial', (run as DescentResult).costs[0], initialCost);
    if (!first.pass) return first;
    return compareFields(
      'the line after 0 iterations',
      { ...(none as DescentResult).line },
      { ...i.initial },
      { m: 0, b: 0 },
    );
  }) as Judge<DescentInput, Expected<number>>,
  'cost-never-rises-below-limit': ((i, _, values) => costNeverRises(i, values)) as Judge<DescentInput, null>,
};
