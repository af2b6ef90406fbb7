import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../grader/grading';
import type { ExerciseResult } from '../../grader/shipped/results/model';
import { catalogueSource, exerciseOf, grade, submissionWith } from './_support';

/**
 * 08's descent over a broken 08 function is graded as 04 is over a broken 02: the fixtures of
 * tests/fixtures/within-file are whole 08-multivariate files, named by their expected outcome.
 */
const DIR = join(__dirname, '..', 'fixtures', 'within-file');
const EXERCISE = '08-multivariate';
const source = (name: string) => readFileSync(join(DIR, `${name}.ts`), 'utf8');
const graded = async (name: string, explain = true) =>
  exerciseOf(
    await grade(submissionWith(name.replace('/', '--'), { [EXERCISE]: source(name) }), {
      exercises: [EXERCISE],
      explain,
    }),
    EXERCISE,
  );

const DESCENT = new Set(CHECKS[EXERCISE].filter((c) => c.id.startsWith(`${EXERCISE}/descent-`)).map((c) => c.id));
const descentChecks = (e: ExerciseResult) => e.checks.filter((c) => DESCENT.has(c.id));
const descentPoints = (e: ExerciseResult) => descentChecks(e).reduce((s, c) => s + c.points, 0);
const descentWorth = (e: ExerciseResult) => descentChecks(e).reduce((s, c) => s + c.maxPoints, 0);
const otherPoints = (e: ExerciseResult) => e.score - descentPoints(e);

describe('04 over a broken 02, the model to follow', () => {
  it('keeps its full marks, graded in isolation, and names 02 as the root cause', async () => {
    const result = await grade(
      submissionWith('broken-02', { '02-gradient': catalogueSource('02-gradient/missing-factor-2') }),
    );
    const descent = exerciseOf(result, '04-descent');
    expect(descent.score).toBe(descent.maxScore);
    expect(descent.rootCause).toMatchObject({ brokenDependency: '02-gradient', gradedInIsolation: true });
  });
});

describe('08’s descent over its own broken predict, cost or gradient', () => {
  it.each([
    ['restored/gradient-missing-2', ['computeGradientMulti'], '08-multivariate/missing-factor-2'],
    ['restored/gradient-sign', ['computeGradientMulti'], '08-multivariate/gradient-sign'],
    ['restored/half-cost', ['computeCostMulti'], '08-multivariate/half-cost'],
    ['restored/predict-without-b', ['computeGradientMulti', 'computeCostMulti'], '08-multivariate/predict-drops-b'],
    ['restored/inline-gradient-over-predict', ['predict', 'computeCostMulti'], undefined],
  ])('%s: the descent keeps every point, and the root cause names %j', async (name, blamed, named) => {
    const [explained, raw] = await Promise.all([graded(name), graded(name, false)]);
    expect(descentPoints(raw)).toBeLessThan(descentWorth(raw));
    expect(descentChecks(explained).every((c) => c.status === 'pass' && c.points === c.maxPoints)).toBe(true);
    expect(otherPoints(explained)).toBe(otherPoints(raw));
    expect(explained.score).toBe(otherPoints(raw) + descentWorth(raw));
    expect(explained.rootCause).toMatchObject({ brokenDependency: EXERCISE, gradedInIsolation: true });
    for (const fn of blamed) expect(explained.rootCause!.message).toContain(`your ${fn}`);
    expect(explained.rootCause!.message).toMatch(/re-derived from your own functions at your own iterates/);
    expect(explained.diagnosis?.id).toBe(named);
  });

  it('scores a descent over a broken gradient as one that works its own gradient out right', async () => {
    const [over, inline] = await Promise.all([
      graded('restored/gradient-missing-2'),
      graded('unaffected/gradient-missing-2-descent-inline'),
    ]);
    expect(over.score).toBe(inline.score);
    expect(inline.rootCause).toBeUndefined();
    expect(descentPoints(inline)).toBe(descentWorth(inline));
  });

  it.each([
    ['own-mistake/dw-first-feature-hardcoded-rate', '08-multivariate/dw-first-feature+hardcoded-rate'],
    ['own-mistake/half-cost-sequential-update', '08-multivariate/half-cost+sequential-update'],
  ])('%s: a descent with a mistake of its own keeps its own score, and both are named', async (name, id) => {
    const [explained, raw] = await Promise.all([graded(name), graded(name, false)]);
    expect(explained.score).toBe(raw.score);
    expect(descentPoints(explained)).toBeLessThan(descentWorth(explained));
    expect(explained.rootCause).toMatchObject({ brokenDependency: EXERCISE, gradedInIsolation: false });
    expect(explained.rootCause!.message).toMatch(/mistake of its own/);
    expect(explained.diagnosis?.id).toBe(id);
  });

  it.each(['not-vouched/zero-gradient-echo', 'not-vouched/constant-gradient-loop', 'not-vouched/extra-weight'])(
    '%s: runs that cannot be re-derived, or cannot tell a loop from an echo, earn nothing back',
    async (name) => {
      const [explained, raw] = await Promise.all([graded(name), graded(name, false)]);
      expect(explained.score).toBe(raw.score);
      expect(explained.rootCause?.gradedInIsolation ?? false).toBe(false);
    },
  );
});
