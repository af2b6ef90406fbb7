import type { Vec2 } from '../../../../../../exercises/types';

/**
 * 05-valley as an algorithm with every part a student can get wrong made a setting:
 * f(x, y) = x² + x·y + y², ∇f = (2x + y, x + 2y), and pₖ₊₁ = pₖ − η·g(pₖ) for k = 0 … n − 1,
 * returning [p₀, …, pₙ].
 */
export interface ValleyModel {
  /** How valley writes its squares: `**` (right), `^` as TypeScript parses it, `^` in parentheses, or 2x for x². */
  readonly squares: 'power' | 'caret' | 'caret-parenthesised' | 'doubled';
  /** The factor of x·y in valley. */
  readonly cross: 1 | 0 | 2 | -1;
  /** The factor x² leaves in ∂f/∂x. */
  readonly slopeX: 2 | 1;
  /** The factor y² leaves in ∂f/∂y. */
  readonly slopeY: 2 | 1;
  /** What x·y leaves in each partial: the other variable (right), nothing, twice it, the variable itself, minus it. */
  readonly crossSlope: 'other' | 'none' | 'twice' | 'own' | 'minus';
  /** One partial written twice: ∂f/∂x in both fields, or ∂f/∂y in both. */
  readonly copy: 'none' | 'x-in-both' | 'y-in-both';
  readonly swapPartials: boolean;
  readonly gradientSign: 1 | -1;
  /** −1: descend subtracts the gradient (right); +1: it adds it. */
  readonly direction: -1 | 1;
  /** Which gradient descend follows: the one it is given, or the valley's own. */
  readonly source: 'given' | 'valley';
  /** Where each step's gradient is evaluated, and whether the coordinates move together. */
  readonly evaluation: 'current' | 'start' | 'previous' | 'x-first' | 'y-first';
  /** The rate each step uses. */
  readonly rate: 'given' | 'constant' | 'inverse-time' | 'decay' | 'divides' | 'missing-on-y';
  /** The hard-coded rate (`rate: 'constant'`). */
  readonly constantRate: number;
  /** The factor the rate is multiplied by after each step (`rate: 'decay'`). */
  readonly decayFactor: number;
  /** What each coordinate's update is made of. */
  readonly update: 'own' | 'y-uses-x-slope' | 'swapped-slopes' | 'y-from-x' | 'from-start';
  /** Steps taken beyond `iterations`: −1, 0 (right) or +1. */
  readonly extraSteps: -1 | 0 | 1;
  /** Which of the walk's points the path holds. */
  readonly path: 'all' | 'missing-start' | 'pushes-before-step' | 'missing-last' | 'start-twice';
  /** Point objects shared between entries: none (right), one object for every entry, one after the start, the start itself moved. */
  readonly aliasing: 'none' | 'one-object' | 'after-start' | 'start-moved';
}

export const REFERENCE: ValleyModel = {
  squares: 'power',
  cross: 1,
  slopeX: 2,
  slopeY: 2,
  crossSlope: 'other',
  copy: 'none',
  swapPartials: false,
  gradientSign: 1,
  direction: -1,
  source: 'given',
  evaluation: 'current',
  rate: 'given',
  constantRate: 0.01,
  decayFactor: 0.9,
  update: 'own',
  extraSteps: 0,
  path: 'all',
  aliasing: 'none',
};

export function valleyOf(c: ValleyModel, p: Vec2): number {
  const cross = c.cross * p.x * p.y;
  switch (c.squares) {
    case 'power':
      return p.x * p.x + cross + p.y * p.y;
    case 'caret':
      return p.x ^ (2 + cross + p.y) ^ 2;
    case 'caret-parenthesised':
      return (p.x ^ 2) + cross + (p.y ^ 2);
    case 'doubled':
      return 2 * p.x + cross + 2 * p.y;
  }
}

const CROSS_SLOPES: Record<ValleyModel['crossSlope'], (own: number, other: number) => number> = {
  other: (_, other) => other,
  none: () => 0,
  twice: (_, other) => 2 * other,
  own: (own) => own,
  minus: (_, other) => -other,
};

export function valleyGradientOf(c: ValleyModel, p: Vec2): Vec2 {
  const cross = CROSS_SLOPES[c.crossSlope];
  let x = c.slopeX * p.x + cross(p.x, p.y);
  let y = c.slopeY * p.y + cross(p.y, p.x);
  if (c.copy === 'x-in-both') y = x;
  if (c.copy === 'y-in-both') x = y;
  if (c.swapPartials) [x, y] = [y, x];
  return { x: c.gradientSign * x, y: c.gradientSign * y };
}

/** The rates of step k for x and for y, as multipliers of the gradient. */
function ratesOf(c: ValleyModel, learningRate: number, k: number): [number, number] {
  switch (c.rate) {
    case 'given':
      return [learningRate, learningRate];
    case 'constant':
      return [c.constantRate, c.constantRate];
    case 'inverse-time':
      return [learningRate / (k + 1), learningRate / (k + 1)];
    case 'decay': {
      const r = learningRate * c.decayFactor ** k;
      return [r, r];
    }
    case 'divides':
      return [1 / learningRate, 1 / learningRate];
    case 'missing-on-y':
      return [learningRate, 1];
  }
}

export function descendOf(
  c: ValleyModel,
  given: (p: Vec2) => Vec2,
  start: Vec2,
  learningRate: number,
  iterations: number,
): Vec2[] {
  const gradient = c.source === 'given' ? given : (p: Vec2) => valleyGradientOf(c, p);
  const steps = Math.max(0, iterations + c.extraSteps);
  const walk: Vec2[] = [{ x: start.x, y: start.y }];
  for (let k = 0; k < steps; k++) {
    const p = walk[k];
    const [rateX, rateY] = ratesOf(c, learningRate, k);
    const base = c.update === 'from-start' ? walk[0] : p;
    const moveX = (g: Vec2) => base.x + c.direction * rateX * (c.update === 'swapped-slopes' ? g.y : g.x);
    const moveY = (g: Vec2) =>
      (c.update === 'y-from-x' ? base.x : base.y) +
      c.direction * rateY * (c.update === 'y-uses-x-slope' || c.update === 'swapped-slopes' ? g.x : g.y);
    let next: Vec2;
    if (c.evaluation === 'x-first') {
      const x = moveX(gradient(p));
      next = { x, y: moveY(gradient({ x, y: p.y })) };
    } else if (c.evaluation === 'y-first') {
      const y = moveY(gradient(p));
      next = { x: moveX(gradient({ x: p.x, y })), y };
    } else {
      const at = c.evaluation === 'start' ? walk[0] : c.evaluation === 'previous' ? walk[Math.max(0, k - 1)] : p;
      const g = gradient(at);
      next = { x: moveX(g), y: moveY(g) };
    }
    walk.push(next);
  }
  const last = walk[walk.length - 1];
  const path =
    c.path === 'missing-start'
      ? walk.slice(1)
      : c.path === 'pushes-before-step'
        ? [walk[0], ...walk.slice(0, -1)]
        : c.path === 'missing-last'
          ? walk.slice(0, -1)
          : c.path === 'start-twice'
            ? [walk[0], ...walk]
            : walk;
  const holdsStart = c.path !== 'missing-start';
  return path.map((point, i) => {
    if (c.aliasing === 'one-object') return last;
    if (c.aliasing === 'after-start') return holdsStart && i === 0 ? point : last;
    if (c.aliasing === 'start-moved') return holdsStart && point === walk[0] ? last : point;
    return point;
  });
}
