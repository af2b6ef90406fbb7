/**
 * The designed inputs of 06-learning-rate's hard-case checks (docs/grading-notes.md, "Designed hard
 * cases"): data on which a fragile but plausible algorithm answers wrong while the reference stays
 * within the tolerance. Random inputs almost never meet them.
 */
import type { Point } from '../../../../../exercises/types';

/** The first vector of a power iteration, (v₁, v₂) along (m, b). Only its direction matters. */
export type StartVector = readonly [number, number];

/**
 * The start vectors power iterations are written with: the axes, the diagonals, and (1, ½)-style
 * mixes. A start's multiples, its normalised form and the Hessian's columns (H·e₁, H·e₂ are the
 * iterates after (1, 0) and (0, 1)) are covered by the same data.
 */
export const COMMON_START_VECTORS: readonly StartVector[] = [
  [1, 0],
  [0, 1],
  [1, 1],
  [1, -1],
  [1, 0.5],
  [0.5, 1],
  [1, -0.5],
  [1, 2],
  [2, 1],
  [1, -2],
  [1, 3],
  [3, 1],
];

/**
 * λmax/λmin − 1 ≈ 2^−g for each g: 2^−1 stops an iteration that halts when its estimate stops
 * changing; 2^−7 and 2^−13 also stop one that runs a fixed number of steps, since rounding noise
 * of about 10⁻¹⁶ along the top eigenvector needs about 37/(λmax/λmin − 1) steps to grow to 1
 * (4,700 and 300,000). 2^−13 is the smallest gap: a power iteration from a start with a real
 * component along the top eigenvector converges there within 10⁵ steps to 1e−12.
 */
export const EIGENVALUE_GAP_EXPONENTS: readonly number[] = [1, 7, 13];

/**
 * Data whose Hessian H = 2·[[mean x², mean x], [mean x, 1]] has `start` as an eigenvector of its
 * smaller eigenvalue, so its top eigenvector is orthogonal to `start` and a power iteration from
 * there never leaves λmin.
 *
 * With τ = 2^−(g + ⌈log₂ |start|²⌉), mean x = −τ·v₁·v₂ and mean x² = 1 − τ·(v₁² − v₂²) give
 * H/2 · start = (1 − τ·v₁²) · start, the other eigenvalue being 1 + τ·v₂². The variance
 * (1 − τ·v₁²)(1 + τ·v₂²) is positive, so the x are not all equal. The x are mean x ± dᵢ for k = 1, 2
 * or 4 deviations with Σdᵢ² = k·variance (Lagrange: four squares always suffice), on a binary grid:
 * N is 2, 4 or 8 and every sum and product of a correct computation of H is exact, so H·start is
 * exactly λmin·start in binary64 too.
 */
export function dataBlindTo(start: StartVector, gapExponent: number): Point[] {
  const [v1, v2] = start;
  const size = v1 * v1 + v2 * v2;
  if (!(size > 0) || !Number.isFinite(size))
    throw new Error(`dataBlindTo: the start vector (${start}) has no direction`);
  const tau = 2 ** -(gapExponent + Math.ceil(Math.log2(size)));
  const meanX = -tau * v1 * v2;
  const variance = (1 - tau * v1 * v1) * (1 + tau * v2 * v2);
  for (const k of [1, 2, 4]) {
    for (let j = 0; j < 26; j++) {
      const target = k * variance * 4 ** j;
      if (!Number.isInteger(target)) continue;
      const roots = squaresSumming(target, k);
      if (!roots) break;
      const deviations = roots.map((r) => r / 2 ** j);
      const xs = deviations.flatMap((d) => [meanX + d, meanX - d]);
      return xs.map((x, i) => ({ x, y: i % 2 }));
    }
  }
  throw new Error(`dataBlindTo: no exact data for the start vector (${start}) and gap 2^-${gapExponent}`);
}

/** k non-negative integers whose squares sum to `target`, the largest first; undefined if there are none. */
function squaresSumming(target: number, k: number): number[] | undefined {
  if (k === 1) {
    const root = Math.round(Math.sqrt(target));
    return root * root === target ? [root] : undefined;
  }
  for (let first = Math.floor(Math.sqrt(target)); first >= 0; first--) {
    const rest = squaresSumming(target - first * first, k - 1);
    if (rest) return [first, ...rest];
  }
  return undefined;
}

/** Every start vector's blind data, at every gap; starts along one direction, such as (1, ½) and (2, 1), share theirs. */
export const BLIND_START_DATA: readonly Point[][] = [
  ...new Map(
    COMMON_START_VECTORS.flatMap((start) => EIGENVALUE_GAP_EXPONENTS.map((gap) => dataBlindTo(start, gap))).map(
      (points) => [JSON.stringify(points), points] as const,
    ),
  ).values(),
];

/** Points offset + dᵢ, with y from the line y = m·x + b plus a fixed wobble (so the fit is not exact). */
function farFromOrigin(offset: number, spread: readonly number[], m: number, b: number): Point[] {
  const wobble = [0.5, -0.25, 0.125, -1, 0.75, 0, -0.5, 0.375, -0.625, 0.25, -0.125, 1];
  return spread.map((d, i) => {
    const x = offset + d;
    return { x, y: m * x + b + wobble[i % wobble.length] };
  });
}

/**
 * Data far from the origin with a spread of about 1: mean x² ≈ x̄² while the variance is about 0.1
 * to 4, so Σx², Σxy and (Σx)² agree in their first 12 to 16 digits. Formulas that subtract them
 * (N·Σx² − (Σx)², mean x² − x̄², det(H)/λmin) lose those digits, about u·(x̄² + var)/var relative
 * (u = 2⁻⁵³), while the reference's centred sums Σ(x − x̄)² keep them. The spreads are decimal
 * fractions, so that x² is not exact either.
 */
export const FAR_FROM_ORIGIN: readonly Point[][] = [
  farFromOrigin(1e6, [0, 0.1, 0.2, 0.3, 0.5, 0.7, 1.1], 2, 3),
  farFromOrigin(1e7, [0, 0.1, 0.2, 0.3, 0.5, 0.7, 1.1], 0, 4),
  farFromOrigin(-3e7, [0.3, 0, 0.9, 0.6, 1.5, 1.2, 2.1, 1.8, 2.7, 2.4, 3.3, 3], -0.5, 1e6),
  farFromOrigin(1e8, [0, 1, 2, 3, 4, 5, 6], 2, 3),
  farFromOrigin(-1e8, [0, 0.1, 0.2, 0.3, 0.5, 0.7, 1.1], 1.5, -7),
];
