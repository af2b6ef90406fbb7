import fc from 'fast-check';
import { randomInt } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceSubmission, withExerciseSource } from '../../grader/diagnosis/variant-submission';
import { EXERCISE_IDS, EXERCISES, type ExerciseId } from '../../grader/shipped/contract/exercises';
import { SandboxPool } from '../../grader/sandbox';
import { readSubmission, type Submission } from '../../grader/shipped/submission/read-submission';
import { HOSTILE_DIR } from '../sandbox/sandbox-helpers';
import { explainScore, gradeInSandbox } from './_support';

/** What code that computes nothing may score at most, out of 100 (issue 14). */
const COMPUTES_NOTHING_CAP = 5;

const FIXTURES = readdirSync(HOSTILE_DIR)
  .filter((name) => name.startsWith('computes-nothing-'))
  .sort();

let pool: SandboxPool;
beforeAll(() => {
  pool = new SandboxPool();
});
afterAll(async () => {
  await pool?.close();
});

describe('a submission that computes nothing', () => {
  it('has fixtures: constants, echoed arguments, the starting line, and a mix', () => {
    expect(FIXTURES).toEqual([
      'computes-nothing-constants',
      'computes-nothing-echo',
      'computes-nothing-mix',
      'computes-nothing-start-line',
    ]);
  });

  it.each(FIXTURES)(`%s scores at most ${COMPUTES_NOTHING_CAP}/100 on a fresh seed`, async (fixture) => {
    const result = await gradeInSandbox(
      pool,
      readSubmission(join(HOSTILE_DIR, fixture), fixture),
      randomInt(0, 2 ** 31),
    );
    expect(result.score, explainScore(result)).toBeLessThanOrEqual(COMPUTES_NOTHING_CAP);
  });

  it(`scores at most ${COMPUTES_NOTHING_CAP} % of every exercise's points however its trivial answers are mixed, export by export`, async () => {
    await fc.assert(
      fc.asyncProperty(trivialSubmission, fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (sources, seed) => {
        const result = await gradeInSandbox(pool, submissionOf(sources), seed, EXERCISE_IDS);
        expect(result.score, `${explainScore(result)}\n${Object.values(sources).join('\n')}`).toBeLessThanOrEqual(
          (COMPUTES_NOTHING_CAP / 100) * result.maxScore,
        );
      }),
      { numRuns: 12 },
    );
  }, 300_000);
});

/*
 * A small grammar of answers that compute nothing: a constant drawn by fast-check, an argument
 * echoed back, a field of an argument, and records and arrays of those in the export's shape
 * (including the right length where a length is asked for). One answer per export, drawn
 * independently, so every mix of them per exercise and per export is tried.
 */

const constant = fc
  .oneof(
    fc.constantFrom(0, -0, 1, -1, 0.5, 2, 5565.107834483211, 1e-4),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  )
  .map((n) => (Object.is(n, -0) ? '-0' : `(${String(n)})`));

/** A number that is a constant or a number read off the arguments. */
const numberFrom = (...fields: string[]) => fc.oneof(constant, fc.constantFrom(...fields));
const pairOf = (keys: [string, string], n: fc.Arbitrary<string>) =>
  fc.tuple(n, n).map(([a, b]) => `{ ${keys[0]}: ${a}, ${keys[1]}: ${b} }`);

const POINTS_FIELDS = ['points.length', 'points[0].x', 'points[0].y', 'points[points.length - 1].y'];
const LINE_FIELDS = ['line.m', 'line.b'];

const cost = numberFrom(...POINTS_FIELDS, ...LINE_FIELDS).map(
  (n) => `export function computeCost(points: any, line: any): number {\n  return ${n};\n}\n`,
);

const gradient = fc
  .oneof(pairOf(['dm', 'db'], numberFrom(...POINTS_FIELDS, ...LINE_FIELDS)), fc.constant('{ dm: line.m, db: line.b }'))
  .map((g) => `export function computeGradient(points: any, line: any): any {\n  return ${g};\n}\n`);

