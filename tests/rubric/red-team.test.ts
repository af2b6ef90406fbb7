import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceSubmission, withExerciseSource } from '../../grader/diagnosis/variant-submission';
import { EXERCISES, type ExerciseId } from '../../grader/shipped/contract/exercises';
import type { SubmissionResult } from '../../grader/shipped/results/model';
import { SandboxPool } from '../../grader/sandbox';
import type { Submission } from '../../grader/shipped/submission/read-submission';
import { explainScore, gradeInSandbox } from './_support';

/*
 * Attacks on the rubric that no fixture or generator elsewhere tries: code that borrows the
 * references an isolated world lends, and partial implementations that satisfy an export's
 * properties on the inputs the checks draw. Each is graded through the sandbox on a fresh seed.
 */

/** What code that computes nothing may score at most, out of 100 (issue 14). */
const COMPUTES_NOTHING_CAP = 5;

const CONSTANT: Record<ExerciseId, string> = {
  '01-cost': 'export function computeCost(points: any, line: any): number {\n  return 0;\n}\n',
  '02-gradient': 'export function computeGradient(points: any, line: any): any {\n  return { dm: 0, db: 0 };\n}\n',
  '03-step': 'export function step(points: any, line: any, learningRate: number): any {\n  return line;\n}\n',
  '04-descent':
    'export function gradientDescent(points: any, options: any): any {\n  return { line: options.initial, costs: new Array(options.iterations + 1).fill(0) };\n}\n',
  '05-valley':
    'export function valley(p: any): number {\n  return 0;\n}\n' +
    'export function valleyGradient(p: any): any {\n  return p;\n}\n' +
    'export function descend(gradient: any, start: any, learningRate: number, iterations: number): any {\n  return new Array(iterations + 1).fill(start);\n}\n',
  '06-learning-rate':
    'export function leastSquares(points: any): any {\n  return { m: 0, b: 0 };\n}\nexport function maxStableLearningRate(points: any): number {\n  return 1;\n}\n',
  '07-feature-scaling':
    'export function fitScaler(X: any): any {\n  return { mean: X[0].map(() => 0), std: X[0].map(() => 1) };\n}\n' +
    'export function scaleFeatures(X: any, scaler: any): any {\n  return X.map((row: any) => row.map(() => 0));\n}\n' +
    'export function unscaleModel(model: any, scaler: any): any {\n  return model;\n}\n',
  '08-multivariate':
    'export function predict(X: any, model: any): any {\n  return X.map(() => 0);\n}\n' +
    'export function computeCostMulti(X: any, y: any, model: any): number {\n  return 0;\n}\n' +
    'export function computeGradientMulti(X: any, y: any, model: any): any {\n  return { dw: X[0].map(() => 0), db: 0 };\n}\n' +
    'export function gradientDescentMulti(X: any, y: any, options: any): any {\n  return { model: options.initial, costs: new Array(options.iterations + 1).fill(0) };\n}\n',
  '09-normal-equation':
    'export function normalEquation(X: any, y: any): any {\n  return { w: X[0].map(() => 0), b: 0 };\n}\n',
  '10-mini-batch':
    'export function miniBatchGradientDescent(X: any, y: any, options: any): any {\n  return { model: options.initial, costs: new Array(options.epochs + 1).fill(0) };\n}\n',
  '11-momentum':
    'export function descendWithMomentum(gradient: any, start: any, learningRate: number, momentum: number, iterations: number): any {\n  return new Array(iterations + 1).fill(start);\n}\n' +
    'export function maxStableMomentumRate(points: any, momentum: number): number {\n  return 1;\n}\n',
};

/** The gradient of J at a point of the plane, from 02's computeGradient: what 05's descend walks on. */
const GRADIENT_AS_FIELD =
  '(p: any) => { const g = computeGradient(points, { m: p.x, b: p.y }); return { x: g.dm, y: g.db }; }';

/**
 * No arithmetic of its own: step and gradientDescent hand the walk to 05's descend over 02's
 * computeGradient (and map 01's computeCost over the path); every export of 01, 02 and 05 is a
 * constant, so each of 03 and 04 builds on a broken exercise and is graded again in an isolated
 * world, where the reference's descend, computeGradient and computeCost do all the work.
 */
const GLUE: Record<ExerciseId, string> = {
  ...CONSTANT,
  '03-step':
    "import { computeGradient } from '../02-gradient/gradient';\nimport { descend } from '../05-valley/valley';\n" +
    `export function step(points: any, line: any, learningRate: number): any {\n  const [, next] = descend(${GRADIENT_AS_FIELD}, { x: line.m, y: line.b }, learningRate, 1);\n  return { m: next.x, b: next.y };\n}\n`,
  '04-descent':
    "import { computeCost } from '../01-cost/cost';\nimport { computeGradient } from '../02-gradient/gradient';\nimport { descend } from '../05-valley/valley';\n" +
    'export function gradientDescent(points: any, options: any): any {\n' +
    `  const path = descend(${GRADIENT_AS_FIELD}, { x: options.initial.m, y: options.initial.b }, options.learningRate, options.iterations);\n` +
    '  const lines = path.map((p: any) => ({ m: p.x, b: p.y }));\n' +
    '  return { line: lines[lines.length - 1], costs: lines.map((line: any) => computeCost(points, line)) };\n}\n',
};

