import fc from 'fast-check';
import type { Gradient, Line, Point } from '../../../../../../exercises/types';
import { line, largeData, points, realLine } from '../../../../checks/arbitraries';
import { sampled } from '../../../../../mistake-space/inputs';
import { slipMaker, type MistakeSpace } from '../../../../../mistake-space/space';
import { gradientMistakes as words } from './index';

/**
 * 02-gradient as a formula with every part a student can get wrong made a setting:
 * dm = (−2/N) Σ x·(y − (m·x + b)), db = (−2/N) Σ (y − (m·x + b)).
 */
export interface GradientModel {
  /** Which parameter multiplies x in the prediction: m (the course's line) or b (y = m + b·x, derivatives swapped with it). */
  readonly slope: 'm' | 'b';
  readonly interceptSign: 1 | -1;
  readonly intercept: boolean;
  readonly input: 'x' | 'y';
  /** The sign in front of both partials: −2/N, or +2/N with y − (m·x + b) (a sign error). */
  readonly sign: 1 | -1;
  readonly dmSign: 1 | -1;
  readonly dbSign: 1 | -1;
  /** The factor that comes down from the square. */
  readonly factor: 2 | 1 | 4;
  readonly denominator: 'N' | '1' | 'N-1' | 'N^2';
  /** What each residual is multiplied by in dm. */
  readonly dmWeight: 'x' | '1' | 'x^2' | 'y';
  /** What each residual is multiplied by in db. */
  readonly dbWeight: '1' | 'x';
  /** dm as the product of the means of x and of the residual, instead of the mean of their product. */
  readonly productOfMeans: boolean;
  readonly swapOutputs: boolean;
  readonly range: 'all' | 'skips-first' | 'skips-last';
}

const slip = slipMaker<GradientModel>();

const REFERENCE: GradientModel = {
  slope: 'm',
  interceptSign: 1,
  intercept: true,
  input: 'x',
  sign: 1,
  dmSign: 1,
  dbSign: 1,
  factor: 2,
  denominator: 'N',
  dmWeight: 'x',
  dbWeight: '1',
  productOfMeans: false,
  swapOutputs: false,
  range: 'all',
};

const DENOMINATORS: Record<GradientModel['denominator'], (n: number) => number> = {
  N: (n) => n,
  '1': () => 1,
  'N-1': (n) => n - 1,
  'N^2': (n) => n * n,
};

const WEIGHTS: Record<GradientModel['dmWeight'] | GradientModel['dbWeight'], (p: Point) => number> = {
  x: (p) => p.x,
  '1': () => 1,
  'x^2': (p) => p.x * p.x,
  y: (p) => p.y,
};

function computeGradient(c: GradientModel, points: readonly Point[], line: Line): Gradient {
  const [slope, intercept] = c.slope === 'm' ? [line.m, line.b] : [line.b, line.m];
  const used =
    c.range === 'skips-first' ? points.slice(1) : c.range === 'skips-last' ? points.slice(0, -1) : points;
  let slopeSum = 0;
  let interceptSum = 0;
  let residualSum = 0;
  let xSum = 0;
  for (const p of used) {
    const prediction = slope * (c.input === 'x' ? p.x : p.y) + (c.intercept ? c.interceptSign * intercept : 0);
    const r = p.y - prediction;
    slopeSum += WEIGHTS[c.dmWeight](p) * r;
    interceptSum += WEIGHTS[c.dbWeight](p) * r;
    residualSum += r;
    xSum += p.x;
  }
  const n = points.length;
  const scale = (-c.sign * c.factor) / DENOMINATORS[c.denominator](n);
  const slopePartial = c.dmSign * scale * (c.productOfMeans ? (xSum * residualSum) / n : slopeSum);
  const interceptPartial = c.dbSign * scale * interceptSum;
  const [dm, db] = c.slope === 'm' ? [slopePartial, interceptPartial] : [interceptPartial, slopePartial];
  return c.swapOutputs ? { dm: db, db: dm } : { dm, db };
}

