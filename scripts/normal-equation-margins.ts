/**
 * How far inside or outside 09-normal-equation's tolerance each method lands, on samples of each
 * check's own inputs: the table of docs/grading-notes.md, "09: the conditioning of the centred X".
 * For each method (the reference, every correct style of tests/fixtures/correct, every file of
 * tests/fixtures/fragile/09-normal-equation) and each family of inputs it prints the worst
 * |answer − expected| / tolerance over w and b, and in brackets how many inputs were past 1.
 * `--exact` measures against the exact answer (rational arithmetic) instead of the reference.
 * Run: node -r ts-node/register/transpile-only scripts/normal-equation-margins.ts [--exact]
 */
import fc from 'fast-check';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LinearModel, Matrix } from '../exercises/types';
import { KIT_ROOT } from '../grader/data/paths';
import { readPenguins } from '../grader/data/penguins';
import { largeFeatureData } from '../grader/shipped/checks/arbitraries';
import { normalEquationTolerance } from '../grader/shipped/checks/tolerance';
import { centredScale } from '../grader/shipped/exercises/09-normal-equation/conditioning';
import { conditionedData, FAR_FROM_ORIGIN } from '../grader/shipped/exercises/09-normal-equation/grading/hard-cases';
import { dataInputs, type DataInput } from '../grader/shipped/exercises/09-normal-equation/public-checks';
import { normalEquation } from '../solutions/09-normal-equation/normal-equation';
import { exactLeastSquares } from '../tests/diagnosis/_exact-least-squares';

type Method = (X: Matrix, y: readonly number[]) => LinearModel;

const FIXTURES = join(KIT_ROOT, 'tests', 'fixtures');
const FILE = join('09-normal-equation', 'normal-equation.ts');

function methods(): Record<string, Method> {
  const found: Record<string, Method> = { reference: normalEquation };
  for (const style of readdirSync(join(FIXTURES, 'correct')).sort()) {
    const path = join(FIXTURES, 'correct', style, FILE);
    if (existsSync(path)) found[`correct/${style}`] = require(path).normalEquation;
  }
  const fragile = join(FIXTURES, 'fragile', '09-normal-equation');
  for (const file of readdirSync(fragile).sort())
    found[`fragile/${file.replace(/\.ts$/, '')}`] = require(join(fragile, file)).normalEquation;
  return found;
}

function penguinTables(): fc.Arbitrary<DataInput> {
  const table = readPenguins();
  return fc
    .record({ count: fc.integer({ min: 30, max: 342 }), columns: fc.subarray([0, 1, 2], { minLength: 1 }) })
    .chain(({ count, columns }) =>
      fc
        .shuffledSubarray(
          table.X.map((_, k) => k),
          { minLength: count, maxLength: count },
        )
        .map((rows) => ({ X: rows.map((k) => columns.map((j) => table.X[k][j])), y: rows.map((k) => table.y[k]) })),
    );
}

/** The worst error in tolerances of `method` over `inputs`, and how many inputs it fails. */
function worstOf(method: Method, inputs: readonly DataInput[], exact: boolean): { worst: number; failing: number } {
  let worst = 0;
  let failing = 0;
  for (const { X, y } of inputs) {
    const expected = exact ? exactLeastSquares(X, y) : normalEquation(X, y);
    const tolerance = normalEquationTolerance(centredScale(X, y), expected);
    let answer: LinearModel;
    try {
      answer = method(X, y);
    } catch {
      answer = { w: X[0].map(() => NaN), b: NaN };
    }
    const error = Math.max(
      ...expected.w.map((w, j) => Math.abs(answer.w[j] - w) / tolerance.w[j]),
      Math.abs(answer.b - expected.b) / tolerance.b,
    );
    const ratio = Number.isNaN(error) ? Infinity : error;
    worst = Math.max(worst, ratio);
    if (ratio > 1) failing++;
  }
  return { worst, failing };
}

function main(): void {
  const exact = process.argv.includes('--exact');
  const families: Record<string, readonly DataInput[]> = {
    small: fc.sample(dataInputs, { seed: 11, numRuns: 300 }),
    large: fc.sample(largeFeatureData, { seed: 12, numRuns: 150 }),
    penguins: fc.sample(penguinTables(), { seed: 13, numRuns: 60 }),
    conditioned: fc.sample(conditionedData, { seed: 14, numRuns: 300 }),
    'far from 0': FAR_FROM_ORIGIN,
  };
  const names = Object.keys(families);
  console.log(['method'.padEnd(50), ...names.map((f) => `${f} (${families[f].length})`.padEnd(20))].join(''));
  for (const [name, method] of Object.entries(methods())) {
    const cells = names.map((family) => {
      const { worst, failing } = worstOf(method, families[family], exact);
      return `${worst.toExponential(1)} (${failing})`.padEnd(20);
    });
    console.log([name.padEnd(50), ...cells].join(''));
  }
}

main();
