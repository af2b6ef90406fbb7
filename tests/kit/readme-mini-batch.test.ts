import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LinearModel } from '../../exercises/types';
import { KIT_ROOT } from '../../grader/data/paths';
import { SEED_DATA_CSV } from '../../grader/data/paths';
import { readPointsCsv } from '../../grader/data/read-points';
import { README_RUN } from '../../grader/shipped/exercises/10-mini-batch/grading/checks';
import { miniBatchExpectation } from '../../grader/shipped/exercises/10-mini-batch/grading/expectations';
import { epochOrder, miniBatchStableRate } from '../../grader/shipped/exercises/10-mini-batch/public-checks';
import { computeCostMulti, gradientDescentMulti } from '../../solutions/08-multivariate/multivariate';
import { miniBatchGradientDescent } from '../../solutions/10-mini-batch/mini-batch';

/**
 * 10-mini-batch's README quotes numbers from the reference: the worked example's table, orders,
 * steps, costs and final model, the same call at batchSize ≥ N (08's descent), and the data.csv run.
 * Each is read from the text and computed again here, and the worked example is the first input of
 * the worked-examples check, so the README and the kit cannot drift apart.
 */
const readme = readFileSync(join(KIT_ROOT, 'exercises', '10-mini-batch', 'README.md'), 'utf8').replace(/−/g, '-');
const section = /^## Worked example\n([\s\S]*?)(?=^## )/m.exec(readme)![1];
const tolerance = /^## Tolerance\n([\s\S]*?)(?=^## )/m.exec(readme)![1];
const NUMBER = String.raw`-?\d+(?:\.\d+)?(?:e-?\d+)?`;
const numbers = (text: string) => [...text.matchAll(new RegExp(NUMBER, 'g'))].map((m) => Number(m[0]));

/** The markdown table whose header starts with `first`, as rows of cells. */
function tableStartingWith(first: string): string[][] {
  const lines = section.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${first}`));
  const end = lines.findIndex((line, k) => k > start && !line.startsWith('|'));
  return lines.slice(start + 2, end).map((row) =>
    row
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim()),
  );
}

/** A model the README quotes in a code span after `after`, such as `{ w: [1, 2], b: 3 }`. */
function quotedModel(after: string): LinearModel {
  const m = new RegExp(String.raw`${after}[\s\S]*?\`model = (\{[^\`]+\})\``).exec(section);
  if (!m) throw new Error(`no model quoted after "${after}"`);
  return JSON.parse(m[1].replace(/(\w+):/g, '"$1":'));
}
function quotedCosts(after: string): number[] {
  const m = new RegExp(String.raw`${after}[\s\S]*?\`costs = \[([^\]]+)\]\``).exec(section);
  if (!m) throw new Error(`no costs quoted after "${after}"`);
  return numbers(m[1]);
}

const order = epochOrder({ permutations: README_RUN.orders });
const run = (batchSize: number) =>
  miniBatchGradientDescent(README_RUN.X, README_RUN.y, { ...README_RUN, batchSize, order });

