import fc from 'fast-check';
import type { Line, Point } from '../../../../../../exercises/types';
import { spreadPoints } from '../../../../checks/arbitraries';
import { sampled } from '../../../../../mistake-space/inputs';
import { visited } from '../../../01-cost/grading/mistakes/space';
import { slipMaker, type Evidence, type MistakeSpace, type Slip } from '../../../../../mistake-space/space';
import { learningRateMistakes as words } from './index';

/**
 * 06-learning-rate as two closed forms with every part a student can get wrong made a setting.
 * `leastSquares`: m = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)², b = ȳ − m·x̄. `maxStableLearningRate`: 2/λmax of
 * H = 2·[[mean x², mean x], [mean x, 1]]. The settings of one export never change the other's answers,
 * so a slip in each export composes into a mistake in both.
 */
export interface LearningRateModel {
  /** Which coordinate plays x: x (the course's line) or y (x regressed on y, every formula mirrored). */
  readonly variables: 'x-on-y' | 'y-on-x';
  /** Whether the sums of products are taken about the means (x − x̄), or raw (Σxy, Σx²), in numerator, denominator or both. */
  readonly centring: 'centred' | 'raw' | 'raw-numerator' | 'raw-denominator';
  /** How the slope is formed from the sums. */
  readonly slope:
    | 'covariance-over-variance'
    | 'over-spread-of-y'
    | 'inverted'
    | 'inverse-regression'
    | 'correlation'
    | 'product-of-means'
    | 'negated'
    | 'uncentred-wrong-denominator'
    | 'uncentred-n-missing-in-numerator'
    | 'uncentred-n-missing'
    | 'sums-and-means-mixed'
    | 'before-its-sums';
  /** What the slope's two moments are divided by: both the same, or N − 1 in the covariance (or the variance) only. */
  readonly moments:
    'same' | 'n-minus-1-covariance' | 'n-minus-1-variance' | 'n-covariance-undivided' | 'n-variance-undivided';
  readonly intercept:
    | 'through-means'
    | 'zero'
    | 'mean-y'
    | 'plus'
    | 'sum'
    | 'x-and-y-swapped'
    | 'negated'
    | 'mean-x'
    | 'the-slope'
    | 'mean-y-minus-slope'
    | 'sum-y';
  readonly lineFields: 'm-b' | 'b-m';
  /** Which of the means x̄ and ȳ the line divides by N − 1 instead of N. */
  readonly lineMeans: 'by-n' | 'x-by-n-minus-1' | 'y-by-n-minus-1' | 'both-by-n-minus-1';
  /** Which of the Hessian's means (of x, of x²) alone is divided by N − 1. */
  readonly hessianMeans: 'as-the-scale' | 'x-by-n-minus-1' | 'x2-by-n-minus-1' | 'x-not-divided' | 'x2-not-divided';
  /** Which points the loop that adds up the products visits (the means are over all of them). */
  readonly lineRange: Range;

  /** The numerator k of k/λ. */
  /** k in k/λ, or λ itself returned. */
  readonly rateNumerator: 2 | 1 | 0.5 | 'lambda';
  /** The factor in front of each diagonal entry of the Hessian, from differentiating the square. */
  readonly cornerFactor: 2 | 1;
  readonly bbFactor: 2 | 1;
  /** The factor in front of the off-diagonal entries. */
  readonly offDiagonalFactor: 2 | 1;
  /** What the Hessian's sums are divided by: N (J is a mean), 1 (the Hessian of the sum), N − 1. */
  readonly hessianScale: 'mean' | 'sum' | 'n-minus-1';
  /** The Hessian's m–m entry (before the factor): mean x², (mean x)², or the variance of x. */
  readonly hessianCorner: 'mean-x2' | 'square-of-mean' | 'variance';
  /** The Hessian's m–b entries (before the factor). */
  readonly hessianOffDiagonal: 'mean-x' | 'negated' | 'zero' | 'doubled' | 'halved' | 'opposite-signs';
  /** Which number is taken from the Hessian. */
  readonly eigenvalue: 'largest' | 'smallest' | 'trace' | 'm-curvature' | 'row-sum-bound';
  /** How an eigenvalue is solved from λ² − trace·λ + det = 0. */
  readonly root: 'right' | 'det-sign' | 'four-missing' | 'off-diagonal-not-squared' | 'half-missing' | 'sum-under-root';
  /** Which coordinate the Hessian is built from. */
  readonly hessianInput: 'x' | 'y';
  /** Which points the Hessian's sums visit. */
  readonly rateRange: Range;
}

type Range = 'all' | 'skips-first' | 'skips-last';

const slip = slipMaker<LearningRateModel>();

const REFERENCE: LearningRateModel = {
  variables: 'y-on-x',
  centring: 'centred',
  slope: 'covariance-over-variance',
  moments: 'same',
  intercept: 'through-means',
  lineFields: 'm-b',
  lineMeans: 'by-n',
  hessianMeans: 'as-the-scale',
  lineRange: 'all',
  rateNumerator: 2,
  cornerFactor: 2,
  bbFactor: 2,
  offDiagonalFactor: 2,
  hessianScale: 'mean',
  hessianCorner: 'mean-x2',
  hessianOffDiagonal: 'mean-x',
  eigenvalue: 'largest',
  root: 'right',
  hessianInput: 'x',
  rateRange: 'all',
};

