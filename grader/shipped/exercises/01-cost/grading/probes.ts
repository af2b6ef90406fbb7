import type { Line, Point } from '../../../../../exercises/types';
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
} from '../../../../probes/probe';
import { costTolerance } from '../../../checks/tolerance';

function costProbe(points: Point[], line: Line): Probe {
  return probe(
    '01-cost',
    'computeCost',
    `computeCost on ${dataText(points)} at ${lineText(line)}`,
    [points, line],
    (a, e) => near(a as number, e as number, costTolerance(points, line, e as number)),
  );
}

/** The designed probes of 01-cost: inputs on which every two of its known mistakes, and each mistake and the reference, answer apart. */
export function costProbes(): Probe[] {
  return [
    costProbe(D7, { m: 0.5, b: 1 }),
    costProbe(D6, { m: -1, b: 2 }),
    costProbe(D1, { m: 0.5, b: 2 }),
    costProbe(ON_LINE, { m: 2, b: -1 }),
    costProbe(ON_LINE, { m: 1.5, b: 0.5 }),
    costProbe(dataCsv(), { m: 1.5, b: 4 }),
    costProbe(D160, { m: 0.75, b: -2 }),
  ];
}
