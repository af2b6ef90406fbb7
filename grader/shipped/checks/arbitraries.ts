import fc from 'fast-check';
import type { Line, Point } from '../../../exercises/types';

/**
 * Bounded generators of exactly representable values (docs/grading-notes.md, "Inputs that see every
 * mistake"): multiples of 1/4 in [−20, 20] for data, of 1/8 in [−8, 8] for lines. Sums and
 * products of a few of them are exact, so a correct answer is usually exact and a wrong one
 * is off by far more than any tolerance.
 */
export const coordinate = fc.integer({ min: -80, max: 80 }).map((k) => k / 4);
export const parameter = fc.integer({ min: -64, max: 64 }).map((k) => k / 8);

export const point: fc.Arbitrary<Point> = fc.record({ x: coordinate, y: coordinate });

export function points(minLength = 1, maxLength = 12): fc.Arbitrary<Point[]> {
  return fc.array(point, { minLength, maxLength });
}

export const line: fc.Arbitrary<Line> = fc.record({ m: parameter, b: parameter });

/** Data with at least two distinct x, as 06 requires. */
export function spreadPoints(minLength = 2, maxLength = 12): fc.Arbitrary<Point[]> {
  return points(minLength, maxLength).filter((ps) => ps.some((p) => p.x !== ps[0].x));
}

/** Data whose sum of x is not 0, so that a sequential update cannot hide. */
export function offCentrePoints(minLength = 2, maxLength = 12): fc.Arbitrary<Point[]> {
  return points(minLength, maxLength).filter((ps) => ps.reduce((s, p) => s + p.x, 0) !== 0);
}

/** Points lying exactly on a line (dyadic values keep m·x + b exact). */
export const perfectFit: fc.Arbitrary<{ points: Point[]; line: Line }> = fc
  .tuple(line, fc.array(coordinate, { minLength: 1, maxLength: 12 }))
  .map(([l, xs]) => ({ line: l, points: xs.map((x) => ({ x, y: l.m * x + l.b })) }));

/**
 * Realistic, larger, inexact data for hidden checks: N drawn evenly from 50 to 200, so about half
 * the draws pass the reference's 128-point pairwise leaf (fast-check's own array sizes would stay
 * near the minimum, under it), x in [0, 100], y in [−50, 250].
 */
export const largeData: fc.Arbitrary<Point[]> = fc.integer({ min: 50, max: 200 }).chain((n) =>
  fc.array(
    fc.record({
      x: fc.double({ min: 0, max: 100, noNaN: true, noDefaultInfinity: true }),
      y: fc.double({ min: -50, max: 250, noNaN: true, noDefaultInfinity: true }),
    }),
    { minLength: n, maxLength: n },
  ),
);

export const realLine: fc.Arbitrary<Line> = fc.record({
  m: fc.double({ min: -5, max: 5, noNaN: true, noDefaultInfinity: true }),
  b: fc.double({ min: -50, max: 50, noNaN: true, noDefaultInfinity: true }),
});

/** Learning rates as multiples of 1/1024 in [0, 1/8]. */
export const smallRate = fc.integer({ min: 0, max: 128 }).map((k) => k / 1024);

/** A fraction of the stability limit, in [0.05, 0.95]. */
export const stableFraction = fc.integer({ min: 1, max: 19 }).map((k) => k / 20);