/** The least-squares line as a configuration computes it: u is the coordinate that plays x, v the one that plays y. */
function leastSquaresOf(c: LearningRateModel, points: readonly Point[]): Line {
  const n = points.length;
  const pairs = points.map((p) => (c.variables === 'x-on-y' ? { u: p.y, v: p.x } : { u: p.x, v: p.y }));
  let su = 0;
  let sv = 0;
  for (const { u, v } of pairs) {
    su += u;
    sv += v;
  }
  const meanDivisor = (which: 'x' | 'y') =>
    c.lineMeans === 'both-by-n-minus-1' || c.lineMeans === `${which}-by-n-minus-1` ? n - 1 : n;
  const [mu, mv] = [
    su / meanDivisor(c.variables === 'x-on-y' ? 'y' : 'x'),
    sv / meanDivisor(c.variables === 'x-on-y' ? 'x' : 'y'),
  ];
  let [cuv, cuu, cvv, ruv, ruu, rvv] = [0, 0, 0, 0, 0, 0];
  for (const { u, v } of visited(pairs, c.lineRange)) {
    const [du, dv] = [u - mu, v - mv];
    cuv += du * dv;
    cuu += du * du;
    cvv += dv * dv;
    ruv += u * v;
    ruu += u * u;
    rvv += v * v;
  }
  const numerator = c.centring === 'raw' || c.centring === 'raw-numerator' ? ruv : cuv;
  const denominator = c.centring === 'raw' || c.centring === 'raw-denominator' ? ruu : cuu;
  const spreadOfV = c.centring === 'raw' ? rvv : cvv;
  const slopes: Record<LearningRateModel['slope'], () => number> = {
    'covariance-over-variance': () => numerator / denominator,
    'over-spread-of-y': () => numerator / spreadOfV,
    inverted: () => denominator / numerator,
    'inverse-regression': () => spreadOfV / numerator,
    correlation: () => numerator / Math.sqrt(denominator * spreadOfV),
    'product-of-means': () => 0,
    'before-its-sums': () => 0 / 0,
    negated: () => -numerator / denominator,
    'uncentred-wrong-denominator': () => (n * ruv - su * sv) / (ruu - su * su),
    'uncentred-n-missing-in-numerator': () => (ruv - su * sv) / (n * ruu - su * su),
    'uncentred-n-missing': () => (ruv - su * sv) / (ruu - su * su),
    'sums-and-means-mixed': () => (ruv - mu * mv) / (ruu - mu * mu),
  };
  const scales: Record<LearningRateModel['moments'], number> = {
    same: 1,
    'n-minus-1-covariance': n / (n - 1),
    'n-minus-1-variance': (n - 1) / n,
    'n-covariance-undivided': n,
    'n-variance-undivided': 1 / n,
  };
  const scale = scales[c.moments];
  const m = slopes[c.slope]() * scale;
  const intercepts: Record<LearningRateModel['intercept'], () => number> = {
    'through-means': () => mv - m * mu,
    zero: () => 0,
    'mean-y': () => mv,
    plus: () => mv + m * mu,
    sum: () => sv - m * su,
    'x-and-y-swapped': () => mu - m * mv,
    negated: () => m * mu - mv,
    'mean-x': () => mu,
    'the-slope': () => m,
    'mean-y-minus-slope': () => mv - m,
    'sum-y': () => sv - m * mu,
  };
  const b = intercepts[c.intercept]();
  return c.lineFields === 'b-m' ? { m: b, b: m } : { m, b };
}

/** k/λ for the number a configuration takes from its Hessian [[a, b], [c, d]]. */
function maxStableLearningRateOf(c: LearningRateModel, points: readonly Point[]): number {
  const n = points.length;
  let [s1, s2] = [0, 0];
  for (const p of visited(points, c.rateRange)) {
    const w = c.hessianInput === 'x' ? p.x : p.y;
    s1 += w;
    s2 += w * w;
  }
  const divisor = c.hessianScale === 'mean' ? n : c.hessianScale === 'sum' ? 1 : n - 1;
  const [mean1, mean2] = [
    s1 / (c.hessianMeans === 'x-by-n-minus-1' ? n - 1 : c.hessianMeans === 'x-not-divided' ? 1 : divisor),
    s2 / (c.hessianMeans === 'x2-by-n-minus-1' ? n - 1 : c.hessianMeans === 'x2-not-divided' ? 1 : divisor),
  ];
  const corner =
    c.hessianCorner === 'mean-x2'
      ? mean2
      : c.hessianCorner === 'square-of-mean'
        ? mean1 * mean1
        : mean2 - mean1 * mean1;
  const offDiagonal: Record<LearningRateModel['hessianOffDiagonal'], [number, number]> = {
    'mean-x': [mean1, mean1],
    negated: [-mean1, -mean1],
    zero: [0, 0],
    doubled: [2 * mean1, 2 * mean1],
    halved: [mean1 / 2, mean1 / 2],
    'opposite-signs': [mean1, -mean1],
  };
  const [a, d] = [c.cornerFactor * corner, (c.bbFactor * n) / divisor];
  const [b, cc] = offDiagonal[c.hessianOffDiagonal].map((v) => c.offDiagonalFactor * v);
  const mid = (a + d) / 2;
  const trace = a + d;
  const det = a * d - b * cc;
  const radius: Record<LearningRateModel['root'], () => number> = {
    right: () => (b === cc ? Math.hypot((a - d) / 2, b) : Math.sqrt(((a - d) / 2) ** 2 + b * cc)),
    'det-sign': () => Math.sqrt(trace * trace + 4 * det) / 2,
    'four-missing': () => Math.sqrt(trace * trace - det) / 2,
    'off-diagonal-not-squared': () => Math.sqrt(((a - d) / 2) ** 2 + b),
    'half-missing': () => Math.sqrt((a - d) ** 2 + b * cc),
    'sum-under-root': () => Math.sqrt(((a + d) / 2) ** 2 + b * cc),
  };
  const lambda: Record<LearningRateModel['eigenvalue'], () => number> = {
    largest: () => mid + radius[c.root](),
    smallest: () => mid - radius[c.root](),
    trace: () => trace,
    'm-curvature': () => a,
    'row-sum-bound': () => Math.max(Math.abs(a) + Math.abs(b), Math.abs(cc) + Math.abs(d)),
  };
  return c.rateNumerator === 'lambda' ? lambda[c.eigenvalue]() : c.rateNumerator / lambda[c.eigenvalue]();
}

/** The relative agreement under which two of the facts below count as equal: far looser than rounding, far tighter than any slip. */
const SAME = 1e-7;
const same = (a: number, b: number) => Math.abs(a - b) <= SAME * Math.max(Math.abs(a), Math.abs(b), 1e-300);
const format = (v: number) => String(Number(v.toPrecision(4)));

