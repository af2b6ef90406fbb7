import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallErrorKind } from '../../grader/shipped/door/port';
import { forStudent, hiddenCheckMessage } from '../../grader/shipped/results/for-student';
import type { CheckResult, SubmissionResult } from '../../grader/shipped/results/model';
import { buggyResult } from './fixtures';

const SENTINEL = 'SENTINEL-7d1c';
const SENTINEL_NUMBER = 424242.4242;
const CALL_ERRORS: CallErrorKind[] = [
  'not-implemented',
  'threw',
  'timeout',
  'wrong-type',
  'not-finite',
  'missing-export',
  'missing-file',
  'load-failed',
  'crashed',
];

/** A hidden check with the sentinel in every field a student must not see, and in a field the model does not know yet. */
const hiddenCheck = fc
  .record({
    status: fc.constantFrom('pass' as const, 'fail' as const, 'error' as const, 'not-implemented' as const),
    kind: fc.constantFrom('property' as const, 'reference' as const),
    callError: fc.option(fc.constantFrom(...CALL_ERRORS), { nil: undefined }),
    where: fc.constantFrom(
      'message',
      'input',
      'expected',
      'actual',
      'replay',
      'path',
      'tolerance',
      'observedError',
      'seed',
      'unknownField',
    ),
  })
  .map(({ status, kind, callError, where }): CheckResult => {
    const secret = (field: string, text: unknown, number: unknown) =>
      where === field ? (typeof number === 'number' ? number : text) : undefined;
    return {
      id: '01-cost/matches-reference',
      exercise: '01-cost',
      title: 'matches the reference on random small data',
      kind,
      visibility: 'hidden',
      status,
      points: 0,
      maxPoints: 4,
      seed: (secret('seed', undefined, SENTINEL_NUMBER) as number) ?? 1,
      runs: 60,
      message: where === 'message' ? `computeCost threw Error: ${SENTINEL} ${SENTINEL_NUMBER}` : 'failed',
      counterexample: {
        input: { points: [{ x: SENTINEL_NUMBER, y: 1 }], note: secret('input', SENTINEL, undefined) },
        shrinks: 0,
      },
      expected: secret('expected', SENTINEL, SENTINEL_NUMBER),
      actual: secret('actual', SENTINEL, SENTINEL_NUMBER),
      replay: `npm run check -- x --check 01-cost/matches-reference --seed 1 --path "${SENTINEL}"`,
      path: secret('path', SENTINEL, undefined) as string | undefined,
      tolerance: secret('tolerance', undefined, SENTINEL_NUMBER) as number | undefined,
      observedError: secret('observedError', undefined, SENTINEL_NUMBER) as number | undefined,
      ...(callError ? { callError } : {}),
      ...(where === 'unknownField' ? { laterField: SENTINEL } : {}),
    } as CheckResult;
  });

function withChecks(checks: CheckResult[]): SubmissionResult {
  const base = buggyResult();
  const [first, ...rest] = base.exercises;
  return { ...base, exercises: [{ ...first, checks: [...first.checks, ...checks] }, ...rest] };
}

describe('forStudent', () => {
  it('leaves nothing of a hidden check but its definition, outcome and a fixed sentence, whatever field the secret is in', () => {
    fc.assert(
      fc.property(fc.array(hiddenCheck, { minLength: 1, maxLength: 4 }), (checks) => {
        const shown = JSON.stringify(forStudent(withChecks(checks)));
        expect(shown).not.toContain(SENTINEL);
        expect(shown).not.toContain(String(SENTINEL_NUMBER));
        const hidden = forStudent(withChecks(checks)).exercises[0].checks.slice(-checks.length);
        hidden.forEach((check, i) => {
          expect(check.message).toBe(hiddenCheckMessage(checks[i]));
          expect(Object.keys(check).sort()).toEqual(
            [
              'exercise',
              'id',
              'kind',
              'maxPoints',
              'message',
              'points',
              'runs',
              'seed',
              'status',
              'title',
              'visibility',
              ...(checks[i].callError ? ['callError'] : []),
            ].sort(),
          );
        });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps public checks, the diagnosis, the root cause, observations and plots as they are, and gives the same result twice', () => {
    const full = buggyResult();
    const shown = forStudent(full);
    expect(shown.exercises.flatMap((e) => e.checks.filter((c) => c.visibility === 'public'))).toEqual(
      full.exercises.flatMap((e) => e.checks.filter((c) => c.visibility === 'public')),
    );
    expect(shown.exercises.map(({ checks: _, ...rest }) => rest)).toEqual(
      full.exercises.map(({ checks: _, ...rest }) => rest),
    );
    expect(shown.plots).toBe(full.plots);
    expect(forStudent(shown)).toEqual(shown);
  });

  it('says what kind of failure it was in a sentence that never depends on the input', () => {
    const sentences = new Set(
      CALL_ERRORS.flatMap((callError) =>
        ['fail', 'error'].flatMap((status) =>
          ['property', 'reference'].map((kind) =>
            hiddenCheckMessage({
              status: status as CheckResult['status'],
              kind: kind as CheckResult['kind'],
              callError,
            }),
          ),
        ),
      ),
    );
    expect(sentences.size).toBe(CALL_ERRORS.length);
    expect(hiddenCheckMessage({ status: 'fail', kind: 'reference' })).toMatch(/differs from the reference/);
    expect(hiddenCheckMessage({ status: 'fail', kind: 'property' })).toMatch(/does not hold/);
  });
});
