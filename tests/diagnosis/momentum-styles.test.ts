import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Vec2 } from '../../exercises/types';
import { readSubmission } from '../../grader/shipped/submission/read-submission';
import { bowlGradient, type Bowl } from '../../grader/shipped/exercises/05-valley/public-checks';
import { momentumInputs, pathRounding } from '../../grader/shipped/exercises/11-momentum/public-checks';
import { descendWithMomentum } from '../../solutions/11-momentum/momentum';
import { CORRECT_DIR, CORRECT_STYLES, exerciseOf, grade } from './_support';

const EXERCISE = '11-momentum';
const STYLES = CORRECT_STYLES.filter((style) => existsSync(join(CORRECT_DIR, style, EXERCISE, 'momentum.ts')));

describe('11-momentum: correct styles', () => {
  it('at least 6 styles implement it, the velocity form and the position form among them', () => {
    expect(STYLES.length).toBeGreaterThanOrEqual(6);
    expect(STYLES).toEqual(expect.arrayContaining(['index-loops', 'for-of-inline', 'typed-arrays', 'reduce']));
  });

  it.each(STYLES)('correct/%s gets full marks on 11 with its own 06, and is never diagnosed', async (style) => {
    const result = await grade(readSubmission(join(CORRECT_DIR, style), `correct-${style}`), {
      exercises: ['06-learning-rate', EXERCISE],
    });
    const own = exerciseOf(result, EXERCISE);
    expect(own.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
    expect(own.score).toBe(own.maxScore);
    expect(own.diagnosis).toBeUndefined();
    expect(own.unrecognised).toBeUndefined();
  });
});

/** Exact dyadic rationals m·2^e: every double is one, and sums and products of them are exact. */
class Dyadic {
  constructor(
    readonly m: bigint,
    readonly e: number,
  ) {}
  static of(x: number): Dyadic {
    if (x === 0) return new Dyadic(0n, 0);
    let [m, e] = [x, 0];
    while (!Number.isInteger(m)) [m, e] = [m * 2, e - 1];
    return new Dyadic(BigInt(m), e);
  }
  plus(o: Dyadic): Dyadic {
    const e = Math.min(this.e, o.e);
    return new Dyadic((this.m << BigInt(this.e - e)) + (o.m << BigInt(o.e - e)), e);
  }
  times(o: Dyadic): Dyadic {
    return new Dyadic(this.m * o.m, this.e + o.e);
  }
  value(): number {
    const negative = this.m < 0n;
    let [m, e] = [negative ? -this.m : this.m, this.e];
    const extra = m.toString(2).length - 60;
    if (extra > 0) [m, e] = [m >> BigInt(extra), e + extra];
    return (negative ? -1 : 1) * Number(m) * 2 ** e;
  }
}

/** Heavy ball in exact arithmetic on a bowl, rounded once per point at the end. */
function exactWalk(bowl: Bowl, start: Vec2, learningRate: number, momentum: number, iterations: number): Vec2[] {
  const [[a, b], [c, d]] = bowl.hessian.map((row) => row.map(Dyadic.of));
  const [cx, cy] = bowl.center.map((v) => Dyadic.of(-v));
  const [eta, beta] = [Dyadic.of(-learningRate), Dyadic.of(momentum)];
  let [x, y, vx, vy] = [Dyadic.of(start.x), Dyadic.of(start.y), Dyadic.of(0), Dyadic.of(0)];
  const path = [{ x: x.value(), y: y.value() }];
  for (let k = 0; k < iterations; k++) {
    const [dx, dy] = [x.plus(cx), y.plus(cy)];
    const [gx, gy] = [a.times(dx).plus(b.times(dy)), c.times(dx).plus(d.times(dy))];
    [vx, vy] = [beta.times(vx).plus(eta.times(gx)), beta.times(vy).plus(eta.times(gy))];
    [x, y] = [x.plus(vx), y.plus(vy)];
    path.push({ x: x.value(), y: y.value() });
  }
  return path;
}

type Walk = (g: (p: Vec2) => Vec2, start: Vec2, rate: number, beta: number, n: number) => Vec2[];

/** The forms correct code is written in, and one that is not: heavy ball in single precision. */
const FORMS: Record<string, Walk> = {
  'v ← βv − η∇f, p ← p + v (the reference)': descendWithMomentum,
  'p ← p − η∇f + β(p − p₋₁)': (g, start, rate, beta, n) => {
    const path = [start];
    for (let k = 0; k < n; k++) {
      const [p, before] = [path[k], path[Math.max(0, k - 1)]];
      const s = g(p);
      path.push({ x: p.x - rate * s.x + beta * (p.x - before.x), y: p.y - rate * s.y + beta * (p.y - before.y) });
    }
    return path;
  },
  'u ← βu + ∇f, p ← p − ηu': (g, start, rate, beta, n) => {
    let u = { x: 0, y: 0 };
    const path = [start];
    for (let k = 0; k < n; k++) {
      const [p, s] = [path[k], g(path[k])];
      u = { x: beta * u.x + s.x, y: beta * u.y + s.y };
      path.push({ x: p.x - rate * u.x, y: p.y - rate * u.y });
    }
    return path;
  },
};
const SINGLE_PRECISION: Walk = (g, start, rate, beta, n) => {
  const f = Math.fround;
  let v = { x: 0, y: 0 };
  const path = [start];
  for (let k = 0; k < n; k++) {
    const [p, s] = [path[k], g(path[k])];
    v = { x: f(beta * v.x - rate * s.x), y: f(beta * v.y - rate * s.y) };
    path.push({ x: f(p.x + v.x), y: f(p.y + v.y) });
  }
  return path;
};

/** The largest error of a walk from the exact one, in units of the bound the path comparison allows at each point. */
function inBounds(walk: Walk, i: (typeof WALKS)[number]): number {
  const exact = exactWalk(i.bowl, i.start, i.learningRate, i.momentum, i.iterations);
  const path = walk(bowlGradient(i.bowl), i.start, i.learningRate, i.momentum, i.iterations);
  let [worst, scale] = [0, 0];
  exact.forEach((e, k) => {
    scale = Math.max(scale, Math.abs(e.x) + Math.abs(e.y));
    const bound = pathRounding(scale, i.learningRate, k);
    const error = Math.max(Math.abs(path[k].x - e.x), Math.abs(path[k].y - e.y));
    worst = Math.max(worst, error === 0 ? 0 : error / bound);
  });
  return worst;
}

/** The walks of the reference comparisons, stretched to 60 steps so that rounding has time to grow. */
const WALKS = fc.sample(
  momentumInputs.map((i) => ({ ...i, iterations: 60 })),
  { seed: 11, numRuns: 150 },
);

describe("11-momentum: the path's tolerance", () => {
  it.each(Object.keys(FORMS))('%s stays within 1/30 of it of the exact walk', (form) => {
    expect(Math.max(...WALKS.map((i) => inBounds(FORMS[form], i)))).toBeLessThan(1 / 30);
  });

  it('heavy ball in single precision is over 10,000 times outside it', () => {
    expect(Math.max(...WALKS.map((i) => inBounds(SINGLE_PRECISION, i)))).toBeGreaterThan(1e4);
  });
});
