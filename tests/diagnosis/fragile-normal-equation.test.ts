import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LinearModel } from '../../exercises/types';
import { normalEquationTolerance } from '../../grader/shipped/checks/tolerance';
import { centredScale } from '../../grader/shipped/exercises/09-normal-equation/conditioning';
import { FAR_FROM_ORIGIN } from '../../grader/shipped/exercises/09-normal-equation/grading/hard-cases';
import { normalEquation } from '../../solutions/09-normal-equation/normal-equation';
import { CORRECT_DIR, CORRECT_STYLES, exerciseOf, grade, submissionWith } from './_support';
import { exactLeastSquares } from './_exact-least-squares';

const EXERCISE = '09-normal-equation';
const FRAGILE_DIR = join(__dirname, '..', 'fixtures', 'fragile', EXERCISE);
const FRAGILE = readdirSync(FRAGILE_DIR)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
/** The checks that look at the numerics: realistic tables, nearly collinear columns, columns far from 0. */
const NUMERIC_CHECKS = ['matches-reference-large', 'matches-reference-conditioned', 'far-from-origin'].map(
  (id) => `${EXERCISE}/${id}`,
);
const STYLES_WITH_09 = CORRECT_STYLES.filter((style) => {
  try {
    readFileSync(join(CORRECT_DIR, style, EXERCISE, 'normal-equation.ts'));
    return true;
  } catch {
    return false;
  }
});

const grade09 = (source: string, id: string, seed?: number) =>
  grade(submissionWith(id, { [EXERCISE]: source }), { exercises: [EXERCISE], ...(seed ? { seed } : {}) }).then((r) =>
    exerciseOf(r, EXERCISE),
  );

/** The worst |answer − exact| / tolerance over w and b, with the check's own tolerance. */
function errorInTolerances(X: number[][], y: number[], answer: LinearModel): number {
  const exact = exactLeastSquares(X, y);
  const tolerance = normalEquationTolerance(centredScale(X, y), exact);
  return Math.max(
    ...exact.w.map((w, j) => Math.abs(answer.w[j] - w) / tolerance.w[j]),
    Math.abs(answer.b - exact.b) / tolerance.b,
  );
}

describe('09-normal-equation: tables far from the origin', () => {
  it.each(FAR_FROM_ORIGIN.map((data, i) => [i, data] as const))(
    'table %d: the reference is within 1e-2 of the tolerance of the exact answer',
    (_, { X, y }) => {
      expect(errorInTolerances(X, y, normalEquation(X, y))).toBeLessThan(1e-2);
    },
  );
});

describe('09-normal-equation: fragile algorithms lose points, and correct styles keep them', () => {
  it('there are at least six correct styles of 09', () => {
    expect(STYLES_WITH_09.length).toBeGreaterThanOrEqual(6);
  });

  it.each(FRAGILE)(
    'fragile/%s loses points on the numeric checks only, and no mistake is named for it',
    async (name) => {
      const source = readFileSync(join(FRAGILE_DIR, `${name}.ts`), 'utf8');
      const own = await grade09(source, `fragile-${name}`);
      expect(own.score).toBeLessThan(own.maxScore);
      const failing = own.checks.filter((c) => c.status !== 'pass').map((c) => c.id);
      expect(failing.filter((id) => !NUMERIC_CHECKS.includes(id))).toEqual([]);
      // Every failing message says what the tolerance was made of.
      for (const c of own.checks.filter((c) => c.status === 'fail')) expect(c.message).toMatch(/κ\(centred X\) = /);
      // Its answers on the designed probes are the reference's, so no slip of the space fits it: it is named
      // for what the numeric checks saw, a slug per failing check.
      expect(own.diagnosis?.id.split('+')).toEqual(failing.map((id) => expect.stringMatching(/\/loses-digits-/)));
      expect(own.diagnosis?.hint).toMatch(/Subtract each column’s mean/);
      // One cause seen on several kinds of data is one mistake, not "two (three) mistakes together".
      expect(own.diagnosis?.name).not.toMatch(/mistakes together/);
      if (failing.length > 1) expect(own.diagnosis?.name).toMatch(`seen on ${failing.length} kinds of data`);
    },
  );

  it.each(STYLES_WITH_09.flatMap((style) => [1, 2, 3].map((seed) => [style, seed] as const)))(
    'correct/%s keeps full marks on 09 (seed %d)',
    async (style, seed) => {
      const source = readFileSync(join(CORRECT_DIR, style, EXERCISE, 'normal-equation.ts'), 'utf8');
      const own = await grade09(source, `correct-${style}`, seed);
      expect(own.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
      expect(own.diagnosis).toBeUndefined();
    },
  );
});
