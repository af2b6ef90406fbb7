import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../grader/data/paths';
import { SandboxPool } from '../../grader/sandbox';
import type { CallOutcome, CallRequest } from '../../grader/shipped/door/port';
import { miniBatchArgs, type MiniBatchInput } from '../../grader/shipped/exercises/10-mini-batch/public-checks';
import { TEST_SEED } from '../kit/support';
import { gradeInSandbox } from '../rubric/_support';
import { FAST_LIMITS, exactly, grade, reference, referenceWithFiles } from './sandbox-helpers';

/*
 * 10's `order` is a function the realm kit makes from the grader's permutations, handed to student
 * code as 05's gradient is. Whatever a submission does with it (calls it with other arguments, more
 * than once per epoch, scribbles on what it returns, patches the prototypes it might use, keeps it
 * in module state, calls it forever), it is graded on what it returns, through the real sandbox, and
 * the sandbox's guarantees hold: a call ends at its limit, nothing reaches another realm, and the
 * pool grades the next submission as before.
 */

const EXERCISE = '10-mini-batch';
const FIXTURES = join(KIT_ROOT, 'tests', 'fixtures', 'order-callback', EXERCISE);
const fixture = (name: string) => readFileSync(join(FIXTURES, `${name}.ts`), 'utf8');

let pool: SandboxPool;
let fastPool: SandboxPool;
const scratch = mkdtempSync(join(tmpdir(), 'order-callback-'));
beforeAll(() => {
  pool = new SandboxPool();
  fastPool = new SandboxPool({ limits: FAST_LIMITS });
});
afterAll(async () => {
  await Promise.all([pool.close(), fastPool.close()]);
  rmSync(scratch, { recursive: true, force: true });
});

const withFile = (name: string, source: string) =>
  referenceWithFiles(scratch, name, { [`${EXERCISE}/mini-batch.ts`]: source });

const graded10 = async (name: string, source: string) => {
  const result = await gradeInSandbox(pool, withFile(name, source), TEST_SEED, [EXERCISE]);
  return result.exercises.find((e) => e.exercise === EXERCISE)!;
};

const RUN: MiniBatchInput = {
  X: [
    [1, 2],
    [2, 0],
    [3, 1],
    [4, 3],
    [0, 1],
  ],
  y: [3, 2, 4, 7, 1],
  initial: { w: [0, 0], b: 0 },
  learningRate: 0.03125,
  epochs: 2,
  batchSize: 2,
  orders: [
    [4, 1, 3, 0, 2],
    [2, 0, 4, 3, 1],
  ],
};
const runCall = (extra: Partial<CallRequest> = {}): CallRequest => ({
  exercise: EXERCISE,
  fn: 'miniBatchGradientDescent',
  args: miniBatchArgs(RUN),
  ...extra,
});

describe('10’s order callback, through the real sandbox', () => {
  it.each([
    [
      'other-arguments',
      'called first with undefined, −1, 1e9, 2.5, NaN, ∞, a string, a BigInt, a Symbol, an object whose valueOf throws, an array, null, and another `this`',
    ],
    ['every-row', 'asked again for every row of every batch'],
    ['scribbles-on-answers', 'its answer reversed, zeroed and given a field before it is asked again'],
    [
      'patched-prototypes',
      'called under a throwing Array.prototype.push, a throwing setter on index 0 and an Object.prototype.get',
    ],
  ])(
    '%s: order %s, and the run that follows order(e) gets full marks',
    async (name) => {
      const graded = await graded10(name, fixture(name));
      expect(graded.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
      expect(graded.score).toBe(graded.maxScore);
    },
    60_000,
  );

  it('string-epoch: order("1") is epoch 0, as for anything that is not a number; the run is graded on that and named', async () => {
    const graded = await graded10('string-epoch', fixture('string-epoch'));
    expect(graded.score).toBeLessThan(graded.maxScore);
    expect(graded.checks.every((c) => c.status === 'pass' || c.status === 'fail')).toBe(true);
    expect(graded.diagnosis?.id).toBe(`${EXERCISE}/order-always-first`);
  }, 60_000);

  it('kept-between-calls: a kept order answers with the other call’s rows; every check is judged on that, none crashes', async () => {
    const graded = await graded10('kept-between-calls', fixture('kept-between-calls'));
    expect(graded.score).toBeLessThan(graded.maxScore);
    expect(graded.checks.every((c) => c.status === 'pass' || c.status === 'fail')).toBe(true);
  }, 60_000);

  it('an order kept in module state by a public call is not there for a hidden call, and is for the next public one', async () => {
    const source = `
      import type { Matrix, MiniBatchOptions, MultiDescentResult } from '../types';
      let kept: unknown;
      export function miniBatchGradientDescent(X: Matrix, y: readonly number[], options: MiniBatchOptions): MultiDescentResult {
        const found = kept === undefined ? 'none' : kept === options.order ? 'this call’s' : 'another call’s';
        kept = options.order;
        throw new Error(found);
      }`;
    const { outcomes } = await grade(pool, withFile('keeps-order', source), [
      runCall(),
      runCall({ hidden: true }),
      runCall(),
    ]);
    const thrown = outcomes.map((o) => (o.ok ? 'answered' : o.error.message.replace(/^.* threw Error: /, '')));
    expect(thrown).toEqual(['none', 'none', 'another call’s']);
  }, 60_000);

  it.each(['endless-calls', 'hoards-answers'])(
    '%s: the call ends at its limit, the rest of the batch goes on, and the pool grades the reference as before',
    async (name) => {
      const baseline = await grade(fastPool, reference, [runCall()]);
      const attacked = await grade(fastPool, withFile(name, fixture(name)), [
        runCall(),
        runCall({ world: 'isolated' }),
      ]);
      for (const outcome of attacked.outcomes as CallOutcome[]) {
        expect(outcome.ok).toBe(false);
        expect(outcome.ok ? '' : outcome.error.kind).toMatch(/^(timeout|crashed)$/);
      }
      const after = await grade(fastPool, reference, [runCall()]);
      expect(after.outcomes.map(exactly)).toEqual(baseline.outcomes.map(exactly));
    },
    60_000,
  );
});
