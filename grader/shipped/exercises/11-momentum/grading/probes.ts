import type { Point, Vec2 } from '../../../../../exercises/types';
import {
  type Bowl,
  D3,
  D6,
  D7,
  dataCsv,
  dataText,
  near,
  OTHER_BOWL,
  probe,
  type Probe,
  sameLength,
  THIRD_BOWL,
  VALLEY_BOWL,
  worst,
} from '../../../../probes/probe';
import { closedFormTolerance, termsTolerance } from '../../../checks/tolerance';
import { NARROW_X } from '../../06-learning-rate/grading/probes';

function walkProbe(bowl: Bowl, start: Vec2, learningRate: number, momentum: number, iterations: number): Probe {
  const where = bowl === VALLEY_BOWL ? 'the valley' : 'another bowl';
  return probe(
    '11-momentum',
    'descendWithMomentum',
    `descendWithMomentum on ${where} from (${start.x}, ${start.y}), η = ${learningRate}, β = ${momentum}, ${iterations} iterations`,
    [{ $gradient: bowl }, start, learningRate, momentum, iterations],
    (a, e) => {
      const [actual, expected] = [a as Vec2[], e as Vec2[]];
      const lengths = sameLength(actual, expected);
      if (lengths) return lengths;
      let scale = 0;
      return worst(
        expected.map((point, k) => {
          scale = Math.max(scale, Math.abs(point.x) + Math.abs(point.y));
          const bound = termsTolerance(scale) * (1 + 4 * Math.abs(learningRate)) * (k + 1);
          return worst([near(actual[k].x, point.x, bound), near(actual[k].y, point.y, bound)]);
        }),
      );
    },
  );
}

function rateProbe(points: Point[], momentum: number): Probe {
  return probe(
    '11-momentum',
    'maxStableMomentumRate',
    `maxStableMomentumRate on ${dataText(points)} at β = ${momentum}`,
    [points, momentum],
    (a, e) => near(a as number, e as number, closedFormTolerance(e as number, 0)),
  );
}

/**
 * The designed probes of 11-momentum: inputs on which every two members of its mistake space, and
 * each member and the reference, answer apart. The walks start off the bowls' eigenvectors, on the
 * valley and two other bowls, at five momenta and five rates: one step shows where the velocity
 * starts and which of velocity and position moves first, two show what the velocity keeps, and
 * longer walks tell the rules for it apart; 0 steps shows what the path holds before any. The limits
 * are asked at four momenta (β = 0 isolates the eigenvalue) on data sets designed for 06's probes.
 */
export function momentumProbes(): Probe[] {
  return [
    walkProbe(VALLEY_BOWL, { x: 2, y: -0.5 }, 0.25, 0.5, 4),
    walkProbe(OTHER_BOWL, { x: 3, y: 1 }, 0.125, 0.75, 3),
    walkProbe(THIRD_BOWL, { x: 0.5, y: 2 }, 0.2, 0.25, 5),
    walkProbe(OTHER_BOWL, { x: -1.5, y: 2.5 }, 0.15, 0.875, 1),
    walkProbe(THIRD_BOWL, { x: -2, y: -1 }, 0.3, 0.625, 2),
    walkProbe(VALLEY_BOWL, { x: 1, y: 0 }, 0.1, 0.5, 0),
    rateProbe(D7, 0.5),
    rateProbe(D6, 0.25),
    rateProbe(D3, 0.75),
    rateProbe(NARROW_X, 0.5),
    rateProbe(dataCsv(), 0.875),
    rateProbe(D7, 0),
  ];
}
