import type { Line, Point } from '../../../../../exercises/types';
import { D3, D6, D7, dataCsv, dataText, near, probe, type Probe, TWO, worst } from '../../../../probes/probe';
import { closedFormTolerance } from '../../../checks/tolerance';

function leastSquaresProbe(points: Point[]): Probe {
  const yScale = Math.max(...points.map((p) => Math.abs(p.y)), 1);
  return probe('06-learning-rate', 'leastSquares', `leastSquares on ${dataText(points)}`, [points], (a, e) => {
    const [actual, expected] = [a as Line, e as Line];
    return worst([
      near(actual.m, expected.m, closedFormTolerance(expected.m, 1)),
      near(actual.b, expected.b, closedFormTolerance(expected.b, yScale)),
    ]);
  });
}

function rateProbe(points: Point[]): Probe {
  return probe(
    '06-learning-rate',
    'maxStableLearningRate',
    `maxStableLearningRate on ${dataText(points)}`,
    [points],
    (a, e) => near(a as number, e as number, closedFormTolerance(e as number, 0)),
  );
}

/**
 * Five points near 0 (mean x² < 1 and mean y² < 1, mean x ≠ 0): the Hessian's b–b entry is the larger of its
 * diagonal, so a limit from the m–m entry alone and one from the larger diagonal entry come apart.
 */
export const NARROW_X: Point[] = [
  { x: -0.75, y: 0.5 },
  { x: -0.25, y: -0.25 },
  { x: 0.25, y: 0.75 },
  { x: 0.5, y: 0.25 },
  { x: 1, y: 1.25 },
];

/** The designed probes of 06-learning-rate: inputs on which every two of its known mistakes, and each mistake and the reference, answer apart. */
export function learningRateProbes(): Probe[] {
  return [
    leastSquaresProbe(D7),
    leastSquaresProbe(TWO),
    leastSquaresProbe(D6),
    leastSquaresProbe(dataCsv()),
    rateProbe(D7),
    rateProbe(D6),
    rateProbe(D3),
    rateProbe(NARROW_X),
    rateProbe(dataCsv()),
  ];
}
