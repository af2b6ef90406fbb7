import type { LinearModel, Matrix, Scaler } from '../../../../../../exercises/types';
import { largeFeatureData } from '../../../../checks/arbitraries';
import { sampled } from '../../../../../mistake-space/inputs';
import { slipMaker, type Evidence, type MistakeSpace, type Slip } from '../../../../../mistake-space/space';
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
  /**
   * Which columns the loop over the features visits, the scaler's entries pushed as it goes (so one
   * column skipped leaves d − 1 entries, one past the last adds an entry of NaN), or written into
   * arrays of d zeros made beforehand (a skipped column keeps mean 0 and std 0).
   */
  readonly fitColumns: 'all' | 'skips-first' | 'skips-last' | 'past-the-end' | 'skips-first-zeros' | 'skips-last-zeros';
  /** Which rows the sums visit (the divisors still count all N); one past the last throws. */
  readonly fitRange: 'all' | 'skips-first' | 'skips-last' | 'past-the-end';
  /** What the mean's sum keeps: every term, or only the one added last (`sum = x` for `sum += x`), the last row or, in a loop run backwards, the first. */
  readonly meanSum: 'all' | 'last-only' | 'first-only';
  /** Which rows the deviation's own sum visits, when it has a loop of its own: all, all but the first or the last, or only the one added last. */
  readonly spreadSum: 'all' | 'skips-first' | 'skips-last' | 'last-only' | 'first-only';
  /** What the sum of a column is divided by to make its mean. */
  readonly meanDivisor: 'n' | 'n-minus-1' | 'none';
  /** Two passes (the mean, then Σ(x − mean)²), one (Σx²/N − mean²), or the squares of x itself, about 0 (Σx²/N). */
  readonly variance: 'two-pass' | 'one-pass' | 'about-zero';
  /** What Σ(x − mean)² is divided by. */
  readonly varianceDivisor: 'n' | 'n-minus-1' | 'none';
  /** What std is made of: √variance, the variance itself, the mean absolute deviation, √Σ(x − mean)² divided afterwards, or the range max − min. */
  readonly deviation: 'root' | 'variance' | 'mean-absolute' | 'root-before-dividing' | 'range';
  /** What the scaler's mean holds: the mean, or the minimum (min-max scaling). */
  readonly centre: 'mean' | 'minimum';
  /**
   * How a constant column is told: by its values (all equal; a deviation that comes out 0 or NaN
   * gets the constant's std too, as in the reference), by the deviation computed being exactly 0,
   * or not above 0 (0, or NaN), by a test that every column passes, or not at all.
   */
  readonly constantTest: 'values' | 'computed-zero' | 'computed-not-positive' | 'always' | 'none';
  /**
   * How the mean is rounded: the sum divided by N, or each value divided by N and then added up.
   * The two agree to rounding, but only the first gives a constant column of 0.75 over 7 rows its
   * value back exactly: a deviation computed from the second is a speck above 0 there.
   */
  readonly meanRounding: 'sum-then-divide' | 'each-term';
  /** What a column told constant gets as its std: a number (1 in the contract), or its mean. */
  readonly constantStd: number | 'mean';
  /** Whether every std is raised to at least 1 (Math.max(std, 1)). */
  readonly floorAtOne: boolean;
  readonly scalerFields: 'mean-std' | 'swapped' | 'mean-twice' | 'std-twice';

  /** Which mean and std scaleFeatures uses for X[i][j]: the scaler's j-th, X's own (the scaler ignored), the first column's, or the i-th. */
  readonly scaleStatistics: 'given' | 'recomputed' | 'first-column' | 'row-indexed';
  /** What is done with the mean: subtracted, left out, added, or x subtracted from it (mean − x). */
  readonly centring: 'subtract' | 'none' | 'add' | 'reversed';
  /** What the centred value is divided by: std, nothing, 1/std (a product), or std². */
  readonly division: 'std' | 'none' | 'times-std' | 'variance';
  /** (x − mean)/std, or without the brackets x − mean/std, or x/std − mean. */
  readonly grouping: 'grouped' | 'mean-over-std' | 'x-over-std-minus-mean';
  /** X[i][j] or X[j][i]. */
  readonly scaleIndex: 'row-column' | 'column-row';
  /** One row per row of X, one per column, or every row one and the same array (`new Array(n).fill(row)`), which ends holding the last row. */
  readonly scaledShape: 'rows' | 'columns' | 'one-shared-row';

  /** Each new weight: w/std, w·std, w, or w/std². */
  readonly weights: 'divide' | 'multiply' | 'unchanged' | 'over-variance';
  /** The new intercept from the shift Σ w_j·mean_j/std_j (or its variants). */
  readonly intercept:
    'shifted' | 'unshifted' | 'plus' | 'not-divided' | 'shift-only' | 'over-variance' | 'times-std' | 'reversed';
  /** Which features the intercept's shift adds up: all of them, or all but the first or the last. */
  readonly shiftRange: 'all' | 'skips-first' | 'skips-last';
  /** Whether the shift is taken with the given weights w_j·mean_j/std_j, or with the new ones w′_j·mean_j (the same when they are right). */
  readonly interceptWeights: 'given' | 'new';
}

