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
  /** Which velocity each coordinate carries over: its own (right), or both the x's or both the y's. */
  readonly velocityFields: 'own' | 'both-from-x' | 'both-from-y';
  /** The rate each step uses: learningRate (right), a value fixed in the code, or none (η = 1). */
  readonly rate: 'given' | 'constant' | 'missing';
  readonly constantRate: number;
  /** The momentum each step uses: the one given (right), or a value fixed in the code. */
  readonly momentumValue: 'given' | 'constant';
  readonly constantMomentum: number;
  /** Steps taken beyond `iterations`: −1, 0 (right) or +1. */
  readonly extraSteps: -1 | 0 | 1;
  /** Which of the walk's points the path holds. */
  readonly path: 'all' | 'missing-start' | 'missing-last' | 'start-twice';
  /** Every entry the one point object, changed in place. */
  readonly aliasing: 'none' | 'one-object';

  /** The factor of 2/λmax the limit takes from β. */
  readonly limitFactor: 'one-plus' | 'one' | 'one-minus' | 'over-one-plus' | 'over-one-minus' | 'two-plus';
  /** The numerator k of k·factor/λ. */
  readonly limitNumerator: 2 | 1;
  /** Which number is taken from the Hessian. */
  readonly limitEigenvalue: 'largest' | 'smallest' | 'trace' | 'm-curvature';
  /** The factor 2 from the square, in every entry of the Hessian, or missing. */
  readonly limitHessianFactor: 2 | 1;
  /** What the Hessian's sums are divided by: N (J is a mean) or nothing (the Hessian of the sum). */
  readonly limitHessianScale: 'mean' | 'sum';
  /** The m–m entry (before the factor): mean x², the variance of x, (mean x)². */
  readonly limitCorner: 'mean-x2' | 'variance' | 'square-of-mean';
  /** The m–b entries (before the factor): mean x, or 0. */
  readonly limitOffDiagonal: 'mean-x' | 'zero';
  /** How λ is solved from λ² − trace·λ + det = 0: right, or with √(trace² − det). */
  readonly limitRoot: 'right' | 'four-missing';
}

/**
 * What vₖ₊₁ keeps of vₖ and takes of −η·∇f: heavy ball (β, 1); β ignored (0, 1); β on the
 * gradient instead of the velocity (1, β); β on both (β, β); an exponential average (β, 1 − β); the
 * velocity never damped (1, 1); β's sign flipped (−β, 1); 1 − β kept (1 − β, 1).
 */
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
  limitHessianScale: 'mean',
  limitCorner: 'mean-x2',
  limitOffDiagonal: 'mean-x',
  limitRoot: 'right',
};

const plus = (p: Vec2, q: Vec2, k = 1): Vec2 => ({ x: p.x + k * q.x, y: p.y + k * q.y });

export function descendWithMomentumOf(
  c: MomentumModel,
  gradient: (p: Vec2) => Vec2,
  start: Vec2,
  learningRate: number,
  momentum: number,
  iterations: number,
): Vec2[] {
  const eta = c.rate === 'given' ? learningRate : c.rate === 'constant' ? c.constantRate : 1;
  const beta = c.momentumValue === 'given' ? momentum : c.constantMomentum;
  const { keep, push } = VELOCITY_RULES[c.velocity](beta);
  const steps = Math.max(0, iterations + c.extraSteps);
  const walk: Vec2[] = [{ x: start.x, y: start.y }];
  let v: Vec2 =
    c.velocityStart === 'zero'
      ? { x: 0, y: 0 }
      : c.velocityStart === 'start'
        ? { x: start.x, y: start.y }
        : plus({ x: 0, y: 0 }, gradient(walk[0]), c.direction * eta);
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
    const carried =
      c.velocityFields === 'both-from-x'
        ? { x: v.x, y: v.x }
        : c.velocityFields === 'both-from-y'
          ? { x: v.y, y: v.y }
          : v;
    const scale = c.positionUpdate === 'rate-times-velocity' ? eta : 1;
    if (c.order === 'velocity-first') {
      v = plus({ x: keep * carried.x, y: keep * carried.y }, gradient(at), c.direction * push * eta);
      walk.push(plus(p, v, scale));
    } else {
      const next = plus(p, v, scale);
      const g = gradient(c.order === 'position-first' ? at : next);
      v = plus({ x: keep * carried.x, y: keep * carried.y }, g, c.direction * push * eta);
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
  for (const { x } of points) [sx, sxx] = [sx + x, sxx + x * x];
  const divisor = c.limitHessianScale === 'mean' ? n : 1;
  const [mean1, mean2] = [sx / divisor, sxx / divisor];
  const corner =
    c.limitCorner === 'mean-x2'
      ? mean2
      : c.limitCorner === 'variance'
        ? mean2 - (mean1 * mean1 * divisor) / n
        : (mean1 * mean1 * divisor) / n;
  const f = c.limitHessianFactor;
  const [a, b, d] = [f * corner, c.limitOffDiagonal === 'zero' ? 0 : f * mean1, (f * n) / divisor];
  const [trace, det] = [a + d, a * d - b * b];
  const radius = c.limitRoot === 'right' ? Math.hypot((a - d) / 2, b) : Math.sqrt(trace * trace - det) / 2;
  const lambda =
    c.limitEigenvalue === 'largest'
      ? trace / 2 + radius
      : c.limitEigenvalue === 'smallest'
        ? trace / 2 - radius
        : c.limitEigenvalue === 'trace'
          ? trace
          : a;
  return (c.limitNumerator * LIMIT_FACTORS[c.limitFactor](momentum)) / lambda;
}
