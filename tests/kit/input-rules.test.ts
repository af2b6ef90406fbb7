import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../grader/grading';
import { probesOf } from '../../grader/diagnosis/probes';
import { inputProblem } from '../../grader/shipped/contract/input-rules';
import { CallCache } from '../../grader/shipped/checks/run-check';
import { EXERCISE_IDS } from '../../grader/shipped/contract/exercises';
import type { CallRequest, SubmissionPort } from '../../grader/shipped/door/port';

const X = [
  [1, 2],
  [3, 5],
  [4, 4],
];
const model = { w: [0.5, -1], b: 2 };

describe("the contract's input rules", () => {
  it.each([
    ['ragged rows', 'computeCostMulti', [[[1, 2], [3]], [1, 2], model], /X\[1\] does not have 2 entries/],
    ['y of the wrong length', 'computeGradientMulti', [X, [1, 2], model], /y does not have 3 entries/],
    ['no rows', 'fitScaler', [[]], /X has no rows/],
    ['no columns', 'fitScaler', [[[], []]], /X has no columns/],
    ['a NaN', 'predict', [[[1, NaN]], model], /X\[0\] has a value that is not a finite number/],
    ['a model of the wrong width', 'predict', [X, { w: [1], b: 0 }], /model.w does not have 2 entries/],
    ['a zero deviation', 'scaleFeatures', [X, { mean: [0, 0], std: [1, 0] }], /scaler.std has an entry/],
    ['N ≤ d', 'normalEquation', [X.slice(0, 2), [1, 2]], /needs N > d/],
    ['a constant column', 'normalEquation', [X.map((r) => [r[0], 7]), [1, 2, 3]], /column 1 of X is constant/],
    [
      'dependent columns',
      'normalEquation',
      [X.map((r) => [r[0], 3 * r[0] - 1]), [1, 2, 3]],
      /column 1 of X depends on the others/,
    ],
    [
      'fractional iterations',
      'gradientDescentMulti',
      [X, [1, 2, 3], { initial: model, learningRate: 0.1, iterations: 1.5 }],
      /iterations/,
    ],
    [
      'one distinct x for 06',
      'leastSquares',
      [
        [
          { x: 1, y: 2 },
          { x: 1, y: 3 },
        ],
      ],
      /fewer than 2 distinct x/,
    ],
    ['no points', 'computeCost', [[], { m: 0, b: 0 }], /points is not a non-empty array/],
  ] as const)('name %s', (_, fn, args, message) => {
    expect(inputProblem(fn, args as unknown as unknown[])).toMatch(message);
  });

  it('accept well-formed inputs', () => {
    expect(inputProblem('normalEquation', [X, [1, 2, 3]])).toBeUndefined();
    expect(
      inputProblem('gradientDescentMulti', [X, [1, 2, 3], { initial: model, learningRate: 0.1, iterations: 3 }]),
    ).toBeUndefined();
    expect(inputProblem('unscaleModel', [model, { mean: [1, 2], std: [3, 4] }])).toBeUndefined();
  });

  it('stop a call before it reaches the student: the door is never asked', async () => {
    let asked = 0;
    const port: SubmissionPort = {
      isolation: 'in-process',
      modules: async () => [],
      callMany: async (requests: readonly CallRequest[]) => {
        asked += requests.length;
        return requests.map(() => ({ ok: true, value: 0 }));
      },
      close: async () => {},
    } as unknown as SubmissionPort;
    const request: CallRequest = {
      exercise: '08-multivariate',
      fn: 'computeCostMulti',
      args: [[[1, 2], [3]], [1, 2], model],
    };
    await expect(new CallCache(port).callMany([request])).rejects.toThrow(/input the contract rules out \(X\[1\]/);
    expect(asked).toBe(0);
  });
});

/**
 * Inputs drawn from a check's arbitrary with several seeds, and every value fast-check tries while
 * shrinking each as if the check had failed on it: what a failing public check may send.
 */
function drawnAndShrunk(arbitrary: fc.Arbitrary<unknown>): unknown[] {
  const seen: unknown[] = [];
  for (let seed = 1; seed <= 6; seed++)
    fc.check(
      fc.property(arbitrary, (value) => {
        seen.push(value);
        return false;
      }),
      { seed, numRuns: 1 },
    );
  return seen;
}

describe('every input the grader makes', () => {
  it.each(EXERCISE_IDS)(
    'keeps the rules in %s: drawn and shrunk check inputs, and the designed probes',
    (exercise) => {
      const problems: string[] = [];
      const keep = (request: CallRequest, where: string) => {
        const problem = inputProblem(request.fn, request.args);
        if (problem && problems.length < 5) problems.push(`${where}: ${request.fn}: ${problem}`);
      };
      for (const check of ALL_CHECKS.filter((c) => c.exercise === exercise)) {
        const inputs = check.examples ?? drawnAndShrunk(check.inputs);
        for (const input of inputs) for (const request of check.plan(input as never)) keep(request, check.id);
      }
      for (const probe of probesOf(exercise)) keep(probe.request, `probe ${probe.label}`);
      expect(problems).toEqual([]);
    },
    120_000,
  );
});