const step = fc
  .oneof(fc.constant('line'), pairOf(['m', 'b'], numberFrom(...POINTS_FIELDS, ...LINE_FIELDS, 'learningRate')))
  .map((l) => `export function step(points: any, line: any, learningRate: number): any {\n  return ${l};\n}\n`);

const DESCENT_FIELDS = [
  'options.learningRate',
  'options.iterations',
  'options.initial.m',
  'options.initial.b',
  ...POINTS_FIELDS,
];
const descentNumber = numberFrom(...DESCENT_FIELDS);
const descent = fc
  .record({
    line: fc.oneof(fc.constant('options.initial'), pairOf(['m', 'b'], descentNumber)),
    costs: fc.oneof(
      descentNumber.map((n) => `[${n}]`),
      descentNumber.map((n) => `new Array(options.iterations + 1).fill(${n})`),
    ),
  })
  .map(
    ({ line, costs }) =>
      `export function gradientDescent(points: any, options: any): any {\n  return { line: ${line}, costs: ${costs} };\n}\n`,
  );

const POINT_FIELDS = ['p.x', 'p.y'];
const DESCEND_FIELDS = ['start.x', 'start.y', 'learningRate', 'iterations'];
const vec = fc.oneof(fc.constant('start'), pairOf(['x', 'y'], numberFrom(...DESCEND_FIELDS)));
const valley = fc
  .record({
    value: numberFrom(...POINT_FIELDS),
    gradient: fc.oneof(fc.constant('p'), pairOf(['x', 'y'], numberFrom(...POINT_FIELDS))),
    path: fc.oneof(
      vec.map((v) => `[${v}]`),
      vec.map((v) => `new Array(iterations + 1).fill(${v})`),
      vec.map((v) => `[start, ...new Array(iterations).fill(${v})]`),
    ),
  })
  .map(
    ({ value, gradient, path }) =>
      `export function valley(p: any): number {\n  return ${value};\n}\n` +
      `export function valleyGradient(p: any): any {\n  return ${gradient};\n}\n` +
      `export function descend(gradient: any, start: any, learningRate: number, iterations: number): any {\n  return ${path};\n}\n`,
  );

const learningRate = fc
  .record({ line: pairOf(['m', 'b'], numberFrom(...POINTS_FIELDS)), rate: numberFrom(...POINTS_FIELDS) })
  .map(
    ({ line, rate }) =>
      `export function leastSquares(points: any): any {\n  return ${line};\n}\n` +
      `export function maxStableLearningRate(points: any): number {\n  return ${rate};\n}\n`,
  );

const TABLE_FIELDS = ['X.length', 'X[0][0]', 'X[X.length - 1][X[0].length - 1]', 'y[0]', 'y[y.length - 1]'];
const columnsOf = (n: fc.Arbitrary<string>) =>
  fc.oneof(
    n.map((v) => `X[0].map(() => ${v})`),
    fc.constantFrom('X[0]', 'X[X.length - 1]', 'X[0].map((v: number) => -v)'),
  );
const scaling = fc
  .record({
    scaler: fc.tuple(columnsOf(numberFrom('X.length', 'X[0][0]')), columnsOf(numberFrom('X.length', 'X[0][0]'))),
    scaled: fc.constantFrom('X', 'X.map((row: any) => row.map(() => 0))', 'X.map((row: any) => [...row])'),
    model: fc.constantFrom('model', '{ w: model.w, b: 0 }', '{ w: scaler.std, b: model.b }'),
  })
  .map(
    ({ scaler: [mean, std], scaled, model }) =>
      `export function fitScaler(X: any): any {\n  return { mean: ${mean}, std: ${std} };\n}\n` +
      `export function scaleFeatures(X: any, scaler: any): any {\n  return ${scaled};\n}\n` +
      `export function unscaleModel(model: any, scaler: any): any {\n  return ${model};\n}\n`,
  );
