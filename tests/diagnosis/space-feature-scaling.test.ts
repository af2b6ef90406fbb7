import { describe, expect, it } from 'vitest';
import { exerciseOf, grade, submissionWith } from './_support';

const EXERCISE = '07-feature-scaling';

const FIT = `export function fitScaler(X: Matrix): Scaler {
  const n = X.length;
  const mean = X[0].map((_, j) => X.reduce((s, row) => s + row[j], 0) / n);
  const std = X[0].map((_, j) => {
    const sd = Math.sqrt(X.reduce((s, row) => s + (row[j] - mean[j]) ** 2, 0) / n);
    return X.every((row) => row[j] === X[0][j]) ? 1 : sd;
  });
  return { mean, std };
}`;

const SCALE = `export function scaleFeatures(X: Matrix, scaler: Scaler): number[][] {
  return X.map((row) => row.map((x, j) => (x - scaler.mean[j]) / scaler.std[j]));
}`;

const UNSCALE = `export function unscaleModel(model: LinearModel, scaler: Scaler): LinearModel {
  const w = model.w.map((wj, j) => wj / scaler.std[j]);
  let b = model.b;
  for (let j = 0; j < w.length; j++) b -= w[j] * scaler.mean[j];
  return { w, b };
}`;

const file = (parts: { fit?: string; scale?: string; unscale?: string }) =>
  `import type { LinearModel, Matrix, Scaler } from '../types';\n\n${[parts.fit ?? FIT, parts.scale ?? SCALE, parts.unscale ?? UNSCALE].join('\n\n')}\n`;

const grade07 = (source: string) =>
  grade(submissionWith('trial', { [EXERCISE]: source }), { exercises: [EXERCISE] }).then((r) =>
    exerciseOf(r, EXERCISE),
  );

