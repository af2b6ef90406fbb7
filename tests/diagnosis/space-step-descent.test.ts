import { describe, expect, it } from 'vitest';
import type { ExerciseId } from '../../grader/shipped/contract/exercises';
import { exerciseOf, grade, submissionWith } from './_support';

/**
 * Slips in 03 and 04 that no catalogue file holds, or holds with another value, each written the
 * way a student would: named from the generated spaces, with the facts the answers show.
 */
describe('slips in 03 and 04 written nowhere in the catalogue are named from the generated space', () => {
  it.each([
    {
      slip: 'the move η·∇J returned instead of the new line (the trial’s slip)',
      exercise: '03-step',
      source: `import { computeGradient } from '../02-gradient/gradient';
import type { Line, Point } from '../types';

export function step(points: readonly Point[], line: Line, lr: number): Line {
  const { dm, db } = computeGradient(points, line);
  return { m: lr * dm, b: lr * db };
}`,
      id: '03-step/returns-move',
      says: /the move/,
      shows: /learningRate × the gradient, the size of the move/,
    },
    {
      slip: 'a learning rate of 0.003 written into the step (the catalogue’s file has 0.0001)',
      exercise: '03-step',
      source: `import { computeGradient } from '../02-gradient/gradient';
import type { Line, Point } from '../types';

export function step(points: readonly Point[], line: Line, learningRate: number): Line {
  const eta = 0.003;
  const g = computeGradient(points, line);
  return { m: line.m - eta * g.dm, b: line.b - eta * g.db };
}`,
      id: '03-step/hardcoded-rate',
      says: /η = 0\.003 whatever learningRate says/,
      shows: /Your steps use η = 0\.003 whatever learningRate says/,
    },
    {
      slip: 'seed 002’s sequential update, written inline in the loop rather than through 03’s step',
      exercise: '04-descent',
      source: `import { computeCost } from '../01-cost/cost';
import type { DescentOptions, DescentResult, Point } from '../types';

function mGrad(m: number, b: number, points: readonly Point[]): number {
  let total = 0;
  for (const p of points) total += -2 * p.x * (p.y - (m * p.x + b));
  return total / points.length;
}

function bGrad(m: number, b: number, points: readonly Point[]): number {
  let total = 0;
  for (const p of points) total += -2 * (p.y - (m * p.x + b));
  return total / points.length;
}

export function gradientDescent(points: readonly Point[], options: DescentOptions): DescentResult {
  let m = options.initial.m;
  let b = options.initial.b;
  const costs = [computeCost(points, { m, b })];
  for (let e = 0; e < options.iterations; e++) {
    m = m - options.learningRate * mGrad(m, b, points);
    b = b - options.learningRate * bGrad(m, b, points);
    costs.push(computeCost(points, { m, b }));
  }
  return { line: { m, b }, costs };
}`,
      id: '04-descent/sequential-update',
      says: /b’s gradient at the new m/,
      shows: /b’s gradient is taken after m has moved/,
    },
    {
      slip: 'a learning rate of 0.0005 written into the loop (the catalogue’s file has 0.0001)',
      exercise: '04-descent',
      source: `import { computeCost } from '../01-cost/cost';
import { step } from '../03-step/step';
import type { DescentOptions, DescentResult, Point } from '../types';

const RATE = 0.0005;

export function gradientDescent(points: readonly Point[], options: DescentOptions): DescentResult {
  let line = { ...options.initial };
  const costs = [computeCost(points, line)];
  for (let i = 0; i < options.iterations; i++) {
    line = step(points, line, RATE);
    costs.push(computeCost(points, line));
  }
  return { line, costs };
}`,
      id: '04-descent/hardcoded-rate',
      says: /η = 0\.0005 whatever options\.learningRate says/,
      shows: /Your first step uses η = 0\.0005 where learningRate is 0\.0078125/,
    },
    {
      slip: 'every gradient taken at the initial line',
      exercise: '04-descent',
      source: `import { computeCost } from '../01-cost/cost';
import { computeGradient } from '../02-gradient/gradient';
import type { DescentOptions, DescentResult, Point } from '../types';

export function gradientDescent(points: readonly Point[], options: DescentOptions): DescentResult {
  const { dm, db } = computeGradient(points, options.initial);
  let { m, b } = options.initial;
  const costs = [computeCost(points, { m, b })];
  for (let i = 0; i < options.iterations; i++) {
    m -= options.learningRate * dm;
    b -= options.learningRate * db;
    costs.push(computeCost(points, { m, b }));
  }
  return { line: { m, b }, costs };
}`,
      id: '04-descent/gradient-at-start',
      says: /gradient at the initial line/,
      shows: /Every step of your run takes the gradient at the initial line/,
    },
  ])('$slip', async ({ exercise, source, id, says, shows }) => {
    const result = await grade(submissionWith('trial', { [exercise]: source }));
    const graded = exerciseOf(result, exercise as ExerciseId);
    expect(graded.score).toBeLessThan(graded.maxScore);
    expect(graded.unrecognised).toBeUndefined();
    expect(graded.diagnosis?.id).toBe(id);
    expect(`${graded.diagnosis?.name} ${graded.diagnosis?.explanation}`).toMatch(says);
    expect(graded.diagnosis?.evidence).toMatch(shows);
    // A hint points at where to look; it never spells out the code.
    expect(graded.diagnosis?.hint).not.toMatch(/learningRate \*|line\.m|options\.initial\)|- lr|\* dm/);
    for (const other of result.exercises)
      if (other.exercise !== exercise) expect(other.diagnosis, other.exercise).toBeUndefined();
  });
});
