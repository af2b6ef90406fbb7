import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KIT_ROOT } from '../../grader/data/paths';
import { referenceSubmission, withExerciseSource } from '../../grader/diagnosis/variant-submission';
import { catalogueSource, exerciseOf, grade, submissionWith } from './_support';

const EXERCISE = '11-momentum';

const DESCEND = `export function descendWithMomentum(
  gradient: (p: Vec2) => Vec2,
  start: Vec2,
  learningRate: number,
  momentum: number,
  iterations: number,
): Vec2[] {
  let p = { x: start.x, y: start.y };
  let v = { x: 0, y: 0 };
  const path = [p];
  for (let k = 0; k < iterations; k++) {
    const g = gradient(p);
    v = { x: momentum * v.x - learningRate * g.x, y: momentum * v.y - learningRate * g.y };
    p = { x: p.x + v.x, y: p.y + v.y };
    path.push(p);
  }
  return path;
}`;

const LIMIT = `export function maxStableMomentumRate(points: readonly Point[], momentum: number): number {
  const n = points.length;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanXX = points.reduce((s, p) => s + p.x * p.x, 0) / n;
  const [a, b, d] = [2 * meanXX, 2 * meanX, 2];
  const lambdaMax = (a + d) / 2 + Math.sqrt(((a - d) / 2) ** 2 + b * b);
  return (2 * (1 + momentum)) / lambdaMax;
}`;

/** A 11-momentum file written as a student would, with the parts not given here right. */
const file = (parts: { descend?: string; limit?: string }) =>
  `import type { Point, Vec2 } from '../types';\n\n${parts.descend ?? DESCEND}\n\n${parts.limit ?? LIMIT}\n`;

/** The heavy-ball loop with its body replaced: `p`, `v`, `path` and `g` as in DESCEND. */
const loop = (body: string, before = 'let v = { x: 0, y: 0 };') =>
  DESCEND.replace('let v = { x: 0, y: 0 };', before).replace(
    /const g = gradient\(p\);[\s\S]*?path\.push\(p\);/,
    body.trim(),
  );

/** The limit with its last line replaced. */
const limit = (last: string) => LIMIT.replace('return (2 * (1 + momentum)) / lambdaMax;', last);

const graded = async (source: string) =>
  exerciseOf(await grade(submissionWith('trial', { [EXERCISE]: source }), { exercises: [EXERCISE] }), EXERCISE);