/** What the answers on the designed probes show, in words: how the student's rates and lines relate to the true ones. */
function describeAnswers(evidence: Evidence): string[] {
  const reference = { ...REFERENCE };
  const rates: { ratio: number; n: number }[] = [];
  const lines: { line: Line; truth: Line; points: readonly Point[] }[] = [];
  evidence.probes.forEach((probe, i) => {
    const answer = evidence.answers[i];
    const points = probe.request.args[0] as Point[];
    if (!answer?.ok) return;
    if (probe.request.fn === 'maxStableLearningRate')
      rates.push({ ratio: (answer.value as number) / maxStableLearningRateOf(reference, points), n: points.length });
    if (probe.request.fn === 'leastSquares')
      lines.push({ line: answer.value as Line, truth: leastSquaresOf(reference, points), points });
  });
  return [...rateFacts(rates), ...lineFacts(lines)];
}

function rateFacts(rates: readonly { ratio: number; n: number }[]): string[] {
  if (rates.length < 2 || rates.every((r) => same(r.ratio, 1))) return [];
  const [first] = rates;
  if (rates.every((r) => same(r.ratio, first.ratio)))
    return [`Your maxStableLearningRate is ${format(first.ratio)} × the true limit 2/λmax on every designed probe.`];
  const perPoint = first.ratio * first.n;
  if (rates.every((r) => same(r.ratio * r.n, perPoint))) {
    const sizes = rates.map((r) => r.n).join(', ');
    const factor = same(perPoint, 1) ? '' : `${format(perPoint)}/`;
    return [
      `Your maxStableLearningRate is the true limit times ${factor || '1/'}N on every designed probe (N = ${sizes} points): it shrinks with the number of points, and the true limit does not.`,
    ];
  }
  if (rates.every((r) => r.ratio < 1))
    return ['Your maxStableLearningRate is below the true limit on every designed probe, by varying factors.'];
  if (rates.every((r) => r.ratio > 1))
    return [
      'Your maxStableLearningRate is above the true limit on every designed probe, by varying factors: descent at your rate diverges.',
    ];
  return [];
}

function lineFacts(lines: readonly { line: Line; truth: Line; points: readonly Point[] }[]): string[] {
  if (lines.length < 2) return [];
  const slopesRight = lines.every(({ line, truth }) => same(line.m, truth.m));
  const interceptsRight = lines.every(({ line, truth }) => same(line.b, truth.b));
  if (slopesRight && interceptsRight) return [];
  if (slopesRight) return ['Your slope m is the least-squares slope on every designed probe; your intercept b is not.'];
  const slopeRatio = lines[0].line.m / lines[0].truth.m;
  const scaledSlope = lines.every(({ line, truth }) => same(line.m / truth.m, slopeRatio))
    ? [`Your slope m is ${format(slopeRatio)} × the least-squares slope on every designed probe.`]
    : [];
  if (interceptsRight)
    return [
      ...scaledSlope,
      'Your intercept b is the least-squares intercept on every designed probe; your slope m is not.',
    ];
  const throughMeans = lines.every(({ line, points }) => {
    const n = points.length;
    const [meanX, meanY] = [points.reduce((s, p) => s + p.x, 0) / n, points.reduce((s, p) => s + p.y, 0) / n];
    return (
      Math.abs(line.m * meanX + line.b - meanY) <=
      SAME * (Math.abs(line.m * meanX) + Math.abs(line.b) + Math.abs(meanY))
    );
  });
  if (throughMeans)
    return [
      ...scaledSlope,
      'Your line passes through the point of means (x̄, ȳ) on every designed probe, as the least-squares line does; its slope is what differs.',
    ];
  if (lines.every(({ line }) => line.b === 0))
    return [...scaledSlope, 'Your intercept b is 0 on every designed probe.'];
  return scaledSlope;
}

/** The slips that set a whole part of the model, and the knob whose slips they would overwrite. */
const OVERRIDES: Readonly<Record<string, string>> = {
  'through-origin': 'line-centring',
  'centred-hessian': 'hessian-off-diagonal',
};

/**
 * The slips of each export that make a mistake together with one of the other export's. Every two
 * slips of one export compose; across the exports only these do, which keeps the space's members (each
 * graded in full by the space's own tests) near 500 instead of 1,100.
 */

const exportOf = (s: Slip<LearningRateModel>) =>
  s.knob.startsWith('line-') ? 'leastSquares' : 'maxStableLearningRate';

/**
 * Two slips of one export make a mistake together unless one already decides what the other
 * changes. Slips in the two exports are independent: the diagnosis explains each export's answers
 * on its own and joins the parts, so their pairs need not be members.
 */
function composable(a: Slip<LearningRateModel>, b: Slip<LearningRateModel>): boolean {
  if (OVERRIDES[a.id] === b.knob || OVERRIDES[b.id] === a.knob) return false;
  return exportOf(a) === exportOf(b);
}

