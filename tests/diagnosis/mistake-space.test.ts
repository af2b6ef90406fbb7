import { describe, expect, it } from 'vitest';
import { CHECKS, GRADING } from '../../grader/grading';
import { diagnoseExercise, matchAnswers } from '../../grader/diagnosis/diagnose';
import { ModelPort } from '../../grader/diagnosis/model-port';
import { generatedSpaceOf, sameAnswer } from '../../grader/diagnosis/probes';
import { referenceSubmission } from '../../grader/diagnosis/variant-submission';
import { gradeSubmission } from '../../grader/engine/grade-submission';
import { evaluate } from '../../grader/mistake-space/evaluate';
import { EXERCISE_IDS } from '../../grader/shipped/contract/exercises';
import { InProcessPort } from '../../grader/shipped/door/in-process-port';
import { TEST_SEED } from '../kit/support';

const WITH_SPACE = EXERCISE_IDS.filter((id) => GRADING[id].space);

/** Two answers the same to 1e−9 of their scale, or the same failure. */
function close(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number')
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => close(v, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => close((a as any)[k], (b as any)[k]));
  }
  return a === b;
}

describe.each(WITH_SPACE)('the mistake space of %s', (exercise) => {
  const generated = generatedSpaceOf(exercise)!;
  const { space, members } = generated;

  it('describes every knob in words, and every slip id is unique', () => {
    for (const s of space.slips) expect(space.knobs[s.knob], `${s.id}'s knob ${s.knob}`).toBeTruthy();
    expect(new Set(space.slips.map((s) => s.id)).size).toBe(space.slips.length);
  });

  it('computes the reference at its reference configuration, on the probes and on every fingerprint input', async () => {
    const port = new InProcessPort(referenceSubmission(), referenceSubmission());
    const inputs = space.fingerprintInputs();
    const answers = await port.callMany(inputs.map(({ fn, args }) => ({ exercise, fn, args, world: 'isolated' })));
    const model = space.implement(space.reference);
    inputs.forEach(({ fn, args }, i) => {
      const mine = evaluate(model, fn, args);
      const theirs = answers[i];
      expect(mine.ok ? mine.value : mine.error.kind, `${fn} on input ${i}`).toSatisfy((v: unknown) =>
        close(v, theirs.ok ? theirs.value : theirs.error.kind),
      );
    });
    expect(
      matchAnswers(exercise, generated.reference, await port.callMany(generated.probes.map((p) => p.request))).matches,
    ).toBe(true);
  });

  it('holds every catalogue entry of the exercise as a slip of the same id', () => {
    for (const slug of Object.keys(GRADING[exercise].mistakes))
      expect(
        space.slips.map((s) => s.id),
        `catalogue entry ${slug}`,
      ).toContain(slug);
  });

  it('has designed probes that tell every two of its members apart, and each from the reference', () => {
    const together = members
      .filter((m) => matchAnswers(exercise, m.answers, generated.reference).matches)
      .map((m) => `${m.candidate.id} ~ the reference`);
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++)
        if (matchAnswers(exercise, members[i].answers, members[j].answers).matches)
          together.push(`${members[i].candidate.id} ~ ${members[j].candidate.id}`);
    expect(together).toEqual([]);
  });

  it('names every member as itself from its answers (a member of several slips seen only in failures, as none)', async () => {
    const misnamed: string[] = [];
    for (const { candidate, answers } of members) {
      const port = new ModelPort(space, candidate.config);
      const outcome = await diagnoseExercise(exercise, port, []);
      const named = outcome.kind === 'named' ? outcome.diagnosis.id : outcome.kind;
      const seenInAValue = answers.some(
        (a, i) => a.ok && !sameAnswer(generated.probes[i], a, generated.reference[i]).ok,
      );
      const expected = candidate.slips.length < 2 || seenInAValue ? candidate.id : 'unrecognised';
      if (named !== expected) misnamed.push(`${candidate.id} → ${named}`);
    }
    expect(misnamed).toEqual([]);
  });

  it('names two slips in different exports together, each found from its own export’s answers', async () => {
    const probed = new Set(generated.probes.map((p) => p.request.fn));
    const exportOf = (s: (typeof space.slips)[number]) => {
      const model = space.implement(s.apply(space.reference));
      const reference = space.implement(space.reference);
      return [...probed].find((fn) =>
        generated.probes.some(
          (p) =>
            p.request.fn === fn &&
            JSON.stringify(evaluate(model, fn, p.request.args)) !==
              JSON.stringify(evaluate(reference, fn, p.request.args)),
        ),
      );
    };
    const singles = members.filter((m) => m.candidate.slips.length === 1 && !m.candidate.slips[0].fit);
    const pairs: [(typeof singles)[number], (typeof singles)[number]][] = [];
    for (let i = 0; i < singles.length && pairs.length < 25; i += 3)
      for (let j = singles.length - 1; j > i && pairs.length < 25; j -= 7)
        if (exportOf(singles[i].candidate.slips[0]) !== exportOf(singles[j].candidate.slips[0]))
          pairs.push([singles[i], singles[j]]);
    if (probed.size < 2) return expect(pairs).toEqual([]);
    expect(pairs.length).toBeGreaterThan(0);
    const misnamed: string[] = [];
    for (const [a, b] of pairs) {
      const config = b.candidate.slips[0].apply(a.candidate.config);
      const id = `${exercise}/${a.candidate.slips[0].id}+${b.candidate.slips[0].id}`;
      const outcome = await diagnoseExercise(exercise, new ModelPort(space, config), []);
      const named = outcome.kind === 'named' ? outcome.diagnosis.id : outcome.kind;
      if (named !== id) misnamed.push(`${id} → ${named}`);
    }
    expect(misnamed).toEqual([]);
  });

  it('fails every member on the exercise’s own checks', async () => {
    const passed: string[] = [];
    const onlyChecks = CHECKS[exercise].map((c) => c.id);
    for (const { candidate } of members) {
      const port = new ModelPort(space, candidate.config);
      const result = await gradeSubmission(referenceSubmission(), port, {
        seed: TEST_SEED,
        onlyChecks,
        exercises: [exercise],
        explain: false,
        plots: false,
      });
      const graded = result.exercises.find((e) => e.exercise === exercise)!;
      if (graded.score === graded.maxScore) passed.push(candidate.id);
    }
    expect(passed).toEqual([]);
  });
});
