import { describe, expect, it } from 'vitest';
import { exerciseOf, grade, submissionWith } from './_support';

const EXERCISE = '09-normal-equation';

/** Gaussian elimination with partial pivoting and back-substitution, which the files below share. */
const SOLVE = `function solve(a: number[][], v: number[]): number[] {
  const m = v.length;
  const rows = a.map((row, i) => [...row, v[i]]);
  for (let k = 0; k < m; k++) {
    let p = k;
    for (let r = k + 1; r < m; r++) if (Math.abs(rows[r][k]) > Math.abs(rows[p][k])) p = r;
    [rows[k], rows[p]] = [rows[p], rows[k]];
    for (let r = k + 1; r < m; r++) {
      const f = rows[r][k] / rows[k][k];
      for (let c = k; c <= m; c++) rows[r][c] -= f * rows[k][c];
    }
  }
  const x = new Array<number>(m).fill(0);
  for (let i = m - 1; i >= 0; i--) {
    let s = rows[i][m];
    for (let j = i + 1; j < m; j++) s -= rows[i][j] * x[j];
    x[i] = s / rows[i][i];
  }
  return x;
}`;

const file = (body: string) => `import type { LinearModel, Matrix } from '../types';\n\n${SOLVE}\n\n${body}\n`;

/** The centred normal equations, with `gram`, `rhs` and `intercept` as the student wrote them. */
const centred = (parts: { gram?: string; rhs?: string; intercept?: string; columns?: string; result?: string }) =>
  file(`export function normalEquation(X: Matrix, y: readonly number[]): LinearModel {
  const n = X.length;
  const d = ${parts.columns ?? 'X[0].length'};
  const xbar: number[] = [];
  for (let j = 0; j < d; j++) xbar.push(X.reduce((s, row) => s + row[j], 0) / n);
  const ybar = y.reduce((s, v) => s + v, 0) / n;
  const xc = X.map((row) => row.map((v, j) => v - xbar[j]));
  const yc = y.map((v) => v - ybar);
  const G: number[][] = [];
  const v: number[] = [];
  for (let j = 0; j < d; j++) {
    G.push([]);
    for (let k = 0; k < d; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += ${parts.gram ?? 'xc[i][j] * xc[i][k]'};
      G[j].push(s);
    }
    let t = 0;
    for (let i = 0; i < n; i++) t += ${parts.rhs ?? 'xc[i][j] * yc[i]'};
    v.push(t);
  }
  const w = solve(G, v);
  let b = ybar;
  for (let j = 0; j < d; j++) b ${parts.intercept ?? '-= w[j] * xbar[j]'};
  return ${parts.result ?? '{ w, b }'};
}`);

/** The uncentred normal equations of X (no column of ones), and b as the student set it. */
const uncentred = (intercept: string) =>
  file(`export function normalEquation(X: Matrix, y: readonly number[]): LinearModel {
  const d = X[0].length;
  const xtx = X[0].map((_, j) => X[0].map((_, k) => X.reduce((s, row) => s + row[j] * row[k], 0)));
  const xty = X[0].map((_, j) => X.reduce((s, row, i) => s + row[j] * y[i], 0));
  const w = solve(xtx, xty);
  const n = X.length;
  const means = X[0].map((_, j) => X.reduce((s, row) => s + row[j], 0) / n);
  const ybar = y.reduce((s, v) => s + v, 0) / n;
  ${intercept}
  return { w, b };
}`);

const grade09 = (source: string) =>
  grade(submissionWith('trial', { [EXERCISE]: source }), { exercises: [EXERCISE] }).then((r) =>
    exerciseOf(r, EXERCISE),
  );

