import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Line, Point } from '../../exercises/types';
import { leastSquares, maxStableLearningRate } from '../../solutions/06-learning-rate/learning-rate';
import type { CheckDefinition } from '../../grader/shipped/checks/check';
import { learningRateChecks } from '../../grader/shipped/exercises/06-learning-rate/grading/checks';
import {
  COMMON_START_VECTORS,
  dataBlindTo,
  EIGENVALUE_GAP_EXPONENTS,
  FAR_FROM_ORIGIN,
  type StartVector,
} from '../../grader/shipped/exercises/06-learning-rate/grading/hard-cases';
import type { DataInput } from '../../grader/shipped/exercises/06-learning-rate/public-checks';
import { CORRECT_DIR, CORRECT_STYLES, exerciseOf, grade, submissionWith } from './_support';

const EXERCISE = '06-learning-rate';
const FRAGILE_DIR = join(__dirname, '..', 'fixtures', 'fragile', EXERCISE);
const FRAGILE = readdirSync(FRAGILE_DIR)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
const HARD_CASE_CHECKS = [`${EXERCISE}/least-squares-far-from-origin`, `${EXERCISE}/max-rate-hard-cases`];

function checkNamed(id: string): CheckDefinition<DataInput> {
  const check = learningRateChecks.find((c) => c.id === `${EXERCISE}/${id}`);
  if (!check) throw new Error(`no check ${id}`);
  return check as CheckDefinition<DataInput>;
}

/** Whether an answer function passes every designed input of a check, judged as the grader judges it. */
function passesEveryExample(check: CheckDefinition<DataInput>, answer: (points: Point[]) => unknown): boolean {
  return check.examples!.every((input) => check.verify(input, [{ ok: true, value: answer(input.points) }]).pass);
}

type Stop = 'estimate-unchanged' | 'relative-change-1e-12' | { steps: number };

/** A power iteration on H = 2·[[mean x², mean x], [mean x, 1]] from `start`, as students write it. */
function powerIterationRate(points: readonly Point[], start: StartVector, stop: Stop, norm: '2' | 'max'): number {
  const n = points.length;
  const a = (2 * points.reduce((s, p) => s + p.x * p.x, 0)) / n;
  const b = (2 * points.reduce((s, p) => s + p.x, 0)) / n;
  const size = (v: number[]) => (norm === '2' ? Math.hypot(v[0], v[1]) : Math.max(Math.abs(v[0]), Math.abs(v[1])));
  let v = [start[0] / size([...start]), start[1] / size([...start])];
  let lambda = NaN;
  const steps = typeof stop === 'object' ? stop.steps : 100_000;
  for (let k = 0; k < steps; k++) {
    const w = [a * v[0] + b * v[1], b * v[0] + 2 * v[1]];
    const estimate = (v[0] * w[0] + v[1] * w[1]) / (v[0] * v[0] + v[1] * v[1]);
    v = [w[0] / size(w), w[1] / size(w)];
    if (stop === 'estimate-unchanged' && estimate === lambda) break;
    if (stop === 'relative-change-1e-12' && Math.abs(estimate - lambda) <= 1e-12 * estimate) break;
    lambda = estimate;
  }
  return 2 / lambda;
}

const STOPS: readonly Stop[] = [
  'estimate-unchanged',
  'relative-change-1e-12',
  { steps: 100 },
  { steps: 1000 },
  { steps: 10_000 },
  { steps: 100_000 },
];

/** Exact rational arithmetic on the binary64 inputs, for the true least-squares line. */
type Fraction = readonly [bigint, bigint];
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const fraction = (n: bigint, d: bigint): Fraction => {
  const g = gcd(n, d) * (d < 0n ? -1n : 1n);
  return [n / g, d / g];
};
const plus = (p: Fraction, q: Fraction) => fraction(p[0] * q[1] + q[0] * p[1], p[1] * q[1]);
const minus = (p: Fraction, q: Fraction) => plus(p, [-q[0], q[1]]);
const times = (p: Fraction, q: Fraction) => fraction(p[0] * q[0], p[1] * q[1]);
const over = (p: Fraction, q: Fraction) => fraction(p[0] * q[1], p[1] * q[0]);
function exactly(x: number): Fraction {
  let d = 1n;
  while (!Number.isInteger(x)) {
    x *= 2;
    d *= 2n;
  }
  return fraction(BigInt(x), d);
}
const toNumber = ([n, d]: Fraction) => Number((n * 10n ** 40n) / d) / 1e40;

