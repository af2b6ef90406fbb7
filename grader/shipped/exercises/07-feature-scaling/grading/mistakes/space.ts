import type { LinearModel, Matrix, Scaler } from '../../../../../../exercises/types';
import { largeFeatureData } from '../../../../checks/arbitraries';
import { sampled } from '../../../../../mistake-space/inputs';
import { slipMaker, type MistakeSpace, type Slip } from '../../../../../mistake-space/space';
import { visited } from '../../../01-cost/grading/mistakes/space';
import { fitInputs, scaleInputs, unscaleInputs } from '../../public-checks';

/**
 * 07-feature-scaling as three small computations with every part a student can get wrong made a
 * setting. `fitScaler`: per column, mean = Σx/N and std = √(Σ(x − mean)²/N), 1 for a constant
 * column. `scaleFeatures`: (X[i][j] − mean[j]) / std[j] with the scaler it is given.
 * `unscaleModel`: w_j/std_j and b − Σ w_j·mean_j/std_j. The settings of one export never change
 * another's answers, so a slip in each export composes into a mistake in each.
 */
export interface ScalingModel {
  /** What fitScaler takes statistics of: each column, X[j][i] read for X[i][j], each row, or the whole matrix (for both, or for std only). */
  readonly fitAxis: 'columns' | 'transposed' | 'rows' | 'whole' | 'whole-std';
  /** Which rows the sums visit (the divisors still count all N); one past the last throws. */
  readonly fitRange: 'all' | 'skips-first' | 'skips-last' | 'past-the-end';
  /** What the sum of a column is divided by to make its mean. */
  readonly meanDivisor: 'n' | 'n-minus-1' | 'none';
  /** Two passes (the mean, then Σ(x − mean)²), or one: Σx²/N − mean². */
  readonly variance: 'two-pass' | 'one-pass';
  /** What Σ(x − mean)² is divided by. */
  readonly varianceDivisor: 'n' | 'n-minus-1' | 'none';
  /** What std is made of: √variance, the variance itself, the mean absolute deviation, or √Σ(x − mean)² divided afterwards. */
  readonly deviation: 'root' | 'variance' | 'mean-absolute' | 'root-before-dividing';
  /** What a column whose deviation is 0 gets as its std. */
  readonly constant: 'one' | 'zero' | 'mean';
  readonly scalerFields: 'mean-std' | 'swapped';

  /** Which mean and std scaleFeatures uses for X[i][j]: the scaler's j-th, X's own (the scaler ignored), the first column's, or the i-th. */
  readonly scaleStatistics: 'given' | 'recomputed' | 'first-column' | 'row-indexed';
  /** What is done with the mean: subtracted, left out, or added. */
  readonly centring: 'subtract' | 'none' | 'add';
  /** What the centred value is divided by: std, nothing, 1/std (a product), or std². */
  readonly division: 'std' | 'none' | 'times-std' | 'variance';
  /** (x − mean)/std, or without the brackets x − mean/std, or x/std − mean. */
  readonly grouping: 'grouped' | 'mean-over-std' | 'x-over-std-minus-mean';
  /** X[i][j] or X[j][i]. */
  readonly scaleIndex: 'row-column' | 'column-row';
  /** One row per row of X, or one per column. */
  readonly scaledShape: 'rows' | 'columns';

  /** Each new weight: w/std, w·std, w, or w/std². */
  readonly weights: 'divide' | 'multiply' | 'unchanged' | 'over-variance';
  /** The new intercept from the shift Σ w_j·mean_j/std_j (or its variants). */
  readonly intercept: 'shifted' | 'unshifted' | 'plus' | 'not-divided' | 'shift-only' | 'over-variance' | 'times-std';
  /** Whether the shift is taken with the given weights w_j·mean_j/std_j, or with the new ones w′_j·mean_j (the same when they are right). */
  readonly interceptWeights: 'given' | 'new';
}

const slip = slipMaker<ScalingModel>();

