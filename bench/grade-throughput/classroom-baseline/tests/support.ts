import fc from 'fast-check';
import { expect } from 'vitest';
import type { Line, Point } from '../exercises/types';

/** Within 1e−9 relative (absolute below 1): loose enough for any summation order, far tighter than any real mistake. */
export function expectClose(actual: number, expected: number): void {
  expect(typeof actual).toBe('number');
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

const quarter = fc.integer({ min: -40, max: 40 }).map((k) => k / 4);
export const point: fc.Arbitrary<Point> = fc.record({ x: quarter, y: quarter });
export const points = fc.array(point, { minLength: 1, maxLength: 12 });
export const line: fc.Arbitrary<Line> = fc.record({ m: quarter, b: quarter });
export const rate = fc.integer({ min: 1, max: 8 }).map((k) => k / 64);
export const spreadPoints = points.filter((ps) => new Set(ps.map((p) => p.x)).size >= 2);

/** The teacher's formulas, hidden in the tests as Classroom courses do. */
export function cost(ps: readonly Point[], l: Line): number {
  return ps.reduce((s, p) => s + (p.y - (l.m * p.x + l.b)) ** 2, 0) / ps.length;
}

export function gradient(ps: readonly Point[], l: Line): { dm: number; db: number } {
  const n = ps.length;
  return {
    dm: (-2 / n) * ps.reduce((s, p) => s + p.x * (p.y - (l.m * p.x + l.b)), 0),
    db: (-2 / n) * ps.reduce((s, p) => s + (p.y - (l.m * p.x + l.b)), 0),
  };
}

export const WORKED_POINTS: Point[] = [
  { x: 0, y: 1 },
  { x: 1, y: 3 },
  { x: 2, y: 2 },
  { x: 3, y: 6 },
];
