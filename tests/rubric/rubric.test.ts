import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../grader/grading';
import { CATALOGUE } from '../../grader/diagnosis/catalogue';
import { entrySubmission, referenceSubmission } from '../../grader/diagnosis/variant-submission';
import { exportsCalled, vouches } from '../../grader/engine/rubric';
import { inputsOf } from '../../grader/shipped/checks/run-check';
import { freshSeed, inputSeed } from '../../grader/shipped/checks/seeds';
import { EXERCISE_IDS } from '../../grader/shipped/contract/exercises';
import { toGradescope } from '../../grader/gradescope/results-json';
import type { CheckResult, SubmissionResult } from '../../grader/shipped/results/model';
import { readSubmission } from '../../grader/shipped/submission/read-submission';
import { CORRECT_DIR, CORRECT_STYLES, exerciseOf, grade } from '../diagnosis/_support';
import { TEST_SEED } from '../kit/support';
import { KIT_ROOT } from '../../grader/data/paths';

const SAMPLE = join(KIT_ROOT, 'examples', 'sample-class');
const checkOf = (result: SubmissionResult, id: string): CheckResult =>
  result.exercises.flatMap((e) => e.checks).find((c) => c.id === id)!;

describe('the rubric', () => {
  it('gives every export that a property or a fixed example calls a check that vouches for it: a reference comparison on inputs drawn for the run', () => {
    for (const exercise of EXERCISE_IDS) {
      const exportsOf = (check: (typeof CHECKS)[typeof exercise][number]) =>
        exportsCalled(check, inputsOf(check, inputSeed(TEST_SEED, check)));
      const vouched = new Set(CHECKS[exercise].filter(vouches).flatMap(exportsOf));
      for (const check of CHECKS[exercise].filter((c) => !vouches(c))) {
        expect(
          exportsOf(check).filter((fn) => !vouched.has(fn)),
          check.id,
        ).toEqual([]);
      }
      for (const check of CHECKS[exercise].filter(vouches))
        expect([check.kind, check.examples], check.id).toEqual(['reference', undefined]);
    }
  });

  it('holds back what a wrong export’s properties would earn, says why, and Gradescope shows it at 0 points', async () => {
    const result = await grade(readSubmission(join(SAMPLE, 'eli-missing-factor-2')));
    const zero = checkOf(result, '02-gradient/zero-on-perfect-fit');
    expect(zero).toMatchObject({ status: 'pass', points: 0, maxPoints: 2 });
    expect(zero.heldBack).toEqual({
      exports: ['computeGradient'],
      vouchers: ['02-gradient/matches-reference', '02-gradient/matches-reference-large'],
      message: expect.stringMatching(
        /^Held back: this check passed, but it pays only when computeGradient also matches the reference on fresh inputs/,
      ),
    });
    expect(exerciseOf(result, '02-gradient').score).toBe(0);
    const test = toGradescope(result).tests.find(
      (t) => t.name.endsWith(zero.title) && t.name.startsWith('02-gradient'),
    )!;
    expect(test).toMatchObject({ score: 0, max_score: 2 });
    // Its other exports, and the exercises graded over the reference's gradient, keep their points.
    expect(checkOf(result, '01-cost/non-negative')).toMatchObject({ status: 'pass', points: 1 });
    expect(checkOf(result, '01-cost/non-negative').heldBack).toBeUndefined();
    expect(exerciseOf(result, '03-step').score).toBe(15);
  });

  it('decides per export: a wrong descend() holds back its own checks only', async () => {
    const result = await grade(entrySubmission(CATALOGUE.find((e) => e.id === '05-valley/descend-adds-gradient')!));
    for (const id of ['05-valley/descend-path-shape', '05-valley/descend-diverges-above-limit'])
      expect(checkOf(result, id).heldBack?.exports, id).toEqual(['descend']);
    for (const id of [
      '05-valley/valley-worked-examples',
      '05-valley/valley-bowl',
      '05-valley/gradient-worked-examples',
      '05-valley/gradient-matches-finite-differences',
    ]) {
      expect(checkOf(result, id), id).toMatchObject({ status: 'pass', points: checkOf(result, id).maxPoints });
    }
  });

  it('holds nothing back from code that computes', async () => {
    const result = await grade(referenceSubmission());
    expect(result.score).toBe(100);
    expect(result.exercises.flatMap((e) => e.checks).filter((c) => c.heldBack)).toEqual([]);
  });

  it('decides a replayed check as the whole run did: its vouchers run too, unreported', async () => {
    const eli = readSubmission(join(SAMPLE, 'eli-missing-factor-2'));
    for (const id of ['02-gradient/zero-on-perfect-fit', '01-cost/non-negative']) {
      const whole = checkOf(await grade(eli), id);
      const replayed = await grade(eli, { onlyChecks: [id] });
      expect(replayed.exercises.flatMap((e) => e.checks.map((c) => c.id))).toEqual([id]);
      expect(replayed.exercises[0].checks[0]).toEqual(whole);
    }
  });
});

describe('on a seed drawn now', () => {
  const seed = freshSeed();

  it(`the reference and every correct style score 100 (seed ${seed})`, async () => {
    for (const submission of [
      referenceSubmission(),
      ...CORRECT_STYLES.map((style) => readSubmission(join(CORRECT_DIR, style), `correct-${style}`)),
    ]) {
      const result = await grade(submission, { seed });
      const lost = result.exercises.flatMap((e) =>
        e.checks.filter((c) => c.points < c.maxPoints).map((c) => `${c.id}: ${c.heldBack?.message ?? c.message}`),
      );
      expect(lost, `${submission.studentId}, --seed ${seed}`).toEqual([]);
    }
  }, 120_000);

  it(`every catalogued mistake loses points (seed ${seed})`, async () => {
    const fullMarks: string[] = [];
    for (const entry of CATALOGUE) {
      const result = await grade(entrySubmission(entry), { seed, explain: false, exercises: [entry.exercise] });
      if (result.score === result.maxScore) fullMarks.push(entry.id);
    }
    expect(fullMarks, `--seed ${seed}`).toEqual([]);
  }, 120_000);
});
