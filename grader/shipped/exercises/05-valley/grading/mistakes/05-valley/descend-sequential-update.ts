import type { Vec2 } from '../types';

export function valley(p: Vec2): number {
  return p.x ** 2 + p.x * p.y + p.y ** 2;
}

export function valleyGradient(p: Vec2): Vec2 {
  return { x: 2 * p.x + p.y, y: p.x + 2 * p.y };
}

export function descend(gradient: (p: Vec2) => Vec2, start: Vec2, learningRate: number, iterations: number): Vec2[] {
  const path: Vec2[] = [start];
  let { x, y } = start;
  for (let i = 0; i < iterations; i++) {
    x = x - learningRate * gradient({ x, y }).x;
    y = y - learningRate * gradient({ x, y }).y;
    path.push({ x, y });
  }
  return path;
}
