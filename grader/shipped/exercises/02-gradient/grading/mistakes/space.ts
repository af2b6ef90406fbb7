import fc from 'fast-check';
import type { Gradient, Line, Point } from '../../../../../../exercises/types';
import { line, largeData, points, realLine } from '../../../../checks/arbitraries';
import { sampled } from '../../../../../mistake-space/inputs';
import { slipMaker, type MistakeSpace } from '../../../../../mistake-space/space';
import { gradientMistakes as words } from './index';
import { pastTheEnd, pastTheEndSlips, visited, type PastTheEnd } from '../../../01-cost/grading/mistakes/space';
import { PREDICTIONS, predictionSlips, type Prediction } from '../../../01-cost/grading/mistakes/prediction';

/**
 * 02-gradient as a formula with every part a student can get wrong made a setting:
 * dm = (−2/N) Σ x·(y − (m·x + b)), db = (−2/N) Σ (y − (m·x + b)).
 */
export interface GradientModel {
  /** Which parameter multiplies x in the prediction: m (the course's line) or b (y = m + b·x, derivatives swapped with it). */
  readonly slope: 'm' | 'b';
  /** The prediction inside each error, as written (with the course's roles of m and b). */
  readonly prediction: Prediction;
  /** What the prediction is compared with. */
  readonly target: 'y' | 'x' | 'none';
  /** The sign in front of both partials: −2/N, or +2/N with y − (m·x + b) (a sign error). */
  readonly sign: 1 | -1;
  readonly dmSign: 1 | -1;
  readonly dbSign: 1 | -1;
  /** The factor that comes down from the square. */
  readonly factor: 2 | 1 | 4;
  readonly denominator: 'N' | '1' | 'N-1' | 'N^2';
  /** What each residual is multiplied by in dm. */
  readonly dmWeight: 'x' | '1' | 'x^2' | 'y' | 'x, without the error';
  /** What each residual is multiplied by in db. */
  readonly dbWeight: '1' | 'x';
  /** dm as the product of the means of x and of the residual, instead of the mean of their product. */
  readonly productOfMeans: boolean;
  readonly swapOutputs: boolean;
  /** A slip in one partial's factor −2/N only: the 2 missing, the N missing, N − 1, or the bare sum. */
  readonly dmScale: PartialScale;
  readonly dbScale: PartialScale;
  readonly range: 'all' | 'skips-first' | 'skips-last' | PastTheEnd;
  /** Which running sums are overwritten with each term instead of having it added (`=` for `+=`). */
  readonly keepsTheLast: 'none' | 'dm' | 'db' | 'both';
}

type PartialScale = 'as-the-other' | 'no-2' | 'no-N' | 'N-1' | 'bare';

const slip = slipMaker<GradientModel>();

/** One partial's factor in front of its sum, from the sign, the factor and the denominator both partials share. */
function partialScale(scale: PartialScale, sign: number, factor: number, denominator: number, n: number): number {
  switch (scale) {
    case 'as-the-other':
      return (-sign * factor) / denominator;
    case 'no-2':
      return (-sign * (factor / 2)) / denominator;
    case 'no-N':
      return (-sign * factor) / (denominator / n);
    case 'N-1':
      return (-sign * factor) / (n - 1);
    case 'bare':
      return 1;
  }
}

const REFERENCE: GradientModel = {
  slope: 'm',
  prediction: 'm·x + b',
  target: 'y',
  sign: 1,
  dmSign: 1,
  dbSign: 1,
  factor: 2,
  denominator: 'N',
  dmWeight: 'x',
  dbWeight: '1',
  productOfMeans: false,
  swapOutputs: false,
  dmScale: 'as-the-other',
  dbScale: 'as-the-other',
  range: 'all',
  keepsTheLast: 'none',
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
  'x, without the error': (p) => p.x,
};