/** The mistakes issue 17 names for 07, each written the way a student would, and named from the generated space with its own words. */
describe('07-feature-scaling: the mistakes of issue 17 are named from the generated space', () => {
  it('the correct parts used below score full marks and name nothing', async () => {
    const graded = await grade07(file({}));
    expect(graded.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
    expect(graded.score).toBe(graded.maxScore);
    expect(graded.diagnosis).toBeUndefined();
  });

  it.each([
    [
      'the sample deviation, 1/(N − 1)',
      {
        fit: `export function fitScaler(X: Matrix): Scaler {
  const n = X.length;
  const d = X[0].length;
  const mean: number[] = [];
  const std: number[] = [];
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += X[i][j];
    const m = s / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (X[i][j] - m) * (X[i][j] - m);
    const sd = Math.sqrt(ss / (n - 1));
    mean.push(m);
    std.push(sd > 0 ? sd : 1);
  }
  return { mean, std };
}`,
      },
      'sample-deviation',
      /1\/N/,
    ],
    [
      'the variance in place of the deviation (no square root)',
      {
        fit: `export function fitScaler(X: Matrix): Scaler {
  const n = X.length;
  const cols = X[0].map((_, j) => X.map((r) => r[j]));
  const mean = cols.map((c) => c.reduce((a, b) => a + b, 0) / n);
  const std = cols.map((c, j) => {
    const v = c.reduce((a, x) => a + (x - mean[j]) ** 2, 0) / n;
    return v === 0 ? 1 : v;
  });
  return { mean, std };
}`,
      },
      'variance-as-std',
      /units/,
    ],
    [
      'scaleFeatures dividing by std²',
      {
        scale: `export function scaleFeatures(X: Matrix, scaler: Scaler): number[][] {
  const out: number[][] = [];
  for (const row of X) out.push(row.map((x, j) => (x - scaler.mean[j]) / (scaler.std[j] * scaler.std[j])));
  return out;
}`,
      },
      'divides-by-variance',
      /square/,
    ],
    [
      'unscaleModel leaving b where it was',
      {
        unscale: `export function unscaleModel(model: LinearModel, scaler: Scaler): LinearModel {
  return { w: model.w.map((w, j) => w / scaler.std[j]), b: model.b };
}`,
      },
      'forgets-intercept-shift',
      /terms do not multiply x/,
    ],
    [
      'unscaleModel adding the shift',
      {
        unscale: `export function unscaleModel(model: LinearModel, scaler: Scaler): LinearModel {
  const w = model.w.map((w, j) => w / scaler.std[j]);
  const shift = w.reduce((s, wj, j) => s + wj * scaler.mean[j], 0);
  return { w, b: model.b + shift };
}`,
      },
      'intercept-shift-wrong-sign',
      /sign of the mean/,
    ],
    [
      'unscaleModel’s shift without the division by std',
      {
        unscale: `export function unscaleModel(model: LinearModel, scaler: Scaler): LinearModel {
  let b = model.b;
  const w: number[] = [];
  model.w.forEach((wj, j) => {
    w.push(wj / scaler.std[j]);
    b -= wj * scaler.mean[j];
  });
  return { w, b };
}`,
      },
      'intercept-shift-not-divided',
      /constant term/,
    ],
    [
      'scaleFeatures recomputing the statistics of its own X',
      {
        scale: `export function scaleFeatures(X: Matrix, scaler: Scaler): number[][] {
  const own = fitScaler(X);
  return X.map((row) => row.map((x, j) => (x - own.mean[j]) / own.std[j]));
}`,
      },
      'recomputes-statistics',
      /whatever data they came from/,
    ],
    [
      'a transposed index in fitScaler',
      {
        fit: `export function fitScaler(X: Matrix): Scaler {
  const n = X.length;
  const d = X[0].length;
  const mean = new Array(d).fill(0);
  const std = new Array(d).fill(0);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) mean[j] += X[j][i] / n;
    for (let i = 0; i < n; i++) std[j] += (X[j][i] - mean[j]) ** 2 / n;
    std[j] = Math.sqrt(std[j]) || 1;
  }
  return { mean, std };
}`,
      },
      'transposed-index',
      /X\[i\]\[j\] means/,
    ],
    [
      'a constant column left with std 0',
      {
        fit: `export function fitScaler(X: Matrix): Scaler {
  const n = X.length;
  const mean = X[0].map((_, j) => X.reduce((s, row) => s + row[j], 0) / n);
  const std = X[0].map((_, j) => Math.sqrt(X.reduce((s, row) => s + (row[j] - mean[j]) ** 2, 0) / n));
  return { mean, std };
}`,
      },
      'constant-column-std-zero',
      /all equal/,
    ],
    [
      'a constant column given its mean as std',
      {
        fit: `export function fitScaler(X: Matrix): Scaler {
  const n = X.length;
  const mean = X[0].map((_, j) => X.reduce((s, row) => s + row[j], 0) / n);
  const std = X[0].map((_, j) => Math.sqrt(X.reduce((s, row) => s + (row[j] - mean[j]) ** 2, 0) / n) || mean[j]);
  return { mean, std };
}`,
      },
      'constant-column-std-mean',
      /does not vary/,
    ],
    [
      'the one-pass variance E[x²] − E[x]²',
      {
        fit: `export function fitScaler(X: Matrix): Scaler {
  const n = X.length;
  const d = X[0].length;
  const sum = new Array<number>(d).fill(0);
  const sumSq = new Array<number>(d).fill(0);
  for (const row of X)
    for (let j = 0; j < d; j++) {
      sum[j] += row[j];
      sumSq[j] += row[j] * row[j];
    }
  const mean = sum.map((s) => s / n);
  const std = sumSq.map((q, j) => {
    const variance = q / n - mean[j] * mean[j];
    return variance > 0 ? Math.sqrt(variance) : 1;
  });
  return { mean, std };
}`,
      },
      'one-pass-variance',
      /mean first/,
    ],
    [
      'the deviation of the whole matrix',
      {
        fit: `export function fitScaler(X: Matrix): Scaler {
  const n = X.length;
  const all = X.flat();
  const grand = all.reduce((a, b) => a + b, 0) / all.length;
  const sd = Math.sqrt(all.reduce((a, x) => a + (x - grand) ** 2, 0) / all.length) || 1;
  const mean = X[0].map((_, j) => X.reduce((s, row) => s + row[j], 0) / n);
  return { mean, std: mean.map(() => sd) };
}`,
      },
      'std-of-whole-matrix',
      /one column at a time/,
    ],
    [
      'centred but not divided',
      {
        scale: `export function scaleFeatures(X: Matrix, scaler: Scaler): number[][] {\n  return X.map((row) => row.map((x, j) => x - scaler.mean[j]));\n}`,
      },
      'not-divided',
      /Standardising is two operations/,
    ],
    [
      'divided but not centred',
      {
        scale: `export function scaleFeatures(X: Matrix, scaler: Scaler): number[][] {\n  return X.map((row) => row.map((x, j) => x / scaler.std[j]));\n}`,
      },
      'not-centred',
      /Standardising is two operations/,
    ],
    [
      'x − mean / std without brackets',
      {
        scale: `export function scaleFeatures(X: Matrix, scaler: Scaler): number[][] {\n  return X.map((row) => row.map((x, j) => x - scaler.mean[j] / scaler.std[j]));\n}`,
      },
      'mean-over-std',
      /brackets/,
    ],
  ])('%s', async (_, parts, slip, hint) => {
    const graded = await grade07(file(parts));
    expect(graded.score).toBeLessThan(graded.maxScore);
    expect(graded.diagnosis?.id).toBe(`${EXERCISE}/${slip}`);
    expect(graded.diagnosis?.hint).toMatch(hint);
  });

  it('two slips in two exports are named together: the sample deviation, and b left unshifted', async () => {
    const graded = await grade07(
      file({
        fit: FIT.replace('/ n);\n    return', '/ (n - 1));\n    return'),
        unscale: `export function unscaleModel(model: LinearModel, scaler: Scaler): LinearModel {
  return { w: model.w.map((w, j) => w / scaler.std[j]), b: model.b };
}`,
      }),
    );
    expect(graded.diagnosis?.id).toBe(`${EXERCISE}/sample-deviation+forgets-intercept-shift`);
  });
});

/** A fitScaler whose std of column j is `std` (an expression of `sd`, the population deviation, and the column `col`). */
const fitWith = (std: string) => `export function fitScaler(X: Matrix): Scaler {
  const n = X.length;
  const mean: number[] = [];
  const std: number[] = [];
  for (let j = 0; j < X[0].length; j++) {
    const col = X.map((row) => row[j]);
    const m = col.reduce((a, x) => a + x, 0) / n;
    const sd = Math.sqrt(col.reduce((a, x) => a + (x - m) ** 2, 0) / n);
    mean.push(m);
    std.push(${std});
  }
  return { mean, std };
}`;

/**
 * Other slips of the math and the algorithm, each written as a student would: what the designed
 * probes of one row, of two rows, of deviations below 1 beside a column of zeros and of an intercept
 * larger than its shift tell apart, named with their words.
 */
describe('07-feature-scaling: other slips of scaling are named from the generated space', () => {
  it.each([
    [
      'mean normalisation: the range max − min as std',
      { fit: fitWith('Math.max(...col) - Math.min(...col) || 1') },
      'range-as-std',
      /every value/,
    ],
    [
      'min-max scaling: the minimum as mean, the range as std',
      {
        fit: `export function fitScaler(X: Matrix): Scaler {
  const cols = X[0].map((_, j) => X.map((row) => row[j]));
  const min = cols.map((c) => Math.min(...c));
  const max = cols.map((c) => Math.max(...c));
  return { mean: min, std: max.map((hi, j) => hi - min[j] || 1) };
}`,
      },
      'min-max-scaling',
      /average of the column/,
    ],
    [
      'the root mean square √(mean x²), the mean not subtracted',
      {
        fit: `export function fitScaler(X: Matrix): Scaler {
  const n = X.length;
  const cols = X[0].map((_, j) => X.map((row) => row[j]));
  const mean = cols.map((c) => c.reduce((a, x) => a + x, 0) / n);
  const std = cols.map((c) => (c.every((x) => x === c[0]) ? 1 : Math.sqrt(c.reduce((a, x) => a + x * x, 0) / n)));
  return { mean, std };
}`,
      },
      'deviation-about-zero',
      /Subtract the mean/,
    ],
    [
      'every std raised to at least 1',
      { fit: fitWith('Math.max(sd, 1)') },
      'deviation-floored-at-one',
      /only for a column/,
    ],
    [
      'the mean’s sum assigned, not added to',
      {
        fit: `export function fitScaler(X: Matrix): Scaler {
  const n = X.length;
  const d = X[0].length;
  const mean: number[] = [];
  const std: number[] = [];
  for (let j = 0; j < d; j++) {
    let total = 0;
    for (let i = 0; i < n; i++) total = X[i][j];
    const m = total / n;
    let squares = 0;
    for (let i = 0; i < n; i++) squares += (X[i][j] - m) ** 2;
    mean.push(m);
    std.push(X.every((row) => row[j] === X[0][j]) ? 1 : Math.sqrt(squares / n));
  }
  return { mean, std };
}`,
      },
      'mean-sum-keeps-last',
      /operator/,
    ],
    [
      'the squared distances’ sum assigned, not added to',
      {
        fit: `export function fitScaler(X: Matrix): Scaler {
  const n = X.length;
  const d = X[0].length;
  const mean: number[] = [];
  const std: number[] = [];
  for (let j = 0; j < d; j++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += X[i][j];
    const m = total / n;
    let squares = 0;
    for (let i = 0; i < n; i++) squares = (X[i][j] - m) ** 2;
    mean.push(m);
    std.push(squares > 0 ? Math.sqrt(squares / n) : 1);
  }
  return { mean, std };
}`,
      },
      'spread-sum-keeps-last',
      /squared distances/,
    ],
    [
      'the loop over the features starting at 1',
      {
        fit: `export function fitScaler(X: Matrix): Scaler {
  const n = X.length;
  const mean: number[] = [];
  const std: number[] = [];
  for (let j = 1; j < X[0].length; j++) {
    const m = X.reduce((a, row) => a + row[j], 0) / n;
    const sd = Math.sqrt(X.reduce((a, row) => a + (row[j] - m) ** 2, 0) / n);
    mean.push(m);
    std.push(sd > 0 ? sd : 1);
  }
  return { mean, std };
}`,
      },
      'columns-skip-first',
      /column 0/,
    ],
    [
      'the means returned as std too',
      { fit: FIT.replace('return { mean, std };', 'return { mean, std: mean };') },
      'mean-in-both-fields',
      /under std/,
    ],
    [
      'a constant column given std 1e-8 (std || 1e-8)',
      { fit: fitWith('sd || 1e-8') },
      'constant-column-std-other',
      /does not vary/,
    ],
    [
      'every column told constant (the maximum tracked with Math.min)',
      {
        fit: `export function fitScaler(X: Matrix): Scaler {
  const n = X.length;
  const mean: number[] = [];
  const std: number[] = [];
  for (let j = 0; j < X[0].length; j++) {
    let [total, lo, hi] = [0, X[0][j], X[0][j]];
    for (const row of X) {
      total += row[j];
      lo = Math.min(lo, row[j]);
      hi = Math.min(hi, row[j]);
    }
    const m = total / n;
    mean.push(m);
    std.push(lo === hi ? 1 : Math.sqrt(X.reduce((a, row) => a + (row[j] - m) ** 2, 0) / n));
  }
  return { mean, std };
}`,
      },
      'every-column-constant',
      /should differ/,
    ],
    [
      'the sample deviation, with std 1 only for a deviation of exactly 0 (NaN on one row)',
      {
        fit: `export function fitScaler(X: Matrix): Scaler {
  const n = X.length;
  const mean = X[0].map((_, j) => X.reduce((s, row) => s + row[j], 0) / n);
  const std = X[0].map((_, j) => {
    const sd = Math.sqrt(X.reduce((s, row) => s + (row[j] - mean[j]) ** 2, 0) / (n - 1));
    return sd === 0 ? 1 : sd;
  });
  return { mean, std };
}`,
      },
      'sample-deviation+constant-column-by-deviation-of-zero',
      /1\/N/,
    ],
    [
      'rows made with fill(new Array(d)), all one array',
      {
        scale: `export function scaleFeatures(X: Matrix, scaler: Scaler): number[][] {
  const out: number[][] = new Array(X.length).fill(new Array(X[0].length).fill(0));
  X.forEach((row, i) => row.forEach((x, j) => (out[i][j] = (x - scaler.mean[j]) / scaler.std[j])));
  return out;
}`,
      },
      'rows-share-one-array',
      /Array\.from/,
    ],
    [
      '(mean − x)/std',
      {
        scale: `export function scaleFeatures(X: Matrix, scaler: Scaler): number[][] {\n  return X.map((row) => row.map((x, j) => (scaler.mean[j] - x) / scaler.std[j]));\n}`,
      },
      'centring-reversed',
      /order of the subtraction/,
    ],
    [
      'the intercept’s shift loop stopping one feature early',
      {
        unscale: `export function unscaleModel(model: LinearModel, scaler: Scaler): LinearModel {
  const w = model.w.map((wj, j) => wj / scaler.std[j]);
  let b = model.b;
  for (let j = 0; j < w.length - 1; j++) b -= w[j] * scaler.mean[j];
  return { w, b };
}`,
      },
      'shift-skips-last-feature',
      /ends the loop/,
    ],
    [
      'the shift minus b',
      {
        unscale: `export function unscaleModel(model: LinearModel, scaler: Scaler): LinearModel {
  const w = model.w.map((wj, j) => wj / scaler.std[j]);
  return { w, b: w.reduce((s, wj, j) => s + wj * scaler.mean[j], 0) - model.b };
}`,
      },
      'intercept-reversed',
      /Start from b/,
    ],
  ])('%s', async (_, parts, slip, hint) => {
    const graded = await grade07(file(parts));
    expect(graded.score).toBeLessThan(graded.maxScore);
    expect(graded.diagnosis?.id).toBe(`${EXERCISE}/${slip}`);
    expect(graded.diagnosis?.hint).toMatch(hint);
  });

  it('the std a constant column gets is read off the answers and quoted', async () => {
    const graded = await grade07(file({ fit: fitWith('sd || 1e-8') }));
    expect(graded.diagnosis?.name).toMatch(/std 1e-8 from your fitScaler/);
  });

  it('a test of the deviation against 0 that only a hard case shows is named by that check', async () => {
    const graded = await grade07(file({ fit: fitWith('sd || 1') }));
    expect(graded.checks.filter((c) => c.status !== 'pass').map((c) => c.id)).toEqual([
      `${EXERCISE}/fit-constant-columns`,
    ]);
    expect(graded.diagnosis?.id).toBe(`${EXERCISE}/constant-told-by-rounded-deviation`);
  });
});
