import type { Gradient, Line, Point } from '../../../../../exercises/types';
import { computeGradient } from '../../../../../solutions/02-gradient/gradient';
import {
  D1,
  D160,
  D6,
  D7,
  dataCsv,
  dataText,
  lineText,
  near,
  ON_LINE,
  probe,
  type Probe,
  worst,
} from '../../../../probes/probe';
import { gradientTolerance } from '../../../checks/tolerance';

function gradientProbe(points: Point[], line: Line): Probe {
  return probe(
    '02-gradient',
    'computeGradient',
    `computeGradient on ${dataText(points)} at ${lineText(line)}`,
    [points, line],
    (a, e) => {
      const [actual, expected] = [a as Gradient, e as Gradient];
      const t = gradientTolerance(points, line, expected);
      return worst([near(actual.dm, expected.dm, t.dm), near(actual.db, expected.db, t.db)]);
    },
  );
}

/** The designed probes of 02-gradient: inputs on which every two of its known mistakes, and each mistake and the reference, answer apart. */
export function gradientProbes(): Probe[] {
  return [
    gradientProbe(D7, { m: 0.5, b: 1 }),
    gradientProbe(D6, { m: -1, b: 2 }),
    gradientProbe(D1, { m: 0.5, b: 2 }),
    gradientProbe(ON_LINE, { m: 2, b: -1 }),
    gradientProbe(ON_LINE, { m: 1.5, b: 0.5 }),
    gradientProbe(dataCsv(), { m: 1.5, b: 4 }),
    gradientProbe(D160, { m: 0.75, b: -2 }),
  ];
}
