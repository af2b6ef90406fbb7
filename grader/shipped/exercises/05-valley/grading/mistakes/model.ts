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
  /**
   * valley as a quadratic a·x² + b·x·y + c·y² + d·x + e·y with coefficients read off the student's
   * answers, in place of the settings above; undefined for the formula they make.
   */
  readonly valleyTerms?: ValleyTerms;
  /** The factor x² and y² leave in their partial derivatives. */
  readonly squareSlope: 2 | 1;
  /** What x·y leaves in each partial: the other variable (right), nothing, twice it, minus it. */
  readonly crossSlope: 'other' | 'none' | 'twice' | 'minus';
  readonly swapPartials: boolean;
  readonly gradientSign: 1 | -1;
  /** valleyGradient as two linear fields with coefficients read off the answers, in place of the settings above. */
  readonly gradientTerms?: GradientTerms;
  /** −1: descend subtracts the gradient from x (right); +1: it adds it. */
  readonly directionX: -1 | 1;
  readonly directionY: -1 | 1;
  /** Which gradient descend follows: the one it is given, or the valley's own. */
  readonly source: 'given' | 'valley';
  /** Where each step's gradient is evaluated, and whether the coordinates move together. */
  readonly evaluation: 'current' | 'start' | 'previous' | 'x-first' | 'y-first';
  /** The rate each step uses. */
  readonly rate:
    | 'given'
    | 'constant'
    | 'constant-on-x'
    | 'constant-on-y'
    | 'inverse-time'
    | 'decay'
    | 'divides'
    | 'missing-on-x'
    | 'missing-on-y';
  /** The hard-coded rate (`rate: 'constant'`, and for one coordinate `'constant-on-x'`, `'constant-on-y'`). */
  readonly constantRate: number;
  /** The factor the rate is multiplied by after each step (`rate: 'decay'`). */
  readonly decayFactor: number;
  /** What x's update is made of. */
  readonly updateX: CoordinateUpdate;
  /** What y's update is made of. */
  readonly updateY: CoordinateUpdate;
  /** How the new point is put together: from the current point (right), each coordinate with the other's slope, its fields swapped, from the start, or the move alone. */
  readonly update: 'own' | 'swapped-slopes' | 'swapped-fields' | 'from-start' | 'move-not-point';
  /** How descend copies start into its first point: right, or one coordinate read from the other. */
  readonly startCopy: 'right' | 'y-from-x' | 'x-from-y' | 'swapped';
  /** Steps taken beyond `iterations`: −1, 0 (right) or +1. */
  readonly extraSteps: -1 | 0 | 1;
  /** Which of the walk's points the path holds. */
  readonly path: 'all' | 'missing-start' | 'pushes-before-step' | 'missing-last' | 'start-twice' | 'last-unset';
  /** Point objects shared between entries: none (right), one object for every entry, one after the start, the start itself moved. */
  readonly aliasing: 'none' | 'one-object' | 'after-start' | 'start-moved';
}

/**
 * One coordinate's new value: its old value minus η times its slope (right), the other
 * coordinate's old value in place of its own, the other's slope in place of its own, the whole
 * difference negated (η·g − x), its old value kept, its old value moved by η alone (the slope
 * dropped), or the move alone (the old value dropped).
 */
export type CoordinateUpdate = 'own' | 'from-other' | 'other-slope' | 'reversed' | 'stays' | 'rate-only' | 'move-only';

/** a, b, c, d, e of a·x² + b·x·y + c·y² + d·x + e·y. */
export type ValleyTerms = readonly [number, number, number, number, number];
/** The fields of valleyGradient as [x's factor, y's factor, constant] each: 2x + y is [2, 1, 0]. */
export type GradientTerms = readonly [readonly [number, number, number], readonly [number, number, number]];

export const REFERENCE: ValleyModel = {
  squares: 'power',
  cross: 1,
  squareSlope: 2,
  crossSlope: 'other',
  swapPartials: false,
  gradientSign: 1,
  directionX: -1,
  directionY: -1,
  source: 'given',
  evaluation: 'current',
  rate: 'given',
  constantRate: 0.01,
  decayFactor: 0.9,
  updateX: 'own',
  updateY: 'own',
  update: 'own',
  startCopy: 'right',
  extraSteps: 0,
  path: 'all',
  aliasing: 'none',
};

export function valleyOf(c: ValleyModel, p: Vec2): number {
  if (c.valleyTerms) {
    const [a, b, cc, d, e] = c.valleyTerms;
    return a * p.x * p.x + b * p.x * p.y + cc * p.y * p.y + d * p.x + e * p.y;
  }
  const cross = c.cross * p.x * p.y;
  const { x, y } = p;
  switch (c.squares) {
    case 'power':
      return x * x + cross + y * y;
    case 'caret':
      return x ^ (2 + cross + y) ^ 2;
    case 'caret-parenthesised':
      return (x ^ 2) + cross + (y ^ 2);
    case 'doubled':
      return 2 * x + cross + 2 * y;
  }
}

