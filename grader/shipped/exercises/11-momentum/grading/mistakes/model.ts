import type { Point, Vec2 } from '../../../../../../exercises/types';

/**
 * 11-momentum as an algorithm with every part a student can get wrong made a setting.
 * `descendWithMomentum`: v₀ = 0, vₖ₊₁ = β·vₖ − η·∇f(pₖ), pₖ₊₁ = pₖ + vₖ₊₁, returning [p₀, …, pₙ].
 * `maxStableMomentumRate`: 2(1 + β)/λmax of H = 2·[[mean x², mean x], [mean x, 1]]. The settings of
 * one export never change the other's answers.
 */
export interface MomentumModel {
  /** What the new velocity keeps of the old one and what it takes of the gradient (see VELOCITY_RULES). */
  readonly velocity: VelocityRule;
  /** −1: the velocity moves against the gradient (right); +1: along it, uphill. */
  readonly direction: -1 | 1;
  /** Which comes first in a step: the velocity (right), or the position, moved by the old velocity, with the gradient at the old or at the new point. */
  readonly order: 'velocity-first' | 'position-first' | 'position-first-fresh-gradient';
  /** Where each step's gradient is taken: at pₖ (right), at the look-ahead pₖ + β·vₖ (Nesterov), at pₖ₋₁, or at the start. */
  readonly evaluation: 'current' | 'look-ahead' | 'previous' | 'start';
  /** v₀: zero (right), the first step −η·∇f(p₀), or the start itself (a previous point of (0, 0)). */
  readonly velocityStart: 'zero' | 'first-step' | 'start';
  /** How the position takes the velocity: pₖ + vₖ₊₁ (right), or pₖ + η·vₖ₊₁ (η applied twice). */
  readonly positionUpdate: 'velocity' | 'rate-times-velocity';
  /** Which velocity each coordinate carries over: its own (right), both the x's or both the y's, or each the other's. */
  readonly velocityFields: 'own' | 'both-from-x' | 'both-from-y' | 'swapped';
  /** How each coordinate's velocity is built (see VelocityComponent). */
  readonly velocityX: VelocityComponent;
  readonly velocityY: VelocityComponent;
  /** How each coordinate's new position is built (see PositionComponent). */
  readonly positionX: PositionComponent;
  readonly positionY: PositionComponent;
  /** How the start is copied into the first point: right, one coordinate read from the other, or swapped. */
  readonly startCopy: 'right' | 'y-from-x' | 'x-from-y' | 'swapped';
  /** The rate each step uses: learningRate (right), a value fixed in the code (for both coordinates or one), or none (η = 1). */
  readonly rate: 'given' | 'constant' | 'constant-on-x' | 'constant-on-y' | 'missing' | 'missing-on-x' | 'missing-on-y';
  readonly constantRate: number;
  /** The momentum each step uses: the one given (right), or a value fixed in the code. */
  readonly momentumValue: 'given' | 'constant';
  readonly constantMomentum: number;
  /** Steps taken beyond `iterations`: −1, 0 (right) or +1. */
  readonly extraSteps: -1 | 0 | 1;
  /** Which of the walk's points the path holds, and how: all of them, one left out or doubled, each with x and y swapped, only the start, or the start in every entry. */
  readonly path:
    'all' | 'missing-start' | 'missing-last' | 'start-twice' | 'fields-swapped' | 'start-only' | 'start-everywhere';
  /** Every entry the one point object, changed in place. */
  readonly aliasing: 'none' | 'one-object';

