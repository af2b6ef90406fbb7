import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS, CHECKS } from '../../grader/grading';
import { CATALOGUE } from '../../grader/diagnosis/catalogue';
import { entrySubmission, referenceSubmission } from '../../grader/diagnosis/variant-submission';
import { InProcessPort } from '../../grader/shipped/door/in-process-port';
import { CallCache, inputsOf } from '../../grader/shipped/checks/run-check';
import { inputSeed } from '../../grader/shipped/checks/seeds';
import type { ExerciseId } from '../../grader/shipped/contract/exercises';
import type { Submission } from '../../grader/shipped/submission/read-submission';
import type { CheckDefinition } from '../../grader/shipped/checks/check';
import type { SubmissionPort } from '../../grader/shipped/door/port';
import { ModelPort } from '../../grader/diagnosis/model-port';
import { generatedSpaceOf } from '../../grader/diagnosis/probes';
import { kitDefaultAssignment } from '../../grader/assignment/read-assignment';
import { TEST_SEED } from '../kit/support';
import { exerciseOf, grade, PURPOSE_BUILT } from './_support';

/**
 * No check that cannot fail: every check of the kit is failed by at least one fixture (a
 * catalogue entry, a purpose-built one for what no entry breaks, or else a member of its
 * exercise's mistake space, graded as if a student had written it). A check fails exactly when
 * one of the inputs the engine tries with the run's seed fails; shrinking only changes which
 * counterexample is shown, so it is skipped here.
 */
describe('every check can fail', () => {
  const failedBy = new Map<string, string[]>(ALL_CHECKS.map((c) => [c.id, []]));
  const fixtures: { id: string; exercise: ExerciseId; submission: () => Submission }[] = [
    ...CATALOGUE.map((e) => ({ id: e.id, exercise: e.exercise, submission: () => entrySubmission(e) })),
    ...PURPOSE_BUILT,
  ];

  const failsAny = async (port: SubmissionPort, check: CheckDefinition): Promise<boolean> => {
    const cache = new CallCache(port);
    for (const input of inputsOf(check, inputSeed(TEST_SEED, check)))
      if (!check.verify(input, await cache.callMany(check.plan(input))).pass) return true;
    return false;
  };

  beforeAll(async () => {
    for (const fixture of fixtures) {
      const port = new InProcessPort(fixture.submission(), referenceSubmission());
      for (const check of CHECKS[fixture.exercise])
        if (await failsAny(port, check)) failedBy.get(check.id)!.push(fixture.id);
    }
    for (const check of ALL_CHECKS.filter((c) => !failedBy.get(c.id)!.length)) {
      const generated = generatedSpaceOf(check.exercise);
      for (const { candidate } of generated?.members ?? []) {
        if (await failsAny(new ModelPort(generated!.space, candidate.config), check)) {
          failedBy.get(check.id)!.push(`member ${candidate.id}`);
          break;
        }
      }
    }
  }, 600_000);

  it('the seeds’ six exercises have 58 checks', () => {
    expect(ALL_CHECKS.filter((c) => kitDefaultAssignment().exercises.includes(c.exercise)).length).toBe(58);
  });

  it.each(ALL_CHECKS.map((c) => c.id))('%s is failed by some fixture', (id) => {
    expect(failedBy.get(id)).not.toEqual([]);
  });

  it.each(PURPOSE_BUILT.map((p) => [p.id, p] as const))(
    '%s fails its exercise’s purity check through the engine, and is named for what that check saw',
    async (_, fixture) => {
      const result = await grade(fixture.submission(), { exercises: [fixture.exercise] });
      const own = exerciseOf(result, fixture.exercise);
      const purity = own.checks.find((c) => c.id === `${fixture.exercise}/pure`);
      expect(purity?.status).toBe('fail');
      const slug = /changed its arguments/.test(purity!.message)
        ? 'changes-its-arguments'
        : 'keeps-state-between-calls';
      expect(own.diagnosis?.id).toBe(`${fixture.exercise}/${slug}`);
      expect(own.diagnosis?.evidence).toMatch(/equal the reference's on all \d+ designed probes/);
    },
  );
});
