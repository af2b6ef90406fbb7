import type { Line, Point } from '../types';

/**
 * Mean squared error J(m, b) = (1/N) Σ (yᵢ − (m·xᵢ + b))².
 * Sums with Neumaier's compensation so the result does not depend on the order of the points.
 */
export function computeCost(points: readonly Point[], line: Line): number {
  let sum = 0;
  let compensation = 0;
  for (const { x, y } of points) {
    const residual = y - (line.m * x + line.b);
    const term = residual * residual;
    const next = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - next + term : term - next + sum;
    sum = next;
  }
  return (sum + compensation) / points.length;
}
