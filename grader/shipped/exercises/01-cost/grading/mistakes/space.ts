import fc from 'fast-check';
import type { Line, Point } from '../../../../../../exercises/types';
import { line, largeData, points, realLine } from '../../../../checks/arbitraries';
import { sampled } from '../../../../../mistake-space/inputs';
import { slipMaker, type MistakeSpace, type Slip, type SlipText } from '../../../../../mistake-space/space';
import { costMistakes as words } from './index';
import { PREDICTIONS, predictionSlips, type Prediction } from './prediction';

/** 01-cost as a formula with every part a student can get wrong made a setting: J = (1/N) Σ (y − (m·x + b))². */
export interface CostModel {
  /** The prediction for one point, as written. */
  readonly prediction: Prediction;
  /** What the prediction is compared with. */
  readonly target: 'y' | 'x' | 'none';
  /**
   * The cost from the expanded square, mean(y²) − 2m·mean(xy) − 2b·ȳ + m²·mean(x²) + 2mb·x̄ + b²,
   * with one mean of a product replaced by a product of means.
   */
  readonly moments: 'per-point' | 'square-of-mean-x' | 'mean-x-times-mean-y' | 'square-of-mean-y';
  /** y − prediction, or prediction − y. */
  readonly residualSign: 1 | -1;
  /** What is added up: squared errors, absolute errors, raw errors, or raw errors whose total is then squared. */
  readonly error: 'square' | 'absolute' | 'raw' | 'square-of-total';
  readonly denominator: 'N' | 'N-1' | '2N' | '1' | 'N^2' | 'N/2';
  /** The square root of the result (RMSE). */
  readonly root: boolean;
  /** Which points the loop visits. */
  readonly range: 'all' | 'skips-first' | 'skips-last' | PastTheEnd;
  /** Whether each term is added to the total, or the total is overwritten with it (`=` for `+=`). */
  readonly accumulate: 'adds' | 'keeps-the-last';
}

const slip = slipMaker<CostModel>();

/** The two slips of a loop that runs one past the last point, for any model with a `range` setting. */
export function pastTheEndSlips<C extends { range: string }>(
  make: (id: string, knob: string, change: Partial<C>, text: SlipText) => Slip<C>,
  what: string,
): Slip<C>[] {
  const text: SlipText = {
    name: 'Your loop runs one step past the last point',
    explanation: `Your ${what} loop goes up to and including index N (<= where < belongs), so it reads a point that does not exist: the call throws, or, from a typed array, adds NaN.`,
    hint: 'The last index of an array of N points is N − 1: check the condition that ends your loop.',
  };
  return [
    make('loop-past-the-end', 'range', { range: 'past-the-end-throws' } as Partial<C>, text),
    make('loop-past-the-end-nan', 'range', { range: 'past-the-end-nan' } as Partial<C>, text),
  ];
}

const REFERENCE: CostModel = {
  prediction: 'm·x + b',
  target: 'y',
  moments: 'per-point',
  residualSign: 1,
  error: 'square',
  denominator: 'N',
  root: false,
  range: 'all',
  accumulate: 'adds',
};

const DENOMINATORS: Record<CostModel['denominator'], (n: number) => number> = {
  N: (n) => n,
  'N-1': (n) => n - 1,
  '2N': (n) => 2 * n,
  '1': () => 1,
  'N^2': (n) => n * n,
  'N/2': (n) => n / 2,
};

/** A loop that runs one index past the last point (`i <= N`): reading the missing point throws, or, from a typed array, adds NaN. */
export type PastTheEnd = 'past-the-end-throws' | 'past-the-end-nan';

export function pastTheEnd(range: string, total: number): number {
  if (range === 'past-the-end-throws') throw new TypeError("Cannot read properties of undefined (reading 'x')");
  return range === 'past-the-end-nan' ? total + NaN : total;
}

/** The items a loop visits: all of them, or all but the first or the last. */
export function visited<T>(items: readonly T[], range: string): readonly T[] {
  return range === 'skips-first' ? items.slice(1) : range === 'skips-last' ? items.slice(0, -1) : items;
}