const REFERENCE: ScalingModel = {
  fitAxis: 'columns',
  fitRange: 'all',
  meanDivisor: 'n',
  variance: 'two-pass',
  varianceDivisor: 'n',
  deviation: 'root',
  constant: 'one',
  scalerFields: 'mean-std',
  scaleStatistics: 'given',
  centring: 'subtract',
  division: 'std',
  grouping: 'grouped',
  scaleIndex: 'row-column',
  scaledShape: 'rows',
  weights: 'divide',
  intercept: 'shifted',
  interceptWeights: 'given',
};

/** One group of values' mean and std as a configuration computes them; `count` is what "N" is for the divisors. */
function statisticsOf(c: ScalingModel, values: readonly number[]): { mean: number; std: number } {
  const n = values.length;
  if (c.fitRange === 'past-the-end') throw new TypeError("Cannot read properties of undefined (reading '0')");
  const summed = visited(values, c.fitRange);
  const divisor = (which: 'n' | 'n-minus-1' | 'none') => (which === 'n' ? n : which === 'n-minus-1' ? n - 1 : 1);
  const mean = summed.reduce((s, v) => s + v, 0) / divisor(c.meanDivisor);
  const squares = summed.reduce((s, v) => s + (v - mean) ** 2, 0);
  const variance =
    c.variance === 'one-pass'
      ? summed.reduce((s, v) => s + v * v, 0) / divisor(c.varianceDivisor) - mean * mean
      : squares / divisor(c.varianceDivisor);
  const deviations: Record<ScalingModel['deviation'], () => number> = {
    root: () => Math.sqrt(variance),
    variance: () => variance,
    'mean-absolute': () => summed.reduce((s, v) => s + Math.abs(v - mean), 0) / divisor(c.varianceDivisor),
    'root-before-dividing': () => Math.sqrt(squares) / divisor(c.varianceDivisor),
  };
  const std = deviations[c.deviation]();
  if (std !== 0) return { mean, std };
  return { mean, std: c.constant === 'one' ? 1 : c.constant === 'zero' ? 0 : mean };
}

function fitScalerOf(c: ScalingModel, X: Matrix): Scaler {
  const n = X.length;
  const d = X[0].length;
  const columns = Array.from({ length: d }, (_, j) => X.map((row) => row[j]));
  let stats: { mean: number; std: number }[];
  if (c.fitAxis === 'rows') stats = X.map((row) => statisticsOf(c, row));
  else if (c.fitAxis === 'transposed')
    stats = Array.from({ length: d }, (_, j) =>
      statisticsOf(
        c,
        Array.from({ length: n }, (_, i) => X[j][i]),
      ),
    );
  else if (c.fitAxis === 'whole') stats = columns.map(() => statisticsOf(c, columns.flat()));
  else if (c.fitAxis === 'whole-std') {
    const { std } = statisticsOf(c, columns.flat());
    stats = columns.map((column) => ({ mean: statisticsOf(c, column).mean, std }));
  } else stats = columns.map((column) => statisticsOf(c, column));
  const [mean, std] = [stats.map((s) => s.mean), stats.map((s) => s.std)];
  return c.scalerFields === 'swapped' ? { mean: std, std: mean } : { mean, std };
}

/** The reference statistics of each column: what a scaleFeatures that ignores its scaler recomputes. */
const ownStatistics = (X: Matrix) => fitScalerOf(REFERENCE, X);

function scaleFeaturesOf(c: ScalingModel, X: Matrix, scaler: Scaler): number[][] {
  const n = X.length;
  const d = X[0].length;
  const stats = c.scaleStatistics === 'recomputed' ? ownStatistics(X) : scaler;
  const statisticAt = (i: number, j: number) => {
    const k = c.scaleStatistics === 'first-column' ? 0 : c.scaleStatistics === 'row-indexed' ? i : j;
    return { mean: stats.mean[k], std: stats.std[k] };
  };
  const divisor = (s: number) =>
    c.division === 'std' ? s : c.division === 'none' ? 1 : c.division === 'times-std' ? 1 / s : s * s;
  const centred = (x: number, m: number) => (c.centring === 'subtract' ? x - m : c.centring === 'none' ? x : x + m);
  const scaled = (x: number, m: number, s: number) =>
    c.grouping === 'grouped'
      ? centred(x, m) / divisor(s)
      : c.grouping === 'mean-over-std'
        ? centred(x, m / divisor(s))
        : centred(x / divisor(s), m);
  const value = (i: number, j: number) => {
    const x = c.scaleIndex === 'row-column' ? X[i][j] : X[j][i];
    const { mean, std } = statisticAt(i, j);
    return scaled(x, mean, std);
  };
  return c.scaledShape === 'rows'
    ? Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => value(i, j)))
    : Array.from({ length: d }, (_, j) => Array.from({ length: n }, (_, i) => value(i, j)));
}

