import type { Line, Point } from '../../../../../exercises/types';
import { computeGradient } from '../../../../../solutions/02-gradient/gradient';
import { D1, D3, D6, D7, dataText, lineText, near, probe, type Probe, worst } from '../../../../probes/probe';
import { stepTolerance } from '../../../checks/tolerance';

function stepProbe(points: Point[], line: Line, learningRate: number): Probe {
  return probe(
    '03-step',
    'step',
    `step on ${dataText(points)} from ${lineText(line)} with η = ${learningRate}`,
    [points, line, learningRate],
    (a, e) => {
      const [actual, expected] = [a as Line, e as Line];
      const t = stepTolerance(points, line, learningRate, computeGradient(points, line));
      return worst([near(actual.m, expected.m, t.m), near(actual.b, expected.b, t.b)]);
    },
  );
}

/** The designed probes of 03-step: inputs on which every two of its known mistakes, and each mistake and the reference, answer apart. */
export function stepProbes(): Probe[] {
  return [
    stepProbe(D7, { m: 0.5, b: 1 }, 1 / 32),
    stepProbe(D3, { m: 1, b: 1 }, 1 / 16),
    stepProbe(D6, { m: -1, b: 2 }, 1 / 64),
    stepProbe(D1, { m: 0.5, b: 2 }, 1 / 8),
    stepProbe(D7, { m: 0.5, b: 1 }, 0),
  ];
}
