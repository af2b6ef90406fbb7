import { describe, expect, it } from 'vitest';
import { exerciseOf, grade, submissionWith } from './_support';

/** Slips a new student made in the kit's first trial, each written here the way that student wrote it. */
describe('slips in 01 and 02 that no catalogue file holds are named from the generated space', () => {
  it.each([
    [
      'b’s sign in the cost: y − (m·x − b)',
      '01-cost',
      `import type { Line, Point } from '../types';
export function computeCost(points: readonly Point[], line: Line): number {
  let total = 0;
  for (const { x, y } of points) total += (y - (line.m * x - line.b)) ** 2;
  return total / points.length;
}`,
      '01-cost/subtracts-b',
      /intercept|b/,
    ],
    [
      'dm multiplies the residual by y instead of x',
      '02-gradient',
      `import type { Gradient, Line, Point } from '../types';
export function computeGradient(points: readonly Point[], line: Line): Gradient {
  const n = points.length;
  let dm = 0, db = 0;
  for (const p of points) {
    const r = p.y - (line.m * p.x + line.b);
    dm += -(2 / n) * p.y * r;
    db += -(2 / n) * r;
  }
  return { dm, db };
}`,
      '02-gradient/y-in-dm',
      /derivative of m·x/,
    ],
    [
      'a mean absolute error with the last point skipped (two slips)',
      '01-cost',
      `import type { Line, Point } from '../types';
export function computeCost(points: readonly Point[], line: Line): number {
  let total = 0;
  for (let i = 0; i < points.length - 1; i++) total += Math.abs(points[i].y - (line.m * points[i].x + line.b));
  return total / points.length;
}`,
      '01-cost/mean-absolute-error+skips-last-point',
      /Then:/,
    ],
  ])('%s', async (_, exercise, source, id, hint) => {
    const result = await grade(submissionWith('trial', { [exercise]: source }));
    const graded = exerciseOf(result, exercise as '01-cost' | '02-gradient');
    expect(graded.score).toBeLessThan(graded.maxScore);
    expect(graded.diagnosis?.id).toBe(id);
    expect(graded.diagnosis?.hint).toMatch(hint);
    // A hint points at where to look; it never spells out the line of code.
    expect(graded.diagnosis?.hint).not.toMatch(/m \* p\.x|line\.m|\+ line\.b/);
  });
});
