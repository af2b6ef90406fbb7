import type { DescentResult, Gradient, Line, Point, Vec2 } from '../../exercises/types';
import { computeCost } from '../../solutions/01-cost/cost';
import { computeGradient } from '../../solutions/02-gradient/gradient';
import type { Verdict } from './check';
import { PASS } from './check';
import { compareNumbers, costTolerance, gradientTolerance, stepTolerance, termsTolerance, type Comparison } from './tolerance';

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
  if (typeof value === 'number') return Number.isInteger(value) || !Number.isFinite(value) ? String(value) : String(Number(value.toPrecision(12)));
  if (Array.isArray(value)) return value.length > 6 ? `[${value.slice(0, 6).map(format).join(', ')}, … (${value.length} items)]` : `[${value.map(format).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${format(v)}`).join(', ')} }`;
  return String(value);
}

/** Compares named fields; fails on the field that is furthest outside its tolerance. */
export function compareFields(what: string, actual: Record<string, number>, expected: Record<string, number>, tolerances: Record<string, number>): Verdict {
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

export function compareCost(actual: number, points: readonly Point[], line: Line): Verdict {
  const expected = computeCost(points, line);
  return compareValue('the cost', actual, expected, costTolerance(points, line, expected));
}

export function compareGradient(actual: Gradient, points: readonly Point[], line: Line): Verdict {
  const expected = computeGradient(points, line);
  return compareFields('the gradient', { ...actual }, { ...expected }, gradientTolerance(points, line, expected));
}

export function compareStep(actual: Line, points: readonly Point[], line: Line, learningRate: number): Verdict {
  const gradient = computeGradient(points, line);
  const expected = { m: line.m - learningRate * gradient.dm, b: line.b - learningRate * gradient.db };
  return compareFields('the new line', { ...actual }, expected, stepTolerance(points, line, learningRate, gradient));
}

/**
 * A whole descent, compared step by step. The bound after k steps is k times the largest one-step
 * bound along the reference path: below the stability limit a step does not amplify earlier
 * rounding, so errors at most add up.
 */
export function compareDescent(actual: DescentResult, points: readonly Point[], initial: Line, learningRate: number, iterations: number): Verdict {
  if (actual.costs.length !== iterations + 1) {
    return { pass: false, message: `costs has ${actual.costs.length} entries; with ${iterations} iterations it needs ${iterations + 1} (the cost before the first step, then one after each step).`, expected: iterations + 1, actual: actual.costs.length };
  }
  let line = { m: initial.m, b: initial.b };
  let worstStep = { m: 0, b: 0 };
  for (let k = 0; k <= iterations; k++) {
    const gradient = computeGradient(points, line);
    const lineTolerance = { m: k * worstStep.m, b: k * worstStep.b };
    const expectedCost = computeCost(points, line);
    const costBound = costTolerance(points, line, expectedCost) + Math.abs(gradient.dm) * lineTolerance.m + Math.abs(gradient.db) * lineTolerance.b;
    const costVerdict = compareValue(`costs[${k}]`, actual.costs[k], expectedCost, costBound);
    if (!costVerdict.pass) return costVerdict;
    if (k === iterations) return compareFields('the final line', { ...actual.line }, { ...line }, lineTolerance.m || lineTolerance.b ? lineTolerance : costLineFloor(line));
    const oneStep = stepTolerance(points, line, learningRate, gradient);
    worstStep = { m: Math.max(worstStep.m, oneStep.m), b: Math.max(worstStep.b, oneStep.b) };
    line = { m: line.m - learningRate * gradient.dm, b: line.b - learningRate * gradient.db };
  }
  return PASS;
}

function costLineFloor(line: Line): { m: number; b: number } {
  return { m: termsTolerance(line.m), b: termsTolerance(line.b) };
}

/** A descent path on a quadratic bowl, compared point by point with a bound that grows with the step count. */
export function comparePath(actual: readonly Vec2[], expected: readonly Vec2[], learningRate: number): Verdict {
  if (actual.length !== expected.length) {
    return { pass: false, message: `the path has ${actual.length} points; it needs ${expected.length} (the start, then one point per iteration).`, expected: expected.length, actual: actual.length };
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
