import { describe, expect, it } from 'vitest';
import {
  FIT_EXAMPLES,
  SCALE_EXAMPLES,
  UNSCALE_EXAMPLES,
} from '../../grader/shipped/exercises/07-feature-scaling/grading/checks';
import { fitScaler, scaleFeatures, unscaleModel } from '../../solutions/07-feature-scaling/feature-scaling';
import { exerciseOf, grade, submissionWith } from '../diagnosis/_support';

const EXERCISE = '07-feature-scaling';
const TYPES = `import type { LinearModel, Matrix, Scaler } from '../types';\n`;

/** Answers from a table of every public worked example's answer, and a trivial answer elsewhere. */
function memoriser(): string {
  const table = <I, A>(examples: readonly I[], key: (i: I) => unknown, answer: (i: I) => A) =>
    JSON.stringify(Object.fromEntries(examples.map((e) => [JSON.stringify(key(e)), answer(e)])));
  return (
    TYPES +
    `const FIT: Record<string, Scaler> = ${table(
      FIT_EXAMPLES,
      (e) => e.X,
      (e) => fitScaler(e.X),
    )};\n` +
    `const SCALE: Record<string, number[][]> = ${table(
      SCALE_EXAMPLES,
      (e) => [e.X, e.scaler],
      (e) => scaleFeatures(e.X, e.scaler),
    )};\n` +
    `const UNSCALE: Record<string, LinearModel> = ${table(
      UNSCALE_EXAMPLES,
      (e) => [e.model, e.scaler],
      (e) => unscaleModel(e.model, e.scaler),
    )};\n` +
    `export function fitScaler(X: Matrix): Scaler {\n  return FIT[JSON.stringify(X)] ?? { mean: X[0].map(() => 0), std: X[0].map(() => 1) };\n}\n` +
    `export function scaleFeatures(X: Matrix, scaler: Scaler): number[][] {\n  return SCALE[JSON.stringify([X, scaler])] ?? X.map((row) => [...row]);\n}\n` +
    `export function unscaleModel(model: LinearModel, scaler: Scaler): LinearModel {\n  return UNSCALE[JSON.stringify([model, scaler])] ?? { w: [...model.w], b: model.b };\n}\n`
  );
}

/**
 * 07's properties (order and duplicates, column by column, the unscaled model's predictions,
 * purity) hold for code that computes nothing, or computes a consistent wrong pair; none of them
 * may pay it. Each submission here passes some of them, and earns nothing.
 */
const SUBMISSIONS: Record<string, string> = {
  'echoes its arguments':
    TYPES +
    `export function fitScaler(X: Matrix): Scaler {\n  return { mean: [...X[0]], std: [...X[0]] };\n}\n` +
    `export function scaleFeatures(X: Matrix, scaler: Scaler): number[][] {\n  return X.map((row) => [...row]);\n}\n` +
    `export function unscaleModel(model: LinearModel, scaler: Scaler): LinearModel {\n  return { w: [...model.w], b: model.b };\n}\n`,
  'the identity scaler, and scaling and unscaling that change nothing':
    TYPES +
    `export function fitScaler(X: Matrix): Scaler {\n  return { mean: X[0].map(() => 0), std: X[0].map(() => 1) };\n}\n` +
    `export function scaleFeatures(X: Matrix, scaler: Scaler): number[][] {\n  return X.map((row) => row.map((x) => x));\n}\n` +
    `export function unscaleModel(model: LinearModel, scaler: Scaler): LinearModel {\n  return { w: model.w.map((w) => w), b: model.b };\n}\n`,
  'centring only, consistently in scaling and unscaling':
    TYPES +
    `export function fitScaler(X: Matrix): Scaler {\n  const n = X.length;\n  return { mean: X[0].map((_, j) => X.reduce((s, r) => s + r[j], 0) / n), std: X[0].map(() => 1) };\n}\n` +
    `export function scaleFeatures(X: Matrix, scaler: Scaler): number[][] {\n  return X.map((row) => row.map((x, j) => x - scaler.mean[j]));\n}\n` +
    `export function unscaleModel(model: LinearModel, scaler: Scaler): LinearModel {\n  return { w: [...model.w], b: model.b - model.w.reduce((s, w, j) => s + w * scaler.mean[j], 0) };\n}\n`,
  'a table of the public worked examples': memoriser(),
};

describe('07-feature-scaling: code that computes nothing, or only what it memorised, earns nothing', () => {
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
      }
    },
  );

  it('the table passes every public worked-example check', async () => {
    const own = exerciseOf(
      await grade(submissionWith('caps-table', { [EXERCISE]: memoriser() }), { exercises: [EXERCISE] }),
      EXERCISE,
    );
    const worked = own.checks.filter((c) => c.id.endsWith('-worked-examples'));
    expect(worked.map((c) => c.status)).toEqual(['pass', 'pass', 'pass']);
  });
});
