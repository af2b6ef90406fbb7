import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../grader/data/paths';
import { readSubmission } from '../../grader/shipped/submission/read-submission';
import { CORRECT_DIR, CORRECT_STYLES, exerciseOf, grade, submissionWith } from './_support';

const EXERCISE = '10-mini-batch';
const FILE = 'mini-batch.ts';
const STYLES = CORRECT_STYLES.filter((style) => existsSync(join(CORRECT_DIR, style, EXERCISE, FILE)));
const styleSource = (style: string) => readFileSync(join(CORRECT_DIR, style, EXERCISE, FILE), 'utf8');

describe('10-mini-batch: correct styles', () => {
  it('at least 6 styles implement it: index loops, slices per batch, a generator of batches, typed arrays, reduce, a class', () => {
    expect(STYLES.length).toBeGreaterThanOrEqual(6);
    expect(STYLES).toEqual(
      expect.arrayContaining(['index-loops', 'map-style', 'for-of-inline', 'typed-arrays', 'reduce', 'class-closure']),
    );
    expect(styleSource('map-style')).toMatch(/\.slice\(start, start \+ batchSize\)/);
    expect(styleSource('for-of-inline')).toMatch(/function\* batchesOf/);
    expect(styleSource('typed-arrays')).toMatch(/Float64Array/);
    expect(styleSource('class-closure')).toMatch(/class MiniBatchTrainer/);
    expect(styleSource('divide-inside-loop').match(/options\.order\(epoch\)/g)?.length).toBeGreaterThan(1);
  });

  it.each(STYLES.flatMap((style) => [7, 20261208].map((seed) => [style, seed] as const)))(
    'correct/%s gets full marks on 10 and is never diagnosed (seed %i)',
    async (style, seed) => {
      const graded = exerciseOf(
        await grade(readSubmission(join(CORRECT_DIR, style), `correct-${style}`), { exercises: [EXERCISE], seed }),
        EXERCISE,
      );
      expect(graded.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
      expect(graded.score).toBe(graded.maxScore);
      expect(graded.diagnosis).toBeUndefined();
      expect(graded.unrecognised).toBeUndefined();
    },
  );
});

/** 08's reference with the factor 2 left out of its gradient: a broken foundation. */
const BROKEN_08 = readFileSync(join(KIT_ROOT, 'solutions', '08-multivariate', 'multivariate.ts'), 'utf8').replace(
  'return { dw: sums.xr.map((s) => (-2 * s) / X.length), db: (-2 * sums.r) / X.length };',
  'return { dw: sums.xr.map((s) => -s / X.length), db: -sums.r / X.length };',
);

describe('10-mini-batch over a broken 08: the root cause', () => {
  const both = { exercises: ['08-multivariate', EXERCISE] as const };

  it('a 10 whose only fault is calling the student’s own broken 08 is graded in isolation and keeps its marks', async () => {
    expect(BROKEN_08).toContain('-s / X.length');
    const result = await grade(
      submissionWith('over-broken-08', { '08-multivariate': BROKEN_08, [EXERCISE]: styleSource('class-closure') }),
      { exercises: [...both.exercises] },
    );
    const foundation = exerciseOf(result, '08-multivariate');
    const own = exerciseOf(result, EXERCISE);
    expect(foundation.score).toBeLessThan(foundation.maxScore);
    expect(foundation.diagnosis?.id).toBe('08-multivariate/missing-factor-2');
    expect(own.score).toBe(own.maxScore);
    expect(own.rootCause).toMatchObject({ brokenDependency: '08-multivariate', gradedInIsolation: true });
    expect(own.rootCause?.message).toMatch(/uses your computeGradientMulti|uses your .*\(08-multivariate\)/);
    expect(own.diagnosis).toBeUndefined();
  });

  it('the same 10 over a correct 08 needs no isolation', async () => {
    const own = exerciseOf(
      await grade(submissionWith('over-08', { [EXERCISE]: styleSource('class-closure') }), {
        exercises: [...both.exercises],
      }),
      EXERCISE,
    );
    expect(own.score).toBe(own.maxScore);
    expect(own.rootCause).toBeUndefined();
  });

  it('a 10 with a mistake of its own over a broken 08 keeps its loss, and its own mistake is named', async () => {
    const dividesByN = styleSource('class-closure').replace(
      'const eta = this.options.learningRate;',
      'const eta = (this.options.learningRate * rows.length) / this.X.length;',
    );
    expect(dividesByN).not.toBe(styleSource('class-closure'));
    const own = exerciseOf(
      await grade(
        submissionWith('own-mistake-over-broken-08', { '08-multivariate': BROKEN_08, [EXERCISE]: dividesByN }),
        {
          exercises: [...both.exercises],
        },
      ),
      EXERCISE,
    );
    expect(own.score).toBeLessThan(own.maxScore);
    expect(own.rootCause).toMatchObject({ brokenDependency: '08-multivariate', gradedInIsolation: false });
    expect(own.diagnosis?.id).toBe(`${EXERCISE}/batch-gradient-over-n`);
  });
});
