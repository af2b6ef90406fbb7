import { describe, expect, it } from 'vitest';
import {
  DESCENT_EXAMPLES,
  MULTI_EXAMPLES,
  PREDICT_EXAMPLES,
  PUBLISHED_RUN_MULTI,
} from '../../grader/shipped/exercises/08-multivariate/grading/checks';
import {
  computeCostMulti,
  computeGradientMulti,
  gradientDescentMulti,
  predict,
} from '../../solutions/08-multivariate/multivariate';
import { exerciseOf, grade, submissionWith } from '../diagnosis/_support';

const EXERCISE = '08-multivariate';
const TYPES = `import type { LinearModel, Matrix, ModelGradient, MultiDescentOptions, MultiDescentResult } from '../types';\n`;
const ECHO_DESCENT = `export function gradientDescentMulti(X: Matrix, y: readonly number[], options: MultiDescentOptions): MultiDescentResult {\n  return { model: options.initial, costs: new Array(options.iterations + 1).fill(computeCostMulti(X, y, options.initial)) };\n}\n`;
const LOOP = `export function gradientDescentMulti(X: Matrix, y: readonly number[], options: MultiDescentOptions): MultiDescentResult {
  let model: LinearModel = { w: [...options.initial.w], b: options.initial.b };
  const costs = [computeCostMulti(X, y, model)];
  for (let k = 0; k < options.iterations; k++) {
    const g = computeGradientMulti(X, y, model);
    model = { w: model.w.map((v, j) => v - options.learningRate * g.dw[j]), b: model.b - options.learningRate * g.db };
    costs.push(computeCostMulti(X, y, model));
  }
  return { model, costs };
}
`;

/** Answers from a table of every public worked example's answer (and the published run's), and a trivial answer elsewhere. */
function memoriser(): string {
  const table = <I, A>(examples: readonly I[], key: (i: I) => unknown, answer: (i: I) => A) =>
    JSON.stringify(Object.fromEntries(examples.map((e) => [JSON.stringify(key(e)), answer(e)])));
  const runs = [...DESCENT_EXAMPLES, PUBLISHED_RUN_MULTI];
  return (
    TYPES +
    `const PREDICT: Record<string, number[]> = ${table(
      PREDICT_EXAMPLES,
      (e) => [e.X, e.model],
      (e) => predict(e.X, e.model),
    )};\n` +
    `const COST: Record<string, number> = ${table(
      MULTI_EXAMPLES,
      (e) => [e.X, e.y, e.model],
      (e) => computeCostMulti(e.X, e.y, e.model),
    )};\n` +
    `const GRADIENT: Record<string, ModelGradient> = ${table(
      MULTI_EXAMPLES,
      (e) => [e.X, e.y, e.model],
      (e) => computeGradientMulti(e.X, e.y, e.model),
    )};\n` +
    `const RUNS: Record<string, MultiDescentResult> = ${table(
      runs,
      (e) => [e.X, e.y, e.initial, e.learningRate, e.iterations],
      (e) => gradientDescentMulti(e.X, e.y, e),
    )};\n` +
    `export function predict(X: Matrix, model: LinearModel): number[] {\n  return PREDICT[JSON.stringify([X, model])] ?? X.map(() => model.b);\n}\n` +
    `export function computeCostMulti(X: Matrix, y: readonly number[], model: LinearModel): number {\n  return COST[JSON.stringify([X, y, model])] ?? 0;\n}\n` +
    `export function computeGradientMulti(X: Matrix, y: readonly number[], model: LinearModel): ModelGradient {\n  return GRADIENT[JSON.stringify([X, y, model])] ?? { dw: model.w.map(() => 0), db: 0 };\n}\n` +
    `export function gradientDescentMulti(X: Matrix, y: readonly number[], o: MultiDescentOptions): MultiDescentResult {\n  return RUNS[JSON.stringify([X, y, o.initial, o.learningRate, o.iterations])] ?? { model: o.initial, costs: new Array(o.iterations + 1).fill(0) };\n}\n`
  );
}

