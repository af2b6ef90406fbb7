import type { Vec2 } from '../../../../../exercises/types';
import {
  type Bowl,
  near,
  OTHER_BOWL,
  probe,
  type Probe,
  sameLength,
  THIRD_BOWL,
  VALLEY_BOWL,
  worst,
} from '../../../../probes/probe';
import { termsTolerance } from '../../../checks/tolerance';

function valleyProbe(p: Vec2): Probe {
  return probe('05-valley', 'valley', `valley at (${p.x}, ${p.y})`, [p], (a, e) =>
    near(a as number, e as number, termsTolerance(p.x * p.x, p.x * p.y, p.y * p.y)),
  );
}

function valleyGradientProbe(p: Vec2): Probe {
  return probe('05-valley', 'valleyGradient', `valleyGradient at (${p.x}, ${p.y})`, [p], (a, e) => {
    const [actual, expected] = [a as Vec2, e as Vec2];
    const t = termsTolerance(2 * p.x, p.y) + termsTolerance(p.x, 2 * p.y);
    return worst([near(actual.x, expected.x, t), near(actual.y, expected.y, t)]);
  });
}

function descendProbe(bowl: Bowl, start: Vec2, learningRate: number, iterations: number): Probe {
  const where = bowl === VALLEY_BOWL ? 'the valley' : 'another bowl';
  return probe(
    '05-valley',
    'descend',
    `descend on ${where} from (${start.x}, ${start.y}), η = ${learningRate}, ${iterations} iterations`,
    [{ $gradient: bowl }, start, learningRate, iterations],
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

/**
 * The designed probes of 05-valley: inputs on which every two members of its mistake space, and
 * each member and the reference, answer apart. Six valley points and four gradient points: one
 * more than the terms of a quadratic valley (x², x·y, y², x, y) and of a linear gradient field
 * (x, y, a constant), so that a student's valley and gradient can be read as polynomials and
 * the reading checked. The descend probes walk three bowls from starts off
 * their eigenvectors, at four different rates, for 0, 1, 2 and 4 steps: one step shows a hard-coded
 * rate even when every entry of the path is the last point, two steps show a factor applied from the
 * second step on, four tell the schedules apart, and 0 shows what the path holds before any step.
 */
export function valleyProbes(): Probe[] {
  return [
    valleyProbe({ x: 1, y: 2 }),
    valleyProbe({ x: 3, y: -1 }),
    valleyProbe({ x: -0.5, y: 0.25 }),
    valleyProbe({ x: 2.5, y: -1.5 }),
    valleyProbe({ x: -2, y: 0.75 }),
    valleyProbe({ x: 1.5, y: 3 }),
    valleyGradientProbe({ x: 1, y: 2 }),
    valleyGradientProbe({ x: 3, y: -1 }),
    valleyGradientProbe({ x: -0.5, y: 0.25 }),
    valleyGradientProbe({ x: -2, y: 0.75 }),
    descendProbe(VALLEY_BOWL, { x: 2, y: -0.5 }, 0.25, 4),
    descendProbe(OTHER_BOWL, { x: 3, y: 1 }, 0.125, 2),
    descendProbe(THIRD_BOWL, { x: 0.5, y: 2 }, 0.2, 4),
    descendProbe(OTHER_BOWL, { x: -1.5, y: 2.5 }, 0.15, 1),
    descendProbe(VALLEY_BOWL, { x: 1, y: 0 }, 0.1, 0),
  ];
}
