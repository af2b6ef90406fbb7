import type { Vec2 } from '../types';

export function valley(p: Vec2): number {
  return p.x ** 2 + p.x * p.y + p.y ** 2;
}

export function valleyGradient(p: Vec2): Vec2 {
  return { x: 2 * p.x + p.y, y: p.x + 2 * p.y };
}

export function descend(gradient: (p: Vec2) => Vec2, start: Vec2, learningRate: number, iterations: number): Vec2[] {
  const path: Vec2[] = [];
  let current = start;
  for (let i = 0; i < iterations; i++) {
    const g = gradient(current);
    current = { x: current.x - learningRate * g.x, y: current.y - learningRate * g.y };
    path.push(current);
  }
  return path;
}