/** The expanded square's means, with the one product of means the configuration puts in place of a mean of products. */
function fromMoments(c: CostModel, points: readonly Point[], line: Line): number {
  const n = points.length;
  const mean = (f: (p: Point) => number) => points.reduce((s, p) => s + f(p), 0) / n;
  const [mx, my] = [mean((p) => p.x), mean((p) => p.y)];
  const xx = c.moments === 'square-of-mean-x' ? mx * mx : mean((p) => p.x * p.x);
  const xy = c.moments === 'mean-x-times-mean-y' ? mx * my : mean((p) => p.x * p.y);
  const yy = c.moments === 'square-of-mean-y' ? my * my : mean((p) => p.y * p.y);
  const { m, b } = line;
  return yy - 2 * m * xy - 2 * b * my + m * m * xx + 2 * m * b * mx + b * b;
}

function computeCost(c: CostModel, points: readonly Point[], line: Line): number {
  if (c.moments !== 'per-point') {
    const mean = (fromMoments(c, points, line) * points.length) / DENOMINATORS[c.denominator](points.length);
    return c.root ? Math.sqrt(mean) : mean;
  }
  const predict = PREDICTIONS[c.prediction];
  let total = 0;
  for (const p of visited(points, c.range)) {
    const target = c.target === 'y' ? p.y : c.target === 'x' ? p.x : 0;
    const r = c.residualSign * (target - predict(line.m, line.b, p.x, p.y));
    const term = c.error === 'square' ? r * r : c.error === 'absolute' ? Math.abs(r) : r;
    total = c.accumulate === 'adds' ? total + term : term;
  }
  total = pastTheEnd(c.range, total);
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
    prediction: 'the prediction m·x + b (a sign, a dropped term, x and y, m and b)',
    target: 'what the prediction is compared with',
    moments: 'a product of means in an expanded square',
    'residual-sign': 'which way round the error is written',
    range: "the loop's first and last point",
    accumulate: 'how each term reaches the total',
  },
  implement: (c) => ({ computeCost: (points: Point[], line: Line) => computeCost(c, points, line) }),
  slips: [
    slip('sum-not-mean', 'denominator', { denominator: '1' }, words['sum-not-mean']),
    slip('half-cost', 'denominator', { denominator: '2N' }, words['half-cost']),
    slip('divides-by-n-minus-1', 'denominator', { denominator: 'N-1' }, words['divides-by-n-minus-1']),
    slip(
      'divides-by-n-squared',
      'denominator',
      { denominator: 'N^2' },
      {
        name: 'You divided by N² instead of N',
        explanation:
          'Your cost divides the sum of squared errors by N², so it is the mean divided by N once more. J is a plain mean: one division by the number of points.',
        hint: 'Count how many times your code divides by the number of points.',
      },
    ),
    slip(
      'twice-the-mean',
      'denominator',
      { denominator: 'N/2' },
      {
        name: 'Your cost is twice the mean squared error',
        explanation:
          'Your cost is 2/N times the sum of squared errors, twice J. The factor 2 belongs to the derivative of the square, not to the cost itself.',
        hint: 'Compare the factor in front of your sum with the formula for J in the README.',
      },
    ),
    slip('rmse', 'root', { root: true }, words.rmse),
    slip('mean-absolute-error', 'error', { error: 'absolute' }, words['mean-absolute-error']),
    slip('forgot-to-square', 'error', { error: 'raw' }, words['forgot-to-square']),
    slip('squares-the-sum', 'error', { error: 'square-of-total' }, words['squares-the-sum']),
    slip(
      'expanded-square-of-mean-x',
      'moments',
      { moments: 'square-of-mean-x' },
      {
        name: 'Your expanded cost uses (mean x)² where it needs the mean of x²',
        explanation:
          'You expanded the square into means, and wrote the square of the mean of x in the m² term, where the expansion has the mean of the squares. The two differ whenever the x vary, by the variance of x.',
        hint: 'Is the mean of the squares the square of the mean?',
      },
    ),
    slip(
      'expanded-mean-x-times-mean-y',
      'moments',
      { moments: 'mean-x-times-mean-y' },
      {
        name: 'Your expanded cost uses mean x · mean y where it needs the mean of x·y',
        explanation:
          'You expanded the square into means, and wrote the product of the means of x and y in the m term, where the expansion has the mean of the products. The two differ whenever x and y vary together.',
        hint: 'Is the mean of a product the product of the means?',
      },
    ),
    slip(
      'expanded-square-of-mean-y',
      'moments',
      { moments: 'square-of-mean-y' },
      {
        name: 'Your expanded cost uses (mean y)² where it needs the mean of y²',
        explanation:
          'You expanded the square into means, and wrote the square of the mean of y where the expansion has the mean of the squares of y. The two differ by the variance of y.',
        hint: 'Is the mean of the squares the square of the mean?',
      },
    ),
    slip('swapped-model', 'prediction', { prediction: 'm + b·x' }, words['swapped-model']),
    ...predictionSlips(slip, 'cost'),
    slip(
      'swaps-x-and-y',
      'prediction',
      { prediction: 'm·y + b', target: 'x' },
      {
        name: 'Your cost predicts x from y',
        explanation:
          'Your error for each point is x − (m·y + b): x and y have traded places, so the cost measures how well the line predicts x from y. The course fits y from x, and the two lines are different.',
        hint: 'For one point, which coordinate goes into the line, and which one should its output match?',
      },
    ),
    slip(
      'compares-with-x',
      'target',
      { target: 'x' },
      {
        name: 'Your errors compare the prediction with x, not y',
        explanation:
          'Your error for each point is x − (m·x + b): the prediction is measured against the input instead of the value it should predict.',
        hint: "Which coordinate of a point should the line's output be close to?",
      },
    ),
    slip(
      'drops-y',
      'target',
      { target: 'none' },
      {
        name: 'Your errors leave out y',
        explanation:
          'Your error for each point is the prediction alone, without subtracting it from y: the cost then measures how big the predictions are, not how far they miss.',
        hint: 'What is an error made of: the prediction, and what else?',
      },
    ),
    slip(
      'residual-reversed',
      'residual-sign',
      { residualSign: -1 },
      {
        name: 'Your errors are prediction − y',
        explanation:
          'Your error for each point is (m·x + b) − y, the negative of y − (m·x + b). Squared, the two are the same, so this alone is harmless; with the square missing it flips the sign of everything.',
        hint: 'Decide which way round each error is written, and check what happens to it next.',
      },
    ),
    ...pastTheEndSlips(slip, 'cost'),
    slip(
      'keeps-only-the-last-term',
      'accumulate',
      { accumulate: 'keeps-the-last' },
      {
        name: 'Your total keeps only the last term',
        explanation:
          "Each time round the loop your total is replaced by the new term instead of having it added (= where += belongs), so the cost is the last point's term divided by N.",
        hint: 'Look at the line that updates your running total: does it add to it?',
      },
    ),
    slip('skips-first-point', 'range', { range: 'skips-first' }, words['skips-first-point']),
    slip(
      'skips-last-point',
      'range',
      { range: 'skips-last' },
      {
        name: 'Your loop stops before the last point',
        explanation:
          'Your loop ends one point early, so the last point never contributes to the cost, while you still divide by all N. The result depends on which point happens to come last.',
        hint: 'Check the condition that ends your loop.',
      },
    ),
  ],
  composable: (a, b) =>
    (a.knob !== 'moments' && b.knob !== 'moments') || [a.knob, b.knob].some((k) => k === 'denominator' || k === 'root'),
  fingerprintInputs: () => [
    ...sampled(fc.tuple(points(1, 12), line), 40).map((args) => ({ fn: 'computeCost' as const, args })),
    ...sampled(fc.tuple(largeData, realLine), 4, 7).map((args) => ({ fn: 'computeCost' as const, args })),
  ],
};
