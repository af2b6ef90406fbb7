import fc from 'fast-check';
import { computeCost } from '../../../../../solutions/01-cost/cost';
import { readPointsCsv } from '../../../../data/read-points';
import { SEED_DATA_CSV } from '../../../../data/paths';
import * as gen from '../../../checks/arbitraries';
import { isPure, judgedCheck, matchesReference } from '../../../checks/builders';
import { compareCost, costExpectation } from '../../../../reference/compare';
import { costInputs as smallInputs, costJudges, costProperties, type CostInput } from '../public-checks';

const exercise = '01-cost';

/**
 * The README's worked examples first, exactly as it writes them (tests/kit/readme-worked-examples.test.ts
 * holds the two together), then designed ones, so that every scale, sign and convention mistake shows:
 * N = 1, N = 7 off the optimum with Σx ≠ 0, and the seeds' data at m = b = 0.
 */
export const COST_EXAMPLES: CostInput[] = [
  {
    points: [
      { x: 0, y: 1 },
      { x: 1, y: 3 },
      { x: 2, y: 2 },
      { x: 3, y: 6 },
    ],
    line: { m: 1, b: 1 },
  },
  {
    points: [
      { x: 1, y: 2 },
      { x: 2, y: 2 },
    ],
    line: { m: 1, b: 0 },
  },
  {
    points: [
      { x: 0, y: 1 },
      { x: 2, y: 5 },
    ],
    line: { m: 2, b: 1 },
  },
  { points: [{ x: 2, y: 3 }], line: { m: 1, b: 0 } },
  {
    points: [
      { x: -2, y: 1 },
      { x: -1, y: 3 },
      { x: 0, y: 2 },
      { x: 1, y: 6 },
      { x: 3, y: 5 },
      { x: 4, y: 9 },
      { x: 6, y: 8 },
    ],
    line: { m: 0.5, b: 1 },
  },
  { points: readPointsCsv(SEED_DATA_CSV), line: { m: 0, b: 0 } },
];

export const costChecks = [
  judgedCheck<CostInput, ReturnType<typeof costExpectation>>({
    exercise,
    id: 'worked-examples',
    title: 'matches the worked examples (and the seeds’ start error 5565.1078…)',
    points: 3,
    visibility: 'public',
    kind: 'reference',
    inputs: smallInputs,
    examples: COST_EXAMPLES,
    calls: (i) => [{ exercise, fn: 'computeCost', args: [i.points, i.line] }],
    facts: (i) => costExpectation(i.points, i.line),
    judge: costJudges['worked-examples'],
  }),
  costProperties.nonNegative,
  costProperties.zeroOnPerfectFit,
  costProperties.duplicatesChangeNothing,
  costProperties.orderChangesNothing,
  costProperties.scalesQuadratically,
  matchesReference<CostInput, number>({
    exercise,
    id: 'matches-reference',
    title: 'matches the reference on random small data',
    points: 4,
    visibility: 'hidden',
    inputs: smallInputs,
    numRuns: 60,
    fn: 'computeCost',
    args: (i) => [i.points, i.line],
    compare: (actual, i) => compareCost(actual, i.points, i.line),
  }),
  matchesReference<CostInput, number>({
    exercise,
    id: 'matches-reference-large',
    title: 'matches the reference on larger, realistic data',
    points: 2,
    visibility: 'hidden',
    inputs: fc.record({ points: gen.largeData, line: gen.realLine }),
    numRuns: 10,
    fn: 'computeCost',
    args: (i) => [i.points, i.line],
    compare: (actual, i) => compareCost(actual, i.points, i.line),
  }),
  isPure<CostInput>({
    exercise,
    id: 'pure',
    title: 'leaves its arguments unchanged and answers the same call the same way',
    points: 1,
    visibility: 'hidden',
    inputs: smallInputs,
    numRuns: 10,
    fn: 'computeCost',
    args: (i) => [i.points, i.line],
  }),
];

export { computeCost as referenceCost };
