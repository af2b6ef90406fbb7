import { describe, expect, it } from 'vitest';
import { exerciseOf, grade, submissionWith } from '../diagnosis/_support';

const EXERCISE = '09-normal-equation';
const file = (body: string) =>
  `import type { LinearModel, Matrix } from '../types';\n\nexport function normalEquation(X: Matrix, y: readonly number[]): LinearModel {\n${body}\n}\n`;

const grade09 = (source: string, seed: number) =>
  grade(submissionWith('attack', { [EXERCISE]: source }), { exercises: [EXERCISE], seed }).then((r) =>
    exerciseOf(r, EXERCISE),
  );

const MEAN_Y = 'const ybar = y.reduce((s, v) => s + v, 0) / y.length;';

/**
 * Answers that do not solve 09's problem, and what they earn. Properties such as "the order of the
 * rows changes nothing" hold for any constant, so they pay only once normalEquation matches the
 * reference on fresh tables of several features; with one feature alone nothing vouches.
 */
describe('09-normal-equation: answers that do not solve the problem earn nothing', () => {
  it.each([
    ['zeros', 'return { w: X[0].map(() => 0), b: 0 };'],
    ['the mean of y, and no weights', `${MEAN_Y}\n  return { w: X[0].map(() => 0), b: ybar };`],
    ['the first row echoed', 'return { w: [...X[0]], b: y[0] };'],
    [
      "right for one feature (06's line), the mean of y otherwise",
      `${MEAN_Y}
  if (X[0].length > 1) return { w: X[0].map(() => 0), b: ybar };
  const n = X.length;
  const xbar = X.reduce((s, r) => s + r[0], 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (X[i][0] - xbar) * (y[i] - ybar);
    sxx += (X[i][0] - xbar) ** 2;
  }
  return { w: [sxy / sxx], b: ybar - (sxy / sxx) * xbar };`,
    ],
  ])('%s: 0 points on two seeds', async (_, body) => {
    for (const seed of [1, 2]) expect((await grade09(file(body), seed)).score).toBe(0);
  });

  it.each([
    [
      'coordinate descent, 50 sweeps of exact line searches on the centred data',
      `const n = X.length;
  const d = X[0].length;
  const means = X[0].map((_, j) => X.reduce((s, r) => s + r[j], 0) / n);
  ${MEAN_Y}
  const xc = X.map((r) => r.map((v, j) => v - means[j]));
  const r = y.map((v) => v - ybar);
  const w = new Array<number>(d).fill(0);
  const norms = means.map((_, j) => xc.reduce((s, row) => s + row[j] * row[j], 0));
  for (let sweep = 0; sweep < 50; sweep++)
    for (let j = 0; j < d; j++) {
      const step = xc.reduce((s, row, i) => s + row[j] * r[i], 0) / norms[j];
      w[j] += step;
      for (let i = 0; i < n; i++) r[i] -= step * xc[i][j];
    }
  return { w, b: ybar - w.reduce((s, wj, j) => s + wj * means[j], 0) };`,
    ],
    [
      'gradient descent on standardised features, 2000 steps at η = 0.1',
      `const n = X.length;
  const d = X[0].length;
  const means = X[0].map((_, j) => X.reduce((s, r) => s + r[j], 0) / n);
  const stds = means.map((m, j) => Math.sqrt(X.reduce((s, r) => s + (r[j] - m) ** 2, 0) / n));
  const Z = X.map((r) => r.map((v, j) => (v - means[j]) / stds[j]));
  const w = new Array<number>(d).fill(0);
  let b = 0;
  for (let k = 0; k < 2000; k++) {
    const res = Z.map((row, i) => y[i] - row.reduce((s, z, j) => s + z * w[j], b));
    const dw = w.map((_, j) => (-2 / n) * Z.reduce((s, row, i) => s + row[j] * res[i], 0));
    const db = (-2 / n) * res.reduce((s, v) => s + v, 0);
    for (let j = 0; j < d; j++) w[j] -= 0.1 * dw[j];
    b -= 0.1 * db;
  }
  const raw = w.map((wj, j) => wj / stds[j]);
  return { w: raw, b: b - raw.reduce((s, wj, j) => s + wj * means[j], 0) };`,
    ],
  ])('an iteration that stops before the exact minimiser loses points: %s', async (_, body) => {
    const graded = await grade09(file(body), 1);
    expect(graded.score).toBeLessThan(graded.maxScore);
    expect(graded.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toContain(
      `${EXERCISE}/matches-reference-conditioned`,
    );
  });
});