const slip = slipMaker<ScalingModel>();

const REFERENCE: ScalingModel = {
  fitAxis: 'columns',
  fitColumns: 'all',
  fitRange: 'all',
  meanSum: 'all',
  spreadSum: 'all',
  meanDivisor: 'n',
  variance: 'two-pass',
  varianceDivisor: 'n',
  deviation: 'root',
  centre: 'mean',
  constantTest: 'values',
  meanRounding: 'sum-then-divide',
  constantStd: 1,
  floorAtOne: false,
  scalerFields: 'mean-std',
  scaleStatistics: 'given',
  centring: 'subtract',
  division: 'std',
  grouping: 'grouped',
  scaleIndex: 'row-column',
  scaledShape: 'rows',
  weights: 'divide',
  intercept: 'shifted',
  shiftRange: 'all',
  interceptWeights: 'given',
};

/** The terms a sum keeps: those its loop visits (all, or all but the first or the last), or only the one it assigned last (the last row's, or the first's in a loop run backwards). */
function kept(values: readonly number[], range: ScalingModel['spreadSum']): readonly number[] {
  if (range === 'last-only') return values.slice(-1);
  if (range === 'first-only') return values.slice(0, 1);
  return visited(values, range);
}

/** One group of values' mean and std as a configuration computes them (its sums in order, as a loop adds them). */
function statisticsOf(c: ScalingModel, values: readonly number[]): { mean: number; std: number } {
  const n = values.length;
  if (c.fitRange === 'past-the-end') throw new TypeError("Cannot read properties of undefined (reading '0')");
  const summed = visited(values, c.fitRange);
  const divisor = (which: 'n' | 'n-minus-1' | 'none') => (which === 'n' ? n : which === 'n-minus-1' ? n - 1 : 1);
  const sum = (terms: readonly number[], f: (v: number) => number) => terms.reduce((s, v) => s + f(v), 0);
  const meanTerms = c.meanSum === 'all' ? summed : kept(summed, c.meanSum);
  const mean =
    c.meanRounding === 'each-term'
      ? sum(meanTerms, (v) => v / divisor(c.meanDivisor))
      : sum(meanTerms, (v) => v) / divisor(c.meanDivisor);
  const spread = kept(summed, c.spreadSum);
  const squares = sum(spread, (v) => (v - mean) ** 2);
  const variances: Record<ScalingModel['variance'], () => number> = {
    'two-pass': () => squares / divisor(c.varianceDivisor),
    'one-pass': () => sum(spread, (v) => v * v) / divisor(c.varianceDivisor) - mean * mean,
    'about-zero': () => sum(spread, (v) => v * v) / divisor(c.varianceDivisor),
  };
  const variance = variances[c.variance]();
  const deviations: Record<ScalingModel['deviation'], () => number> = {
    root: () => Math.sqrt(variance),
    variance: () => variance,
    'mean-absolute': () => sum(spread, (v) => Math.abs(v - mean)) / divisor(c.varianceDivisor),
    'root-before-dividing': () => Math.sqrt(squares) / divisor(c.varianceDivisor),
    range: () => Math.max(...summed) - Math.min(...summed),
  };
  const computed = deviations[c.deviation]();
  const replacement = c.constantStd === 'mean' ? mean : c.constantStd;
  const toldConstant: Record<ScalingModel['constantTest'], () => boolean> = {
    values: () => values.every((v) => v === values[0]) || !(computed > 0),
    'computed-zero': () => computed === 0,
    'computed-not-positive': () => !(computed > 0),
    always: () => true,
    none: () => false,
  };
  const std = toldConstant[c.constantTest]() ? replacement : computed;
  return { mean: c.centre === 'minimum' ? Math.min(...summed) : mean, std: c.floorAtOne ? Math.max(std, 1) : std };
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
  const columnsVisited: Record<ScalingModel['fitColumns'], () => { mean: number; std: number }[]> = {
    all: () => stats,
    'skips-first': () => stats.slice(1),
    'skips-last': () => stats.slice(0, -1),
    'past-the-end': () => [...stats, { mean: NaN, std: NaN }],
    'skips-first-zeros': () => [{ mean: 0, std: 0 }, ...stats.slice(1)],
    'skips-last-zeros': () => [...stats.slice(0, -1), { mean: 0, std: 0 }],
  };
  const visitedStats = columnsVisited[c.fitColumns]();
  const [mean, std] = [visitedStats.map((s) => s.mean), visitedStats.map((s) => s.std)];
  const fields: Record<ScalingModel['scalerFields'], Scaler> = {
    'mean-std': { mean, std },
    swapped: { mean: std, std: mean },
    'mean-twice': { mean, std: [...mean] },
    'std-twice': { mean: [...std], std },
  };
  return fields[c.scalerFields];
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
  const centrings: Record<ScalingModel['centring'], (x: number, m: number) => number> = {
    subtract: (x, m) => x - m,
    none: (x) => x,
    add: (x, m) => x + m,
    reversed: (x, m) => m - x,
  };
  const centred = centrings[c.centring];
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
  if (c.scaledShape === 'columns')
    return Array.from({ length: d }, (_, j) => Array.from({ length: n }, (_, i) => value(i, j)));
  const rows = Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => value(i, j)));
  return c.scaledShape === 'rows' ? rows : rows.map(() => [...rows[n - 1]]);
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
  const features = visited(
    model.w.map((_, j) => j),
    c.shiftRange,
  );
  const shift = features.reduce((sum, j) => sum + term(j), 0);
  const intercepts: Record<ScalingModel['intercept'], () => number> = {
    shifted: () => model.b - shift,
    unshifted: () => model.b,
    plus: () => model.b + shift,
    'not-divided': () => model.b - shift,
    'shift-only': () => -shift,
    'over-variance': () => model.b - shift,
    'times-std': () => model.b - shift,
    reversed: () => shift - model.b,
  };
  return { w, b: intercepts[c.intercept]() };
}

