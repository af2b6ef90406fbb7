import { describe, expect, it } from 'vitest';
import { exerciseOf, grade, submissionWith } from './_support';

/** A right 08-multivariate file as a student writes it: predict, then the cost and the gradient over predict, then the loop over both. */
const RIGHT = `import type { LinearModel, Matrix, ModelGradient, MultiDescentOptions, MultiDescentResult } from '../types';

export function predict(X: Matrix, model: LinearModel): number[] {
  const predictions: number[] = [];
  for (let i = 0; i < X.length; i++) {
    let sum = 0;
    for (let j = 0; j < model.w.length; j++) sum += model.w[j] * X[i][j];
    predictions.push(sum + model.b);
  }
  return predictions;
}

export function computeCostMulti(X: Matrix, y: readonly number[], model: LinearModel): number {
  const p = predict(X, model);
  let total = 0;
  for (let i = 0; i < X.length; i++) total += (y[i] - p[i]) ** 2;
  return total / X.length;
}

export function computeGradientMulti(X: Matrix, y: readonly number[], model: LinearModel): ModelGradient {
  const p = predict(X, model);
  const dw = model.w.map(() => 0);
  let db = 0;
  for (let i = 0; i < X.length; i++) {
    const r = y[i] - p[i];
    for (let j = 0; j < dw.length; j++) dw[j] += X[i][j] * r;
    db += r;
  }
  return { dw: dw.map((s) => (-2 / X.length) * s), db: (-2 / X.length) * db };
}

export function gradientDescentMulti(X: Matrix, y: readonly number[], options: MultiDescentOptions): MultiDescentResult {
  let w = [...options.initial.w];
  let b = options.initial.b;
  const costs = [computeCostMulti(X, y, { w, b })];
  for (let k = 0; k < options.iterations; k++) {
    const g = computeGradientMulti(X, y, { w, b });
    w = w.map((v, j) => v - options.learningRate * g.dw[j]);
    b = b - options.learningRate * g.db;
    costs.push(computeCostMulti(X, y, { w, b }));
  }
  return { model: { w, b }, costs };
}
`;

/** The right file with each `[from, to]` replaced, every one of them found. */
function slipped(...changes: [string, string][]): string {
  return changes.reduce((source, [from, to]) => {
    if (!source.includes(from)) throw new Error(`the right file has no ${from}`);
    return source.replace(from, to);
  }, RIGHT);
}

/** The mistakes issue 17 names for 08, each written the way a student would, and named with its words. */
describe('08-multivariate’s named mistakes', () => {
  it.each([
    [
      'predict without b',
      slipped(['predictions.push(sum + model.b);', 'predictions.push(sum);']),
      'predict-drops-b',
      /leaves out the intercept b/,
    ],
    [
      'a transposed index in predict, X[j][i]',
      slipped(['sum += model.w[j] * X[i][j];', 'sum += model.w[j] * X[j][i];']),
      'predict-transposed',
      /swaps the indices of X/,
    ],
    [
      'w indexed by row',
      slipped(['sum += model.w[j] * X[i][j];', 'sum += model.w[i] * X[i][j];']),
      'predict-w-by-row',
      /indexes the weights by the row/,
    ],
    [
      'a transposed index in the gradient',
      slipped(['dw[j] += X[i][j] * r;', 'dw[j] += X[j][i] * r;']),
      'gradient-transposed',
      /swaps the indices of X/,
    ],
    [
      'the gradient’s 1/N missing',
      slipped([
        '{ dw: dw.map((s) => (-2 / X.length) * s), db: (-2 / X.length) * db }',
        '{ dw: dw.map((s) => -2 * s), db: -2 * db }',
      ]),
      'gradient-sum-not-mean',
      /leaves out the 1\/N/,
    ],
    [
      'the gradient’s 2 missing',
      slipped([
        '{ dw: dw.map((s) => (-2 / X.length) * s), db: (-2 / X.length) * db }',
        '{ dw: dw.map((s) => (-1 / X.length) * s), db: (-1 / X.length) * db }',
      ]),
      'missing-factor-2',
      /leaves out the factor 2/,
    ],
    [
      '(ŷ − y) with −2/N',
      slipped(['const r = y[i] - p[i];', 'const r = p[i] - y[i];']),
      'gradient-sign',
      /wrong sign: ŷ − y/,
    ],
    [
      'dw_j with x_i0 for every j',
      slipped(['dw[j] += X[i][j] * r;', 'dw[j] += X[i][0] * r;']),
      'dw-first-feature',
      /first feature x_i0/,
    ],
    [
      'db with dw₀’s x factor',
      slipped(['    db += r;\n', '    db += X[i][0] * r;\n']),
      'db-times-first-feature',
      /as dw₀ does/,
    ],
    [
      'a sequential update: b’s derivative at the new w',
      slipped([
        '    b = b - options.learningRate * g.db;',
        '    b = b - options.learningRate * computeGradientMulti(X, y, { w, b }).db;',
      ]),
      'sequential-update',
      /updates w first/,
    ],
    [
      'costs recorded before each step',
      slipped(
        ['const costs = [computeCostMulti(X, y, { w, b })];', 'const costs: number[] = [];'],
        [
          '    const g = computeGradientMulti(X, y, { w, b });',
          '    costs.push(computeCostMulti(X, y, { w, b }));\n    const g = computeGradientMulti(X, y, { w, b });',
        ],
        ['    costs.push(computeCostMulti(X, y, { w, b }));\n  }', '  }'],
      ),
      'cost-before-each-step',
      /before each step/,
    ],
    [
      'the initial cost missing',
      slipped(['const costs = [computeCostMulti(X, y, { w, b })];', 'const costs: number[] = [];']),
      'missing-initial-cost',
      /missing the cost before the first step/,
    ],
    [
      'a hard-coded learning rate',
      slipped(
        ['w.map((v, j) => v - options.learningRate * g.dw[j])', 'w.map((v, j) => v - 0.01 * g.dw[j])'],
        ['b - options.learningRate * g.db', 'b - 0.01 * g.db'],
      ),
      'hardcoded-rate',
      /η = 0\.01 whatever options\.learningRate says/,
    ],
    ['a cost with ½', slipped(['return total / X.length;', 'return total / (2 * X.length);']), 'half-cost', /factor ½/],
  ])('%s', async (_, source, slug, words) => {
    const result = await grade(submissionWith(`multivariate-${slug}`, { '08-multivariate': source }), {
      exercises: ['08-multivariate'],
    });
    const graded = exerciseOf(result, '08-multivariate');
    expect(graded.score).toBeLessThan(graded.maxScore);
    expect(graded.diagnosis?.id).toBe(`08-multivariate/${slug}`);
    expect(graded.diagnosis?.name).toMatch(words);
  });
});