describe('10-mini-batch README: the worked example', () => {
  it('is the first worked example the check grades, with the table, rate, batch size and orders it writes', () => {
    const rows = tableStartingWith('x₁').map((cells) => cells.map(Number));
    expect(rows.map((r) => r.slice(0, 2))).toEqual(README_RUN.X);
    expect(rows.map((r) => r[2])).toEqual(README_RUN.y);
    expect(section).toContain(
      `η = ${README_RUN.learningRate}, batches of ${README_RUN.batchSize} rows and ${README_RUN.epochs}`,
    );
    README_RUN.orders.forEach((o, e) => expect(section).toContain(`\`order(${e})\` = [${o.join(', ')}]`));
  });

  it('writes each step of epoch 0 as the reference takes it: batch, model before, gradient, model after', () => {
    const rows = tableStartingWith('step');
    let model: LinearModel = README_RUN.initial;
    const rowsOf = README_RUN.orders[0];
    rows.forEach((cells, k) => {
      const batch = rowsOf.slice(k * README_RUN.batchSize, (k + 1) * README_RUN.batchSize);
      expect(numbers(cells[1]), `step ${k + 1}'s batch`).toEqual(batch);
      expect(numbers(cells[2])).toEqual(model.w);
      expect(Number(cells[3])).toBe(model.b);
      const one = miniBatchGradientDescent(
        batch.map((i) => README_RUN.X[i]),
        batch.map((i) => README_RUN.y[i]),
        { ...README_RUN, initial: model, epochs: 1, batchSize: batch.length, order: () => batch.map((_, i) => i) },
      ).model;
      const gradient = {
        dw: model.w.map((w, j) => (w - one.w[j]) / README_RUN.learningRate),
        db: (model.b - one.b) / README_RUN.learningRate,
      };
      expect(numbers(cells[4])).toEqual(gradient.dw);
      expect(Number(cells[5])).toBe(gradient.db);
      expect(numbers(cells[6])).toEqual(one.w);
      expect(Number(cells[7])).toBe(one.b);
      model = one;
    });
    expect(rows).toHaveLength(Math.ceil(README_RUN.X.length / README_RUN.batchSize));
  });

  it('quotes costs[0] and costs[1], and the reference’s whole answer, and says the models are exact', () => {
    const result = run(README_RUN.batchSize);
    expect(numbers(/costs\[0\] = J\(0, 0\) = [^*]*\*\*([^*]+)\*\*/.exec(section)![1])).toEqual([result.costs[0]]);
    expect(Number(/costs\[1\] = \*\*([^*]+)\*\*/.exec(section)![1])).toBe(result.costs[1]);
    expect(quotedModel('The reference returns')).toEqual(result.model);
    expect(quotedCosts('The reference returns')).toEqual(result.costs);
    const expected = miniBatchExpectation(README_RUN);
    expect(expected.model).toEqual(result.model);
  });

  it('at batchSize ≥ N, quotes 08’s descent of the same call', () => {
    const full = run(README_RUN.X.length);
    const descent = gradientDescentMulti(README_RUN.X, README_RUN.y, { ...README_RUN, iterations: README_RUN.epochs });
    const written = quotedModel('With `batchSize` = 5');
    written.w.forEach((w, j) => expect(full.model.w[j]).toBeCloseTo(w, 12));
    expect(full.model.b).toBe(written.b);
    expect(quotedCosts('With `batchSize` = 5')).toEqual(full.costs);
    full.costs.forEach((cost, k) => expect(Math.abs(cost - descent.costs[k])).toBeLessThanOrEqual(4e-16 * cost));
  });

  it('on data.csv, reproduces 04’s published run in any order, as it says', () => {
    const points = readPointsCsv(SEED_DATA_CSV);
    const X = points.map((p) => [p.x]);
    const y = points.map((p) => p.y);
    const reversed = X.map((_, i) => X.length - 1 - i);
    const line = /On data.csv[\s\S]*?w = \[(\S+)\], b = (\S+), cost (\S+?) in any order/.exec(section)!;
    const [w, b, cost] = [Number(line[1]), Number(line[2].replace(/,$/, '')), Number(line[3].replace(/,$/, ''))];
    for (const rows of [X.map((_, i) => i), reversed]) {
      const result = miniBatchGradientDescent(X, y, {
        initial: { w: [0], b: 0 },
        learningRate: 0.0001,
        epochs: 1000,
        batchSize: 100,
        order: () => [...rows],
      });
      expect(result.model.w[0]).toBeCloseTo(w, 4);
      expect(result.model.b).toBeCloseTo(b, 4);
      expect(result.costs.at(-1)).toBeCloseTo(cost, 2);
    }
  });
});

describe('10-mini-batch README: the tolerance', () => {
  it('the worked example runs below 1 / max‖(x, 1)‖², and its bounds are the ones the README quotes', () => {
    expect(README_RUN.learningRate).toBeLessThan(miniBatchStableRate(README_RUN.X));
    const expected = miniBatchExpectation(README_RUN);
    const [model, cost] = /final model is accepted\s+within (\S+) in each entry and the last cost within (\S+);/
      .exec(tolerance)!
      .slice(1)
      .map((v) => Number(v.replace('e-', 'e-')));
    for (const t of [...expected.modelTolerance.w, expected.modelTolerance.b])
      expect(t.toPrecision(3)).toBe(model.toPrecision(3));
    expect(expected.costBounds.at(-1)!.toPrecision(3)).toBe(cost.toPrecision(3));
    expect(computeCostMulti(README_RUN.X, README_RUN.y, README_RUN.initial)).toBe(15.8);
  });
});
