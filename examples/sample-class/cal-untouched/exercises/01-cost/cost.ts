import type { Line, Point } from '../types';

/**
 * The cost of a line: the mean squared error J(m, b) = (1/N) Σ (yᵢ − (m·xᵢ + b))².
 *
 * Use the seeds' convention: divide by N, with no ½ in front.
 *
 * @param points - the data, at least one point; do not change it
 * @param line - the line to score, y = m·x + b
 * @returns the mean of the squared vertical distances between the points and the line
 * @example
 * computeCost([{ x: 1, y: 2 }, { x: 2, y: 2 }], { m: 1, b: 0 }) // ((2 − 1)² + (2 − 2)²) / 2 = 0.5
 */
export function computeCost(points: readonly Point[], line: Line): number {
  throw new Error('not implemented yet: computeCost in 01-cost/cost.ts');
}