function unscaleModelOf(c: ScalingModel, model: LinearModel, scaler: Scaler): LinearModel {
  const newWeight = (w: number, s: number) =>
    c.weights === 'divide' ? w / s : c.weights === 'multiply' ? w * s : c.weights === 'unchanged' ? w : w / (s * s);
  const w = model.w.map((wj, j) => newWeight(wj, scaler.std[j]));
  const term = (j: number) => {
    const [m, s] = [scaler.mean[j], scaler.std[j]];
    if (c.interceptWeights === 'new') return w[j] * m;
    const wj = model.w[j];
    return c.intercept === 'not-divided'
      ? wj * m
      : c.intercept === 'over-variance'
        ? (wj * m) / (s * s)
        : c.intercept === 'times-std'
          ? wj * m * s
          : (wj * m) / s;
  };
  const shift = model.w.reduce((sum, _, j) => sum + term(j), 0);
  const intercepts: Record<ScalingModel['intercept'], () => number> = {
    shifted: () => model.b - shift,
    unshifted: () => model.b,
    plus: () => model.b + shift,
    'not-divided': () => model.b - shift,
    'shift-only': () => -shift,
    'over-variance': () => model.b - shift,
    'times-std': () => model.b - shift,
  };
  return { w, b: intercepts[c.intercept]() };
}

const exportOf = (s: Slip<ScalingModel>) => s.knob.split('-')[0];

/** Slips that replace what another knob's slips change, so that the two never make a mistake together. */
const OVERRIDES: Readonly<Record<string, readonly string[]>> = {
  'one-pass-variance': ['fit-deviation', 'fit-variance-divisor', 'fit-range', 'fit-mean-divisor'],
  'recomputes-statistics': ['scale-statistics'],
  'intercept-from-new-weights': ['unscale-intercept'],
};

/**
 * The knobs whose slips leave a constant column's deviation exactly 0, so that what a constant
 * column gets as std still shows: with any other fitScaler slip (a row skipped, the mean's divisor,
 * the statistics of rows) its deviation is no longer 0 except on degenerate tables.
 */
const KEEP_CONSTANT_COLUMNS_CONSTANT: readonly string[] = [
  'fit-variance',
  'fit-variance-divisor',
  'fit-deviation',
  'fit-fields',
];

/**
 * Two slips of one export make a mistake together unless one already decides what the other
 * changes. Slips in different exports are independent: the diagnosis explains each export's
 * answers on its own and joins the parts, so their pairs need not be members.
 */
function composable(a: Slip<ScalingModel>, b: Slip<ScalingModel>): boolean {
  if (OVERRIDES[a.id]?.includes(b.knob) || OVERRIDES[b.id]?.includes(a.knob)) return false;
  if (a.knob === 'fit-constant' || b.knob === 'fit-constant')
    return KEEP_CONSTANT_COLUMNS_CONSTANT.includes(a.knob === 'fit-constant' ? b.knob : a.knob);
  return exportOf(a) === exportOf(b);
}

