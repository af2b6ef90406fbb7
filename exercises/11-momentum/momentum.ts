import type { Point, Vec2 } from '../types';

/**
 * Heavy-ball descent (gradient descent with momentum): v₀ = (0, 0), and for each step
 * vₖ₊₁ = β·vₖ − η·∇f(pₖ), pₖ₊₁ = pₖ + vₖ₊₁. With β = 0 it is 05's `descend`.
 *
 * @param gradient - returns ∇f at a point; call it as often as you like
 * @param start - p₀; do not change it
 * @param learningRate - η
 * @param momentum - β, with 0 ≤ β < 1
 * @param iterations - how many steps to take
 * @returns the whole path: `path.length === iterations + 1` and `path[0]` equals `start`
 * @example descendWithMomentum((p) => ({ x: 2 * p.x, y: 8 * p.y }), { x: 1, y: 1 }, 0.1, 0.5, 2)
 * // [{ x: 1, y: 1 }, { x: 0.8, y: 0.2 }, { x: 0.54, y: −0.36 }]
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
 * @param points - the data, with at least two distinct x; do not change them
 * @param momentum - β, with 0 ≤ β < 1
 * @example maxStableMomentumRate([{ x: -1, y: 0 }, { x: 1, y: 0 }], 0.5) // H = [[2, 0], [0, 2]], so 2·1.5 / 2 = 1.5
 */
export function maxStableMomentumRate(points: readonly Point[], momentum: number): number {
  throw new Error('not implemented yet: maxStableMomentumRate in 11-momentum/momentum.ts');
}
