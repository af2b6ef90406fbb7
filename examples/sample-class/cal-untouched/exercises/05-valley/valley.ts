import type { Vec2 } from '../types';

/**
 * The valley f(x, y) = x² + xy + y², the bowl that seed 000's climber walks down.
 *
 * @example valley({ x: 1, y: 2 }) // 1 + 2 + 4 = 7
 */
export function valley(p: Vec2): number {
  throw new Error('not implemented yet: valley in 05-valley/valley.ts');
}

/**
 * The gradient of the valley, ∇f(x, y) = (∂f/∂x, ∂f/∂y) = (2x + y, x + 2y).
 *
 * @example valleyGradient({ x: 1, y: 2 }) // { x: 4, y: 5 }
 */
export function valleyGradient(p: Vec2): Vec2 {
  throw new Error('not implemented yet: valleyGradient in 05-valley/valley.ts');
}

/**
 * Plain gradient descent on any function, given its gradient: pₖ₊₁ = pₖ − η·∇f(pₖ).
 *
 * Use the `gradient` you are given, not the valley's: the grader also walks other bowls.
 *
 * @param gradient - returns ∇f at a point
 * @param start - p₀
 * @param learningRate - η
 * @param iterations - how many steps to take
 * @returns the whole path: `path.length === iterations + 1` and `path[0]` equals `start`
 * @example descend(valleyGradient, { x: 1, y: 0 }, 0.1, 1) // [{ x: 1, y: 0 }, { x: 0.8, y: −0.1 }]
 */
export function descend(gradient: (p: Vec2) => Vec2, start: Vec2, learningRate: number, iterations: number): Vec2[] {
  throw new Error('not implemented yet: descend in 05-valley/valley.ts');
}
