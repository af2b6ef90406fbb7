import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../exercises/types';
import { largeFeatureData } from '../../grader/shipped/checks/arbitraries';
import { scalerTolerance } from '../../grader/shipped/checks/tolerance';
import { FAR_FROM_ORIGIN } from '../../grader/shipped/exercises/07-feature-scaling/grading/hard-cases';
import { readSubmission } from '../../grader/shipped/submission/read-submission';
import { fitScaler } from '../../solutions/07-feature-scaling/feature-scaling';
import { CORRECT_DIR, CORRECT_STYLES, exerciseOf, grade, submissionWith } from './_support';

const EXERCISE = '07-feature-scaling';
const FILE = 'feature-scaling.ts';
const FRAGILE_DIR = join(__dirname, '..', 'fixtures', 'fragile', EXERCISE);
const STYLES = CORRECT_STYLES.filter((style) => existsSync(join(CORRECT_DIR, style, EXERCISE, FILE)));

const graded07 = async (submission: Parameters<typeof grade>[0]) =>
  exerciseOf(await grade(submission, { exercises: [EXERCISE] }), EXERCISE);

describe('07-feature-scaling: correct styles', () => {
  it('at least 6 styles implement it, among them column-major and row-major loops, map/reduce and typed arrays', () => {
    expect(STYLES.length).toBeGreaterThanOrEqual(6);
    expect(STYLES).toEqual(expect.arrayContaining(['index-loops', 'for-of-inline', 'map-style', 'typed-arrays']));
  });

  it.each(STYLES)('correct/%s gets full marks on 07 and is never diagnosed', async (style) => {
    const own = await graded07(readSubmission(join(CORRECT_DIR, style), `correct-${style}`));
    expect(own.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
    expect(own.score).toBe(own.maxScore);
    expect(own.diagnosis).toBeUndefined();
    expect(own.unrecognised).toBeUndefined();
  });
});

/** Each fragile fixture, the checks of which it must fail at least one (which ones depends on the seed's inputs), and the mistake it is named as. */
const FRAGILE: Record<string, { fails: readonly string[]; named: string }> = {
  'one-pass-mean-of-squares': { fails: ['fit-far-from-origin'], named: 'one-pass-variance' },
  'one-pass-textbook': { fails: ['fit-far-from-origin'], named: 'one-pass-variance' },
  'constant-test-on-rounded-deviation': {
    fails: ['fit-constant-columns', 'fit-standardises', 'fit-order-and-duplicates', 'fit-matches-reference'],
    named: 'constant-column-by-computed-deviation',
  },
};

describe('07-feature-scaling: fragile algorithms lose points and are named', () => {
  it('every fixture in fragile/07-feature-scaling is listed here', () => {
    expect(
      readdirSync(FRAGILE_DIR)
        .map((f) => f.replace(/\.ts$/, ''))
        .sort(),
    ).toEqual(Object.keys(FRAGILE).sort());
  });

  it.each(Object.entries(FRAGILE))('fragile/%s', async (name, { fails, named }) => {
    const source = readFileSync(join(FRAGILE_DIR, `${name}.ts`), 'utf8');
    const own = await graded07(submissionWith(`fragile-${name}`, { [EXERCISE]: source }));
    expect(own.score).toBeLessThan(own.maxScore);
    const failing = own.checks.filter((c) => c.status !== 'pass').map((c) => c.id.replace(`${EXERCISE}/`, ''));
    expect(failing.filter((id) => fails.includes(id))).not.toEqual([]);
    expect(own.diagnosis?.id).toBe(`${EXERCISE}/${named}`);
  });
});

/** The population deviation of exact binary64 values, in exact rational arithmetic, rounded once at the end. */
function exactDeviation(values: readonly number[]): number {
  const scaled = values.map((v) => {
    let [n, d] = [v, 1n];
    while (!Number.isInteger(n)) [n, d] = [n * 2, d * 2n];
    return [BigInt(n), d] as const;
  });
  const D = scaled.reduce((m, [, d]) => (d > m ? d : m), 1n);
  const integers = scaled.map(([n, d]) => n * (D / d));
  const N = BigInt(values.length);
  const sum = integers.reduce((a, b) => a + b, 0n);
  const numerator = N * integers.reduce((a, b) => a + b * b, 0n) - sum * sum; // N²·D²·variance
  const digits = 10n ** 40n;
  let root = BigInt(Math.floor(Math.sqrt(Number((numerator * digits * digits) / (N * N * D * D)))));
  const target = (numerator * digits * digits) / (N * N * D * D);
  for (let k = 0; k < 200; k++) root = (root + target / root) >> 1n;
  return Number(root) / 1e40;
}

const column = (X: Matrix, j: number) => X.map((row) => row[j]);

/** Ways of computing a column's deviation that students write. */
const STABLE: Record<string, (xs: readonly number[]) => number> = {
  'two passes': (xs) => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length);
  },
  'two passes, each term divided by N': (xs) => {
    const m = xs.reduce((a, x) => a + x / xs.length, 0);
    return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2 / xs.length, 0));
  },
  "Welford's update": (xs) => {
    let [k, m, s] = [0, 0, 0];
    for (const x of xs) {
      k++;
      const d = x - m;
      m += d / k;
      s += d * (x - m);
    }
    return Math.sqrt(s / k);
  },
  'sums shifted by the first value': (xs) => {
    let [s, q] = [0, 0];
    for (const x of xs) [s, q] = [s + (x - xs[0]), q + (x - xs[0]) ** 2];
    return Math.sqrt((q - (s * s) / xs.length) / xs.length);
  },
};

const ONE_PASS = (xs: readonly number[]) => {
  const n = xs.length;
  const [s, q] = xs.reduce(([a, b], x) => [a + x, b + x * x], [0, 0]);
  return Math.sqrt(Math.max(0, q / n - (s / n) ** 2));
};

/** |computed − exact| in units of the check's tolerance on a column's std. */
function inTolerances(X: Matrix, j: number, deviation: (xs: readonly number[]) => number): number {
  const exact = exactDeviation(column(X, j));
  return Math.abs(deviation(column(X, j)) - exact) / scalerTolerance(X, fitScaler(X)).std[j];
}

describe('07-feature-scaling: the deviation’s tolerance', () => {
  const LARGE = fc.sample(largeFeatureData, { seed: 17, numRuns: 20 }).map(({ X }) => X);
  const tables = [...FAR_FROM_ORIGIN.map(({ X }) => X), ...LARGE];

  it('the reference is within 10⁻³ of it of the exact deviation, on far-from-origin and realistic tables', () => {
    for (const X of tables)
      X[0].forEach((_, j) =>
        expect(inTolerances(X, j, (xs) => fitScaler(xs.map((x) => [x])).std[0])).toBeLessThan(1e-3),
      );
  });

  it.each(Object.keys(STABLE))('%s stays within 10⁻³ of it, on the same tables', (name) => {
    for (const X of tables) X[0].forEach((_, j) => expect(inTolerances(X, j, STABLE[name])).toBeLessThan(1e-3));
  });

  it('the one-pass mean(x²) − mean(x)² is over 100 times it on a column of every far-from-origin table', () => {
    for (const { X } of FAR_FROM_ORIGIN)
      expect(Math.max(...X[0].map((_, j) => inTolerances(X, j, ONE_PASS)))).toBeGreaterThan(100);
  });
});
