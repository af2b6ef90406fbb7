import { maxStableLearningRate } from '../06-learning-rate/learning-rate';
import type { Point, Vec2 } from '../types';

/**
 * Heavy ball: v₀ = 0, vₖ₊₁ = β·vₖ − η·∇f(pₖ), pₖ₊₁ = pₖ + vₖ₊₁. With β = 0 every step is
 * pₖ − η·∇f(pₖ), 05's `descend` bit for bit (0·v − η·g is exactly −η·g).
 */
export function descendWithMomentum(
  gradient: (p: Vec2) => Vec2,
  start: Vec2,
  learningRate: number,
  momentum: number,
  iterations: number,
): Vec2[] {
  let p: Vec2 = { x: start.x, y: start.y };
  let v: Vec2 = { x: 0, y: 0 };
  const path = [p];
  for (let k = 0; k < iterations; k++) {
    const g = gradient(p);
    v = { x: momentum * v.x - learningRate * g.x, y: momentum * v.y - learningRate * g.y };
    p = { x: p.x + v.x, y: p.y + v.y };
    path.push(p);
  }
  return path;
}

/**
 * On a quadratic, each eigen-direction of the Hessian (eigenvalue λ) follows
 * eₖ₊₁ = (1 + β − ηλ)·eₖ − β·eₖ₋₁, whose roots stay inside the unit circle exactly when
 * 0 < ηλ < 2(1 + β) (for 0 ≤ β < 1). The limit is set by λmax: 2(1 + β)/λmax, which is
 * (1 + β) times 06's plain limit 2/λmax.
 */
export function maxStableMomentumRate(points: readonly Point[], momentum: number): number {
  return (1 + momentum) * maxStableLearningRate(points);
}
