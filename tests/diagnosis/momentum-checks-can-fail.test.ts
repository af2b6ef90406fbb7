import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

const EXERCISE = '11-momentum';
const FRAGILE_DIR = join(__dirname, '..', 'fixtures', 'fragile', EXERCISE);

/** Right walks, but each step is written into the caller's start object: only purity sees it. */
const MOVES_START = readFileSync(
  join(__dirname, '..', 'fixtures', 'purpose-built', EXERCISE, 'moves-start-in-place.ts'),
  'utf8',
);

const graded11 = async (name: string, source: string) =>
  exerciseOf(await grade(submissionWith(name, { [EXERCISE]: source }), { exercises: [EXERCISE] }), EXERCISE);

/**
 * No check of 11 that cannot fail: each is failed, on the inputs the engine tries with the test
 * seed, by some member of the exercise's mistake space, or, for purity, which no model breaks, by a
 * file that moves start in place.
 */
describe('every check of 11-momentum can fail', () => {
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
    const submission = submissionWith('moves-start', { [EXERCISE]: MOVES_START });
    await record('moves-start', new InProcessPort(submission, referenceSubmission()));
  });

  it.each(CHECKS[EXERCISE].map((c) => c.id))('%s is failed by some fixture', (id) => {
    expect(failedBy.get(id)).toBeDefined();
  });

  it('the file that moves start fails only purity through the engine, and is named for what that check saw', async () => {
    const own = await graded11('moves-start', MOVES_START);
    expect(own.checks.filter((c) => c.status !== 'pass').map((c) => c.id)).toEqual([`${EXERCISE}/pure`]);
    expect(own.diagnosis?.id).toBe(`${EXERCISE}/changes-its-arguments`);
  });
});

describe('11-momentum: fragile eigenvalues lose points on the designed hard cases and are named for them', () => {
  const FRAGILE = readdirSync(FRAGILE_DIR).map((f) => f.replace(/\.ts$/, ''));

  it('there are fragile fixtures', () => expect(FRAGILE.length).toBeGreaterThanOrEqual(2));

  it.each(FRAGILE)('fragile/%s', async (name) => {
    const own = await graded11(`fragile-${name}`, readFileSync(join(FRAGILE_DIR, `${name}.ts`), 'utf8'));
    const failing = own.checks.filter((c) => c.status !== 'pass').map((c) => c.id.replace(`${EXERCISE}/`, ''));
    expect(failing).toContain('rate-hard-cases');
    expect(failing.every((id) => id.startsWith('rate-'))).toBe(true);
    expect(own.diagnosis?.id).toBe(`${EXERCISE}/fragile-eigenvalue`);
  });
});