const CROSS_SLOPES: Record<ValleyModel['crossSlope'], (own: number, other: number) => number> = {
  other: (_, other) => other,
  none: () => 0,
  twice: (_, other) => 2 * other,
  minus: (_, other) => -other,
};

export function valleyGradientOf(c: ValleyModel, p: Vec2): Vec2 {
  if (c.gradientTerms) {
    const [[a, b, e], [cc, d, f]] = c.gradientTerms;
    return { x: a * p.x + b * p.y + e, y: cc * p.x + d * p.y + f };
  }
  const cross = CROSS_SLOPES[c.crossSlope];
  const x = c.squareSlope * p.x + cross(p.x, p.y);
  const y = c.squareSlope * p.y + cross(p.y, p.x);
  if (c.swapPartials) return { x: c.gradientSign * y, y: c.gradientSign * x };
  return { x: c.gradientSign * x, y: c.gradientSign * y };
}

/** The rates of step k for x and for y, as multipliers of the gradient. */
function ratesOf(c: ValleyModel, learningRate: number, k: number): [number, number] {
  switch (c.rate) {
    case 'given':
      return [learningRate, learningRate];
    case 'constant':
      return [c.constantRate, c.constantRate];
    case 'constant-on-x':
      return [c.constantRate, learningRate];
    case 'constant-on-y':
      return [learningRate, c.constantRate];
    case 'inverse-time':
      return [learningRate / (k + 1), learningRate / (k + 1)];
    case 'decay': {
      const r = learningRate * c.decayFactor ** k;
      return [r, r];
    }
    case 'divides':
      return [1 / learningRate, 1 / learningRate];
    case 'missing-on-x':
      return [1, learningRate];
    case 'missing-on-y':
      return [learningRate, 1];
  }
}

/** One coordinate of the new point, from the point it moves from (`base`) and the gradient it uses. */
function coordinateOf(c: ValleyModel, axis: 'x' | 'y', base: Vec2, g: Vec2, rate: number): number {
  const [update, direction] = axis === 'x' ? [c.updateX, c.directionX] : [c.updateY, c.directionY];
  const other = axis === 'x' ? 'y' : 'x';
  if (update === 'stays') return base[axis];
  const from =
    c.update === 'move-not-point' || update === 'move-only' ? 0 : update === 'from-other' ? base[other] : base[axis];
  const slope =
    update === 'rate-only' ? 1 : (update === 'other-slope') !== (c.update === 'swapped-slopes') ? g[other] : g[axis];
  const value = from + direction * rate * slope;
  return update === 'reversed' ? -value : value;
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
  const first =
    c.startCopy === 'y-from-x'
      ? { x: start.x, y: start.x }
      : c.startCopy === 'x-from-y'
        ? { x: start.y, y: start.y }
        : c.startCopy === 'swapped'
          ? { x: start.y, y: start.x }
          : { x: start.x, y: start.y };
  const walk: Vec2[] = [first];
  for (let k = 0; k < steps; k++) {
    const p = walk[k];
    const [rateX, rateY] = ratesOf(c, learningRate, k);
    const base = c.update === 'from-start' ? walk[0] : p;
    let next: Vec2;
    if (c.evaluation === 'x-first') {
      const x = coordinateOf(c, 'x', base, gradient(p), rateX);
      next = { x, y: coordinateOf(c, 'y', base, gradient({ x, y: p.y }), rateY) };
    } else if (c.evaluation === 'y-first') {
      const y = coordinateOf(c, 'y', base, gradient(p), rateY);
      next = { x: coordinateOf(c, 'x', base, gradient({ x: p.x, y }), rateX), y };
    } else {
      const at = c.evaluation === 'start' ? walk[0] : c.evaluation === 'previous' ? walk[Math.max(0, k - 1)] : p;
      const g = gradient(at);
      next = { x: coordinateOf(c, 'x', base, g, rateX), y: coordinateOf(c, 'y', base, g, rateY) };
    }
    walk.push(c.update === 'swapped-fields' ? { x: next.y, y: next.x } : next);
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
            : c.path === 'last-unset'
              ? [...walk.slice(0, -1), ...(walk.length > 1 ? [{ x: 0, y: 0 }] : walk)]
              : walk;
  const holdsStart = c.path !== 'missing-start';
  return path.map((point, i) => {
    if (c.aliasing === 'one-object') return last;
    if (c.aliasing === 'after-start') return holdsStart && i === 0 ? point : last;
    if (c.aliasing === 'start-moved') return holdsStart && point === walk[0] ? last : point;
    return point;
  });
}