  /** The factor of 2/λmax the limit takes from β. */
  readonly limitFactor: 'one-plus' | 'one' | 'one-minus' | 'over-one-plus' | 'over-one-minus' | 'two-plus';
  /** The numerator k of k·factor/λ, λ itself returned, or 2·factor without the division by λ. */
  readonly limitNumerator: 2 | 1 | 'lambda' | 'undivided';
  /** Which number is taken from the Hessian. */
  readonly limitEigenvalue: 'largest' | 'smallest' | 'trace' | 'm-curvature';
  /** The factor 2 from the square, in every entry of the Hessian, or missing. */
  readonly limitHessianFactor: 2 | 1;
  /** The factor 2 of one diagonal entry alone missing. */
  readonly limitDiagonal: 'both' | 'm-m-without-2' | 'b-b-without-2';
  /** What the Hessian's sums are divided by: N (J is a mean) or nothing (the Hessian of the sum). */
  readonly limitHessianScale: 'mean' | 'sum';
  /** The m–m entry (before the factor): mean x², the variance of x, (mean x)², or mean x. */
  readonly limitCorner: 'mean-x2' | 'variance' | 'square-of-mean' | 'mean-x';
  /** The m–b entries: 2·mean x, 0, or mean x (the factor 2 missing there only). */
  readonly limitOffDiagonal: 'mean-x' | 'zero' | 'halved';
  /** Which of the means alone is divided by N − 1, or not divided at all. */
  readonly limitMeans: 'by-n' | 'x-by-n-minus-1' | 'x2-by-n-minus-1' | 'x-not-divided' | 'x2-not-divided';
  /** Whether the sums of x and of x² add every point, one keeps only the last, or both are used before any point is added (0). */
  readonly limitSums: 'all' | 'x-last-only' | 'x2-last-only' | 'none';
  /** How λ is solved from λ² − trace·λ + det = 0: right, with √(trace² − det), or with the diagonal's sum under the root. */
  readonly limitRoot: 'right' | 'four-missing' | 'sum-under-root' | 'half-missing' | 'middle-not-halved';
}

/**
 * What vₖ₊₁ keeps of vₖ and takes of −η·∇f: heavy ball (β, 1); β ignored (0, 1); β on the
 * gradient instead of the velocity (1, β); β on both (β, β); an exponential average (β, 1 − β); the
 * velocity never damped (1, 1); β's sign flipped (−β, 1); 1 − β kept (1 − β, 1).
 */
/**
 * One coordinate's new velocity: β·v − η·g (right); with the other coordinate's slope; the whole
 * difference the wrong way round, η·g − β·v; β's sign flipped there alone, −β·v − η·g; the
 * gradient's sign flipped there alone, β·v + η·g; or η without the slope, β·v − η.
 */
export type VelocityComponent = 'own' | 'other-slope' | 'reversed' | 'momentum-reversed' | 'climbs' | 'drops-slope';

/**
 * One coordinate's new position: p + v (right); p unchanged; v alone; p moved by the other
 * coordinate's velocity; the other coordinate's p moved by this velocity; or p − v.
 */
export type PositionComponent =
  'own' | 'stays' | 'velocity-only' | 'other-velocity' | 'from-other' | 'against-velocity';

export type VelocityRule =
  | 'heavy-ball'
  | 'momentum-ignored'
  | 'momentum-on-gradient'
  | 'momentum-on-both'
  | 'average'
  | 'undamped'
  | 'reversed'
  | 'complement';

export const VELOCITY_RULES: Record<VelocityRule, (beta: number) => { keep: number; push: number }> = {
  'heavy-ball': (beta) => ({ keep: beta, push: 1 }),
  'momentum-ignored': () => ({ keep: 0, push: 1 }),
  'momentum-on-gradient': (beta) => ({ keep: 1, push: beta }),
  'momentum-on-both': (beta) => ({ keep: beta, push: beta }),
  average: (beta) => ({ keep: beta, push: 1 - beta }),
  undamped: () => ({ keep: 1, push: 1 }),
  reversed: (beta) => ({ keep: -beta, push: 1 }),
  complement: (beta) => ({ keep: 1 - beta, push: 1 }),
};

export const REFERENCE: MomentumModel = {
  velocity: 'heavy-ball',
  direction: -1,
  order: 'velocity-first',
  evaluation: 'current',
  velocityStart: 'zero',
  positionUpdate: 'velocity',
  velocityFields: 'own',
  velocityX: 'own',
  velocityY: 'own',
  positionX: 'own',
  positionY: 'own',
  startCopy: 'right',
  rate: 'given',
  constantRate: 0.01,
  momentumValue: 'given',
  constantMomentum: 0.9,
  extraSteps: 0,
  path: 'all',
  aliasing: 'none',
  limitFactor: 'one-plus',
  limitNumerator: 2,
  limitEigenvalue: 'largest',
  limitHessianFactor: 2,
  limitDiagonal: 'both',
  limitHessianScale: 'mean',
  limitCorner: 'mean-x2',
  limitOffDiagonal: 'mean-x',
  limitMeans: 'by-n',
  limitSums: 'all',
  limitRoot: 'right',
};

