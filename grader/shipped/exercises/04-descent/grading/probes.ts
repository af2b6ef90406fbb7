import type { DescentResult, Line, Point } from '../../../../../exercises/types';
import { computeGradient } from '../../../../../solutions/02-gradient/gradient';
import { D3, D6, D7, dataText, lineText, near, probe, type Probe, sameLength, worst } from '../../../../probes/probe';
import { costTolerance, stepTolerance } from '../../../checks/tolerance';

/** A run's bound grows with the step count, as in the checks: rounding adds up below the stability limit. */
function descentProbe(points: Point[], initial: Line, learningRate: number, iterations: number): Probe {
  const label = `gradientDescent on ${dataText(points)} from ${lineText(initial)}, η = ${learningRate}, ${iterations} iterations`;
  return probe('04-descent', 'gradientDescent', label, [points, { initial, learningRate, iterations }], (a, e) => {
    const [actual, expected] = [a as DescentResult, e as DescentResult];
    const lengths = sameLength(actual.costs, expected.costs);
    if (lengths) return lengths;
    const oneStep = stepTolerance(points, initial, learningRate, computeGradient(points, initial));
    const steps = iterations + 1;
    return worst([
      ...expected.costs.map((cost, k) => near(actual.costs[k], cost, (k + 1) * costTolerance(points, initial, cost))),
      near(actual.line.m, expected.line.m, steps * oneStep.m),
      near(actual.line.b, expected.line.b, steps * oneStep.b),
    ]);
  });
}

/**
 * The designed probes of 04-descent: inputs on which every two of its generated mistakes, and each
 * mistake and the reference, answer apart. Runs of 0, 1, 2, 3 and 5 iterations, so that a run one
 * step short or long still has a probe of exactly one step, where a rate written into the code is
 * read off directly; one rate is not a power of 2.
 */
export function descentProbes(): Probe[] {
  return [
    descentProbe(D7, { m: 0.5, b: 1 }, 1 / 64, 3),
    descentProbe(D3, { m: 2, b: -1 }, 1 / 32, 5),
    descentProbe(D6, { m: -1, b: 2 }, 1 / 128, 1),
    descentProbe(D7, { m: 1, b: -2 }, 1 / 32, 0),
    descentProbe(D6, { m: 0.5, b: -1 }, 0.02, 2),
  ];
}
