import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../grader/data/paths';
import { readPenguins } from '../../grader/data/penguins';
import {
  DESCENT_EXAMPLES,
  MULTI_EXAMPLES,
  PREDICT_EXAMPLES,
} from '../../grader/shipped/exercises/08-multivariate/grading/checks';
import { multiStableLearningRate } from '../../grader/shipped/exercises/08-multivariate/grading/expectations';
import {
  computeCostMulti,
  computeGradientMulti,
  gradientDescentMulti,
  predict,
} from '../../solutions/08-multivariate/multivariate';
import { normalEquation } from '../../solutions/09-normal-equation/normal-equation';

/**
 * 08-multivariate's README, read as text: its worked example is the first fixed input of each
 * worked-example check, and the reference answers what it says; its figures on the penguins are
 * the reference's.
 */
const README = readFileSync(join(KIT_ROOT, 'exercises', '08-multivariate', 'README.md'), 'utf8').replace(/−/g, '-');

function section(heading: string): string {
  const found = new RegExp(String.raw`^## ${heading}\n([\s\S]*?)(?=^## )`, 'm').exec(README);
  if (!found) throw new Error(`the README has no "## ${heading}" section`);
  return found[1];
}

/** A value the README writes in a code span, such as `[1, 2]` or `{ w: [1, 0.5], b: 0.5 }`. */
const parsed = (code: string): unknown => JSON.parse(code.replace(/(\w+):/g, '"$1":'));

/** The code span after `label` (a literal piece of text). */
function quoted(text: string, label: string): unknown {
  const at = text.indexOf(label);
  if (at < 0) throw new Error(`no "${label}" in the worked example`);
  const found = /`([^`]+)`/.exec(text.slice(at + label.length));
  if (!found) throw new Error(`no code span after "${label}"`);
  return parsed(found[1]);
}

/** `name = value` in a code span. */
function assigned(text: string, name: string): unknown {
  const found = new RegExp(String.raw`\`${name} = ([^\`]+)\``).exec(text);
  if (!found) throw new Error(`no \`${name} = …\` in the worked example`);
  return parsed(found[1]);
}

const number = (text: string, label: string): number => {
  const found = new RegExp(String.raw`${label}\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)`).exec(text);
  if (!found) throw new Error(`no number after "${label}"`);
  return Number(found[1]);
};

const close = (actual: number, written: number) =>
  expect(Math.abs(actual - written)).toBeLessThanOrEqual(
    0.5 * 10 ** -(String(written).split('.')[1]?.length ?? 0) + 1e-12,
  );

describe('08-multivariate’s README', () => {
  const text = section('Worked example');
  const X = assigned(text, 'X') as number[][];
  const y = assigned(text, 'y') as number[];
  const model = assigned(text, 'model') as { w: number[]; b: number };
  const call = /`gradientDescentMulti\(X, y, \{ initial: model, learningRate: ([\d.]+), iterations: (\d+) \}\)`/.exec(
    text,
  );

  it('gives as its worked example the first fixed input of each worked-example check', () => {
    expect(PREDICT_EXAMPLES[0]).toEqual({ X, model });
    expect(MULTI_EXAMPLES[0]).toEqual({ X, y, model });
    expect(call).not.toBeNull();
    expect(DESCENT_EXAMPLES[0]).toEqual({
      X,
      y,
      initial: model,
      learningRate: Number(call![1]),
      iterations: Number(call![2]),
    });
  });

  it('writes the reference’s answers on it', () => {
    expect(predict(X, model)).toEqual(quoted(text, '`predict(X, model)` returns'));
    expect(computeCostMulti(X, y, model)).toBe(number(text, 'returns 1.5 / 4 = \\*\\*'));
    expect(computeGradientMulti(X, y, model)).toEqual(quoted(text, '`computeGradientMulti(X, y, model)` returns'));
    const run = gradientDescentMulti(X, y, {
      initial: model,
      learningRate: Number(call![1]),
      iterations: Number(call![2]),
    });
    expect(run).toEqual(quoted(text, 'and returns'));
    expect(multiStableLearningRate(X)).toBeCloseTo(number(text, 'limit 2/λmax ≈'), 4);
  });

  it('quotes the reference’s figures on the raw penguins', () => {
    const penguins = section('Several scales: the penguins');
    const table = readPenguins();
    const [PX, Py] = [table.X.map((row) => [...row]), [...table.y]];
    const limit = multiStableLearningRate(PX);
    expect(table.dropped).toBe(2);
    close(2 / limit, number(penguins, 'λmax ≈'));
    close(limit, number(penguins, 'below 2/λmax ≈'));
    const run = gradientDescentMulti(PX, Py, {
      initial: { w: [0, 0, 0], b: 0 },
      learningRate: limit / 2,
      iterations: 1000,
    });
    close(run.costs[0], number(penguins, 'the cost falls from'));
    close(run.costs[1], number(penguins, 'falls from\\s+[\\d.]+ to'));
    close(run.costs[1000], number(penguins, 'is still'));
    close(run.model.b, number(penguins, 'with b ≈'));
    const best = normalEquation(PX, Py);
    close(best.b, number(penguins, 'has b ≈'));
    close(computeCostMulti(PX, Py, best), number(penguins, 'and cost ≈'));
  });
});