const exportOf = (s: Slip<ScalingModel>) => s.knob.split('-')[0];

/** Slips that replace what another knob's slips change, so that the two never make a mistake together. */
const OVERRIDES: Readonly<Record<string, readonly string[]>> = {
  'one-pass-variance': ['fit-deviation', 'fit-variance-divisor', 'fit-range', 'fit-mean-divisor', 'fit-spread-sum'],
  'deviation-about-zero': ['fit-range', 'fit-mean-divisor', 'fit-spread-sum'],
  'constant-column-std-zero': ['fit-constant-value'],
  'deviation-floored-at-one': ['fit-constant-test'],
  'min-max-scaling': ['fit-deviation'],
  'recomputes-statistics': ['scale-statistics'],
  'intercept-from-new-weights': ['unscale-intercept'],
};

/**
 * Knobs whose slips make a mistake with only these knobs' slips in their own export. How a
 * constant column is told goes with every way of computing one column's statistics (not with
 * statistics of rows or of the whole matrix, whose constant groups are degenerate tables). What a
 * constant column gets still shows beside a slip that leaves its deviation exactly 0 (the variance,
 * its divisor, the deviation, the fields) or beside a test that tells it by a computed deviation;
 * beside any other fitScaler slip (a row skipped, the mean's divisor) a constant column's deviation
 * is no longer 0 except on degenerate tables. A sum that keeps one term, and min-max scaling, go
 * with how a constant column is told, which decides what they give for one.
 */