const MODEL_FIELDS = ['model.b', 'model.w[0]'];
const multivariate = fc
  .record({
    predictions: numberFrom(...TABLE_FIELDS, ...MODEL_FIELDS).map((n) => `X.map(() => ${n})`),
    cost: numberFrom(...TABLE_FIELDS, ...MODEL_FIELDS),
    gradient: fc.oneof(
      numberFrom(...TABLE_FIELDS, ...MODEL_FIELDS).map((n) => `{ dw: model.w.map(() => ${n}), db: ${n} }`),
      fc.constant('{ dw: model.w, db: model.b }'),
    ),
    descent: numberFrom('options.learningRate', 'options.iterations', 'options.initial.b', ...TABLE_FIELDS).map(
      (n) => `{ model: options.initial, costs: new Array(options.iterations + 1).fill(${n}) }`,
    ),
  })
  .map(
    ({ predictions, cost, gradient, descent }) =>
      `export function predict(X: any, model: any): any {\n  return ${predictions};\n}\n` +
      `export function computeCostMulti(X: any, y: any, model: any): number {\n  return ${cost};\n}\n` +
      `export function computeGradientMulti(X: any, y: any, model: any): any {\n  return ${gradient};\n}\n` +
      `export function gradientDescentMulti(X: any, y: any, options: any): any {\n  return ${descent};\n}\n`,
  );
const normalEquation = fc
  .oneof(
    numberFrom(...TABLE_FIELDS).map((n) => `{ w: X[0].map(() => ${n}), b: ${n} }`),
    fc.constant('{ w: X[0], b: y[0] }'),
  )
  .map((model) => `export function normalEquation(X: any, y: any): any {\n  return ${model};\n}\n`);

const miniBatch = numberFrom(
  'options.learningRate',
  'options.epochs',
  'options.batchSize',
  'options.initial.b',
  ...TABLE_FIELDS,
)
  .map((n) => `{ model: options.initial, costs: new Array(options.epochs + 1).fill(${n}) }`)
  .map(
    (result) =>
      `export function miniBatchGradientDescent(X: any, y: any, options: any): any {\n  return ${result};\n}\n`,
  );
const MOMENTUM_FIELDS = ['start.x', 'start.y', 'learningRate', 'momentum', 'iterations'];
const momentum = fc
  .record({
    path: fc.oneof(
      fc.constant('[start]'),
      pairOf(['x', 'y'], numberFrom(...MOMENTUM_FIELDS)).map((v) => `new Array(iterations + 1).fill(${v})`),
      fc.constant('new Array(iterations + 1).fill(start)'),
    ),
    rate: numberFrom(...POINTS_FIELDS, 'momentum', '1 + momentum', '2 * (1 + momentum)'),
  })
  .map(
    ({ path, rate }) =>
      `export function descendWithMomentum(gradient: any, start: any, learningRate: number, momentum: number, iterations: number): any {\n  return ${path};\n}\n` +
      `export function maxStableMomentumRate(points: any, momentum: number): number {\n  return ${rate};\n}\n`,
  );

const trivialSubmission: fc.Arbitrary<Record<ExerciseId, string>> = fc.record({
  '01-cost': cost,
  '02-gradient': gradient,
  '03-step': step,
  '04-descent': descent,
  '05-valley': valley,
  '06-learning-rate': learningRate,
  '07-feature-scaling': scaling,
  '08-multivariate': multivariate,
  '09-normal-equation': normalEquation,
  '10-mini-batch': miniBatch,
  '11-momentum': momentum,
});

let generated = 0;
function submissionOf(sources: Record<ExerciseId, string>): Submission {
  const studentId = `computes-nothing-generated-${++generated}`;
  return EXERCISES.reduce((s, { id }) => withExerciseSource(s, id, sources[id], studentId), referenceSubmission());
}