/** The mistakes of 07-feature-scaling: each setting of the three computations changed, alone or two at a time. */
export const scalingSpace: MistakeSpace<ScalingModel> = {
  exercise: '07-feature-scaling',
  reference: REFERENCE,
  knobs: {
    'fit-axis': 'what the statistics are taken over (each column, each row, the whole matrix)',
    'fit-range': 'which rows the sums visit',
    'fit-mean-divisor': 'what the mean is divided by',
    'fit-variance': 'how the variance is computed (two passes or one)',
    'fit-variance-divisor': 'what the sum of squared deviations is divided by',
    'fit-deviation': 'what std is made of (the square root of the variance)',
    'fit-constant': 'the std of a constant column',
    'fit-fields': 'which value goes in mean and which in std',
    'scale-statistics': 'which statistics scaleFeatures uses',
    'scale-centring': 'subtracting the mean',
    'scale-division': 'dividing by std',
    'scale-grouping': 'the brackets around x − mean',
    'scale-index': 'X[i][j] and X[j][i]',
    'scale-shape': 'the shape of the scaled table',
    'unscale-weights': 'the new weights',
    'unscale-intercept': "the new intercept's shift",
    'unscale-intercept-weights': 'which weights the shift is taken with',
  },
  implement: (c) => ({
    fitScaler: (X: Matrix) => fitScalerOf(c, X),
    scaleFeatures: (X: Matrix, scaler: Scaler) => scaleFeaturesOf(c, X, scaler),
    unscaleModel: (model: LinearModel, scaler: Scaler) => unscaleModelOf(c, model, scaler),
  }),
  composable,
  slips: [
    slip(
      'transposed-index',
      'fit-axis',
      { fitAxis: 'transposed' },
      {
        name: 'Your fitScaler reads X[j][i] where it means X[i][j]',
        explanation:
          'Your loops run j over the features and i over the rows, but read X[j][i]: row j, entry i. X[i][j] is feature j of example i. On a table with more rows than features your reads run off the end of a row (undefined, then NaN) or past the last row (a thrown error); on a square table you get the statistics of each row.',
        hint: 'Write down what X[i][j] means in the contract, then read your innermost expression aloud with i and j in their places.',
      },
    ),
    slip(
      'statistics-of-rows',
      'fit-axis',
      { fitAxis: 'rows' },
      {
        name: 'Your fitScaler takes the statistics of each row instead of each column',
        explanation:
          'Your scaler has one mean and one std per example (per row), the mean over its features. Scaling standardises each feature across the examples: mean_j and std_j are taken down column j, so the scaler has d entries.',
        hint: 'How many entries should mean have, N or d? Which index does your sum run over?',
      },
    ),
    slip(
      'whole-matrix',
      'fit-axis',
      { fitAxis: 'whole' },
      {
        name: 'Your fitScaler uses one mean and one std for the whole matrix',
        explanation:
          'Every entry of your scaler is the mean (or the deviation) of all N·d values together. Features have their own units and scales, hours beside prices, and each is standardised on its own: mean_j and std_j of column j alone.',
        hint: 'Compute the statistics of one column at a time, and check that two columns of different scales get different entries.',
      },
    ),
    slip(
      'std-of-whole-matrix',
      'fit-axis',
      { fitAxis: 'whole-std' },
      {
        name: 'Your std is the deviation of the whole matrix, not of each column',
        explanation:
          'Your means are per column, but every std is the deviation of all N·d values together. A column with a small spread then keeps a small spread after scaling, and one far from the others looks very spread out: each column needs its own deviation, about its own mean.',
        hint: 'Take the deviation of one column at a time, as you do for the mean.',
      },
    ),
    slip(
      'skips-first-row',
      'fit-range',
      { fitRange: 'skips-first' },
      {
        name: "Your fitScaler's sums skip the first row",
        explanation:
          'The loop that adds up each column starts one row late (at 1), so the first example never enters the mean or the deviation, while you still divide by all N.',
        hint: 'Check where the loop over the rows starts.',
      },
    ),
    slip(
      'skips-last-row',
      'fit-range',
      { fitRange: 'skips-last' },
      {
        name: "Your fitScaler's sums stop before the last row",
        explanation:
          'The loop that adds up each column ends one row early, so the last example never enters the mean or the deviation, while you still divide by all N.',
        hint: 'Check the condition that ends the loop over the rows.',
      },
    ),
    slip(
      'loop-past-the-end',
      'fit-range',
      { fitRange: 'past-the-end' },
      {
        name: "Your fitScaler's loop runs one row past the last",
        explanation:
          'Your loop over the rows goes up to and including index N (<= where < belongs), so it reads a row that does not exist and the call throws.',
        hint: 'The last row of a table of N rows has index N − 1: check the condition that ends your loop.',
      },
    ),
    slip(
      'mean-over-n-minus-1',
      'fit-mean-divisor',
      { meanDivisor: 'n-minus-1' },
      {
        name: 'Your mean divides the sum by N − 1',
        explanation:
          'Your mean is Σx/(N − 1). N − 1 belongs only to the sample variance, and this exercise uses neither: the mean of N values is their sum over N.',
        hint: 'What do you divide by to average N numbers?',
      },
    ),
    slip(
      'mean-not-divided',
      'fit-mean-divisor',
      { meanDivisor: 'none' },
      {
        name: 'Your mean is the sum of the column, not its average',
        explanation:
          'Your mean is Σx: the division by N is missing, so every deviation is measured from the wrong point.',
        hint: 'Look at the line that turns the column’s sum into its mean.',
      },
    ),
    slip(
      'one-pass-variance',
      'fit-variance',
      { variance: 'one-pass' },
      {
        name: 'Your variance is E[x²] − E[x]², which cancels on columns far from 0',
        explanation:
          'You computed the variance in one pass as the mean of the squares minus the square of the mean. The formula is right on paper, but for a column centred far from 0 the two terms agree in almost every digit and their difference is rounding noise: for values around 10⁸ with a spread of 1 it can be 0, or negative, or wrong by many times itself. Two passes (the mean first, then the mean of (x − mean)²) subtract before squaring and keep the digits.',
        hint: 'Compute the mean first, then average the squares of x − mean: the numbers you square are then small.',
      },
    ),
    slip(
      'sample-deviation',
      'fit-variance-divisor',
      { varianceDivisor: 'n-minus-1' },
      {
        name: 'Your std is the sample deviation (1/(N − 1)), not the population deviation (1/N)',
        explanation:
          'You divided Σ(x − mean)² by N − 1, as statistics does to estimate a population from a sample (and as numpy’s ddof=1 and pandas’ std() do). Feature scaling here uses the population deviation of the data themselves, 1/N: the scaled columns then have deviation exactly 1, and duplicating every row changes nothing.',
        hint: 'Check what you divide the sum of squared deviations by: the contract says 1/N.',
      },
    ),
    slip(
      'variance-not-divided',
      'fit-variance-divisor',
      { varianceDivisor: 'none' },
      {
        name: 'Your std uses the sum of squared deviations, not their mean',
        explanation:
          'Your variance is Σ(x − mean)², without the division by N, so your std grows with the number of rows.',
        hint: 'Look at what happens to Σ(x − mean)² before the square root.',
      },
    ),
    slip(
      'variance-as-std',
      'fit-deviation',
      { deviation: 'variance' },
      {
        name: 'Your std is the variance: the square root is missing, so scaling divides by the variance instead of the deviation',
        explanation:
          'Your std is (1/N)Σ(x − mean)², the variance, in squared units. Dividing by it leaves a column of deviation 1/std instead of 1 (a wide column is squeezed too much, a narrow one stretched): the deviation is the square root of the variance.',
        hint: 'What are the units of your std: those of x, or of x²?',
      },
    ),
    slip(
      'mean-absolute-deviation',
      'fit-deviation',
      { deviation: 'mean-absolute' },
      {
        name: 'Your std is the mean absolute deviation',
        explanation:
          'Your std is the mean of |x − mean|. It measures spread too, but it is not the standard deviation, √(mean of (x − mean)²), and scaling by it does not give columns of deviation 1.',
        hint: 'Square the deviations, average, then take the square root.',
      },
    ),
    slip(
      'root-before-dividing',
      'fit-deviation',
      { deviation: 'root-before-dividing' },
      {
        name: 'Your std takes the square root before dividing by N',
        explanation:
          'Your std is √(Σ(x − mean)²)/N. The division belongs inside the root: √(Σ(x − mean)²/N). Yours is √N times too small.',
        hint: 'Is your N inside or outside the square root?',
      },
    ),
    slip(
      'constant-column-std-zero',
      'fit-constant',
      { constant: 'zero' },
      {
        name: 'A constant column gets std 0 (or a rounding speck above 0) from your fitScaler',
        explanation:
          'When every value of a column is the same its deviation is 0, and scaling would divide 0 by 0 (NaN), or x − mean by 0 (±Infinity), or, when rounding leaves the computed deviation a hair above 0 (adding up x/N can), blow rounding noise up into values near ±1. The contract gives such a column std 1, so that it scales to 0.',
        hint: 'What should std be for a column whose values are all equal? Decide that from the values themselves, not by comparing a computed deviation with 0.',
      },
    ),
    slip(
      'constant-column-std-mean',
      'fit-constant',
      { constant: 'mean' },
      {
        name: 'A constant column gets its mean as its std',
        explanation:
          'When a column’s deviation is 0 your fitScaler puts its mean in std. The contract gives such a column std 1: its scaled values are then (x − mean)/1 = 0, whatever the value.',
        hint: 'Look at what you put in std when the deviation is 0.',
      },
    ),
    slip(
      'scaler-fields-swapped',
      'fit-fields',
      { scalerFields: 'swapped' },
      {
        name: 'Your fitScaler returns the deviations as mean and the means as std',
        explanation: 'The values are right but in each other’s places: mean holds the deviations and std the means.',
        hint: 'Check which array you return under which name.',
      },
    ),
    slip(
      'recomputes-statistics',
      'scale-statistics',
      { scaleStatistics: 'recomputed' },
      {
        name: 'Your scaleFeatures ignores the scaler it is given and standardises X with X’s own statistics',
        explanation:
          'Your scaleFeatures works out the mean and deviation of the X it receives. That gives the same answer when the scaler was fitted on that X, and a wrong one otherwise: new data (a test set, one new example) must be scaled with the training data’s statistics, the scaler passed in, or the model sees features in other units than it was trained on.',
        hint: 'Use scaler.mean and scaler.std, whatever data they came from; scale one new row by hand to see why.',
      },
    ),
    slip(
      'first-column-statistics',
      'scale-statistics',
      { scaleStatistics: 'first-column' },
      {
        name: 'Your scaleFeatures uses the first column’s mean and std for every column',
        explanation: 'Every feature is scaled with mean[0] and std[0]. Column j needs mean[j] and std[j].',
        hint: 'Which index picks the mean and std for X[i][j]?',
      },
    ),
    slip(
      'row-indexed-statistics',
      'scale-statistics',
      { scaleStatistics: 'row-indexed' },
      {
        name: 'Your scaleFeatures picks the mean and std by the row index',
        explanation:
          'You scale X[i][j] with mean[i] and std[i]. The scaler has one entry per feature (column), so X[i][j] needs mean[j] and std[j]; past the d-th row there is no mean[i] at all.',
        hint: 'Which index picks the mean and std for X[i][j]?',
      },
    ),
    slip(
      'not-centred',
      'scale-centring',
      { centring: 'none' },
      {
        name: 'Your scaleFeatures divides by std but does not subtract the mean',
        explanation:
          'Your scaled values are x/std: the right spread, but not centred, so every column keeps its offset (mean/std) and its mean is not 0.',
        hint: 'Standardising is two operations: which one is missing?',
      },
    ),
    slip(
      'adds-mean',
      'scale-centring',
      { centring: 'add' },
      {
        name: 'Your scaleFeatures adds the mean instead of subtracting it',
        explanation:
          'Your scaled values are (x + mean)/std. Centring moves each column by its mean towards 0: x − mean.',
        hint: 'Check the sign in front of the mean.',
      },
    ),
    slip(
      'not-divided',
      'scale-division',
      { division: 'none' },
      {
        name: 'Your scaleFeatures subtracts the mean but does not divide by std',
        explanation:
          'Your scaled values are x − mean: centred, but still in the feature’s own units, so a feature measured in thousands still dwarfs one measured in units, and the cost’s valley stays stretched.',
        hint: 'Standardising is two operations: which one is missing?',
      },
    ),
    slip(
      'multiplies-by-std',
      'scale-division',
      { division: 'times-std' },
      {
        name: 'Your scaleFeatures multiplies by std instead of dividing',
        explanation:
          'Your scaled values are (x − mean)·std, which stretches a wide column further instead of bringing its deviation to 1.',
        hint: 'Check the operation between x − mean and std.',
      },
    ),
    slip(
      'divides-by-variance',
      'scale-division',
      { division: 'variance' },
      {
        name: 'Your scaleFeatures divides by the variance (std²) instead of the deviation',
        explanation:
          'Your scaled values are (x − mean)/std². The variance is in squared units; dividing by it leaves a column of deviation 1/std instead of 1.',
        hint: 'Divide by std itself, not by its square.',
      },
    ),
    slip(
      'mean-over-std',
      'scale-grouping',
      { grouping: 'mean-over-std' },
      {
        name: 'Your scaleFeatures computes x − mean/std: the brackets around x − mean are missing',
        explanation:
          'Division binds tighter than subtraction, so x − mean / std divides only the mean. The scaled value is (x − mean) / std: the whole difference is divided.',
        hint: 'Put brackets where the formula has them.',
      },
    ),
    slip(
      'divides-before-centring',
      'scale-grouping',
      { grouping: 'x-over-std-minus-mean' },
      {
        name: 'Your scaleFeatures computes x/std − mean',
        explanation:
          'You divide x by std and then subtract the unscaled mean. Either subtract the mean first and then divide, or subtract mean/std: (x − mean)/std = x/std − mean/std.',
        hint: 'Compare your expression with (x − mean)/std term by term.',
      },
    ),
    slip(
      'transposed-index-in-scale',
      'scale-index',
      { scaleIndex: 'column-row' },
      {
        name: 'Your scaleFeatures reads X[j][i] where it means X[i][j]',
        explanation:
          'You fill entry (i, j) of the result from X[j][i]: row j, entry i. X[i][j] is feature j of example i. On a table that is not square your reads run off the table (undefined, then NaN, or a thrown error).',
        hint: 'Read your innermost expression aloud with i and j in their places.',
      },
    ),
    slip(
      'returns-columns',
      'scale-shape',
      { scaledShape: 'columns' },
      {
        name: 'Your scaleFeatures returns one array per column instead of one per row',
        explanation:
          'Your result is the scaled table turned on its side: result[j][i] holds feature j of example i. The contract returns the same layout as X: one row per example, result[i][j].',
        hint: 'How many arrays does your result have, N or d?',
      },
    ),
    slip(
      'weights-times-std',
      'unscale-weights',
      { weights: 'multiply' },
      {
        name: 'Your unscaleModel multiplies each weight by std instead of dividing',
        explanation:
          'A scaled feature is z = (x − mean)/std, so w·z = (w/std)·x − w·mean/std: on the raw feature the weight is w/std. Yours is w·std.',
        hint: 'Substitute z = (x − mean)/std into w·z + b and collect the terms in x.',
      },
    ),
    slip(
      'weights-unchanged',
      'unscale-weights',
      { weights: 'unchanged' },
      {
        name: 'Your unscaleModel keeps the scaled model’s weights',
        explanation:
          'A weight learnt on a scaled feature multiplies (x − mean)/std, so on the raw feature it becomes w/std. Kept as it is, it treats x as if it were already scaled.',
        hint: 'Substitute z = (x − mean)/std into w·z + b and collect the terms in x.',
      },
    ),
    slip(
      'weights-over-variance',
      'unscale-weights',
      { weights: 'over-variance' },
      {
        name: 'Your unscaleModel divides each weight by std² instead of std',
        explanation: 'The raw weight is w/std: the feature was divided by its deviation once, so the weight is too.',
        hint: 'Substitute z = (x − mean)/std into w·z + b and collect the terms in x.',
      },
    ),
    slip(
      'forgets-intercept-shift',
      'unscale-intercept',
      { intercept: 'unshifted' },
      {
        name: 'Your unscaleModel forgets to shift the intercept b',
        explanation:
          'You kept b as it is. On raw features each scaled term w_j·(x_j − mean_j)/std_j brings a constant −w_j·mean_j/std_j, which belongs in the intercept: b − Σ w_j·mean_j/std_j. Without it every prediction is off by that constant.',
        hint: 'Expand w·(x − mean)/std + b fully: which terms do not multiply x?',
      },
    ),
    slip(
      'intercept-shift-wrong-sign',
      'unscale-intercept',
      { intercept: 'plus' },
      {
        name: 'Your unscaleModel adds the intercept’s shift instead of subtracting it',
        explanation:
          'Your intercept is b + Σ w_j·mean_j/std_j. The constant from w_j·(x_j − mean_j)/std_j is −w_j·mean_j/std_j: subtract it.',
        hint: 'Expand w·(x − mean)/std + b and follow the sign of the mean.',
      },
    ),
    slip(
      'intercept-shift-not-divided',
      'unscale-intercept',
      { intercept: 'not-divided' },
      {
        name: 'Your unscaleModel’s intercept shift is not divided by std',
        explanation:
          'Your intercept is b − Σ w_j·mean_j. The scaled feature divides the whole of x − mean by std, so the constant it brings is w_j·mean_j/std_j.',
        hint: 'Expand w·(x − mean)/std + b: what is the constant term exactly?',
      },
    ),
    slip(
      'intercept-without-b',
      'unscale-intercept',
      { intercept: 'shift-only' },
      {
        name: 'Your unscaleModel’s intercept is the shift alone, without b',
        explanation:
          'Your intercept is −Σ w_j·mean_j/std_j. The scaled model’s own b is still there on raw features: b − Σ w_j·mean_j/std_j.',
        hint: 'Start the intercept from b, not from 0.',
      },
    ),
    slip(
      'intercept-shift-over-variance',
      'unscale-intercept',
      { intercept: 'over-variance' },
      {
        name: 'Your unscaleModel divides the intercept’s shift by std twice',
        explanation:
          'Your intercept is b − Σ w_j·mean_j/std_j². The constant from w_j·(x_j − mean_j)/std_j is w_j·mean_j/std_j: one division (or the new weight w_j/std_j times mean_j, with no further division).',
        hint: 'If you use the new weights in the shift, they are already divided by std.',
      },
    ),
    slip(
      'intercept-shift-times-std',
      'unscale-intercept',
      { intercept: 'times-std' },
      {
        name: 'Your unscaleModel’s intercept shift multiplies by std instead of dividing',
        explanation:
          'Your intercept is b − Σ w_j·mean_j·std_j. The constant from w_j·(x_j − mean_j)/std_j is w_j·mean_j/std_j.',
        hint: 'Expand w·(x − mean)/std + b: what is the constant term exactly?',
      },
    ),
    slip(
      'intercept-from-new-weights',
      'unscale-intercept-weights',
      { interceptWeights: 'new' },
      {
        name: 'Your unscaleModel’s intercept uses the new weights, and so inherits their mistake',
        explanation:
          'You wrote the intercept as b − Σ w′_j·mean_j with the raw weights w′_j you computed. That is right when w′_j = w_j/std_j, so the intercept is wrong exactly as your weights are.',
        hint: 'Fix the weights first; the intercept follows.',
      },
    ),
  ],
  fingerprintInputs: () => [
    ...sampled(fitInputs, 30).map(({ X }) => ({ fn: 'fitScaler' as const, args: [X] })),
    ...sampled(largeFeatureData, 3, 7).map(({ X }) => ({ fn: 'fitScaler' as const, args: [X] })),
    ...sampled(scaleInputs, 30).map(({ X, scaler }) => ({ fn: 'scaleFeatures' as const, args: [X, scaler] })),
    ...sampled(unscaleInputs, 30).map(({ model, scaler }) => ({ fn: 'unscaleModel' as const, args: [model, scaler] })),
  ],
};
