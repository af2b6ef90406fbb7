import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LinearModel, Matrix } from '../../exercises/types';
import { KIT_ROOT, SEED_DATA_CSV } from '../../grader/data/paths';
import { readPointsCsv } from '../../grader/data/read-points';
import type { CheckInput } from '../../grader/shipped/checks/check';
import { scalingChecks } from '../../grader/shipped/exercises/07-feature-scaling/grading/checks';
import { leastSquares } from '../../solutions/06-learning-rate/learning-rate';
import { fitScaler, scaleFeatures, unscaleModel } from '../../solutions/07-feature-scaling/feature-scaling';
import { computeGradientMulti, gradientDescentMulti } from '../../solutions/08-multivariate/multivariate';

/**
 * 07-feature-scaling's README says what the reference computes: every call of its worked example
 * is one of the worked-example checks' fixed inputs and returns what the README writes, and the
 * iteration counts it quotes for data.csv are the ones the reference solutions take.
 */

const README = readFileSync(join(KIT_ROOT, 'exercises', '07-feature-scaling', 'README.md'), 'utf8').replace(/−/g, '-');

function section(title: string): string {
  const found = new RegExp(String.raw`^## ${title}\n([\s\S]*?)(?=^## )`, 'm').exec(README);
  if (!found) throw new Error(`the README has no "## ${title}" section`);
  return found[1];
}

/** The rows of the first Markdown table whose header starts with `| i |`: X[i][j] by column. */
function tableX(text: string): number[][] {
  const lines = text.split('\n').filter((line) => line.startsWith('|'));
  const start = lines.findIndex((line) => /^\| i \|/.test(line));
  const rows: number[][] = [];
  for (const line of lines.slice(start + 2)) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (!/^\d+$/.test(cells[0])) break;
    rows.push(cells.slice(1).map(Number));
  }
  return rows;
}

/** Each "`call` returns `value`" of the section: the call's code and the value, read as JSON. */
function callsAndAnswers(text: string): { code: string; answer: unknown }[] {
  return [...text.matchAll(/`((?:fitScaler|scaleFeatures|unscaleModel)\([^`]*\))` returns `([^`]+)`/g)].map((m) => ({
    code: m[1],
    answer: JSON.parse(m[2].replace(/(\w+):/g, '"$1":')),
  }));
}

const FUNCTIONS = ['fitScaler', 'scaleFeatures', 'unscaleModel'] as const;

/** A README call evaluated with `X` and `scaler` bound, by the given functions. */
function evaluate(code: string, functions: readonly unknown[], X: Matrix, scaler: unknown): unknown {
  // The README is the kit's own text; its code spans are the calls a student would type.
  const call = new Function(...FUNCTIONS, 'X', 'scaler', `return ${code};`);
  return call(...functions, X, scaler);
}

function examplesOf(id: string): readonly CheckInput[] {
  const check = scalingChecks.find((c) => c.id === `07-feature-scaling/${id}`);
  if (!check) throw new Error(`no check ${id}`);
  expect(check.title).toMatch(/matches the worked examples/);
  return check.examples ?? [];
}

function expectClose(actual: unknown, expected: unknown): void {
  if (typeof expected === 'number') return void expect(actual as number).toBeCloseTo(expected, 12);
  if (Array.isArray(expected)) {
    expect(actual).toHaveLength(expected.length);
    return expected.forEach((e, i) => expectClose((actual as unknown[])[i], e));
  }
  const record = expected as Record<string, unknown>;
  expect(Object.keys(actual as object).sort()).toEqual(Object.keys(record).sort());
  for (const key of Object.keys(record)) expectClose((actual as Record<string, unknown>)[key], record[key]);
}

