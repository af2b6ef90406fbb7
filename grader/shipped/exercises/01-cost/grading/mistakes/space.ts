import fc from 'fast-check';
import type { Line, Point } from '../../../../../../exercises/types';
import { line, largeData, points, realLine } from '../../../../checks/arbitraries';
import { sampled } from '../../../../../mistake-space/inputs';
import { slipMaker, type MistakeSpace } from '../../../../../mistake-space/space';
import { costMistakes as words } from './index';

/** 01-cost as a formula with every part a student can get wrong made a setting: J = (1/N) Σ (y − (m·x + b))². */
export interface CostModel {
  /** Which parameter multiplies the input: m (the course's line) or b (y = m + b·x). */
  readonly slope: 'm' | 'b';
  readonly slopeSign: 1 | -1;
  readonly interceptSign: 1 | -1;
  /** Whether the intercept is in the prediction at all. */
  readonly intercept: boolean;
  /** What the slope multiplies. */
  readonly input: 'x' | 'y';
  /** y − prediction, or prediction − y. */
  readonly residualSign: 1 | -1;
  /** What is added up: squared errors, absolute errors, raw errors, or raw errors whose total is then squared. */
  readonly error: 'square' | 'absolute' | 'raw' | 'square-of-total';
  readonly denominator: 'N' | 'N-1' | '2N' | '1' | 'N^2' | 'N/2';
  /** The square root of the result (RMSE). */
  readonly root: boolean;
  /** Which points the loop visits. */
  readonly range: 'all' | 'skips-first' | 'skips-last';
}

const slip = slipMaker<CostModel>();

const REFERENCE: CostModel = {
  slope: 'm',
  slopeSign: 1,
  interceptSign: 1,
  intercept: true,
  input: 'x',
  residualSign: 1,
  error: 'square',
  denominator: 'N',
  root: false,
  range: 'all',
};

const DENOMINATORS: Record<CostModel['denominator'], (n: number) => number> = {
  N: (n) => n,
  'N-1': (n) => n - 1,
  '2N': (n) => 2 * n,
  '1': () => 1,
  'N^2': (n) => n * n,
  'N/2': (n) => n / 2,
};

export function visited(points: readonly Point[], range: CostModel['range']): readonly Point[] {
  return range === 'skips-first' ? points.slice(1) : range === 'skips-last' ? points.slice(0, -1) : points;
}

function computeCost(c: CostModel, points: readonly Point[], line: Line): number {
  const [slope, intercept] = c.slope === 'm' ? [line.m, line.b] : [line.b, line.m];
  let total = 0;
  for (const p of visited(points, c.range)) {
    const prediction = c.slopeSign * slope * (c.input === 'x' ? p.x : p.y) + (c.intercept ? c.interceptSign * intercept : 0);
    const r = c.residualSign * (p.y - prediction);
    total += c.error === 'square' ? r * r : c.error === 'absolute' ? Math.abs(r) : r;
  }
  if (c.error === 'square-of-total') total *= total;
  const mean = total / DENOMINATORS[c.denominator](points.length);
  return c.root ? Math.sqrt(mean) : mean;
}