/** The mistakes the issue and the brief name for 09, each written the way a student would, and named from the generated space with its own words. */
describe('09-normal-equation: named mistakes come from the generated space', () => {
  it('the centred equations below score full marks and name nothing', async () => {
    const graded = await grade09(centred({}));
    expect(graded.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
    expect(graded.score).toBe(graded.maxScore);
    expect(graded.diagnosis).toBeUndefined();
  });

  it.each([
    ['dividing both sides by N', centred({ gram: 'xc[i][j] * xc[i][k] / n', rhs: 'xc[i][j] * yc[i] / n' })],
    [
      'dividing both sides by N − 1',
      centred({ gram: 'xc[i][j] * xc[i][k] / (n - 1)', rhs: 'xc[i][j] * yc[i] / (n - 1)' }),
    ],
  ])('%s is no mistake: full marks, nothing named', async (_, source) => {
    const graded = await grade09(source);
    expect(graded.checks.filter((c) => c.status !== 'pass').map((c) => c.id)).toEqual([]);
    expect(graded.diagnosis).toBeUndefined();
  });

  it.each([
    ['no intercept: X·w = y solved alone', uncentred('const b = 0;'), 'no-intercept', /Is b one of the unknowns/],
    [
      'not centred, the column of ones forgotten, b from the means afterwards',
      uncentred('const b = ybar - w.reduce((s, wj, j) => s + wj * means[j], 0);'),
      'ones-column-forgotten',
      /fitted as if b were 0/,
    ],
    ['w solved uncentred, b = mean(y)', uncentred('const b = ybar;'), 'uncentred-b-mean-y', /every feature has mean 0/],
    [
      'a transposed index: X·Xᵀ for XᵀX',
      centred({ gram: '(i < d ? xc[j][i] * xc[k][i] : 0)' }),
      'gram-of-rows',
      /XᵀX is d × d/,
    ],
    [
      'a shape slip: X·y for Xᵀy',
      centred({ rhs: '(i < d ? xc[j][i] * yc[i] : 0)' }),
      'rhs-of-rows',
      /How many entries/,
    ],
    [
      'y indexed by the column',
      centred({ rhs: 'xc[i][j] * yc[j]' }),
      'rhs-y-indexed-by-column',
      /which index does y take/,
    ],
    [
      'a dropped column',
      centred({ columns: 'X[0].length - 1', result: '{ w: [...w, 0], b }' }),
      'drops-last-column',
      /reach d − 1/,
    ],
    [
      '1/N on one side only',
      centred({ gram: 'xc[i][j] * xc[i][k] / n' }),
      'gram-averaged-rhs-summed',
      /what each side/,
    ],
    [
      'the raw Xᵀy with the centred XᵀX',
      centred({ rhs: 'X[i][j] * y[i]' }),
      'rhs-not-centred',
      /raw one or the centred one/,
    ],
    ['b = ȳ with the centred w', centred({ intercept: '-= 0' }), 'b-mean-y', /pass through \(x̄, ȳ\)/],
    [
      "the gradient's 2 kept on the right",
      centred({ rhs: '2 * xc[i][j] * yc[i]' }),
      'gradient-two-on-the-right',
      /which terms does the 2 multiply/,
    ],
  ])('%s', async (_, source, slug, hint) => {
    const graded = await grade09(source);
    expect(graded.score).toBeLessThan(graded.maxScore);
    expect(graded.diagnosis?.id).toBe(`${EXERCISE}/${slug}`);
    expect(graded.diagnosis?.hint).toMatch(hint);
    // A hint says where to look; it never hands over the code.
    expect(graded.diagnosis?.hint).not.toMatch(/\.reduce|X_cᵀX_c·w = X_cᵀy_c|for \(let/);
  });

  it('the column of ones put first, and θ read as if it were last', async () => {
    const source = file(`export function normalEquation(X: Matrix, y: readonly number[]): LinearModel {
  const d = X[0].length;
  const A = X.map((row) => [1, ...row]);
  const ata = A[0].map((_, j) => A[0].map((_, k) => A.reduce((s, row) => s + row[j] * row[k], 0)));
  const aty = A[0].map((_, j) => A.reduce((s, row, i) => s + row[j] * y[i], 0));
  const theta = solve(ata, aty);
  return { w: theta.slice(0, d), b: theta[d] };
}`);
    const graded = await grade09(source);
    expect(graded.score).toBeLessThan(graded.maxScore);
    expect(graded.diagnosis?.id).toBe('09-normal-equation/ones-first-read-as-last');
    expect(graded.diagnosis?.hint).toMatch(/which entry of θ belongs to it/);
  });

  it('says what the answers show when no mistake of the space fits: the weights right, the intercept not', async () => {
    const graded = await grade09(centred({ intercept: '-= w[j] * xbar[j] + 1 / d' }));
    expect(graded.score).toBeLessThan(graded.maxScore);
    expect(graded.diagnosis).toBeUndefined();
    expect(graded.unrecognised).toMatch(
      /Your w is the least-squares w on every designed probe; as for your b, it is not\./,
    );
  });

  it('says what the answers show: a w scaled by the same factor on every probe', async () => {
    const graded = await grade09(centred({ result: '{ w: w.map((v) => 3 * v), b }' }));
    expect(graded.unrecognised ?? graded.diagnosis?.evidence).toMatch(
      /Your w is 3 × the least-squares w on every designed probe/,
    );
  });
});
