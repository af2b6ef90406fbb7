import { maxStableLearningRate } from '../06-learning-rate/learning-rate';
import { Point, Vec2 } from '../types';

export function descendWithMomentum(
  gradient: (p: Vec2) => Vec2,
  start: Vec2,
  learningRate: number,
  momentum: number,
  iterations: number,
): Vec2[] {
  const path: Vec2[] = [{ x: start.x, y: start.y }];
  let v = { x: 0, y: 0 };
  for (let k = 0; k < iterations; k++) {
    const p = path[k];
    const g = gradient(p);
    v = { x: momentum * v.x - learningRate * g.x, y: momentum * v.y - learningRate * g.y };
    path.push({ x: p.x + v.x, y: p.y + v.y });
  }
  return path;
}

export function maxStableMomentumRate(points: readonly Point[], momentum: number): number {
  return (1 + momentum) * maxStableLearningRate(points);
}
