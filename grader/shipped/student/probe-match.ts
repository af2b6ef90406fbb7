/**
 * Matching a submission's answers on the designed probes against known answers that travel as data
 * (grader/shipped/student/manifest.ts): the same rule as grader/diagnosis (two values of the right shape
 * within the known answer's tolerance, or two failures of the same kind), with the tolerance of
 * every number stored next to it instead of computed from the reference.
 */
import { compareNumbers, type Comparison } from '../checks/tolerance';
import type { CallOutcome } from '../door/port';
import type { ProbeAnswer } from './manifest';

const DIFFERENT: Comparison = { ok: false, observedError: Infinity, tolerance: 0 };

/** The worst of several comparisons: the first that fails, else the one closest to its bound. */
function worst(comparisons: Iterable<Comparison>): Comparison {
  let result: Comparison = { ok: true, observedError: 0, tolerance: 0 };
  for (const c of comparisons) {
    if (!c.ok) return c;
    if (c.observedError / (c.tolerance || 1) > result.observedError / (result.tolerance || 1)) result = c;
  }
  return result;
}

function* leaves(actual: unknown, expected: unknown, tolerance: unknown): Generator<Comparison> {
  if (typeof expected === 'number') {
    yield typeof actual === 'number' ? compareNumbers(actual, expected, tolerance as number) : DIFFERENT;
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      yield DIFFERENT;
      return;
    }
    for (let i = 0; i < expected.length; i++) yield* leaves(actual[i], expected[i], (tolerance as unknown[])[i]);
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') {
      yield DIFFERENT;
      return;
    }
    for (const key of Object.keys(expected))
      yield* leaves(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        (tolerance as Record<string, unknown>)[key],
      );
    return;
  }
  yield Object.is(actual, expected) ? { ok: true, observedError: 0, tolerance: 0 } : DIFFERENT;
}

/** Whether an answer counts as the known one, and how close it came. */
export function agreement(actual: CallOutcome, known: ProbeAnswer): Comparison {
  if (actual.ok && known.ok) return worst(leaves(actual.value, known.value, known.tolerance));
  const same = !actual.ok && !known.ok && actual.error.kind === known.kind;
  return same ? { ok: true, observedError: 0, tolerance: 0 } : DIFFERENT;
}

export interface ProbeMatch {
  readonly matches: boolean;
  readonly agreed: number;
  /** Over the probes that agreed: the largest difference, and the tolerance it was held to. */
  readonly largestDifference: number;
  readonly toleranceAtLargest: number;
}

/** Compares answers probe by probe with one known program's. */
export function matchAnswers(actual: readonly CallOutcome[], known: readonly ProbeAnswer[]): ProbeMatch {
  let agreed = 0;
  let largestDifference = 0;
  let toleranceAtLargest = 0;
  known.forEach((answer, i) => {
    const c = agreement(actual[i], answer);
    if (!c.ok) return;
    agreed++;
    if (c.observedError >= largestDifference)
      [largestDifference, toleranceAtLargest] = [c.observedError, Math.max(c.tolerance, toleranceAtLargest)];
  });
  return { matches: agreed === known.length, agreed, largestDifference, toleranceAtLargest };
}
