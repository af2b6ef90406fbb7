import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../grader/grading';
import { referenceSubmission } from '../../grader/diagnosis/variant-submission';
import { gradeSubmission } from '../../grader/engine/grade-submission';
import { InProcessPort } from '../../grader/shipped/door/in-process-port';
import { HANDOUT_SEED } from '../../grader/shipped/checks/seeds';
import { bowlGradient } from '../../grader/shipped/exercises/05-valley/public-checks';
import { momentumJudges, rateInputs } from '../../grader/shipped/exercises/11-momentum/public-checks';
import { costBowl } from '../../grader/shipped/exercises/11-momentum/grading/checks';
import { computeGradient } from '../../solutions/02-gradient/gradient';
import { descend } from '../../solutions/05-valley/valley';
import { maxStableMomentumRate } from '../../solutions/11-momentum/momentum';

const EXERCISE = '11-momentum';
const checkNamed = (slug: string) => CHECKS[EXERCISE].find((c) => c.id === `${EXERCISE}/${slug}`)!;

/**
 * The properties of 11 are properties of the reference, on every input they draw: graded on many
 * seeds, the reference passes every check. Walks at 0.98 and 1.02 of the limit, momentum against
 * plain descent down a narrow valley and heavy ball on J at 0.98 and 1.02 of a rate are the checks
 * whose margin depends on the draw.
 */
describe('11-momentum: its properties hold for the reference on every seed tried', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, HANDOUT_SEED])('seed %i', async (seed) => {
    const port = new InProcessPort(referenceSubmission(), referenceSubmission());
    try {
      const result = await gradeSubmission(referenceSubmission(), port, {
        seed,
        exercises: [EXERCISE],
        explain: false,
        plots: false,
      });
      const own = result.exercises.find((e) => e.exercise === EXERCISE)!;
      expect(own.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
    } finally {
      await port.close();
    }
  });
});

describe('11-momentum: the judges the handout runs agree with the grader', () => {
  const limitCheck = checkNamed('rate-is-the-limit');
  const inputs = fc.sample(rateInputs, { seed: 18, numRuns: 40 });

  it('rate-is-the-limit: the grader (the reference on J) and the handout (the rates the grader accepts, found when it was built) pass and fail the same rates', () => {
    const factors = [1, 0.9, 1.1, 1 / (1 + 0.5), 0.5, 2, 0.975, 0.985, 1.015, 1.025];
    for (const input of inputs) {
      const facts = limitCheck.handout!.facts(input);
      for (const factor of factors) {
        const answer = factor * maxStableMomentumRate(input.points, input.momentum);
        const graderSays = limitCheck.verify(input, [{ ok: true, value: answer }]).pass;
        const handoutSays = momentumJudges['rate-is-the-limit'](input, facts, [answer]).pass;
        expect(handoutSays, `${factor}× the limit, β = ${input.momentum}`).toBe(graderSays);
        if (factor === 1) expect(graderSays).toBe(true);
        if (Math.abs(factor - 1) >= 0.05) expect(graderSays).toBe(false);
      }
    }
  });

  it('J sent as a bowl is J’s gradient (02’s computeGradient) to 1e−9 of its size, at lines near and far from the best one', () => {
    for (const { points } of inputs) {
      const gradient = bowlGradient(costBowl(points));
      for (const line of [
        { m: 0, b: 0 },
        { m: 2.5, b: -7 },
        { m: -40, b: 300 },
      ]) {
        const [mine, theirs] = [gradient({ x: line.m, y: line.b }), computeGradient(points, line)];
        const size = Math.abs(theirs.dm) + Math.abs(theirs.db) + 1;
        expect(Math.abs(mine.x - theirs.dm) + Math.abs(mine.y - theirs.db)).toBeLessThan(1e-9 * size);
      }
    }
  });
});

describe('11-momentum: momentum beats plain descent down a narrow valley, and plain descent does not', () => {
  const check = checkNamed('momentum-beats-plain-descent');

  it.each([1, 2, 3, HANDOUT_SEED])(
    'seed %i: plain descent (momentum ignored) fails every input the check draws',
    (seed) => {
      const inputs = fc.sample(check.inputs, { seed, numRuns: 12 }) as Parameters<
        (typeof momentumJudges)['momentum-beats-plain-descent']
      >[0][];
      for (const input of inputs) {
        const plain = descend(bowlGradient(input.bowl), input.start, input.learningRate, input.iterations);
        expect(check.verify(input, [{ ok: true, value: plain }]).pass).toBe(false);
      }
    },
  );
});
