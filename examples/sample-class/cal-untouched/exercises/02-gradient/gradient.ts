import type { Gradient, Line, Point } from '../types';

/**
 * The gradient of the cost J at `line`: how fast J grows when m or b grows a little.
 *
 * With the residual rᵢ = yᵢ − (m·xᵢ + b):
 * - dm = ∂J/∂m = (−2/N) Σ xᵢ·rᵢ
 * - db = ∂J/∂b = (−2/N) Σ rᵢ
 *
 * @param points - the data, at least one point; do not change it
 * @param line - where to take the gradient
 * @returns `{ dm, db }`
 * @example
 * computeGradient([{ x: 1, y: 3 }], { m: 1, b: 0 }) // r = 2, so { dm: −4, db: −4 }
 */
export function computeGradient(points: readonly Point[], line: Line): Gradient {
  throw new Error('not implemented yet: computeGradient in 02-gradient/gradient.ts');
}