/** The mistakes of 01-cost: each setting of the formula changed, alone or two at a time. */
export const costSpace: MistakeSpace<CostModel> = {
  exercise: '01-cost',
  reference: REFERENCE,
  knobs: {
    denominator: 'what the total is divided by',
    root: 'a square root',
    error: 'how each error is measured (squared, absolute, raw, squared after adding)',
    model: 'which parameter multiplies x',
    'intercept-sign': "b's sign",
    'slope-sign': "m·x's sign",
    input: 'x and y in the prediction',
    intercept: 'a dropped intercept',
    'residual-sign': 'which way round the error is written',
    range: "the loop's first and last point",
  },
  implement: (c) => ({ computeCost: (points: Point[], line: Line) => computeCost(c, points, line) }),
  slips: [
    slip('sum-not-mean', 'denominator', { denominator: '1' }, words['sum-not-mean']),
    slip('half-cost', 'denominator', { denominator: '2N' }, words['half-cost']),
    slip('divides-by-n-minus-1', 'denominator', { denominator: 'N-1' }, words['divides-by-n-minus-1']),
    slip('divides-by-n-squared', 'denominator', { denominator: 'N^2' }, {
      name: 'You divided by N² instead of N',
      explanation: 'Your cost divides the sum of squared errors by N², so it is the mean divided by N once more. J is a plain mean: one division by the number of points.',
      hint: 'Count how many times your code divides by the number of points.',
    }),
    slip('twice-the-mean', 'denominator', { denominator: 'N/2' }, {
      name: 'Your cost is twice the mean squared error',
      explanation: 'Your cost is 2/N times the sum of squared errors, twice J. The factor 2 belongs to the derivative of the square, not to the cost itself.',
      hint: 'Compare the factor in front of your sum with the formula for J in the README.',
    }),
    slip('rmse', 'root', { root: true }, words.rmse),
    slip('mean-absolute-error', 'error', { error: 'absolute' }, words['mean-absolute-error']),
    slip('forgot-to-square', 'error', { error: 'raw' }, words['forgot-to-square']),
    slip('squares-the-sum', 'error', { error: 'square-of-total' }, words['squares-the-sum']),
    slip('swapped-model', 'model', { slope: 'b' }, words['swapped-model']),
    slip('subtracts-b', 'intercept-sign', { interceptSign: -1 }, {
      name: 'Your prediction subtracts b (m·x − b)',
      explanation: 'Your error for each point is y − (m·x − b): the intercept enters the prediction with the wrong sign. Every prediction is then off by 2b, and the cost is smallest at the mirror image of the right intercept.',
      hint: 'Write out the prediction for one point and compare each sign with the line y = m·x + b.',
    }),
    slip('subtracts-mx', 'slope-sign', { slopeSign: -1 }, {
      name: 'Your prediction subtracts m·x (b − m·x)',
      explanation: 'Your error for each point uses −m·x + b as the prediction: the slope term has the wrong sign, so a line that rises is scored as if it fell.',
      hint: 'Write out the prediction for one point and compare each sign with the line y = m·x + b.',
    }),
    slip('predicts-from-y', 'input', { input: 'y' }, {
      name: 'Your prediction multiplies m by y instead of x',
      explanation: 'Your prediction for each point is m·y + b: it uses the value you are trying to predict as the input. The line predicts y from x.',
      hint: 'Which coordinate of a point is the input of the line, and which is the answer it should match?',
    }),
    slip('drops-b', 'intercept', { intercept: false }, {
      name: 'Your prediction leaves out the intercept b',
      explanation: 'Your error for each point is y − m·x: the intercept never enters the prediction, so the cost does not change when b does. The line is y = m·x + b.',
      hint: 'Change b and recompute your cost by hand: should it change?',
    }),
    slip('residual-reversed', 'residual-sign', { residualSign: -1 }, {
      name: 'Your errors are prediction − y',
      explanation: 'Your error for each point is (m·x + b) − y, the negative of y − (m·x + b). Squared, the two are the same, so this alone is harmless; with the square missing it flips the sign of everything.',
      hint: 'Decide which way round each error is written, and check what happens to it next.',
    }),
    slip('skips-first-point', 'range', { range: 'skips-first' }, words['skips-first-point']),
    slip('skips-last-point', 'range', { range: 'skips-last' }, {
      name: 'Your loop stops before the last point',
      explanation: 'Your loop ends one point early, so the last point never contributes to the cost, while you still divide by all N. The result depends on which point happens to come last.',
      hint: 'Check the condition that ends your loop.',
    }),
  ],
  fingerprintInputs: () => [
    ...sampled(fc.tuple(points(1, 12), line), 40).map((args) => ({ fn: 'computeCost' as const, args })),
    ...sampled(fc.tuple(largeData, realLine), 4, 7).map((args) => ({ fn: 'computeCost' as const, args })),
  ],
};