describe('07-feature-scaling’s README: the worked example', () => {
  const text = section('Worked example');
  const X = tableX(text);
  const scaler = fitScaler(X);
  const calls = callsAndAnswers(text);

  it('reads a table of five rows and the five calls with their answers', () => {
    expect(X).toHaveLength(5);
    expect(calls.map((c) => c.code.split('(')[0])).toEqual([
      'fitScaler',
      'scaleFeatures',
      'scaleFeatures',
      'unscaleModel',
      'fitScaler',
    ]);
  });

  it('every answer is the reference’s', () => {
    for (const { code, answer } of calls)
      expectClose(evaluate(code, [fitScaler, scaleFeatures, unscaleModel], X, scaler), answer);
  });

  it('every call is one of the worked-example checks’ inputs', () => {
    const recorded =
      (fn: string) =>
      (...args: unknown[]) => ({ fn, args });
    const inputs: Record<string, (args: unknown[]) => CheckInput> = {
      fitScaler: ([X]) => ({ X }),
      scaleFeatures: ([X, scaler]) => ({ X, scaler }),
      unscaleModel: ([model, scaler]) => ({ model, scaler }),
    };
    const checkOf = { fitScaler: 'fit', scaleFeatures: 'scale', unscaleModel: 'unscale' } as const;
    for (const { code } of calls) {
      const { fn, args } = evaluate(code, FUNCTIONS.map(recorded), X, {
        mean: [...scaler.mean],
        std: [...scaler.std],
      }) as {
        fn: (typeof FUNCTIONS)[number];
        args: unknown[];
      };
      expect(examplesOf(`${checkOf[fn]}-worked-examples`)).toContainEqual(inputs[fn](args));
    }
  });

  it('the row-0 predictions it works out by hand agree, scaled and raw', () => {
    const raw = unscaleModel({ w: [4, 1], b: 50 }, scaler);
    const z = scaleFeatures(X, scaler)[0];
    expect(4 * z[0] + 1 * z[1] + 50).toBe(44.5);
    expect(raw.w[0] * X[0][0] + raw.w[1] * X[0][1] + raw.b).toBeCloseTo(44.5, 12);
  });
});

describe('07-feature-scaling’s README: data.csv, scaled and raw', () => {
  const text = section('Scaling data.csv');
  const points = readPointsCsv(SEED_DATA_CSV);
  const X = points.map((p) => [p.x]);
  const y = points.map((p) => p.y);
  const scaler = fitScaler(X);
  const Z = scaleFeatures(X, scaler);
  const best = leastSquares(points);
  const reached = (model: LinearModel) =>
    Math.abs(model.w[0] - best.m) <= 1e-9 * Math.abs(best.m) && Math.abs(model.b - best.b) <= 1e-9 * Math.abs(best.b);

  /** 08's descent step by step (its update, on its gradient) until the model, read as a line on the raw x, is within 1e−9 of 06's. */
  function iterationsToOptimum(
    table: Matrix,
    learningRate: number,
    asRaw: (model: LinearModel) => LinearModel,
  ): number {
    let model: LinearModel = { w: [0], b: 0 };
    for (let k = 0; k < 5_000_000; k++) {
      if (reached(asRaw(model))) return k;
      const { dw, db } = computeGradientMulti(table, y, model);
      model = { w: model.w.map((wj, j) => wj - learningRate * dw[j]), b: model.b - learningRate * db };
    }
    throw new Error(`no convergence at η = ${learningRate}`);
  }

  const quoted = [...text.matchAll(/^\| (scaled|raw) \| ([\d.]+) \| \*\*(\d+)\*\* \|$/gm)].map((m) => ({
    feature: m[1] as 'scaled' | 'raw',
    learningRate: Number(m[2]),
    iterations: Number(m[3]),
  }));

  it('quotes three runs: two on the scaled feature, one on the raw', () => {
    expect(quoted.map((q) => q.feature)).toEqual(['scaled', 'scaled', 'raw']);
  });

  it('quotes the scaler of data.csv and 06’s line', () => {
    expect(text).toContain(`mean ≈ ${scaler.mean[0].toFixed(2)} and std ≈ ${scaler.std[0].toFixed(2)}`);
    expect(text).toContain(`m ≈ ${best.m.toFixed(5)}, b ≈ ${best.b.toFixed(5)}`);
  });

  it.each([0, 1])(
    'run %i on the scaled feature takes the iterations it quotes, as 08’s gradientDescentMulti runs them',
    (i) => {
      const { learningRate, iterations } = quoted[i];
      const asRaw = (model: LinearModel) => unscaleModel(model, scaler);
      expect(iterationsToOptimum(Z, learningRate, asRaw)).toBe(iterations);
      const ran = (k: number) =>
        gradientDescentMulti(Z, y, { initial: { w: [0], b: 0 }, learningRate, iterations: k }).model;
      expect(reached(asRaw(ran(iterations)))).toBe(true);
      expect(reached(asRaw(ran(iterations - 1)))).toBe(false);
    },
  );

  it('the run on the raw feature takes the iterations it quotes, and is still far away after the seeds’ 1000', () => {
    const raw = quoted[2];
    expect(iterationsToOptimum(X, raw.learningRate, (model) => model)).toBe(raw.iterations);
    const seeds = gradientDescentMulti(X, y, {
      initial: { w: [0], b: 0 },
      learningRate: raw.learningRate,
      iterations: 1000,
    });
    expect(seeds.model.b).toBeCloseTo(0.0889, 4);
    expect(text).toContain(`b ≈ ${seeds.model.b.toFixed(4)}`);
    expect(text).toContain(`m ≈ ${seeds.model.w[0].toFixed(4)}`);
  });
});
