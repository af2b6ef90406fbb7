/**
 * Expected values from the reference, and the comparisons that use them. The comparisons themselves
 * need no reference and live in `verdicts.ts` (which travels with the handout); this file adds what
 * the reference says.
 */
import type { DescentResult, Gradient, Line, Point } from '../../exercises/types';
import { computeCost } from '../../solutions/01-cost/cost';
import { computeGradient } from '../../solutions/02-gradient/gradient';
import type { Verdict } from '../shipped/checks/check';
import { memoByIdentity2 } from '../shipped/memo';
import { costTolerance, gradientTolerance, stepTolerance, termsTolerance } from '../shipped/checks/tolerance';
import { judgeDescent, judgeFields, judgeValue, type Expected, type ExpectedDescent } from '../shipped/checks/verdicts';

export { compareFields, comparePath, compareValue, format } from '../shipped/checks/verdicts';

/** The reference cost and its tolerance; like every expectation here, worked out once per input (inputs are shared by every submission of a run). */
export const costExpectation = memoByIdentity2((points: readonly Point[], line: Line): Expected<number> => {
  const expected = computeCost(points, line);
  return { expected, tolerance: costTolerance(points, line, expected) };
});

export const gradientExpectation = memoByIdentity2((points: readonly Point[], line: Line): Expected<Gradient> => {
  const expected = computeGradient(points, line);
  const tolerance = gradientTolerance(points, line, expected);
  return { expected: { dm: expected.dm, db: expected.db }, tolerance: { dm: tolerance.dm, db: tolerance.db } };
});

export const stepExpectation = memoByIdentity2(
  (points: readonly Point[], line: Line, learningRate: number): Expected<Line> => {
    const gradient = computeGradient(points, line);
    const tolerance = stepTolerance(points, line, learningRate, gradient);
    return {
      expected: { m: line.m - learningRate * gradient.dm, b: line.b - learningRate * gradient.db },
      tolerance: { m: tolerance.m, b: tolerance.b },
    };
  },
);

/**
 * A whole descent, as the reference runs it. The bound after k steps is k times the largest one-step
 * bound along the reference path: below the stability limit a step does not amplify earlier
 * rounding, so errors at most add up.
 */
export const descentExpectation = memoByIdentity2(
  (points: readonly Point[], initial: Line, learningRate: number, iterations: number): ExpectedDescent => {
    const costs: number[] = [];
    const costBounds: number[] = [];
    let line = { m: initial.m, b: initial.b };
    let worstStep = { m: 0, b: 0 };
    for (let k = 0; ; k++) {
      const gradient = computeGradient(points, line);
      const lineTolerance = { m: k * worstStep.m, b: k * worstStep.b };
      const expectedCost = computeCost(points, line);
      costs.push(expectedCost);
      costBounds.push(
        costTolerance(points, line, expectedCost) +
          Math.abs(gradient.dm) * lineTolerance.m +
          Math.abs(gradient.db) * lineTolerance.b,
      );
      if (k === iterations)
        return {
          costs,
          costBounds,
          line,
          lineTolerance: lineTolerance.m || lineTolerance.b ? lineTolerance : costLineFloor(line),
        };
      const oneStep = stepTolerance(points, line, learningRate, gradient);
      worstStep = { m: Math.max(worstStep.m, oneStep.m), b: Math.max(worstStep.b, oneStep.b) };
      line = { m: line.m - learningRate * gradient.dm, b: line.b - learningRate * gradient.db };
    }
  },
);

function costLineFloor(line: Line): { m: number; b: number } {
  return { m: termsTolerance(line.m), b: termsTolerance(line.b) };
}

export function compareCost(actual: number, points: readonly Point[], line: Line): Verdict {
  return judgeValue('the cost', actual, costExpectation(points, line));
}

export function compareGradient(actual: Gradient, points: readonly Point[], line: Line): Verdict {
  return judgeFields('the gradient', actual, gradientExpectation(points, line));
}

export function compareStep(actual: Line, points: readonly Point[], line: Line, learningRate: number): Verdict {
  return judgeFields('the new line', actual, stepExpectation(points, line, learningRate));
}

export function compareDescent(
  actual: DescentResult,
  points: readonly Point[],
  initial: Line,
  learningRate: number,
  iterations: number,
): Verdict {
  return judgeDescent(actual, descentExpectation(points, initial, learningRate, iterations));
}