/**
 * The same laundering through a reference that imports the exercise back: 01's computeCost and
 * 03's step read off 04's gradientDescent. In the isolated world of 01 (or 03) the lent
 * gradientDescent calls the student's own 01 (or 03), which calls it again.
 */
const CYCLE: Record<ExerciseId, string> = {
  ...CONSTANT,
  '01-cost':
    "import { gradientDescent } from '../04-descent/descent';\n" +
    'export function computeCost(points: any, line: any): number {\n  return gradientDescent(points, { initial: line, learningRate: 0, iterations: 0 }).costs[0];\n}\n',
  '03-step':
    "import { gradientDescent } from '../04-descent/descent';\n" +
    'export function step(points: any, line: any, learningRate: number): any {\n  return gradientDescent(points, { initial: line, learningRate, iterations: 1 }).line;\n}\n',
};

/**
 * Right only on a shape of input the checks also draw, and the export's properties hold for it:
 * the cost of the first point alone (exact when N = 1; non-negative, zero on a perfect fit,
 * unchanged by duplicating every point, quadratic in the scale), and a descent that takes at most
 * one step (exact for 0 and 1 iterations, the right number of costs, never rising).
 */
const PARTIAL: Partial<Record<ExerciseId, string>> = {
  '01-cost':
    'export function computeCost(points: any, line: any): number {\n  const r = points[0].y - (line.m * points[0].x + line.b);\n  return r * r;\n}\n',
  '04-descent':
    "import { step } from '../03-step/step';\n" +
    'function cost(points: any, line: any): number {\n  let sum = 0;\n  for (const p of points) sum += (p.y - (line.m * p.x + line.b)) ** 2;\n  return sum / points.length;\n}\n' +
    'export function gradientDescent(points: any, options: any): any {\n' +
    '  const line = options.iterations > 0 ? step(points, options.initial, options.learningRate) : options.initial;\n' +
    '  const costs = [cost(points, options.initial)];\n' +
    '  while (costs.length < options.iterations + 1) costs.push(cost(points, line));\n' +
    '  return { line, costs };\n}\n',
};

let pool: SandboxPool;
beforeAll(() => {
  pool = new SandboxPool();
});
afterAll(async () => {
  await pool?.close();
});

let made = 0;
function submissionOf(sources: Partial<Record<ExerciseId, string>>, name: string): Submission {
  const studentId = `red-team-${name}-${++made}`;
  return EXERCISES.reduce(
    (s, { id }) => (sources[id] === undefined ? s : withExerciseSource(s, id, sources[id], studentId)),
    referenceSubmission(),
  );
}

const scoreOf = (result: SubmissionResult, exercise: ExerciseId) =>
  result.exercises.find((e) => e.exercise === exercise)!.score;

describe('a submission that borrows the references an isolated world lends', () => {
  // An exercise graded in isolation is lent the reference of only what it builds on (04: 01, 03 and
  // 02 beneath it; 03: 02), and only their breakage can earn it its marks back: 04 and 03 here
  // compute nothing, and would have the lent descend (05) walk for them. Before, this scored 35/100.
  it(`scores at most ${COMPUTES_NOTHING_CAP}/100 when its only code is glue between other exercises`, async () => {
    const result = await gradeInSandbox(pool, submissionOf(GLUE, 'glue'), randomInt(0, 2 ** 31));
    expect(result.score, explainScore(result)).toBeLessThanOrEqual(COMPUTES_NOTHING_CAP);
  }, 120_000);

  it('earns nothing through a reference that calls the exercise back: the isolated world recurses', async () => {
    const result = await gradeInSandbox(pool, submissionOf(CYCLE, 'cycle'), randomInt(0, 2 ** 31));
    expect(result.score, explainScore(result)).toBeLessThanOrEqual(COMPUTES_NOTHING_CAP);
    expect(scoreOf(result, '01-cost'), explainScore(result)).toBe(0);
    expect(scoreOf(result, '03-step'), explainScore(result)).toBe(0);
  }, 120_000);
});

describe('a partial implementation whose properties hold on the inputs the checks draw', () => {
  it('earns nothing for its export: N = 1 only for computeCost, at most one step for gradientDescent', async () => {
    const result = await gradeInSandbox(pool, submissionOf(PARTIAL, 'partial'), randomInt(0, 2 ** 31));
    const passedUnpaid = (exercise: ExerciseId) =>
      result.exercises
        .find((e) => e.exercise === exercise)!
        .checks.filter((c) => c.status === 'pass' && c.points === 0 && c.heldBack)
        .map((c) => c.id);
    expect(scoreOf(result, '01-cost'), explainScore(result)).toBe(0);
    expect(scoreOf(result, '04-descent'), explainScore(result)).toBe(0);
    // The properties did hold, so the rubric, not the properties, is what kept the points.
    expect(passedUnpaid('01-cost')).toEqual(
      expect.arrayContaining([
        '01-cost/non-negative',
        '01-cost/zero-on-perfect-fit',
        '01-cost/duplicates-change-nothing',
      ]),
    );
    expect(passedUnpaid('04-descent')).toEqual(
      expect.arrayContaining([
        '04-descent/one-cost-per-step',
        '04-descent/starts-at-initial',
        '04-descent/cost-never-rises-below-limit',
      ]),
    );
    // Everything else is the reference and keeps its full marks.
    expect(result.score, explainScore(result)).toBe(100 - 15 - 20);
  }, 120_000);
});
