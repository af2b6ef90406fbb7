import { beforeAll, describe, expect, it } from 'vitest';
import { CHECKS } from '../../grader/grading';
import { ModelPort } from '../../grader/diagnosis/model-port';
import { generatedSpaceOf } from '../../grader/diagnosis/probes';
import { referenceSubmission } from '../../grader/diagnosis/variant-submission';
import { InProcessPort } from '../../grader/shipped/door/in-process-port';
import type { SubmissionPort } from '../../grader/shipped/door/port';
import { CallCache, inputsOf } from '../../grader/shipped/checks/run-check';
import { inputSeed } from '../../grader/shipped/checks/seeds';
import { TEST_SEED } from '../kit/support';
import { exerciseOf, grade, submissionWith } from './_support';

const EXERCISE = '07-feature-scaling';

/** Correct answers, but scaleFeatures writes them into the caller's rows: only purity sees it. */
const SCALES_IN_PLACE = `import type { LinearModel, Matrix, Scaler } from '../types';

export function fitScaler(X: Matrix): Scaler {
  const n = X.length;
  const mean = X[0].map((_, j) => X.reduce((s, row) => s + row[j], 0) / n);
  const std = X[0].map((_, j) =>
    X.every((row) => row[j] === X[0][j]) ? 1 : Math.sqrt(X.reduce((s, row) => s + (row[j] - mean[j]) ** 2, 0) / n),
  );
  return { mean, std };
}

export function scaleFeatures(X: Matrix, scaler: Scaler): number[][] {
  const rows = X as number[][];
  for (const row of rows) row.forEach((x, j) => (row[j] = (x - scaler.mean[j]) / scaler.std[j]));
  return rows.map((row) => [...row]);
}

export function unscaleModel(model: LinearModel, scaler: Scaler): LinearModel {
  const w = model.w.map((wj, j) => wj / scaler.std[j]);
  return { w, b: model.b - w.reduce((s, wj, j) => s + wj * scaler.mean[j], 0) };
}
`;

/**
 * No check of 07 that cannot fail: each is failed, on the inputs the engine tries with the test
 * seed, by some member of the exercise's mistake space, or, for purity, which no model breaks, by a
 * file that scales X in place. (07 has no catalogue files; tests/diagnosis/checks-can-fail.test.ts
 * proves the same for 01–06 from theirs.)
 */
describe('every check of 07-feature-scaling can fail', () => {
  const failedBy = new Map<string, string>();

  async function record(id: string, port: SubmissionPort): Promise<void> {
    const cache = new CallCache(port);
    for (const check of CHECKS[EXERCISE]) {
      if (failedBy.has(check.id)) continue;
      for (const input of inputsOf(check, inputSeed(TEST_SEED, check)))
        if (!check.verify(input, await cache.callMany(check.plan(input))).pass) {
          failedBy.set(check.id, id);
          break;
        }
    }
  }

  beforeAll(async () => {
    const { space, members } = generatedSpaceOf(EXERCISE)!;
    for (const { candidate } of members) {
      await record(candidate.id, new ModelPort(space, candidate.config));
      if (CHECKS[EXERCISE].every((c) => c.id === `${EXERCISE}/pure` || failedBy.has(c.id))) break;
    }
    const submission = submissionWith('scales-in-place', { [EXERCISE]: SCALES_IN_PLACE });
    await record('scales-in-place', new InProcessPort(submission, referenceSubmission()));
  });

  it.each(CHECKS[EXERCISE].map((c) => c.id))('%s is failed by some fixture', (id) => {
    expect(failedBy.get(id)).toBeDefined();
  });

  it('the in-place file fails only purity through the engine, and is named for what that check saw', async () => {
    const own = exerciseOf(
      await grade(submissionWith('scales-in-place', { [EXERCISE]: SCALES_IN_PLACE }), { exercises: [EXERCISE] }),
      EXERCISE,
    );
    expect(own.checks.filter((c) => c.status !== 'pass').map((c) => c.id)).toEqual([`${EXERCISE}/pure`]);
    expect(own.diagnosis?.id).toBe(`${EXERCISE}/changes-its-arguments`);
  });
});