function computeGradient(c: GradientModel, points: readonly Point[], line: Line): Gradient {
  const predict = c.slope === 'b' ? PREDICTIONS['m + b·x'] : PREDICTIONS[c.prediction];
  const used = visited(points, c.range);
  let slopeSum = 0;
  let interceptSum = 0;
  let residualSum = 0;
  let xSum = 0;
  for (const p of used) {
    const target = c.target === 'y' ? p.y : c.target === 'x' ? p.x : 0;
    const r = target - predict(line.m, line.b, p.x, p.y);
    const slopeTerm = c.dmWeight === 'x, without the error' ? p.x : WEIGHTS[c.dmWeight](p) * r;
    const interceptTerm = WEIGHTS[c.dbWeight](p) * r;
    slopeSum = c.keepsTheLast === 'dm' || c.keepsTheLast === 'both' ? slopeTerm : slopeSum + slopeTerm;
    interceptSum = c.keepsTheLast === 'db' || c.keepsTheLast === 'both' ? interceptTerm : interceptSum + interceptTerm;
    residualSum += r;
    xSum += p.x;
  }
  slopeSum = pastTheEnd(c.range, slopeSum);
  interceptSum = pastTheEnd(c.range, interceptSum);
  const n = points.length;
  const denominator = DENOMINATORS[c.denominator](n);
  const slopePartial =
    c.dmSign *
    partialScale(c.dmScale, c.sign, c.factor, denominator, n) *
    (c.productOfMeans ? (xSum * residualSum) / n : slopeSum);
  const interceptPartial = c.dbSign * partialScale(c.dbScale, c.sign, c.factor, denominator, n) * interceptSum;
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
    'dm-weight': 'what dm weights each error by (x, 1, x², y, a product of means)',
    'db-weight': 'what db weights each error by',
    outputs: 'which partial goes in which field',
    model: 'which parameter multiplies x',
    prediction: 'the prediction m·x + b inside each error (a sign, a dropped term, x and y, m and b)',
    target: 'what the prediction is compared with',
    'dm-scale': "dm's own factor −2/N",
    'db-scale': "db's own factor −2/N",
    range: "the loop's first and last point",
    'keeps-the-last': 'how each term reaches its running sum',
  },
  implement: (c) => ({ computeGradient: (points: Point[], line: Line) => computeGradient(c, points, line) }),
  slips: [
    slip('missing-factor-2', 'factor', { factor: 1 }, words['missing-factor-2']),
    slip(
      'factor-4',
      'factor',
      { factor: 4 },
      {
        name: 'Your gradient is twice too large (a factor 4 instead of 2)',
        explanation:
          'Both your partial derivatives are twice the true ones: the 2 from the square was brought down twice. Only one factor 2 comes from differentiating a square.',
        hint: 'Differentiate (y − (m·x + b))² once, carefully, and count the 2s.',
      },
    ),
    slip('sum-not-mean', 'denominator', { denominator: '1' }, words['sum-not-mean']),
    slip(
      'divides-by-n-minus-1',
      'denominator',
      { denominator: 'N-1' },
      {
        name: 'You divided the gradient by N − 1 instead of N',
        explanation:
          'Your partial derivatives are sums divided by N − 1, as for a sample variance. J is a plain mean over N points, so its derivatives are too; with one point yours divide by zero.',
        hint: 'How many terms are you averaging?',
      },
    ),
    slip(
      'divides-by-n-squared',
      'denominator',
      { denominator: 'N^2' },
      {
        name: 'You divided the gradient by N twice',
        explanation:
          'Your partial derivatives are divided by N², N times too small. The mean in J brings one 1/N, and the derivative keeps exactly that one.',
        hint: 'Count how many times your code divides by the number of points.',
      },
    ),
    slip('wrong-sign', 'sign', { sign: -1 }, words['wrong-sign']),
    slip(
      'dm-sign',
      'dm-sign',
      { dmSign: -1 },
      {
        name: 'Your dm has the wrong sign (db is right)',
        explanation:
          'Your ∂J/∂m points the other way from the true one while ∂J/∂b is right: the minus sign in front was lost or doubled in dm only. A step against this gradient moves m uphill.',
        hint: 'Derive dm and db from the same residual and check that both keep the same sign in front.',
      },
    ),
    slip(
      'db-sign',
      'db-sign',
      { dbSign: -1 },
      {
        name: 'Your db has the wrong sign (dm is right)',
        explanation:
          'Your ∂J/∂b points the other way from the true one while ∂J/∂m is right: the minus sign in front was lost or doubled in db only. A step against this gradient moves b uphill.',
        hint: 'Derive dm and db from the same residual and check that both keep the same sign in front.',
      },
    ),
    slip('missing-x-in-dm', 'dm-weight', { dmWeight: '1' }, words['missing-x-in-dm']),
    slip('x-squared-in-dm', 'dm-weight', { dmWeight: 'x^2' }, words['x-squared-in-dm']),
    slip(
      'y-in-dm',
      'dm-weight',
      { dmWeight: 'y' },
      {
        name: 'Your dm multiplies each error by y instead of x',
        explanation:
          "Your ∂J/∂m weights each point's error by its y. The chain rule brings down the derivative of m·x with respect to m, which is the input x, not the target y.",
        hint: 'What is the derivative of m·x + b with respect to m, and which coordinate of a point is that?',
      },
    ),
    slip(
      'x-in-db',
      'db-weight',
      { dbWeight: 'x' },
      {
        name: 'Your db multiplies each error by x',
        explanation:
          "Your ∂J/∂b weights each point's error by x, as dm does. The derivative of m·x + b with respect to b is 1, so db is the plain mean of the errors times −2.",
        hint: 'What is the derivative of m·x + b with respect to b?',
      },
    ),
    slip(
      'product-of-means',
      'dm-weight',
      { productOfMeans: true },
      {
        name: 'Your dm uses the mean of x times the mean error',
        explanation:
          'Your ∂J/∂m is −2 · mean(x) · mean(error), a product of means. The derivative is the mean of the products x·error, and the two differ whenever x and the errors vary together, as they do away from the best line.',
        hint: 'Is the mean of a product the product of the means?',
      },
    ),
    slip('swapped-partials', 'outputs', { swapOutputs: true }, words['swapped-partials']),
    slip('swapped-model', 'model', { slope: 'b' }, words['swapped-model']),
    ...predictionSlips(slip, 'gradient'),
    slip(
      'compares-with-x',
      'target',
      { target: 'x' },
      {
        name: 'Your errors compare the prediction with x, not y',
        explanation:
          'Your error for each point is x − (m·x + b): the prediction is measured against the input instead of the value it should predict, so the gradient pulls the line towards y = x.',
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
          'Your error for each point is the prediction alone, without subtracting it from y: the gradient then pulls the line towards 0, not towards the data.',
        hint: 'What is an error made of: the prediction, and what else?',
      },
    ),
    slip(
      'dm-drops-error',
      'dm-weight',
      { dmWeight: 'x, without the error' },
      {
        name: 'Your dm leaves out the error',
        explanation:
          "Your ∂J/∂m adds up −2·x/N for each point without multiplying by the point's error, so it does not depend on the line at all.",
        hint: 'Each term of dm is a product of two factors: which one is missing?',
      },
    ),
    ...(['dm', 'db'] as const).flatMap((partial) => {
      const other = partial === 'dm' ? 'db' : 'dm';
      const field = partial === 'dm' ? 'dmScale' : 'dbScale';
      return [
        slip(
          `${partial}-missing-factor-2`,
          `${partial}-scale`,
          { [field]: 'no-2' },
          {
            name: `Your ${partial} is missing the factor 2 (${other} has it)`,
            explanation: `Your ${partial} is half the true partial derivative while ${other} is right: the 2 that comes down from the square was dropped in ${partial} only.`,
            hint: `Compare the factor in front of ${partial} with the one in front of ${other}.`,
          },
        ),
        slip(
          `${partial}-not-divided-by-n`,
          `${partial}-scale`,
          { [field]: 'no-N' },
          {
            name: `Your ${partial} is not divided by N (${other} is)`,
            explanation: `Your ${partial} is a sum over the points, N times too large, while ${other} is a mean: J is a mean, so both its derivatives are means.`,
            hint: `Compare what ${partial} and ${other} are divided by.`,
          },
        ),
        slip(
          `${partial}-divides-by-n-minus-1`,
          `${partial}-scale`,
          { [field]: 'N-1' },
          {
            name: `Your ${partial} divides by N − 1 (${other} divides by N)`,
            explanation: `Your ${partial} divides its sum by N − 1 while ${other} divides by N. J is a plain mean over N points, and so are both derivatives.`,
            hint: `Compare what ${partial} and ${other} are divided by.`,
          },
        ),
        slip(
          `${partial}-bare-sum`,
          `${partial}-scale`,
          { [field]: 'bare' },
          {
            name: `Your ${partial} is a bare sum, without the −2/N in front`,
            explanation: `Your ${partial} adds up its terms but never multiplies by −2/N, while ${other} does: it is −N/2 times the true partial derivative, pointing the other way.`,
            hint: `Compare what multiplies the sum in ${partial} with what multiplies it in ${other}.`,
          },
        ),
      ];
    }),
    ...pastTheEndSlips(slip, 'gradient'),
    ...(['both', 'dm', 'db'] as const).map((which) =>
      slip(
        `${which === 'both' ? '' : `${which}-`}keeps-only-the-last-term`,
        'keeps-the-last',
        { keepsTheLast: which },
        {
          name: `${which === 'both' ? 'Your sums keep' : `Your ${which} sum keeps`} only the last term`,
          explanation: `Each time round the loop ${which === 'both' ? 'your running sums are' : `your ${which} sum is`} replaced by the new term instead of having it added (= where += belongs), so only the last point counts.`,
          hint: 'Look at the lines that update your running sums: does each one add to its sum?',
        },
      ),
    ),
    slip(
      'errors-predict-x-from-y',
      'prediction',
      { prediction: 'm·y + b', target: 'x' },
      {
        name: 'Your errors predict x from y',
        explanation:
          'Your errors are x − (m·y + b): x and y have traded places inside each error, while the rest of the gradient still weights by x. The line predicts y from x.',
        hint: 'For one point, which coordinate goes into the line, and which one should its output match?',
      },
    ),
    slip(
      'swaps-x-and-y',
      'prediction',
      { prediction: 'm·y + b', target: 'x', dmWeight: 'y' },
      {
        name: 'Your gradient predicts x from y',
        explanation:
          'Your errors are x − (m·y + b): x and y have traded places, so the gradient is that of the line predicting x from y. The course fits y from x.',
        hint: 'For one point, which coordinate goes into the line, and which one should its output match?',
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
          'Your loop ends one point early, so the last point never contributes to the gradient, while you still divide by all N.',
        hint: 'Check the condition that ends your loop.',
      },
    ),
  ],
  fingerprintInputs: () => [
    ...sampled(fc.tuple(points(1, 12), line), 40).map((args) => ({ fn: 'computeGradient' as const, args })),
    ...sampled(fc.tuple(largeData, realLine), 4, 7).map((args) => ({ fn: 'computeGradient' as const, args })),
  ],
};