function exactLeastSquares(points: readonly Point[]): Line {
  const count: Fraction = [BigInt(points.length), 1n];
  const xs = points.map((p) => exactly(p.x));
  const ys = points.map((p) => exactly(p.y));
  const meanX = over(xs.reduce(plus, [0n, 1n]), count);
  const meanY = over(ys.reduce(plus, [0n, 1n]), count);
  let sxx: Fraction = [0n, 1n];
  let sxy: Fraction = [0n, 1n];
  xs.forEach((x, i) => {
    sxx = plus(sxx, times(minus(x, meanX), minus(x, meanX)));
    sxy = plus(sxy, times(minus(x, meanX), minus(ys[i], meanY)));
  });
  const m = over(sxy, sxx);
  return { m: toNumber(m), b: toNumber(minus(meanY, times(m, meanX))) };
}

/** The expanded-sum forms of the slope and intercept a student may write. */
const EXPANDED_LEAST_SQUARES: Record<string, (points: readonly Point[]) => Line> = {
  'Cramer on [[Σx², Σx], [Σx, N]]': (points) => {
    const s = sums(points);
    const det = s.xx * s.n - s.x * s.x;
    return { m: (s.xy * s.n - s.x * s.y) / det, b: (s.xx * s.y - s.x * s.xy) / det };
  },
  '(N·Σxy − Σx·Σy) / (N·Σx² − (Σx)²)': (points) => {
    const s = sums(points);
    const m = (s.n * s.xy - s.x * s.y) / (s.n * s.xx - s.x * s.x);
    return { m, b: (s.y - m * s.x) / s.n };
  },
  'Gaussian elimination on [[Σx², Σx], [Σx, N]]': (points) => {
    const s = sums(points);
    const factor = s.x / s.xx;
    const b = (s.y - factor * s.xy) / (s.n - factor * s.x);
    return { m: (s.xy - s.x * b) / s.xx, b };
  },
  '(mean xy − x̄·ȳ) / (mean x² − x̄²)': (points) => {
    const s = sums(points);
    const [mx, my] = [s.x / s.n, s.y / s.n];
    const m = (s.xy / s.n - mx * my) / (s.xx / s.n - mx * mx);
    return { m, b: my - m * mx };
  },
};

function sums(points: readonly Point[]) {
  const s = { n: points.length, x: 0, y: 0, xx: 0, xy: 0 };
  for (const p of points) {
    s.x += p.x;
    s.y += p.y;
    s.xx += p.x * p.x;
    s.xy += p.x * p.y;
  }
  return s;
}

/** The worst of |answer − exact| / tolerance over m and b, with the check's own tolerance. */
function errorInTolerances(points: readonly Point[], answer: Line): number {
  const exact = exactLeastSquares(points);
  const { tolerance } = checkNamed('least-squares-far-from-origin').handout!.facts({ points: [...points] }) as {
    tolerance: Line;
  };
  return Math.max(Math.abs(answer.m - exact.m) / tolerance.m, Math.abs(answer.b - exact.b) / tolerance.b);
}