const plus = (p: Vec2, q: Vec2, k = 1): Vec2 => ({ x: p.x + k * q.x, y: p.y + k * q.y });
const other = (axis: 'x' | 'y') => (axis === 'x' ? 'y' : 'x');

/** One coordinate's new velocity from the carried velocity and the gradient, its rate and its rule. */
function velocityOf(
  rule: VelocityComponent,
  axis: 'x' | 'y',
  keep: number,
  carried: Vec2,
  g: Vec2,
  push: number,
): number {
  const slope = rule === 'other-slope' ? g[other(axis)] : g[axis];
  const value = (rule === 'momentum-reversed' ? -keep : keep) * carried[axis] + push * slope;
  return rule === 'reversed' ? -value : value;
}

/** One coordinate's new position from the point and the velocity it moves by. */
function positionOf(rule: PositionComponent, axis: 'x' | 'y', p: Vec2, v: Vec2, scale: number): number {
  switch (rule) {
    case 'own':
      return p[axis] + scale * v[axis];
    case 'stays':
      return p[axis];
    case 'velocity-only':
      return scale * v[axis];
    case 'other-velocity':
      return p[axis] + scale * v[other(axis)];
    case 'from-other':
      return p[other(axis)] + scale * v[axis];
    case 'against-velocity':
      return p[axis] - scale * v[axis];
  }
}

export function descendWithMomentumOf(
  c: MomentumModel,
  gradient: (p: Vec2) => Vec2,
  start: Vec2,
  learningRate: number,
  momentum: number,
  iterations: number,
): Vec2[] {
  const eta =
    c.rate === 'given'
      ? learningRate
      : c.rate === 'constant'
        ? c.constantRate
        : c.rate === 'missing'
          ? 1
          : learningRate;
  const etaX = c.rate === 'constant-on-x' ? c.constantRate : c.rate === 'missing-on-x' ? 1 : eta;
  const etaY = c.rate === 'constant-on-y' ? c.constantRate : c.rate === 'missing-on-y' ? 1 : eta;
  const beta = c.momentumValue === 'given' ? momentum : c.constantMomentum;
  const { keep, push } = VELOCITY_RULES[c.velocity](beta);
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
  let v: Vec2 =
    c.velocityStart === 'zero'
      ? { x: 0, y: 0 }
      : c.velocityStart === 'start'
        ? { x: first.x, y: first.y }
        : plus({ x: 0, y: 0 }, gradient(first), c.direction * eta);
  const scale = c.positionUpdate === 'rate-times-velocity' ? eta : 1;
  const move = (p: Vec2, by: Vec2): Vec2 => ({
    x: positionOf(c.positionX, 'x', p, by, scale),
    y: positionOf(c.positionY, 'y', p, by, scale),
  });
  const update = (carriedFrom: Vec2, g: Vec2): Vec2 => {
    const carried =
      c.velocityFields === 'both-from-x'
        ? { x: carriedFrom.x, y: carriedFrom.x }
        : c.velocityFields === 'both-from-y'
          ? { x: carriedFrom.y, y: carriedFrom.y }
          : c.velocityFields === 'swapped'
            ? { x: carriedFrom.y, y: carriedFrom.x }
            : carriedFrom;
    return {
      x: velocityOf(c.velocityX, 'x', keep, carried, g, c.direction * push * etaX),
      y: velocityOf(c.velocityY, 'y', keep, carried, g, c.direction * push * etaY),
    };
  };
  for (let k = 0; k < steps; k++) {
    const p = walk[k];
    const at =
      c.evaluation === 'look-ahead'
        ? plus(p, v, beta)
        : c.evaluation === 'previous'
          ? walk[Math.max(0, k - 1)]
          : c.evaluation === 'start'
            ? walk[0]
            : p;
    if (c.order === 'velocity-first') {
      v = update(v, gradient(at));
      walk.push(move(p, v));
    } else {
      const next = move(p, v);
      v = update(v, gradient(c.order === 'position-first' ? at : next));
      walk.push(next);
    }
  }
  const path =
    c.path === 'missing-start'
      ? walk.slice(1)
      : c.path === 'missing-last'
        ? walk.slice(0, -1)
        : c.path === 'start-twice'
          ? [walk[0], ...walk]
          : c.path === 'fields-swapped'
            ? walk.map(({ x, y }) => ({ x: y, y: x }))
            : c.path === 'start-only'
              ? [walk[0]]
              : c.path === 'start-everywhere'
                ? walk.map(() => walk[0])
                : walk;
  return c.aliasing === 'one-object' ? path.map(() => walk[walk.length - 1]) : path;
}

