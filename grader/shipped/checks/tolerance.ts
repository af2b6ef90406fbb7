/**
 * Tolerances for comparing student results with the reference (docs/grading-notes.md, "Tolerance").
 *
 * |s − r| ≤ max(1e−12·|r|, K·u·(N + 2)·S): u is the unit roundoff, N the number of summed terms
 * and S their mean magnitude. Any correct summation order (loops, reduce, pairwise, Kahan,
 * reversed, dividing inside the loop) stays within 2·u·N·S, so K = 64 leaves more than 30×
 * headroom; on the grader's exactly representable probes real mistakes are off by about 10¹⁰
 * times the bound.
 */
import type { Gradient, Line, Point } from '../../../exercises/types';
import { memoByIdentity2 } from '../memo';

export const UNIT_ROUNDOFF = 2 ** -53;
export const HEADROOM = 64;
export const RELATIVE_FLOOR = 1e-12;

export function summedTolerance(reference: number, terms: number, meanMagnitude: number): number {
  return Math.max(RELATIVE_FLOOR * Math.abs(reference), HEADROOM * UNIT_ROUNDOFF * (terms + 2) * meanMagnitude);
}

/**
 * The mean magnitudes S of the summed terms at a line: (|m·x| + |b| + |y|)² for the cost,
 * 2·|x|·(|m·x| + |b| + |y|) for dm and 2·(|m·x| + |b| + |y|) for db. They depend only on the input,
 * so they are worked out once per input and line.
 */
const termScales = memoByIdentity2((points: readonly Point[], line: Line) => {
  let cost = 0;
  let dm = 0;
  let db = 0;
  for (const { x, y } of points) {
    const bound = Math.abs(line.m * x) + Math.abs(line.b) + Math.abs(y);
    cost += bound * bound;
    dm += 2 * Math.abs(x) * bound;
    db += 2 * bound;
  }
  const n = points.length;
  return { cost: cost / n, dm: dm / n, db: db / n };
});

/** S for the cost: the mean of (|m·x| + |b| + |y|)², a bound on each squared residual. */
export function costTolerance(points: readonly Point[], line: Line, reference: number): number {
  return summedTolerance(reference, points.length, termScales(points, line).cost);
}

/** S for dm: the mean of 2·|x|·(|m·x| + |b| + |y|); for db: the mean of 2·(|m·x| + |b| + |y|). */
export function gradientTolerance(
  points: readonly Point[],
  line: Line,
  reference: Gradient,
): { dm: number; db: number } {
  const scales = termScales(points, line);
  return {
    dm: summedTolerance(reference.dm, points.length, scales.dm),
    db: summedTolerance(reference.db, points.length, scales.db),
  };
}

/** One step m − η·dm: the gradient's bound scaled by η, plus the rounding of the subtraction itself. */
export function stepTolerance(
  points: readonly Point[],
  line: Line,
  learningRate: number,
  gradient: Gradient,
): { m: number; b: number } {
  const g = gradientTolerance(points, line, gradient);
  const rounding = (value: number, change: number) => HEADROOM * UNIT_ROUNDOFF * (Math.abs(value) + Math.abs(change));
  return {
    m: Math.abs(learningRate) * g.dm + rounding(line.m, learningRate * gradient.dm),
    b: Math.abs(learningRate) * g.db + rounding(line.b, learningRate * gradient.db),
  };
}

/** A bound for numbers built from a few products of the inputs, like the valley: K·u times the sum of the magnitudes of the terms. */
export function termsTolerance(...terms: number[]): number {
  return HEADROOM * UNIT_ROUNDOFF * terms.reduce((s, t) => s + Math.abs(t), 0);
}

/** Closed forms (06) are compared relatively, with a floor so that an exact 0 does not demand an exact 0: 1e−9·(|r| + floor). */
export const CLOSED_FORM_RELATIVE = 1e-9;

export function closedFormTolerance(reference: number, floor: number): number {
  return CLOSED_FORM_RELATIVE * (Math.abs(reference) + floor);
}

export interface Comparison {
  readonly ok: boolean;
  readonly observedError: number;
  readonly tolerance: number;
}

/** NaN and ±∞ never match, whatever the tolerance. */
export function compareNumbers(actual: number, expected: number, tolerance: number): Comparison {
  const observedError = Math.abs(actual - expected);
  const ok = Number.isFinite(actual) && Number.isFinite(expected) && observedError <= tolerance;
  return { ok, observedError: Number.isFinite(observedError) ? observedError : Infinity, tolerance };
}