/** The mistakes of 02-gradient: each setting of the formula changed, alone or two at a time. */
export const gradientSpace: MistakeSpace<GradientModel> = {
  exercise: '02-gradient',
  reference: REFERENCE,
  knobs: {
    factor: 'the factor 2 from the square',
    denominator: 'what the sums are divided by',
    sign: 'the sign of the whole gradient',
    'dm-sign': "dm's sign",
    'db-sign': "db's sign",
    'dm-weight': "what dm weights each error by (x, 1, x², y, a product of means)",
    'db-weight': "what db weights each error by",
    outputs: 'which partial goes in which field',
    model: 'which parameter multiplies x',
    'intercept-sign': "b's sign in the prediction",
    intercept: 'a dropped intercept',
    input: 'x and y in the prediction',
    range: "the loop's first and last point",
  },
  implement: (c) => ({ computeGradient: (points: Point[], line: Line) => computeGradient(c, points, line) }),
  slips: [
    slip('missing-factor-2', 'factor', { factor: 1 }, words['missing-factor-2']),
    slip('factor-4', 'factor', { factor: 4 }, {
      name: 'Your gradient is twice too large (a factor 4 instead of 2)',
      explanation: 'Both your partial derivatives are twice the true ones: the 2 from the square was brought down twice. Only one factor 2 comes from differentiating a square.',
      hint: 'Differentiate (y − (m·x + b))² once, carefully, and count the 2s.',
    }),
    slip('sum-not-mean', 'denominator', { denominator: '1' }, words['sum-not-mean']),
    slip('divides-by-n-minus-1', 'denominator', { denominator: 'N-1' }, {
      name: 'You divided the gradient by N − 1 instead of N',
      explanation: 'Your partial derivatives are sums divided by N − 1, as for a sample variance. J is a plain mean over N points, so its derivatives are too; with one point yours divide by zero.',
      hint: 'How many terms are you averaging?',
    }),
    slip('divides-by-n-squared', 'denominator', { denominator: 'N^2' }, {
      name: 'You divided the gradient by N twice',
      explanation: 'Your partial derivatives are divided by N², N times too small. The mean in J brings one 1/N, and the derivative keeps exactly that one.',
      hint: 'Count how many times your code divides by the number of points.',
    }),
    slip('wrong-sign', 'sign', { sign: -1 }, words['wrong-sign']),
    slip('dm-sign', 'dm-sign', { dmSign: -1 }, {
      name: 'Your dm has the wrong sign (db is right)',
      explanation: 'Your ∂J/∂m points the other way from the true one while ∂J/∂b is right: the minus sign in front was lost or doubled in dm only. A step against this gradient moves m uphill.',
      hint: 'Derive dm and db from the same residual and check that both keep the same sign in front.',
    }),
    slip('db-sign', 'db-sign', { dbSign: -1 }, {
      name: 'Your db has the wrong sign (dm is right)',
      explanation: 'Your ∂J/∂b points the other way from the true one while ∂J/∂m is right: the minus sign in front was lost or doubled in db only. A step against this gradient moves b uphill.',
      hint: 'Derive dm and db from the same residual and check that both keep the same sign in front.',
    }),
    slip('missing-x-in-dm', 'dm-weight', { dmWeight: '1' }, words['missing-x-in-dm']),
    slip('x-squared-in-dm', 'dm-weight', { dmWeight: 'x^2' }, words['x-squared-in-dm']),
    slip('y-in-dm', 'dm-weight', { dmWeight: 'y' }, {
      name: 'Your dm multiplies each error by y instead of x',
      explanation: 'Your ∂J/∂m weights each point\'s error by its y. The chain rule brings down the derivative of m·x with respect to m, which is the input x, not the target y.',
      hint: 'What is the derivative of m·x + b with respect to m, and which coordinate of a point is that?',
    }),
    slip('x-in-db', 'db-weight', { dbWeight: 'x' }, {
      name: 'Your db multiplies each error by x',
      explanation: 'Your ∂J/∂b weights each point\'s error by x, as dm does. The derivative of m·x + b with respect to b is 1, so db is the plain mean of the errors times −2.',
      hint: 'What is the derivative of m·x + b with respect to b?',
    }),
    slip('product-of-means', 'dm-weight', { productOfMeans: true }, {
      name: 'Your dm uses the mean of x times the mean error',
      explanation: 'Your ∂J/∂m is −2 · mean(x) · mean(error), a product of means. The derivative is the mean of the products x·error, and the two differ whenever x and the errors vary together, as they do away from the best line.',
      hint: 'Is the mean of a product the product of the means?',
    }),
    slip('swapped-partials', 'outputs', { swapOutputs: true }, words['swapped-partials']),
    slip('swapped-model', 'model', { slope: 'b' }, words['swapped-model']),
    slip('subtracts-b', 'intercept-sign', { interceptSign: -1 }, {
      name: 'Your errors use m·x − b as the prediction',
      explanation: 'Your errors are y − (m·x − b): the intercept enters the prediction with the wrong sign, so both partial derivatives are computed at the wrong line.',
      hint: 'Write out the prediction for one point and compare each sign with the line y = m·x + b.',
    }),
    slip('drops-b', 'intercept', { intercept: false }, {
      name: 'Your errors leave out the intercept b',
      explanation: 'Your errors are y − m·x: the intercept never enters the prediction, so the gradient does not change when b does.',
      hint: 'Change b and recompute your gradient by hand: should it change?',
    }),
    slip('predicts-from-y', 'input', { input: 'y' }, {
      name: 'Your errors multiply m by y instead of x',
      explanation: 'Your prediction for each point is m·y + b: it uses the value you are trying to predict as the input. The line predicts y from x.',
      hint: 'Which coordinate of a point is the input of the line, and which is the answer it should match?',
    }),
    slip('skips-first-point', 'range', { range: 'skips-first' }, words['skips-first-point']),
    slip('skips-last-point', 'range', { range: 'skips-last' }, {
      name: 'Your loop stops before the last point',
      explanation: 'Your loop ends one point early, so the last point never contributes to the gradient, while you still divide by all N.',
      hint: 'Check the condition that ends your loop.',
    }),
  ],
  fingerprintInputs: () => [
    ...sampled(fc.tuple(points(1, 12), line), 40).map((args) => ({ fn: 'computeGradient' as const, args })),
    ...sampled(fc.tuple(largeData, realLine), 4, 7).map((args) => ({ fn: 'computeGradient' as const, args })),
  ],
};