const LIMIT_FACTORS: Record<MomentumModel['limitFactor'], (beta: number) => number> = {
  'one-plus': (beta) => 1 + beta,
  one: () => 1,
  'one-minus': (beta) => 1 - beta,
  'over-one-plus': (beta) => 1 / (1 + beta),
  'over-one-minus': (beta) => 1 / (1 - beta),
  'two-plus': (beta) => (2 + beta) / 2,
};

export function maxStableMomentumRateOf(c: MomentumModel, points: readonly Point[], momentum: number): number {
  const n = points.length;
  let [sx, sxx] = [0, 0];
  if (c.limitSums !== 'none')
    for (const { x } of points) {
      sx = c.limitSums === 'x-last-only' ? x : sx + x;
      sxx = c.limitSums === 'x2-last-only' ? x * x : sxx + x * x;
    }
  const divisor = c.limitHessianScale === 'mean' ? n : 1;
  const divisorOf = (which: 'x' | 'x2') =>
    c.limitMeans === `${which}-by-n-minus-1` ? n - 1 : c.limitMeans === `${which}-not-divided` ? 1 : divisor;
  const [mean1, mean2] = [sx / divisorOf('x'), sxx / divisorOf('x2')];
  const corner =
    c.limitCorner === 'mean-x2'
      ? mean2
      : c.limitCorner === 'variance'
        ? mean2 - (mean1 * mean1 * divisor) / n
        : c.limitCorner === 'mean-x'
          ? mean1
          : (mean1 * mean1 * divisor) / n;
  const f = c.limitHessianFactor;
  const offDiagonal = c.limitOffDiagonal === 'zero' ? 0 : c.limitOffDiagonal === 'halved' ? mean1 : f * mean1;
  const [a, b, d] = [
    (c.limitDiagonal === 'm-m-without-2' ? 1 : f) * corner,
    offDiagonal,
    ((c.limitDiagonal === 'b-b-without-2' ? 1 : f) * n) / divisor,
  ];
  const [trace, det] = [a + d, a * d - b * b];
  const radius =
    c.limitRoot === 'right'
      ? Math.hypot((a - d) / 2, b)
      : c.limitRoot === 'four-missing'
        ? Math.sqrt(trace * trace - det) / 2
        : c.limitRoot === 'sum-under-root'
          ? Math.hypot((a + d) / 2, b)
          : c.limitRoot === 'half-missing'
            ? Math.hypot(a - d, b)
            : Math.hypot((a - d) / 2, b) + trace / 2;
  const lambda =
    c.limitEigenvalue === 'largest'
      ? trace / 2 + radius
      : c.limitEigenvalue === 'smallest'
        ? trace / 2 - radius
        : c.limitEigenvalue === 'trace'
          ? trace
          : a;
  if (c.limitNumerator === 'lambda') return lambda;
  if (c.limitNumerator === 'undivided') return 2 * LIMIT_FACTORS[c.limitFactor](momentum);
  return (c.limitNumerator * LIMIT_FACTORS[c.limitFactor](momentum)) / lambda;
}
