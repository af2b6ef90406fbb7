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
 * A real number drawn evenly from [min, max] at a resolution of 2⁻³⁰ of the range: inexact, as
 * measured data is. (`fc.double` draws evenly over the doubles themselves, so most of its values
 * are tiny, and a line's m·x vanishes on them.)
 */
export function evenly(min: number, max: number): fc.Arbitrary<number> {
  return fc.noBias(fc.integer({ min: 0, max: 2 ** 30 })).map((k) => min + ((max - min) * k) / 2 ** 30);
}

/**
 * Realistic, larger, inexact data for hidden checks: N drawn evenly from 50 to 200, so about half
 * the draws pass the reference's 128-point pairwise leaf (fast-check's own sizes stay near the
 * minimum), x evenly in [0, 100], y evenly in [−50, 250].
 */
export const largeData: fc.Arbitrary<Point[]> = fc
  .noBias(fc.integer({ min: 50, max: 200 }))
  .chain((n) => fc.array(fc.record({ x: evenly(0, 100), y: evenly(-50, 250) }), { minLength: n, maxLength: n }));

/** A realistic line for the large data: m evenly in [−5, 5], b evenly in [−50, 50]. */
export const realLine: fc.Arbitrary<Line> = fc.record({ m: evenly(-5, 5), b: evenly(-50, 50) });

/** Learning rates as multiples of 1/1024 in [0, 1/8]. */
export const smallRate = fc.integer({ min: 0, max: 128 }).map((k) => k / 1024);

/** A fraction of the stability limit, in [0.05, 0.95]. */
export const stableFraction = fc.integer({ min: 1, max: 19 }).map((k) => k / 20);

/** Exercises 07–11: a table of features X (N rows of d columns) and its targets y. */
export interface FeatureData {
  readonly X: number[][];
  readonly y: number[];
}

/**
 * Small exactly representable tables: d from 1 to `maxColumns`, N from `minRows` to 12 rows, every
 * value a multiple of 1/4 in [−20, 20] (sums and products of a few stay exact).
 */
export function featureData(minRows = 1, maxColumns = 4): fc.Arbitrary<FeatureData> {
  return fc
    .record({ d: fc.integer({ min: 1, max: maxColumns }), n: fc.integer({ min: minRows, max: 12 }) })
    .chain(({ d, n }) =>
      fc.record({
        X: fc.array(fc.array(coordinate, { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
        y: fc.array(coordinate, { minLength: n, maxLength: n }),
      }),
    );
}

/** A model for `d` features: each weight and the intercept a multiple of 1/8 in [−8, 8]. */
export function linearModel(d: number): fc.Arbitrary<{ w: number[]; b: number }> {
  return fc.record({ w: fc.array(parameter, { minLength: d, maxLength: d }), b: parameter });
}

/**
 * Realistic, larger, inexact tables for hidden checks: d from 1 to 5, N drawn evenly from 50 to
 * 200, and each column its own scale: column j evenly in [c_j − s_j, c_j + s_j] with its centre
 * c_j in [−1000, 1000] and its spread s_j in [0.01, 1000], so that columns differ in scale by up to
 * five orders of magnitude, as raw features do. y evenly in [−500, 5000].
 */
export const largeFeatureData: fc.Arbitrary<FeatureData> = fc
  .record({
    n: fc.noBias(fc.integer({ min: 50, max: 200 })),
    columns: fc.array(fc.record({ centre: evenly(-1000, 1000), spread: fc.noBias(fc.integer({ min: -2, max: 3 })) }), {
      minLength: 1,
      maxLength: 5,
    }),
  })
  .chain(({ n, columns }) =>
    fc.record({
      X: fc.array(
        fc.tuple(...columns.map(({ centre, spread }) => evenly(centre - 10 ** spread, centre + 10 ** spread))),
        { minLength: n, maxLength: n },
      ),
      y: fc.array(evenly(-500, 5000), { minLength: n, maxLength: n }),
    }),
  );
