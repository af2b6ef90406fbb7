import type { Point, Vec2 } from '../types';

/**
 * Heavy-ball descent (gradient descent with momentum): v₀ = (0, 0), and for each step
 * vₖ₊₁ = β·vₖ − η·∇f(pₖ), pₖ₊₁ = pₖ + vₖ₊₁. With β = 0 it is 05's `descend`.
 *
 * @param gradient - returns ∇f at a point
 * @param start - p₀
 * @param learningRate - η
 * @param momentum - β, with 0 ≤ β < 1
 * @param iterations - how many steps to take
 * @returns the whole path: `path.length === iterations + 1` and `path[0]` equals `start`
 */
export function descendWithMomentum(
  gradient: (p: Vec2) => Vec2,
  start: Vec2,
  learningRate: number,
  momentum: number,
  iterations: number,
): Vec2[] {
  throw new Error('not implemented yet: descendWithMomentum in 11-momentum/momentum.ts');
}

/**
 * The supremum of learning rates for which heavy-ball descent on J (01's cost) converges from
 * every start, for 0 ≤ β < 1: 2(1 + β) / λmax, with λmax the largest eigenvalue of J's Hessian.
 *
 * @param points - the data, with at least two distinct x
 * @param momentum - β
 */
export function maxStableMomentumRate(points: readonly Point[], momentum: number): number {
  throw new Error('not implemented yet: maxStableMomentumRate in 11-momentum/momentum.ts');
}