describe('06-learning-rate: a Hessian whose top eigenvector is orthogonal to a common start vector', () => {
  it.each(COMMON_START_VECTORS.flatMap((start) => EIGENVALUE_GAP_EXPONENTS.map((gap) => [start, gap] as const)))(
    'start (%s), gap 2^-%d: valid data on which plain sums give H·start = λmin·start exactly',
    (start, gap) => {
      const points = dataBlindTo(start, gap);
      expect(new Set(points.map((p) => p.x)).size).toBeGreaterThanOrEqual(2);
      expect(Math.log2(points.length) % 1).toBe(0);
      const n = points.length;
      const [q, mu] = [points.reduce((s, p) => s + p.x * p.x, 0) / n, points.reduce((s, p) => s + p.x, 0) / n];
      const lambdaOfStart = start[0] !== 0 ? (q * start[0] + mu * start[1]) / start[0] : 1;
      expect(q * start[0] + mu * start[1]).toBe(lambdaOfStart * start[0]);
      expect(mu * start[0] + start[1]).toBe(lambdaOfStart * start[1]);
      const lambdaOther = q + 1 - lambdaOfStart;
      expect(lambdaOther / lambdaOfStart - 1).toBeGreaterThan(2 ** -(gap + 1));
      expect(lambdaOther / lambdaOfStart - 1).toBeLessThanOrEqual(2 ** -gap * 2);
    },
  );

  it('the reference passes max-rate-hard-cases', () => {
    expect(passesEveryExample(checkNamed('max-rate-hard-cases'), maxStableLearningRate)).toBe(true);
  });

  it.each(COMMON_START_VECTORS.map((start) => [start] as const))(
    'a power iteration from (%s) fails max-rate-hard-cases, however it stops and normalises',
    (start) => {
      const check = checkNamed('max-rate-hard-cases');
      const passing = STOPS.flatMap((stop) =>
        (['2', 'max'] as const)
          .filter((norm) => passesEveryExample(check, (points) => powerIterationRate(points, start, stop, norm)))
          .map((norm) => `${JSON.stringify(stop)} with the ${norm}-norm`),
      );
      expect(passing).toEqual([]);
    },
  );

  it('a power iteration from a start with a component along every eigenvector, run to convergence, passes', () => {
    const generic: StartVector = [0.6, 0.8];
    expect(
      passesEveryExample(checkNamed('max-rate-hard-cases'), (points) =>
        powerIterationRate(points, generic, 'estimate-unchanged', '2'),
      ),
    ).toBe(true);
  });
});

describe('06-learning-rate: data far from the origin', () => {
  it.each(FAR_FROM_ORIGIN.map((points, i) => [i, points] as const))(
    'input %d: the reference is within 1e-5 of the tolerance of the exact line; expanded sums are 1e5 tolerances off',
    (_, points) => {
      expect(errorInTolerances(points, leastSquares(points))).toBeLessThan(1e-5);
      for (const [name, formula] of Object.entries(EXPANDED_LEAST_SQUARES))
        expect(errorInTolerances(points, formula(points)), name).toBeGreaterThan(1e5);
    },
  );

  it('the reference passes least-squares-far-from-origin, and every expanded form fails it', () => {
    const check = checkNamed('least-squares-far-from-origin');
    expect(passesEveryExample(check, leastSquares)).toBe(true);
    for (const [name, formula] of Object.entries(EXPANDED_LEAST_SQUARES))
      expect(passesEveryExample(check, formula), name).toBe(false);
  });
});

describe('06-learning-rate: fragile algorithms lose points, and correct styles keep them', () => {
  it.each(FRAGILE)(
    'fragile/%s loses points on a hard-case check, and is named for what that check saw',
    async (name) => {
      const source = readFileSync(join(FRAGILE_DIR, `${name}.ts`), 'utf8');
      const own = exerciseOf(await grade(submissionWith(`fragile-${name}`, { [EXERCISE]: source })), EXERCISE);
      expect(own.score).toBeLessThan(own.maxScore);
      const failing = own.checks.filter((c) => c.status !== 'pass').map((c) => c.id);
      expect(failing.filter((id) => HARD_CASE_CHECKS.includes(id))).not.toEqual([]);
      // A fragile method answers the designed probes right; when only hard-case checks fail, the diagnosis names what they saw.
      if (failing.every((id) => HARD_CASE_CHECKS.includes(id)))
        expect(own.diagnosis?.id).toMatch(/06-learning-rate\/(fragile-eigenvalue|cancels-far-from-origin)/);
      else expect(own.diagnosis?.id ?? '').not.toMatch(/fragile-eigenvalue|cancels-far-from-origin/);
    },
  );

  it.each(CORRECT_STYLES)('correct/%s keeps full marks on 06, hard cases included', async (style) => {
    const source = readFileSync(join(CORRECT_DIR, style, EXERCISE, 'learning-rate.ts'), 'utf8');
    const own = exerciseOf(await grade(submissionWith(`correct-${style}`, { [EXERCISE]: source })), EXERCISE);
    expect(own.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
    expect(own.score).toBe(own.maxScore);
  });
});