describe('11-momentum: the reference, the stub and the correct parts used below', () => {
  it('the reference scores full marks and names nothing', async () => {
    const reference = exerciseOf(await grade(referenceSubmission(), { exercises: [EXERCISE] }), EXERCISE);
    expect(reference.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
    expect(reference.score).toBe(reference.maxScore);
    expect(reference.maxScore).toBe(20);
  });

  it('the stub scores 0, every check saying "not implemented"', async () => {
    const stub = readFileSync(join(KIT_ROOT, 'exercises', EXERCISE, 'momentum.ts'), 'utf8');
    const own = exerciseOf(
      await grade(withExerciseSource(referenceSubmission(), EXERCISE, stub, 'stub'), { exercises: [EXERCISE] }),
      EXERCISE,
    );
    expect(own.score).toBe(0);
    for (const check of own.checks) expect(check.message, check.id).toMatch(/not implemented/);
  });

  it('the correct parts score full marks and name nothing', async () => {
    const own = await graded(file({}));
    expect(own.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
    expect(own.diagnosis).toBeUndefined();
  });
});

/** The mistakes issue 18 names for 11 and the brief's others, each written the way a student would, and named from the generated space with its own words. */
describe('11-momentum: the mistakes of issue 18 are named from the generated space', () => {
  it.each([
    [
      'the velocity updated after the position (p moves by the old v)',
      {
        descend: loop(`
    const g = gradient(p);
    p = { x: p.x + v.x, y: p.y + v.y };
    v = { x: momentum * v.x - learningRate * g.x, y: momentum * v.y - learningRate * g.y };
    path.push(p);`),
      },
      'position-before-velocity',
      /velocity is updated after the position/,
    ],
    [
      'the position moved first, the gradient taken at the new point',
      {
        descend: loop(`
    p = { x: p.x + v.x, y: p.y + v.y };
    const g = gradient(p);
    v = { x: momentum * v.x - learningRate * g.x, y: momentum * v.y - learningRate * g.y };
    path.push(p);`),
      },
      'position-before-velocity-fresh-gradient',
      /one step late/,
    ],
    [
      'a velocity that adds +η·∇f',
      {
        descend: loop(`
    const g = gradient(p);
    v = { x: momentum * v.x + learningRate * g.x, y: momentum * v.y + learningRate * g.y };
    p = { x: p.x + v.x, y: p.y + v.y };
    path.push(p);`),
      },
      'velocity-climbs',
      /uphill/,
    ],
    [
      'β applied to the gradient instead of the velocity',
      {
        descend: loop(`
    const g = gradient(p);
    v = { x: v.x - momentum * learningRate * g.x, y: v.y - momentum * learningRate * g.y };
    p = { x: p.x + v.x, y: p.y + v.y };
    path.push(p);`),
      },
      'momentum-on-gradient',
      /β multiplies the gradient instead of the velocity/,
    ],
    [
      "Nesterov's look-ahead gradient",
      {
        descend: loop(`
    const g = gradient({ x: p.x + momentum * v.x, y: p.y + momentum * v.y });
    v = { x: momentum * v.x - learningRate * g.x, y: momentum * v.y - learningRate * g.y };
    p = { x: p.x + v.x, y: p.y + v.y };
    path.push(p);`),
      },
      'nesterov-look-ahead',
      /Nesterov's method, not heavy ball/,
    ],
    [
      'the velocity starting at −η·∇f(start), a double first step',
      {
        descend: loop(
          `
    const g = gradient(p);
    v = { x: momentum * v.x - learningRate * g.x, y: momentum * v.y - learningRate * g.y };
    p = { x: p.x + v.x, y: p.y + v.y };
    path.push(p);`,
          'const g0 = gradient(start);\n  let v = { x: -learningRate * g0.x, y: -learningRate * g0.y };',
        ),
      },
      'velocity-starts-at-first-step',
      /first step is taken twice/,
    ],
    [
      'the velocity as an average of gradients, (1 − β)·∇f (the EMA convention)',
      {
        descend: loop(`
    const g = gradient(p);
    v = { x: momentum * v.x + (1 - momentum) * g.x, y: momentum * v.y + (1 - momentum) * g.y };
    p = { x: p.x - learningRate * v.x, y: p.y - learningRate * v.y };
    path.push(p);`),
      },
      'velocity-averages-gradients',
      /EMA convention/,
    ],
    [
      'momentum ignored',
      {
        descend: loop(`
    const g = gradient(p);
    p = { x: p.x - learningRate * g.x, y: p.y - learningRate * g.y };
    path.push(p);`),
      },
      'momentum-ignored',
      /plain gradient descent/,
    ],
    [
      'a path without the start',
      { descend: DESCEND.replace('const path = [p];', 'const path: Vec2[] = [];') },
      'path-missing-start',
      /leaves out the start/,
    ],
    [
      'the position form with the point before the start taken as (0, 0)',
      {
        descend: `export function descendWithMomentum(gradient: (p: Vec2) => Vec2, start: Vec2, learningRate: number, momentum: number, iterations: number): Vec2[] {
  const path: Vec2[] = [{ ...start }];
  let previous = { x: 0, y: 0 };
  for (let k = 0; k < iterations; k++) {
    const p = path[k];
    const g = gradient(p);
    path.push({ x: p.x - learningRate * g.x + momentum * (p.x - previous.x), y: p.y - learningRate * g.y + momentum * (p.y - previous.y) });
    previous = p;
  }
  return path;
}`,
      },
      'velocity-starts-at-start',
      /previous move/,
    ],
    [
      'the position form with the previous move the wrong way round',
      {
        descend: `export function descendWithMomentum(gradient: (p: Vec2) => Vec2, start: Vec2, learningRate: number, momentum: number, iterations: number): Vec2[] {
  const path: Vec2[] = [{ ...start }];
  for (let k = 0; k < iterations; k++) {
    const p = path[k];
    const before = path[Math.max(0, k - 1)];
    const g = gradient(p);
    path.push({ x: p.x - learningRate * g.x + momentum * (before.x - p.x), y: p.y - learningRate * g.y + momentum * (before.y - p.y) });
  }
  return path;
}`,
      },
      'momentum-reversed',
      /−β of the previous move/,
    ],
    [
      'the limit 2/λmax without (1 + β)',
      { limit: limit('return 2 / lambdaMax;') },
      'limit-without-momentum',
      /without the factor \(1 \+ β\)/,
    ],
    [
      'the limit 2(1 − β)/λmax',
      { limit: limit('return (2 * (1 - momentum)) / lambdaMax;') },
      'limit-one-minus-momentum',
      /2\(1 − β\)\/λmax/,
    ],
    [
      'the limit 2/((1 + β)·λmax)',
      { limit: limit('return 2 / ((1 + momentum) * lambdaMax);') },
      'limit-over-one-plus-momentum',
      /divides by \(1 \+ β\)/,
    ],
    [
      'the limit (2 + β)/λmax',
      { limit: limit('return (2 + momentum) / lambdaMax;') },
      'limit-two-plus-momentum',
      /the 2 does not multiply β/,
    ],
  ] as const)('names %s', async (_, parts, slug, words) => {
    const own = await graded(file(parts));
    expect(own.score).toBeLessThan(own.maxScore);
    expect(own.unrecognised).toBeUndefined();
    expect(own.diagnosis?.id).toBe(`${EXERCISE}/${slug}`);
    expect(`${own.diagnosis?.name} ${own.diagnosis?.explanation}`).toMatch(words);
  });

  it('names a slip in each export together, each from its own answers', async () => {
    const own = await graded(
      file({
        descend: loop(`
    const g = gradient(p);
    p = { x: p.x + v.x, y: p.y + v.y };
    v = { x: momentum * v.x - learningRate * g.x, y: momentum * v.y - learningRate * g.y };
    path.push(p);`),
        limit: limit('return 2 / lambdaMax;'),
      }),
    );
    expect(own.diagnosis?.id).toBe(`${EXERCISE}/position-before-velocity+limit-without-momentum`);
  });

  it('names a hard-coded momentum and quotes the value it reads off the answers', async () => {
    const own = await graded(
      file({
        descend: loop(`
    const g = gradient(p);
    v = { x: 0.9 * v.x - learningRate * g.x, y: 0.9 * v.y - learningRate * g.y };
    p = { x: p.x + v.x, y: p.y + v.y };
    path.push(p);`),
      }),
    );
    expect(own.diagnosis?.id).toBe(`${EXERCISE}/hard-coded-momentum`);
    expect(own.diagnosis?.name).toMatch(/β = 0\.9 whatever momentum says/);
  });

  it('a velocity kept outside the function, never reset, fails purity with what that check saw', async () => {
    const own = await graded(
      file({ descend: `let v = { x: 0, y: 0 };\n\n${DESCEND.replace('let v = { x: 0, y: 0 };\n', '')}` }),
    );
    expect(own.score).toBeLessThan(own.maxScore);
    expect(own.checks.find((c) => c.id === `${EXERCISE}/pure`)?.message).toMatch(/keep state between calls/);
  });
});

describe('11-momentum over a broken 06', () => {
  const OVER_06 = `import { maxStableLearningRate } from '../06-learning-rate/learning-rate';
import type { Point, Vec2 } from '../types';

${DESCEND}

export function maxStableMomentumRate(points: readonly Point[], momentum: number): number {
  return (1 + momentum) * maxStableLearningRate(points);
}
`;
  const both = (limit06: string) =>
    submissionWith('over-06', { '06-learning-rate': catalogueSource(limit06), [EXERCISE]: OVER_06 });

  it('a right 11 that calls a broken 06 keeps its marks, graded in isolation, and names 06 as the root cause', async () => {
    const result = await grade(both('06-learning-rate/one-over-lambda-max'), {
      exercises: ['06-learning-rate', EXERCISE],
    });
    expect(exerciseOf(result, '06-learning-rate').diagnosis?.id).toBe('06-learning-rate/one-over-lambda-max');
    const own = exerciseOf(result, EXERCISE);
    expect(own.score).toBe(own.maxScore);
    expect(own.rootCause).toMatchObject({ brokenDependency: '06-learning-rate', gradedInIsolation: true });
  });

  it('a wrong 11 over a broken 06 keeps its own lower score and its own diagnosis', async () => {
    const wrong = OVER_06.replace('(1 + momentum) * maxStableLearningRate', 'maxStableLearningRate');
    const result = await grade(
      submissionWith('over-06', {
        '06-learning-rate': catalogueSource('06-learning-rate/one-over-lambda-max'),
        [EXERCISE]: wrong,
      }),
      { exercises: ['06-learning-rate', EXERCISE] },
    );
    const own = exerciseOf(result, EXERCISE);
    expect(own.score).toBeLessThan(own.maxScore);
    expect(own.diagnosis?.id).toBe(`${EXERCISE}/limit-without-momentum`);
    expect(own.rootCause).toMatchObject({ brokenDependency: '06-learning-rate', gradedInIsolation: false });
  });
});