const COMPOSES_ONLY_WITH: Readonly<Record<string, readonly string[]>> = {
  'fit-constant-test': [
    'fit-columns',
    'fit-range',
    'fit-mean-divisor',
    'fit-variance',
    'fit-variance-divisor',
    'fit-deviation',
    'fit-fields',
    'fit-constant-value',
    'fit-mean-sum',
    'fit-spread-sum',
    'fit-centre',
  ],
  'fit-constant-value': ['fit-variance', 'fit-variance-divisor', 'fit-deviation', 'fit-fields', 'fit-constant-test'],
  'fit-mean-sum': ['fit-constant-test'],
  'fit-spread-sum': ['fit-constant-test'],
  'fit-centre': ['fit-constant-test'],
  'fit-columns': ['fit-constant-test'],
};

/** Slips that decide every std alone: they make a mistake with no other slip of their export. */
const ALONE_IN_ITS_EXPORT: readonly string[] = ['every-column-constant'];

/**
 * Two slips of one export make a mistake together unless one already decides what the other
 * changes. Slips in different exports are independent: the diagnosis explains each export's
 * answers on its own and joins the parts, so their pairs need not be members.
 */
function composable(a: Slip<ScalingModel>, b: Slip<ScalingModel>): boolean {
  if (OVERRIDES[a.id]?.includes(b.knob) || OVERRIDES[b.id]?.includes(a.knob)) return false;
  if (exportOf(a) !== exportOf(b)) return false;
  if (ALONE_IN_ITS_EXPORT.includes(a.id) || ALONE_IN_ITS_EXPORT.includes(b.id)) return false;
  const allows = (x: Slip<ScalingModel>, y: Slip<ScalingModel>) => COMPOSES_ONLY_WITH[x.knob]?.includes(y.knob) ?? true;
  return allows(a, b) && allows(b, a);
}

/**
 * The std a constant column gets, read off the student's answers at every column of a fitScaler
 * probe whose values are all equal: the first value found there (in std, or in mean should the
 * fields be swapped; not about 0, a deviation kept, nor 1, the contract's) with which the
 * configuration answers as they do at all of those columns.
 */
function fitConstantStd(c: ScalingModel, evidence: Evidence): ScalingModel | undefined {
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  const places = evidence.probes.flatMap((p, i) => {
    const answer = evidence.answers[i];
    if (p.request.fn !== 'fitScaler' || !answer.ok) return [];
    const X = p.request.args[0] as Matrix;
    const theirs = answer.value as Scaler;
    return X[0].flatMap((_, j) => (X.every((row) => row[j] === X[0][j]) ? [{ X, j, theirs }] : []));
  });
  const values = new Set(places.flatMap(({ j, theirs }) => [theirs.std[j], theirs.mean[j]]));
  for (const value of values) {
    if (!Number.isFinite(value) || close(value, 0) || close(value, 1)) continue;
    const config = { ...c, constantStd: value };
    const reproduces = places.every(({ X, j, theirs }) => {
      try {
        const mine = fitScalerOf(config, X);
        return close(mine.std[j], theirs.std[j]) && close(mine.mean[j], theirs.mean[j]);
      } catch {
        return false;
      }
    });
    if (reproduces) return config;
  }
  return undefined;
}

