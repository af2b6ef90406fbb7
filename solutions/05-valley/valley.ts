import type { Vec2 } from '../types';

/** The valley f(x, y) = x² + xy + y². */
export function valley(p: Vec2): number {
  return p.x * p.x + p.x * p.y + p.y * p.y;
}

/** ∇f(x, y) = (2x + y, x + 2y). */
export function valleyGradient(p: Vec2): Vec2 {
  return { x: 2 * p.x + p.y, y: p.x + 2 * p.y };
}

/** Plain gradient descent on any function, given its gradient: the whole path, starting point included. */
export function descend(gradient: (p: Vec2) => Vec2, start: Vec2, learningRate: number, iterations: number): Vec2[] {
  const path: Vec2[] = [{ x: start.x, y: start.y }];
  let current = path[0];
  for (let k = 0; k < iterations; k++) {
    const g = gradient(current);
    current = { x: current.x - learningRate * g.x, y: current.y - learningRate * g.y };
    path.push(current);
  }
  return path;
}