/**
 * 08's properties (linearity in the model, rows' order and repeats, costs that never rise, purity)
 * hold for code that computes nothing, and the re-derivation of a descent from the student's own
 * functions accepts any loop that follows them: none of that may pay code that does not compute.
 */
const SUBMISSIONS: Record<string, string> = {
  'echoes its arguments, and a descent that returns its start':
    TYPES +
    `export function predict(X: Matrix, model: LinearModel): number[] {\n  return X.map((row) => row[0]);\n}\n` +
    `export function computeCostMulti(X: Matrix, y: readonly number[], model: LinearModel): number {\n  return model.b;\n}\n` +
    `export function computeGradientMulti(X: Matrix, y: readonly number[], model: LinearModel): ModelGradient {\n  return { dw: model.w, db: model.b };\n}\n` +
    ECHO_DESCENT,
  'zeros everywhere, a descent that returns its start with the start’s cost (it follows its own functions)':
    TYPES +
    `export function predict(X: Matrix, model: LinearModel): number[] {\n  return X.map(() => 0);\n}\n` +
    `export function computeCostMulti(X: Matrix, y: readonly number[], model: LinearModel): number {\n  return 0;\n}\n` +
    `export function computeGradientMulti(X: Matrix, y: readonly number[], model: LinearModel): ModelGradient {\n  return { dw: model.w.map(() => 0), db: 0 };\n}\n` +
    ECHO_DESCENT,
  'a table of the public worked examples and the published run': memoriser(),
};

describe('08-multivariate: code that computes nothing, or only what it memorised, earns nothing', () => {
  it.each(Object.entries(SUBMISSIONS))(
    '%s: 0 points on seeds 1 to 3, though some checks pass',
    async (name, source) => {
      for (const seed of [1, 2, 3]) {
        const own = exerciseOf(
          await grade(submissionWith(`caps-${seed}`, { [EXERCISE]: source }), { exercises: [EXERCISE], seed }),
          EXERCISE,
        );
        expect(own.checks.filter((c) => c.status === 'pass').length, name).toBeGreaterThan(0);
        expect(own.checks.filter((c) => c.points > 0).map((c) => `${c.id}: ${c.points}`)).toEqual([]);
        expect(own.score).toBe(0);
        expect(own.rootCause?.gradedInIsolation ?? false).toBe(false);
      }
    },
  );

  it('the table passes every public worked-example check and the published run', async () => {
    const own = exerciseOf(
      await grade(submissionWith('caps-table', { [EXERCISE]: memoriser() }), { exercises: [EXERCISE] }),
      EXERCISE,
    );
    const fixed = own.checks.filter((c) => c.id.endsWith('-worked-examples') || c.id.endsWith('-published-run'));
    expect(fixed.map((c) => c.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
  });

  it('a right loop over functions that compute nothing earns the loop’s points and nothing else, as 04 does over a stub 02', async () => {
    const source =
      TYPES +
      `export function predict(X: Matrix, model: LinearModel): number[] {\n  return X.map(() => 0);\n}\n` +
      `export function computeCostMulti(X: Matrix, y: readonly number[], model: LinearModel): number {\n  return model.b;\n}\n` +
      `export function computeGradientMulti(X: Matrix, y: readonly number[], model: LinearModel): ModelGradient {\n  return { dw: model.w, db: model.b };\n}\n` +
      LOOP;
    const own = exerciseOf(
      await grade(submissionWith('loop-over-echoes', { [EXERCISE]: source }), { exercises: [EXERCISE] }),
      EXERCISE,
    );
    const paying = own.checks.filter((c) => c.points > 0);
    expect(paying.every((c) => c.id.startsWith(`${EXERCISE}/descent-`))).toBe(true);
    expect(own.rootCause).toMatchObject({ gradedInIsolation: true });
  });
});