/** The mistakes of 07-feature-scaling: each setting of the three computations changed, alone or two at a time. */
export const scalingSpace: MistakeSpace<ScalingModel> = {
  exercise: '07-feature-scaling',
  reference: REFERENCE,
  knobs: {
    'fit-axis': 'what the statistics are taken over (each column, each row, the whole matrix)',
    'fit-columns': 'which columns the loop over the features visits',
    'fit-range': 'which rows the sums visit',
    'fit-mean-divisor': 'what the mean is divided by',
    'fit-variance': 'how the variance is computed (two passes or one)',
    'fit-variance-divisor': 'what the sum of squared deviations is divided by',
    'fit-deviation': 'what std is made of (the square root of the variance)',
    'fit-mean-sum': "the mean's sum (+= or =)",
    'fit-spread-sum': "the rows the deviation's sum visits (and += or =)",
    'fit-centre': 'what the scaler’s mean holds (the mean, or the minimum)',
    'fit-constant-test': 'how a constant column is told (by its values, or by a computed deviation of 0)',
    'fit-constant-value': 'the std a constant column gets, and whether small deviations are raised to 1',
    'fit-fields': 'which value goes in mean and which in std',
    'scale-statistics': 'which statistics scaleFeatures uses',
    'scale-centring': 'subtracting the mean',
    'scale-division': 'dividing by std',
    'scale-grouping': 'the brackets around x − mean',
    'scale-index': 'X[i][j] and X[j][i]',
    'scale-shape': 'the shape of the scaled table',
    'unscale-weights': 'the new weights',
    'unscale-intercept': "the new intercept's shift",
    'unscale-shift-range': "which features the intercept's shift adds up",
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
      'columns-skip-first',
      'fit-columns',
      { fitColumns: 'skips-first' },
      {
        name: 'Your fitScaler’s loop over the features skips the first column',
        explanation:
          'The loop over the columns starts at 1, so the first feature gets no statistics: your scaler has d − 1 entries, and each one sits one place early (mean[0] is the second column’s).',
        hint: 'Check where the loop over the columns starts: the first feature is column 0.',
      },
    ),
    slip(
      'columns-skip-last',
      'fit-columns',
      { fitColumns: 'skips-last' },
      {
        name: 'Your fitScaler’s loop over the features stops before the last column',
        explanation:
          'The loop over the columns ends one early, so the last feature gets no statistics: your scaler has d − 1 entries where it needs d.',
        hint: 'Check the condition that ends the loop over the columns: the last feature is column d − 1.',
      },
    ),
    slip(
      'columns-past-the-end',
      'fit-columns',
      { fitColumns: 'past-the-end' },
      {
        name: 'Your fitScaler’s loop over the features runs one column past the last',
        explanation:
          'The loop over the columns goes up to and including d (<= where < belongs), so it reads a column that does not exist: its values are undefined, their sum NaN, and your scaler gets an extra entry that is not a number.',
        hint: 'A row of d features has indices 0 to d − 1: check the condition that ends the loop over the columns.',
      },
    ),
    slip(
      'columns-skip-first-zeros',
      'fit-columns',
      { fitColumns: 'skips-first-zeros' },
      {
        name: 'Your fitScaler’s loop over the features skips the first column, which keeps mean 0 and std 0',
        explanation:
          'The loop over the columns starts at 1, so the arrays you made beforehand keep their initial 0 for the first feature: mean 0 and std 0, and scaling then divides that column by 0.',
        hint: 'Check where the loop over the columns starts: the first feature is column 0.',
      },
    ),
    slip(
      'columns-skip-last-zeros',
      'fit-columns',
      { fitColumns: 'skips-last-zeros' },
      {
        name: 'Your fitScaler’s loop over the features stops before the last column, which keeps mean 0 and std 0',
        explanation:
          'The loop over the columns ends one early, so the arrays you made beforehand keep their initial 0 for the last feature: mean 0 and std 0, and scaling then divides that column by 0.',
        hint: 'Check the condition that ends the loop over the columns: the last feature is column d − 1.',
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
      'mean-sum-keeps-last',
      'fit-mean-sum',
      { meanSum: 'last-only' },
      {
        name: 'Your mean’s sum keeps only the last value: = where += belongs',
        explanation:
          'The loop that adds up a column assigns each value instead of adding it (sum = x for sum += x), so the sum ends as the last value it saw, and your mean is that value over N.',
        hint: 'Look at the operator in the loop that adds up the column.',
      },
    ),
    slip(
      'mean-sum-keeps-first',
      'fit-mean-sum',
      { meanSum: 'first-only' },
      {
        name: 'Your mean’s sum keeps only the value your loop visits last, the first row’s: = where += belongs',
        explanation:
          'The loop that adds up a column runs from the last row back to the first and assigns each value instead of adding it (sum = x for sum += x), so the sum ends as the first row’s value, and your mean is that value over N.',
        hint: 'Look at the operator in the loop that adds up the column.',
      },
    ),
    slip(
      'spread-sum-keeps-last',
      'fit-spread-sum',
      { spreadSum: 'last-only' },
      {
        name: 'Your deviation’s sum keeps only the last squared distance: = where += belongs',
        explanation:
          'The loop that adds up (x − mean)² assigns each term instead of adding it, so the sum ends as the last row’s term alone, and your std measures one row’s distance from the mean.',
        hint: 'Look at the operator in the loop that adds up the squared distances.',
      },
    ),
    slip(
      'spread-sum-keeps-first',
      'fit-spread-sum',
      { spreadSum: 'first-only' },
      {
        name: 'Your deviation’s sum keeps only the squared distance your loop visits last, the first row’s: = where += belongs',
        explanation:
          'The loop that adds up (x − mean)² runs from the last row back to the first and assigns each term instead of adding it, so the sum ends as the first row’s term alone.',
        hint: 'Look at the operator in the loop that adds up the squared distances.',
      },
    ),
    slip(
      'spread-sum-skips-first',
      'fit-spread-sum',
      { spreadSum: 'skips-first' },
      {
        name: 'Your deviation’s loop skips the first row',
        explanation:
          'The mean is right, but the loop that adds up (x − mean)² starts one row late (at 1), so the first example never enters the deviation, while you still divide by all N.',
        hint: 'Compare where your two loops over the rows start.',
      },
    ),
    slip(
      'spread-sum-skips-last',
      'fit-spread-sum',
      { spreadSum: 'skips-last' },
      {
        name: 'Your deviation’s loop stops before the last row',
        explanation:
          'The mean is right, but the loop that adds up (x − mean)² ends one row early, so the last example never enters the deviation, while you still divide by all N.',
        hint: 'Compare the conditions that end your two loops over the rows.',
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
      'deviation-about-zero',
      'fit-variance',
      { variance: 'about-zero' },
      {
        name: 'Your std is the root mean square of the column, √(mean of x²): the mean is not subtracted',
        explanation:
          'Your deviation squares x itself, not x − mean, so it measures how far the values are from 0, not how spread they are about their mean: a column far from 0 looks wide however little it varies, and only a column of mean 0 gets its true deviation.',
        hint: 'Subtract the mean from each value before squaring it.',
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
      'range-as-std',
      'fit-deviation',
      { deviation: 'range' },
      {
        name: 'Your std is the range, max − min, not the standard deviation',
        explanation:
          'Dividing by max − min is mean normalisation, another way to scale features, but this exercise standardises: std = √((1/N)Σ(x − mean)²). The range depends on the two extreme values alone, and the scaled columns do not get deviation 1.',
        hint: 'Compute the deviation from every value: the square root of the mean squared distance from the mean.',
      },
    ),
    slip(
      'min-max-scaling',
      'fit-centre',
      { centre: 'minimum', deviation: 'range' },
      {
        name: 'Your fitScaler does min-max scaling: the minimum as mean and the range (max − min) as std',
        explanation:
          'Min-max scaling maps each column onto [0, 1]. It is a way to scale features, but not the one asked for: standardising subtracts each column’s mean and divides by its standard deviation, so that every scaled column has mean 0 and deviation 1.',
        hint: 'mean must be the average of the column, and std the square root of the mean squared distance from it.',
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
      'mean-in-both-fields',
      'fit-fields',
      { scalerFields: 'mean-twice' },
      {
        name: 'Your fitScaler returns the means as std too',
        explanation:
          'Both fields of your scaler hold the means: the deviations you computed never reach std, so scaling divides each column by its mean.',
        hint: 'Check which array you return under std.',
      },
    ),
    slip(
      'std-in-both-fields',
      'fit-fields',
      { scalerFields: 'std-twice' },
      {
        name: 'Your fitScaler returns the deviations as mean too',
        explanation:
          'Both fields of your scaler hold the deviations: the means you computed never reach mean, so scaling subtracts each column’s deviation instead of its mean.',
        hint: 'Check which array you return under mean.',
      },
    ),
    slip(
      'constant-column-std-zero',
      'fit-constant-test',
      { constantTest: 'none' },
      {
        name: 'A constant column gets std 0 (or a rounding speck above 0) from your fitScaler',
        explanation:
          'When every value of a column is the same its deviation is 0, and your fitScaler keeps it as std: scaling would divide 0 by 0 (NaN), or x − mean by 0 (±Infinity), or, when rounding leaves the computed deviation a hair above 0, blow rounding noise up into values near ±1. The contract gives such a column std 1, so that it scales to 0.',
        hint: 'What should std be for a column whose values are all equal? Decide that from the values themselves.',
      },
    ),
    slip(
      'constant-column-by-deviation-of-zero',
      'fit-constant-test',
      { constantTest: 'computed-zero' },
      {
        name: 'Your fitScaler gives std 1 only to a deviation that comes out exactly 0, not to every constant column',
        explanation:
          'You tell a constant column by the deviation you computed being 0 (std === 0 ? 1 : std), not by its values. Wherever the rest of your computation gives a constant column something else, it stays in std: NaN from 0/0 with one row, a speck above 0 from a mean that does not come out exact (0.1 over 7 rows), or |x| when the mean is not subtracted. The contract gives std 1 to every column whose values are all equal.',
        hint: 'Tell a constant column by its values (every value equal to the first), not by comparing a computed deviation with 0.',
      },
    ),
    slip(
      'constant-column-by-computed-deviation',
      'fit-constant-test',
      { constantTest: 'computed-zero', meanRounding: 'each-term' },
      {
        name: 'Your fitScaler tells a constant column by a computed deviation of exactly 0, which rounding can miss',
        explanation:
          'You give std 1 only when the deviation you computed is exactly 0. A constant column’s mean, worked out as a sum of x/N, can come out a rounding speck away from its values (0.75/7 added up seven times is not 0.75), so its deviation is a speck above 0, the column keeps it as its std, and scaling blows rounding noise up into values near ±1 instead of 0. The contract gives std 1 to every column whose values are all equal.',
        hint: 'Tell a constant column by its values (every value equal to the first), not by comparing a computed deviation with 0.',
      },
    ),
    slip(
      'constant-column-by-positive-deviation',
      'fit-constant-test',
      { constantTest: 'computed-not-positive', meanRounding: 'each-term' },
      {
        name: 'Your fitScaler tells a constant column by a computed deviation that is not above 0, which rounding can miss',
        explanation:
          'You give std 1 only when the deviation you computed is not above 0 (std > 0 ? std : 1, or std || 1). A constant column’s mean, worked out as a sum of x/N, can come out a rounding speck away from its values (0.75/7 added up seven times is not 0.75), so its deviation is a speck above 0, the column keeps it as its std, and scaling blows rounding noise up into values near ±1 instead of 0. The contract gives std 1 to every column whose values are all equal.',
        hint: 'Tell a constant column by its values (every value equal to the first), not by the sign of a computed deviation.',
      },
    ),
    slip(
      'every-column-constant',
      'fit-constant-test',
      { constantTest: 'always' },
      {
        name: 'Every std from your fitScaler is 1: your test for a constant column holds for every column',
        explanation:
          'Your fitScaler gives every column std 1, the value meant only for a column whose values are all equal, so the test that decides it is true for every column (a minimum and a maximum that end up the same value, say). Scaling then only centres the columns.',
        hint: 'Print both sides of your constant-column test for a column that varies: they should differ.',
      },
    ),
    slip(
      'constant-column-std-mean',
      'fit-constant-value',
      { constantStd: 'mean' },
      {
        name: 'A constant column gets its mean as its std',
        explanation:
          'When a column’s values are all equal your fitScaler puts its mean in std. The contract gives such a column std 1: its scaled values are then (x − mean)/1 = 0, whatever the value.',
        hint: 'Look at what you put in std when a column does not vary.',
      },
    ),
    slip(
      'constant-column-std-other',
      'fit-constant-value',
      { constantStd: 2 },
      (c) => ({
        name: `A constant column gets std ${c.constantStd} from your fitScaler, not 1`,
        explanation: `When a column’s values are all equal your fitScaler puts ${c.constantStd} in std. The contract gives such a column std 1, a value every later step can rely on: the scaled column is 0 either way, but the scaler is part of the answer, and unscaleModel divides by it.`,
        hint: 'Look at the value you put in std when a column does not vary.',
      }),
      fitConstantStd,
    ),
    slip(
      'deviation-floored-at-one',
      'fit-constant-value',
      { floorAtOne: true },
      {
        name: 'Your fitScaler raises every std below 1 to 1 (Math.max(std, 1)), not only a constant column’s',
        explanation:
          'Only a column whose values are all equal gets std 1. A column with a small but real spread (a deviation of 0.3, say) must be divided by its own deviation to reach deviation 1; raised to 1, it stays as narrow as it was.',
        hint: 'Replace std by 1 only for a column that does not vary.',
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
      'centring-reversed',
      'scale-centring',
      { centring: 'reversed' },
      {
        name: 'Your scaleFeatures computes (mean − x)/std: the subtraction is the wrong way round',
        explanation:
          'Your scaled values are the right ones with their signs flipped: a value above its column’s mean comes out negative. Standardising subtracts the mean from x: (x − mean)/std.',
        hint: 'Check the order of the subtraction.',
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
      'rows-share-one-array',
      'scale-shape',
      { scaledShape: 'one-shared-row' },
      {
        name: 'Every row of your scaleFeatures result is one and the same array, which ends holding the last row',
        explanation:
          'You made the result with something like new Array(n).fill(new Array(d).fill(0)): fill puts the same array object in every slot, so writing row i writes every row, and all of them end up holding the last row’s scaled values. Each row needs an array of its own.',
        hint: 'Build the rows with Array.from({ length: n }, () => …) or X.map(…), then change one entry of the first row and print the second.',
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
      'intercept-reversed',
      'unscale-intercept',
      { intercept: 'reversed' },
      {
        name: 'Your unscaleModel’s intercept is Σ w_j·mean_j/std_j − b: the subtraction is the wrong way round',
        explanation:
          'The intercept on raw features is b − Σ w_j·mean_j/std_j. Yours subtracts b from the shift, which flips the sign of the whole intercept.',
        hint: 'Start from b and subtract the shift from it.',
      },
    ),
    slip(
      'shift-skips-first-feature',
      'unscale-shift-range',
      { shiftRange: 'skips-first' },
      {
        name: 'Your unscaleModel’s intercept shift leaves out the first feature',
        explanation:
          'The loop that adds up w_j·mean_j/std_j starts at 1, so the first feature’s term never reaches the intercept: b − Σ w_j·mean_j/std_j has a term for every feature.',
        hint: 'Check where the loop that builds the intercept starts.',
      },
    ),
    slip(
      'shift-skips-last-feature',
      'unscale-shift-range',
      { shiftRange: 'skips-last' },
      {
        name: 'Your unscaleModel’s intercept shift leaves out the last feature',
        explanation:
          'The loop that adds up w_j·mean_j/std_j ends one feature early, so the last feature’s term never reaches the intercept: b − Σ w_j·mean_j/std_j has a term for every feature.',
        hint: 'Check the condition that ends the loop that builds the intercept.',
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
