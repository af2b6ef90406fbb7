import { describe, expect, it } from 'vitest';
import { exerciseOf, grade, submissionWith } from './_support';

const CORRECT_LEAST_SQUARES = `export function leastSquares(points: readonly Point[]): Line {
  const n = points.length;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - meanX) * (p.y - meanY);
    den += (p.x - meanX) ** 2;
  }
  const m = num / den;
  return { m, b: meanY - m * meanX };
}`;

const CORRECT_RATE = `export function maxStableLearningRate(points: readonly Point[]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const mxx = points.reduce((s, p) => s + p.x * p.x, 0) / n;
  const [a, b, d] = [2 * mxx, 2 * mx, 2];
  return 2 / ((a + d) / 2 + Math.sqrt(((a - d) / 2) ** 2 + b * b));
}`;

const file = (...parts: string[]) => `import type { Line, Point } from '../types';\n\n${parts.join('\n\n')}\n`;

/** Slips in 06 that no catalogue file holds (or holds written otherwise), each written the way a student would. */
describe('slips in 06 are named from the generated space', () => {
  it.each([
    [
      '2/λmax of the Hessian of the sum of squares (no 1/N), from the trial',
      file(
        CORRECT_LEAST_SQUARES,
        `export function maxStableLearningRate(points: readonly Point[]): number {
  // Hessian of sum (y - (m x + b))^2: [[2 Σx², 2 Σx], [2 Σx, 2N]]
  let sx = 0;
  let sxx = 0;
  for (const { x } of points) {
    sx += x;
    sxx += x * x;
  }
  const h11 = 2 * sxx;
  const h12 = 2 * sx;
  const h22 = 2 * points.length;
  const tr = h11 + h22;
  const det = h11 * h22 - h12 * h12;
  const lambdaMax = (tr + Math.sqrt(tr * tr - 4 * det)) / 2;
  return 2 / lambdaMax;
}`,
      ),
      '06-learning-rate/hessian-of-sum',
      /listed twice/,
    ],
    [
      '1/λmax, from the characteristic polynomial',
      file(
        CORRECT_LEAST_SQUARES,
        `export function maxStableLearningRate(points: readonly Point[]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const mx2 = points.reduce((s, p) => s + p.x ** 2, 0) / n;
  const tr = 2 * mx2 + 2;
  const det = 4 * mx2 - 4 * mx * mx;
  const lambda = tr / 2 + Math.sqrt((tr * tr) / 4 - det);
  return 1 / lambda;
}`,
      ),
      '06-learning-rate/one-over-lambda-max',
      /\|1 − η·λ\| < 1/,
    ],
    [
      'leastSquares through the origin',
      file(
        `export function leastSquares(points: readonly Point[]): Line {
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += p.x * p.y;
    sxx += p.x * p.x;
  }
  return { m: sxy / sxx, b: 0 };
}`,
        CORRECT_RATE,
      ),
      '06-learning-rate/through-origin',
      /choose b/,
    ],
    [
      'leastSquares regressing x on y',
      file(
        `export function leastSquares(points: readonly Point[]): Line {
  const xs = points.map((p) => p.y);
  const ys = points.map((p) => p.x);
  const n = points.length;
  const xBar = xs.reduce((a, b) => a + b, 0) / n;
  const yBar = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - xBar) * (ys[i] - yBar);
    sxx += (xs[i] - xBar) * (xs[i] - xBar);
  }
  const m = sxy / sxx;
  return { m, b: yBar - m * xBar };
}`,
        CORRECT_RATE,
      ),
      '06-learning-rate/regresses-x-on-y',
      /Which coordinate does the line predict/,
    ],
    [
      'leastSquares dividing by the spread of y',
      file(
        `export function leastSquares(points: readonly Point[]): Line {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const cov = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const vy = points.reduce((s, p) => s + (p.y - my) ** 2, 0);
  const m = cov / vy;
  return { m, b: my - m * mx };
}`,
        CORRECT_RATE,
      ),
      '06-learning-rate/slope-over-spread-of-y',
      /input of the line/,
    ],
    [
      'both exports wrong: through the origin, and the Hessian of the sum (two slips)',
      file(
        `export function leastSquares(points: readonly Point[]): Line {
  const m = points.reduce((s, p) => s + p.x * p.y, 0) / points.reduce((s, p) => s + p.x * p.x, 0);
  return { m, b: 0 };
}`,
        `export function maxStableLearningRate(points: readonly Point[]): number {
  const sx = points.reduce((s, p) => s + p.x, 0);
  const sxx = points.reduce((s, p) => s + p.x * p.x, 0);
  const a = 2 * sxx;
  const c = 2 * sx;
  const d = 2 * points.length;
  return 2 / ((a + d) / 2 + Math.hypot((a - d) / 2, c));
}`,
      ),
      '06-learning-rate/through-origin+hessian-of-sum',
      /Then:/,
    ],
  ])('%s', async (_, source, id, hint) => {
    const result = await grade(submissionWith('trial', { '06-learning-rate': source }));
    const graded = exerciseOf(result, '06-learning-rate');
    expect(graded.score).toBeLessThan(graded.maxScore);
    expect(graded.diagnosis?.id).toBe(id);
    expect(graded.diagnosis?.hint).toMatch(hint);
    // A hint points at where to look; it never spells out the formula's code.
    expect(graded.diagnosis?.hint).not.toMatch(/points\.length|\.reduce|Σ\(x − x̄\)\(y − ȳ\) \/ Σ\(x − x̄\)²/);
  });

  it('says what the answers show: a limit that shrinks with the number of points is the Hessian of the sum, not 1/λmax', async () => {
    const source = file(
      CORRECT_LEAST_SQUARES,
      `export function maxStableLearningRate(points: readonly Point[]): number {
  let sx = 0;
  let sxx = 0;
  for (const p of points) {
    sx += p.x;
    sxx += p.x * p.x;
  }
  const a = 2 * sxx;
  const b = 2 * sx;
  const c = 2 * points.length;
  return 2 / ((a + c) / 2 + Math.sqrt(((a - c) / 2) ** 2 + b * b));
}`,
    );
    const graded = exerciseOf(await grade(submissionWith('trial', { '06-learning-rate': source })), '06-learning-rate');
    expect(graded.diagnosis?.id).toBe('06-learning-rate/hessian-of-sum');
    expect(graded.diagnosis?.evidence).toMatch(
      /true limit times 1\/N on every designed probe \(N = (\d+, )+\d+ points\)/,
    );
  });
});