/** The mistakes of 06-learning-rate: each setting of either closed form changed, alone or two at a time. */
export const learningRateSpace: MistakeSpace<LearningRateModel> = {
  exercise: '06-learning-rate',
  reference: REFERENCE,
  knobs: {
    'line-variables': 'which coordinate is regressed on which',
    'line-centring': 'whether the sums are taken about the means',
    'line-slope': 'how the slope is formed from the sums',
    'line-moments': 'what the covariance and the variance are divided by',
    'line-intercept': 'the intercept',
    'line-fields': 'which value goes in m and which in b',
    'line-range': "the loop's first and last point",
    'rate-numerator': 'the 2 in 2/λ',
    'hessian-factor': "the Hessian's factor 2",
    'hessian-diagonal-factor': 'the factor 2 of one diagonal entry',
    'hessian-scale': "the Hessian's 1/N",
    'hessian-means': "one of the Hessian's means divided by N − 1",
    'line-means': 'a mean divided by N − 1',
    'hessian-corner': "the Hessian's m–m entry",
    'hessian-off-diagonal': "the Hessian's m–b entries",
    eigenvalue: 'which eigenvalue',
    root: 'how the eigenvalue is solved',
    'hessian-input': 'x and y in the Hessian',
    'rate-range': "the Hessian's first and last point",
  },
  implement: (c) => ({
    leastSquares: (points: Point[]) => leastSquaresOf(c, points),
    maxStableLearningRate: (points: Point[]) => maxStableLearningRateOf(c, points),
  }),
  composable,
  describe: describeAnswers,
  slips: [
    slip(
      'regresses-x-on-y',
      'line-variables',
      { variables: 'x-on-y' },
      {
        name: 'You regressed x on y: the roles of x and y are swapped',
        explanation:
          'Your leastSquares fits x = m·y + b, the best line for predicting x from y: every x in the formulas is a y and every y an x. That line minimises the horizontal distances to the points; J adds up the vertical ones, so its best line is a different one unless the points lie exactly on a line.',
        hint: 'Which coordinate does the line predict, and which does it take as input? Check each x and y in your sums.',
      },
    ),
    slip(
      'not-centred',
      'line-centring',
      { centring: 'raw' },
      {
        name: 'Your slope uses Σxy / Σx² without subtracting the means',
        explanation:
          'Your slope is Σxy / Σx², the sums of raw products. That is the slope of the best line through the origin; the best line with an intercept measures x and y from their means: Σ(x − x̄)(y − ȳ) / Σ(x − x̄)².',
        hint: 'Which two numbers does the least-squares line always pass through, and what should x and y be measured from?',
      },
    ),
    slip(
      'numerator-not-centred',
      'line-centring',
      { centring: 'raw-numerator' },
      {
        name: "Your slope's numerator is Σxy, not Σ(x − x̄)(y − ȳ)",
        explanation:
          'Your denominator is centred, Σ(x − x̄)², but your numerator is the raw Σxy. Both sums must be taken about the means for the slope to be the least-squares one.',
        hint: 'Compare how the numerator and the denominator of your slope treat the means.',
      },
    ),
    slip(
      'denominator-not-centred',
      'line-centring',
      { centring: 'raw-denominator' },
      {
        name: "Your slope's denominator is Σx², not Σ(x − x̄)²",
        explanation:
          'Your numerator is centred, Σ(x − x̄)(y − ȳ), but your denominator is the raw Σx². Both sums must be taken about the means for the slope to be the least-squares one.',
        hint: 'Compare how the numerator and the denominator of your slope treat the means.',
      },
    ),
    slip(
      'slope-over-spread-of-y',
      'line-slope',
      { slope: 'over-spread-of-y' },
      {
        name: 'Your slope divides by the spread of y instead of the spread of x',
        explanation:
          'Your slope is Σ(x − x̄)(y − ȳ) / Σ(y − ȳ)², the slope of the line that predicts x from y. The least-squares line for y divides by the spread of its input x.',
        hint: 'Which variable is the input of the line? Its spread is what the slope divides by.',
      },
    ),
    slip(
      'slope-inverted',
      'line-slope',
      { slope: 'inverted' },
      {
        name: 'Your slope is upside down: its numerator and denominator are swapped',
        explanation:
          "Your slope is Σ(x − x̄)² / Σ(x − x̄)(y − ȳ), the reciprocal of the least-squares slope. Setting ∂J/∂m = 0 puts the covariance of x and y on top and x's spread below.",
        hint: 'Solve the two normal equations for m again and check which sum ends up on top.',
      },
    ),
    slip(
      'inverse-regression',
      'line-slope',
      { slope: 'inverse-regression' },
      {
        name: 'Your line is the regression of x on y, rewritten as y = m·x + b',
        explanation:
          'Your slope is Σ(y − ȳ)² / Σ(x − x̄)(y − ȳ): you fitted x from y and turned that line around. It minimises the horizontal distances to the points, while J adds up the vertical ones; the two lines agree only when the points lie exactly on a line.',
        hint: 'Which distances does J add up, horizontal or vertical? Fit the line that minimises those.',
      },
    ),
    slip(
      'correlation-as-slope',
      'line-slope',
      { slope: 'correlation' },
      {
        name: 'Your slope is the correlation coefficient r',
        explanation:
          'Your slope is Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)²·Σ(y − ȳ)²), the correlation of x and y, which has no units and lies between −1 and 1. The slope is r times the ratio of the spreads of y and x, and the least-squares formula gives it directly.',
        hint: 'What are the units of the slope, and what are the units of your formula?',
      },
    ),
    slip(
      'product-of-means',
      'line-slope',
      { slope: 'product-of-means' },
      {
        name: 'Your slope uses a product of means where it needs a mean of products',
        explanation:
          'Your slope is always 0: its numerator takes mean(x)·mean(y) where it needs mean(x·y) (or multiplies Σ(x − x̄) by Σ(y − ȳ), two sums that are each 0). The covariance is the mean of the products of the deviations, and it is 0 only when x and y do not vary together.',
        hint: 'Is the mean of a product the product of the means?',
      },
    ),
    slip(
      'slope-sign',
      'line-slope',
      { slope: 'negated' },
      {
        name: 'Your slope has the wrong sign',
        explanation:
          'Your slope is −Σ(x − x̄)(y − ȳ) / Σ(x − x̄)²: a sign was lost while solving the normal equations, so your line falls where the data rise.',
        hint: 'Plot a few points that clearly rise: does your line rise too?',
      },
    ),
    slip(
      'uncentred-wrong-denominator',
      'line-slope',
      { slope: 'uncentred-wrong-denominator' },
      words['uncentred-wrong-denominator'],
    ),
    slip(
      'uncentred-n-missing-in-numerator',
      'line-slope',
      { slope: 'uncentred-n-missing-in-numerator' },
      {
        name: "Your closed-form slope's numerator is missing its factor N",
        explanation:
          'Your slope is (Σxy − Σx·Σy) / (N·Σx² − (Σx)²). The uncentred form needs the same factor N on both sides: (N·Σxy − Σx·Σy) / (N·Σx² − (Σx)²).',
        hint: 'Derive the numerator from the normal equations, or use the centred form Σ(x − x̄)(y − ȳ).',
      },
    ),
    slip(
      'uncentred-n-missing',
      'line-slope',
      { slope: 'uncentred-n-missing' },
      {
        name: 'Your closed-form slope is missing the factor N in the numerator and the denominator',
        explanation:
          'Your slope is (Σxy − Σx·Σy) / (Σx² − (Σx)²). Each sum of products must be N times the sum before the product of sums is taken away: (N·Σxy − Σx·Σy) / (N·Σx² − (Σx)²).',
        hint: 'Try your formula on points that lie exactly on a line: does it give that line back? Then derive it again from the normal equations.',
      },
    ),
    slip(
      'sums-and-means-mixed',
      'line-slope',
      { slope: 'sums-and-means-mixed' },
      {
        name: 'Your slope mixes sums and means',
        explanation:
          'Your slope is (Σxy − x̄·ȳ) / (Σx² − x̄²): sums of products with products of means taken away. The formula works with means throughout, (mean(xy) − x̄·ȳ) / (mean(x²) − x̄²), or with sums throughout, multiplying the products of sums by 1/N.',
        hint: 'Check that every term of your numerator and denominator is a mean, or that every one is a sum.',
      },
    ),
    slip(
      'covariance-over-n-minus-1',
      'line-moments',
      { moments: 'n-minus-1-covariance' },
      {
        name: 'Your covariance divides by N − 1 and your variance by N',
        explanation:
          'Your slope is a covariance over a variance, but one is divided by N − 1 and the other by N, so the slope is N/(N − 1) times too large. Whatever you divide by, divide both the same way: the factor cancels.',
        hint: 'Look at what each of your two moments is divided by.',
      },
    ),
    slip(
      'variance-over-n-minus-1',
      'line-moments',
      { moments: 'n-minus-1-variance' },
      {
        name: 'Your variance divides by N − 1 and your covariance by N',
        explanation:
          'Your slope is a covariance over a variance, but one is divided by N and the other by N − 1, so the slope is (N − 1)/N times the right one. Whatever you divide by, divide both the same way: the factor cancels.',
        hint: 'Look at what each of your two moments is divided by.',
      },
    ),
    slip(
      'covariance-not-divided',
      'line-moments',
      { moments: 'n-covariance-undivided' },
      {
        name: 'Your covariance is a sum while your variance is a mean',
        explanation:
          'You divide the sum of squares of x by N but not the sum of products, so the slope is N times too large. Both are sums over the same N points: divide both or neither.',
        hint: 'Compare what the numerator and the denominator of your slope are divided by.',
      },
    ),
    slip(
      'variance-not-divided',
      'line-moments',
      { moments: 'n-variance-undivided' },
      {
        name: 'Your variance is a sum while your covariance is a mean',
        explanation:
          'You divide the sum of products by N but not the sum of squares of x, so the slope is N times too small. Both are sums over the same N points: divide both or neither.',
        hint: 'Compare what the numerator and the denominator of your slope are divided by.',
      },
    ),
    slip(
      'intercept-forgets-mean-x',
      'line-intercept',
      { intercept: 'mean-y-minus-slope' },
      {
        name: 'Your intercept is ȳ − m, without x̄',
        explanation:
          'Your b subtracts the slope itself from ȳ. The best line passes through (x̄, ȳ), so b = ȳ − m·x̄: the slope times the mean of x.',
        hint: 'Put the point of means into y = m·x + b and solve for b.',
      },
    ),
    slip(
      'slope-before-its-sums',
      'line-slope',
      { slope: 'before-its-sums' },
      {
        name: 'Your slope is computed before the loop that fills its sums',
        explanation:
          'Your slope divides two sums that are still 0 when it is computed, so it is 0/0, NaN, and so is the intercept. The loop that adds up the products and squares has to run first.',
        hint: 'Read your function from the top: are the sums complete when you divide them?',
      },
    ),
    slip(
      'intercept-is-mean-x',
      'line-intercept',
      { intercept: 'mean-x' },
      {
        name: 'Your intercept is the mean of x',
        explanation: 'Your b is x̄, a number about the inputs. The best line passes through (x̄, ȳ), so b = ȳ − m·x̄.',
        hint: 'The best line goes through the point of means: solve for b there.',
      },
    ),
    slip(
      'intercept-is-the-slope',
      'line-intercept',
      { intercept: 'the-slope' },
      {
        name: 'Your intercept is your slope again',
        explanation: 'Your b is the same number as your m: the slope was returned in both fields.',
        hint: 'Check what you put in the b field of the line you return.',
      },
    ),
    slip(
      'intercept-from-sum-of-y',
      'line-intercept',
      { intercept: 'sum-y' },
      {
        name: 'Your intercept uses the sum of y where the mean belongs',
        explanation: 'Your b is Σy − m·x̄: the y part was never divided by N, so the line is shifted far up or down.',
        hint: 'The best line goes through the point of means (x̄, ȳ): check that both are means.',
      },
    ),
    slip(
      'through-origin',
      'line-intercept',
      { centring: 'raw', intercept: 'zero' },
      {
        name: 'You fitted a line through the origin',
        explanation:
          'Your leastSquares returns m = Σxy / Σx² and b = 0: the best line of the form y = m·x. The exercise fits y = m·x + b, and with an intercept to choose the best line passes through the point of means (x̄, ȳ), not through (0, 0).',
        hint: 'Your line has two parameters to choose: does your formula ever choose b?',
      },
    ),
    slip(
      'intercept-zero',
      'line-intercept',
      { intercept: 'zero' },
      {
        name: 'Your intercept is always 0',
        explanation:
          'Your slope is the least-squares slope, but b is 0, so the line goes through the origin instead of through the point of means (x̄, ȳ).',
        hint: 'Which point does the least-squares line always pass through, and what b does that give?',
      },
    ),
    slip('intercept-is-mean-y', 'line-intercept', { intercept: 'mean-y' }, words['intercept-is-mean-y']),
    slip(
      'intercept-sign',
      'line-intercept',
      { intercept: 'plus' },
      {
        name: 'Your intercept adds m·x̄ instead of subtracting it',
        explanation:
          'Your intercept is ȳ + m·x̄. The line passes through the point of means, ȳ = m·x̄ + b, so b = ȳ − m·x̄.',
        hint: 'Write down that the line passes through (x̄, ȳ), and solve it for b.',
      },
    ),
    slip('forgets-to-divide', 'line-intercept', { intercept: 'sum' }, words['forgets-to-divide']),
    slip(
      'intercept-x-and-y-swapped',
      'line-intercept',
      { intercept: 'x-and-y-swapped' },
      {
        name: 'Your intercept swaps x̄ and ȳ',
        explanation:
          'Your intercept is x̄ − m·ȳ. The line passes through the point of means, ȳ = m·x̄ + b, so b = ȳ − m·x̄.',
        hint: 'Write down that the line passes through (x̄, ȳ), and solve it for b.',
      },
    ),
    slip(
      'intercept-negated',
      'line-intercept',
      { intercept: 'negated' },
      {
        name: 'Your intercept has the wrong sign',
        explanation:
          'Your intercept is m·x̄ − ȳ, the negative of the right one. The line passes through the point of means, ȳ = m·x̄ + b, so b = ȳ − m·x̄.',
        hint: 'Write down that the line passes through (x̄, ȳ), and solve it for b.',
      },
    ),
    slip('least-squares-swapped', 'line-fields', { lineFields: 'b-m' }, words['least-squares-swapped']),
    slip(
      'line-skips-first-point',
      'line-range',
      { lineRange: 'skips-first' },
      {
        name: 'Your sums of products skip the first point',
        explanation:
          'The loop that adds up your products starts one point late, so the first point never enters them, while your means still count it.',
        hint: 'Check where the loop that adds up your products starts.',
      },
    ),
    slip(
      'line-skips-last-point',
      'line-range',
      { lineRange: 'skips-last' },
      {
        name: 'Your sums of products stop before the last point',
        explanation:
          'The loop that adds up your products ends one point early, so the last point never enters them, while your means still count it.',
        hint: 'Check the condition that ends the loop that adds up your products.',
      },
    ),

    slip(
      'returns-lambda-max',
      'rate-numerator',
      { rateNumerator: 'lambda' },
      {
        name: 'You returned λmax itself, not 2/λmax',
        explanation:
          'Your maxStableLearningRate returns the largest eigenvalue of the Hessian. The limit on the learning rate is 2 divided by it: a steeper bowl allows a smaller step, not a larger one.',
        hint: 'Once you have λmax, what does the stability condition |1 − η·λmax| < 1 say about η?',
      },
    ),
    ...(['x', 'x2'] as const).map((which) =>
      slip(
        `hessian-sum-of-${which}-not-divided`,
        'hessian-means',
        { hessianMeans: `${which}-not-divided` },
        {
          name: `Your Hessian uses the sum of ${which === 'x' ? 'x' : 'x²'} where its mean belongs`,
          explanation: `One entry of your Hessian is the sum of ${which === 'x' ? 'x' : 'x²'} over the points, not its mean: that entry is N times too large, and λmax with it.`,
          hint: 'Each entry of the Hessian of J is a mean over the N points: check what each sum is divided by.',
        },
      ),
    ),
    slip('one-over-lambda-max', 'rate-numerator', { rateNumerator: 1 }, words['one-over-lambda-max']),
    slip(
      'one-over-two-lambda-max',
      'rate-numerator',
      { rateNumerator: 0.5 },
      {
        name: 'Your stability limit is 1/(2·λmax) instead of 2/λmax',
        explanation:
          'Your maxStableLearningRate returns 1/(2·λmax), a quarter of the true limit. Along the steepest direction a step multiplies the error by 1 − η·λmax, which stays inside (−1, 1) up to η = 2/λmax.',
        hint: 'For which η is |1 − η·λ| < 1? Solve it for η.',
      },
    ),
    slip(
      'hessian-without-factor-2',
      'hessian-factor',
      { cornerFactor: 1, bbFactor: 1, offDiagonalFactor: 1 },
      words['hessian-without-factor-2'],
    ),
    slip(
      'm-m-entry-without-factor-2',
      'hessian-diagonal-factor',
      { cornerFactor: 1 },
      {
        name: "Your Hessian's ∂²J/∂m² is missing its factor 2",
        explanation:
          'Your m–m entry is mean x², while your other entries keep their factor 2. Differentiating (y − (m·x + b))² twice in m gives 2·x² for each point: the 2 from the square is in every entry of the Hessian.',
        hint: 'Differentiate dm once more in m and compare the factor in front with that of your other entries.',
      },
    ),
    slip(
      'b-b-entry-without-factor-2',
      'hessian-diagonal-factor',
      { bbFactor: 1 },
      {
        name: "Your Hessian's ∂²J/∂b² is 1 instead of 2",
        explanation:
          'Your b–b entry is 1, while your other entries keep their factor 2. Differentiating (y − (m·x + b))² twice in b gives 2 for each point, so the mean is 2: the 2 from the square is in every entry of the Hessian.',
        hint: 'Differentiate db once more in b and compare the factor in front with that of your other entries.',
      },
    ),
    slip(
      'hessian-of-sum',
      'hessian-scale',
      { hessianScale: 'sum' },
      {
        name: 'Your Hessian is that of the sum of squared errors, not of their mean',
        explanation:
          'You took the eigenvalues of 2·[[Σx², Σx], [Σx, N]], the Hessian of Σ(y − (m·x + b))². J divides that sum by N, so its Hessian and every eigenvalue are N times smaller, and your limit is N times too small: safe, but far below the fastest safe step.',
        hint: 'J is a mean over the points: if every point were listed twice, would J change? Would your Hessian?',
      },
    ),
    slip(
      'hessian-is-xtx',
      'hessian-scale',
      { hessianScale: 'sum', cornerFactor: 1, bbFactor: 1, offDiagonalFactor: 1 },
      {
        name: 'Your Hessian is XᵀX, the matrix of the normal equations',
        explanation:
          'You took the eigenvalues of XᵀX = [[Σx², Σx], [Σx, N]]. J = (1/N)·Σ(y − (m·x + b))² has Hessian (2/N)·XᵀX: the 2 from the square and the 1/N of the mean are both missing, so your limit is N/2 times too small.',
        hint: 'Differentiate J twice and compare with the matrix of the normal equations: which factors differ?',
      },
    ),
    ...(['x', 'y', 'both'] as const).map((which) =>
      slip(
        `line-mean-${which}-over-n-minus-1`,
        'line-means',
        { lineMeans: `${which}-by-n-minus-1` },
        {
          name: `Your ${which === 'both' ? 'means x̄ and ȳ divide' : `mean ${which === 'x' ? 'x̄' : 'ȳ'} divides`} by N − 1`,
          explanation: `Your ${which === 'both' ? 'means of x and of y are sums' : `mean of ${which} is the sum`} divided by N − 1 instead of N, so the line is centred on the wrong point and its slope and intercept move with it.`,
          hint: 'A mean of N numbers is their sum divided by how many there are: check each of your means.',
        },
      ),
    ),
    ...(['x', 'x2'] as const).map((which) =>
      slip(
        `hessian-mean-${which}-over-n-minus-1`,
        'hessian-means',
        { hessianMeans: `${which}-by-n-minus-1` },
        {
          name: `Your Hessian's mean of ${which === 'x' ? 'x' : 'x²'} divides by N − 1`,
          explanation: `One entry of your Hessian uses the sum of ${which === 'x' ? 'x' : 'x²'} divided by N − 1 instead of N, so that entry is N/(N − 1) times too large and λmax with it.`,
          hint: 'Each entry of the Hessian of J is a plain mean over the N points: check what each sum is divided by.',
        },
      ),
    ),
    slip(
      'hessian-over-n-minus-1',
      'hessian-scale',
      { hessianScale: 'n-minus-1' },
      {
        name: 'Your Hessian divides its sums by N − 1',
        explanation:
          "Your Hessian's sums are divided by N − 1, as for a sample variance, so each entry is N/(N − 1) times too large. J is a plain mean over the N points, and so is each entry of its Hessian.",
        hint: 'How many terms does J average, and what does your Hessian divide by?',
      },
    ),
    slip(
      'square-of-mean-for-mean-of-squares',
      'hessian-corner',
      { hessianCorner: 'square-of-mean' },
      {
        name: 'Your Hessian uses (mean x)² where it needs mean x²',
        explanation:
          'Your ∂²J/∂m² is 2·(mean x)², the square of the mean. Differentiating (y − (m·x + b))² twice in m gives 2·x² for each point, so the entry is 2·mean(x²), which is larger whenever the x differ.',
        hint: 'mean x² and (mean x)² are different numbers: which one does differentiating J twice in m give?',
      },
    ),
    slip(
      'variance-for-mean-of-squares',
      'hessian-corner',
      { hessianCorner: 'variance' },
      {
        name: 'Your Hessian uses the variance of x where it needs mean x²',
        explanation:
          'Your ∂²J/∂m² is 2·(mean x² − (mean x)²), the variance of x. Differentiating (y − (m·x + b))² twice in m gives 2·x² for each point, uncentred, so the entry is 2·mean(x²).',
        hint: 'Differentiate J twice in m: does anything centre x?',
      },
    ),
    slip(
      'centred-hessian',
      'hessian-corner',
      { hessianCorner: 'variance', hessianOffDiagonal: 'zero' },
      {
        name: 'Your Hessian is that of the centred problem',
        explanation:
          'You used 2·[[variance of x, 0], [0, 1]], the Hessian you would get after moving x to its mean. Gradient descent in this exercise runs on the raw x, whose Hessian is 2·[[mean x², mean x], [mean x, 1]]: the coupling between m and b is what makes its largest eigenvalue larger.',
        hint: 'Which x does gradient descent use, the raw x or x − x̄? Build the Hessian from those.',
      },
    ),
    slip(
      'off-diagonal-sign',
      'hessian-off-diagonal',
      { hessianOffDiagonal: 'negated' },
      {
        name: "Your Hessian's off-diagonal entries have the wrong sign",
        explanation:
          'Your ∂²J/∂m∂b is −2·mean x. Flipping both off-diagonal entries leaves the eigenvalues unchanged, so on its own this does no harm to the limit.',
        hint: 'Differentiate dm once in b and check the sign.',
      },
    ),
    slip(
      'drops-cross-term',
      'hessian-off-diagonal',
      { hessianOffDiagonal: 'zero' },
      {
        name: 'Your Hessian leaves out its off-diagonal entries',
        explanation:
          'You used the eigenvalues of 2·[[mean x², 0], [0, 1]], as if m and b did not interact. ∂²J/∂m∂b = 2·mean x, and whenever mean x ≠ 0 that coupling pushes the largest eigenvalue up, so your limit is too large and descent at it diverges.',
        hint: 'What is ∂²J/∂m∂b, and what do off-diagonal entries do to the eigenvalues?',
      },
    ),
    slip(
      'cross-term-doubled',
      'hessian-off-diagonal',
      { hessianOffDiagonal: 'doubled' },
      {
        name: "Your Hessian's off-diagonal entries are twice too large",
        explanation:
          'Your ∂²J/∂m∂b is 4·mean x. The mixed derivative is taken once, ∂/∂b of dm, and gives 2·mean x; ∂²J/∂m∂b and ∂²J/∂b∂m are the same entry counted in two places, not two terms to add.',
        hint: 'Differentiate dm once in b and compare with what you wrote.',
      },
    ),
    slip(
      'cross-term-without-factor-2',
      'hessian-off-diagonal',
      { hessianOffDiagonal: 'halved' },
      {
        name: "Your Hessian's off-diagonal entries are missing their factor 2",
        explanation:
          'Your ∂²J/∂m∂b is mean x, while your diagonal entries keep their factor 2. Differentiating dm = −2·mean(x·(y − (m·x + b))) in b gives 2·mean x: the 2 from the square is in every entry of the Hessian.',
        hint: 'Differentiate dm once in b and compare the factor in front with that of your other entries.',
      },
    ),
    slip(
      'off-diagonal-opposite-signs',
      'hessian-off-diagonal',
      { hessianOffDiagonal: 'opposite-signs' },
      {
        name: "Your Hessian's two off-diagonal entries have opposite signs",
        explanation:
          'Your Hessian is not symmetric: one off-diagonal entry is 2·mean x and the other −2·mean x. ∂²J/∂m∂b and ∂²J/∂b∂m are equal for a smooth J, and with opposite signs the eigenvalues come out wrong or not real at all.',
        hint: 'Differentiate dm in b and db in m: should they differ?',
      },
    ),
    slip('two-over-lambda-min', 'eigenvalue', { eigenvalue: 'smallest' }, words['two-over-lambda-min']),
    slip('two-over-trace', 'eigenvalue', { eigenvalue: 'trace' }, words['two-over-trace']),
    slip('diagonal-only', 'eigenvalue', { eigenvalue: 'm-curvature' }, words['diagonal-only']),
    slip(
      'row-sum-bound',
      'eigenvalue',
      { eigenvalue: 'row-sum-bound' },
      {
        name: 'Your limit uses a bound on λmax (the largest row sum), not λmax itself',
        explanation:
          "Your λ is the largest sum of absolute values in a row of the Hessian, Gershgorin's upper bound on its eigenvalues. It is safe, but never larger than the true limit and usually smaller: the exercise asks for the supremum 2/λmax.",
        hint: 'Is your λ an eigenvalue of H, or a bound on one? Check that H·v = λ·v for some v.',
      },
    ),
    slip(
      'characteristic-det-sign',
      'root',
      { root: 'det-sign' },
      {
        name: 'Your characteristic polynomial has the determinant with the wrong sign',
        explanation:
          'Your eigenvalue solves λ² − trace·λ − det = 0. The eigenvalues of H solve det(H − λ·I) = λ² − trace·λ + det = 0, so the quadratic formula takes √(trace² − 4·det).',
        hint: 'Expand det(H − λ·I) for a 2×2 matrix and check each sign before using the quadratic formula.',
      },
    ),
    slip(
      'characteristic-four-missing',
      'root',
      { root: 'four-missing' },
      {
        name: 'Your quadratic formula is missing the 4 in front of the determinant',
        explanation:
          'Your eigenvalue uses √(trace² − det). The roots of λ² − trace·λ + det = 0 are (trace ± √(trace² − 4·det))/2.',
        hint: 'Write the quadratic formula for aλ² + bλ + c = 0 and match a, b and c to the characteristic polynomial.',
      },
    ),
    slip(
      'off-diagonal-not-squared',
      'root',
      { root: 'off-diagonal-not-squared' },
      {
        name: 'Your eigenvalue formula uses the off-diagonal entry without squaring it',
        explanation:
          'Your λ is (a + d)/2 + √(((a − d)/2)² + c), with c the off-diagonal entry. The formula squares it: (a + d)/2 + √(((a − d)/2)² + c²).',
        hint: 'Compare each term under your square root with the README’s formula for the larger eigenvalue.',
      },
    ),
    slip(
      'half-missing-in-root',
      'root',
      { root: 'half-missing' },
      {
        name: 'Your eigenvalue formula is missing the half inside the square root',
        explanation:
          'Your λ is (a + d)/2 + √((a − d)² + c²). The difference of the diagonal entries is halved before it is squared: (a + d)/2 + √(((a − d)/2)² + c²).',
        hint: 'Compare each term under your square root with the README’s formula for the larger eigenvalue.',
      },
    ),
    slip(
      'sum-under-root',
      'root',
      { root: 'sum-under-root' },
      {
        name: 'Your eigenvalue formula adds the diagonal entries under the square root',
        explanation:
          'Your λ is (a + d)/2 + √(((a + d)/2)² + c²). Under the square root the formula takes the difference of the diagonal entries: (a + d)/2 + √(((a − d)/2)² + c²), which is also (trace + √(trace² − 4·det))/2.',
        hint: 'Compare each term under your square root with the README’s formula for the larger eigenvalue.',
      },
    ),
    slip(
      'hessian-uses-y',
      'hessian-input',
      { hessianInput: 'y' },
      {
        name: 'Your Hessian is built from y instead of x',
        explanation:
          "Your Hessian uses mean y² and mean y. J's second derivatives come from the input of the line: ∂²J/∂m² = 2·mean x², ∂²J/∂m∂b = 2·mean x. The Hessian does not depend on y at all.",
        hint: 'Differentiate dm once more in m: which coordinate of each point appears?',
      },
    ),
    slip(
      'rate-skips-first-point',
      'rate-range',
      { rateRange: 'skips-first' },
      {
        name: "Your Hessian's sums skip the first point",
        explanation:
          'The loop that adds up x and x² for your Hessian starts one point late, so the first point never enters them, while you still divide by all N.',
        hint: 'Check where the loop that builds your Hessian starts.',
      },
    ),
    slip(
      'rate-skips-last-point',
      'rate-range',
      { rateRange: 'skips-last' },
      {
        name: "Your Hessian's sums stop before the last point",
        explanation:
          'The loop that adds up x and x² for your Hessian ends one point early, so the last point never enters them, while you still divide by all N.',
        hint: 'Check the condition that ends the loop that builds your Hessian.',
      },
    ),
  ],
  fingerprintInputs: () =>
    sampled(spreadPoints(2, 12), 40).flatMap((points) => [
      { fn: 'leastSquares' as const, args: [points] },
      { fn: 'maxStableLearningRate' as const, args: [points] },
    ]),
};
