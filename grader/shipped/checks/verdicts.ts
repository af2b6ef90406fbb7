/**
 * Verdicts from expected values: the comparisons every check ends with. Nothing here needs the
 * reference (`compare.ts` computes the expected values from it), so this file travels with the
 * handout, and a public check is judged there by the same code as here.
 */
import type { DescentResult, Line, Vec2 } from '../../../exercises/types';
import type { Verdict } from './check';
import { PASS } from './check';
import { compareNumbers, termsTolerance, type Comparison } from './tolerance';

/** An expected number or record, and the tolerance of each of its numbers (same shape). */
export interface Expected<T> {
  readonly expected: T;
  readonly tolerance: T;
}

/** A whole descent as the reference ran it: each cost with its bound, then the final line with its tolerance. */
export interface ExpectedDescent {
  readonly costs: readonly number[];
  readonly costBounds: readonly number[];
  readonly line: Line;
  readonly lineTolerance: Line;
}

function mismatch(what: string, actual: unknown, expected: unknown, worst: Comparison): Verdict {
  return {
    pass: false,
    message: `${what}: expected ${format(expected)}, got ${format(actual)} (off by ${worst.observedError.toPrecision(3)}, tolerance ${worst.tolerance.toPrecision(3)}).`,
    expected,
    actual,
    tolerance: worst.tolerance,
    observedError: worst.observedError,
  };
}

/** Numbers as a person reads them: up to 12 significant digits, NaN and ∞ spelled out. */
export function format(value: unknown): string {
  if (typeof value === 'number')
    return Number.isInteger(value) || !Number.isFinite(value) ? String(value) : String(Number(value.toPrecision(12)));
  if (Array.isArray(value))
    return value.length > 6
      ? `[${value.slice(0, 6).map(format).join(', ')}, … (${value.length} items)]`
      : `[${value.map(format).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${format(v)}`)
      .join(', ')} }`;
  return String(value);
}

/** Compares named fields; fails on the field that is furthest outside its tolerance. */
export function compareFields(
  what: string,
  actual: Record<string, number>,
  expected: Record<string, number>,
  tolerances: Record<string, number>,
): Verdict {
  let worst: Comparison | undefined;
  for (const key of Object.keys(expected)) {
    const c = compareNumbers(actual[key], expected[key], tolerances[key]);
    if (!c.ok && (!worst || c.observedError / c.tolerance > worst.observedError / worst.tolerance)) worst = c;
  }
  return worst ? mismatch(what, actual, expected, worst) : PASS;
}

export function compareValue(what: string, actual: number, expected: number, tolerance: number): Verdict {
  const c = compareNumbers(actual, expected, tolerance);
  return c.ok ? PASS : mismatch(what, actual, expected, c);
}

export function judgeValue(what: string, actual: number, e: Expected<number>): Verdict {
  return compareValue(what, actual, e.expected, e.tolerance);
}

export function judgeFields<T extends object>(what: string, actual: T, e: Expected<T>): Verdict {
  return compareFields(
    what,
    { ...actual } as Record<string, number>,
    { ...e.expected } as Record<string, number>,
    e.tolerance as Record<string, number>,
  );
}

/** A whole descent, step by step: the number of costs, then each cost within its bound, then the final line. */
export function judgeDescent(actual: DescentResult, e: ExpectedDescent): Verdict {
  const iterations = e.costs.length - 1;
  if (actual.costs.length !== iterations + 1) {
    return {
      pass: false,
      message: `costs has ${actual.costs.length} entries; with ${iterations} iterations it needs ${iterations + 1} (the cost before the first step, then one after each step).`,
      expected: iterations + 1,
      actual: actual.costs.length,
    };
  }
  for (let k = 0; k <= iterations; k++) {
    const costVerdict = compareValue(`costs[${k}]`, actual.costs[k], e.costs[k], e.costBounds[k]);
    if (!costVerdict.pass) return costVerdict;
  }
  return compareFields('the final line', { ...actual.line }, { ...e.line }, { ...e.lineTolerance });
}

/** A descent path on a quadratic bowl, compared point by point with a bound that grows with the step count. */
export function comparePath(actual: readonly Vec2[], expected: readonly Vec2[], learningRate: number): Verdict {
  if (actual.length !== expected.length) {
    return {
      pass: false,
      message: `the path has ${actual.length} points; it needs ${expected.length} (the start, then one point per iteration).`,
      expected: expected.length,
      actual: actual.length,
    };
  }
  let scale = 0;
  for (let k = 0; k < expected.length; k++) {
    scale = Math.max(scale, Math.abs(expected[k].x) + Math.abs(expected[k].y));
    const bound = termsTolerance(scale) * (1 + 4 * Math.abs(learningRate)) * (k + 1);
    const verdict = compareFields(`path[${k}]`, { ...actual[k] }, { ...expected[k] }, { x: bound, y: bound });
    if (!verdict.pass) return verdict;
  }
  return PASS;
}
