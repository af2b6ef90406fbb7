import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE, entryFile } from '../../grader/diagnosis/catalogue';
import { exerciseFile, type ExerciseId } from '../../grader/shipped/contract/exercises';
import { KIT_ROOT } from '../../grader/data/paths';

export const SOLUTIONS = join(KIT_ROOT, 'solutions');
const CORRECT = join(KIT_ROOT, 'tests', 'fixtures', 'correct');

/** The exports of each exercise file, as the contract names them. */
const EXPORTS: Readonly<Record<ExerciseId, readonly string[]>> = {
  '01-cost': ['computeCost'],
  '02-gradient': ['computeGradient'],
  '03-step': ['step'],
  '04-descent': ['gradientDescent'],
  '05-valley': ['valley', 'valleyGradient', 'descend'],
  '06-learning-rate': ['leastSquares', 'maxStableLearningRate'],
  '07-feature-scaling': ['fitScaler', 'scaleFeatures', 'unscaleModel'],
  '08-multivariate': ['predict', 'computeCostMulti', 'computeGradientMulti', 'gradientDescentMulti'],
  '09-normal-equation': ['normalEquation'],
  '10-mini-batch': ['miniBatchGradientDescent'],
  '11-momentum': ['descendWithMomentum', 'maxStableMomentumRate'],
};

/** Distinctive factors, so that an answer built from an input has many significant digits and cannot appear in a report by chance. */
const SUM_X = 'points.reduce((s: number, p: any) => s + p.x * 1.0137, 0)';
const SUM_Y = 'points.reduce((s: number, p: any) => s + p.y * 0.5311, 0)';

/**
 * Answers built from the inputs: what a student would return to read the hidden inputs back from
 * the report's "yours" column, its plots or its captions. Every value is finite and of the right
 * shape, so that it reaches the comparison rather than the door's type check.
 */
const ECHO_RETURN: Readonly<Record<ExerciseId, string>> = {
  '01-cost': `export function computeCost(points: any, line: any): number { return ${SUM_X} + ${SUM_Y} + line.m * 0.7 + line.b / 3 + Math.PI / 1000; }`,
  '02-gradient': `export function computeGradient(points: any, line: any): any { return { dm: ${SUM_X} + Math.PI / 1000, db: ${SUM_Y} + line.b * 0.77 }; }`,
  '03-step': `export function step(points: any, line: any, learningRate: number): any { return { m: line.m + learningRate * 1.0137 * points[0].x + 0.000123, b: line.b + points[points.length - 1].y * 0.5311 }; }`,
  '04-descent': `export function gradientDescent(points: any, options: any): any {
  const costs = Array.from({ length: options.iterations + 1 }, (_, k) => points[k % points.length].x * 1.0137 + points[k % points.length].y * 0.5311 + k);
  return { line: { m: ${SUM_X} + 0.000321, b: options.initial.b * 1.7 + options.learningRate }, costs };
}`,
  '05-valley': `export function valley(p: any): number { return p.x * 1.0137 + p.y * 0.5311 + 0.000123; }
export function valleyGradient(p: any): any { return { x: p.y * 1.0137 + 0.000123, y: p.x * 0.5311 - 0.000321 }; }
export function descend(gradient: any, start: any, learningRate: number, iterations: number): any[] {
  const g = gradient(start);
  return [start, ...Array.from({ length: iterations }, (_, k) => ({ x: g.x * 1.0137 + k, y: g.y * 0.5311 + learningRate }))];
}`,
  '06-learning-rate': `export function leastSquares(points: any): any { return { m: ${SUM_X} * 0.0137 + 0.000123, b: ${SUM_Y} }; }
export function maxStableLearningRate(points: any): number { return 1 / (1 + points.reduce((s: number, p: any) => s + p.x * p.x * 1.0137, 0)) + 0.000123; }`,
  '07-feature-scaling': `export function fitScaler(X: any): any { return { mean: X[0].map((v: number, j: number) => v * 1.0137 + j + 0.000123), std: X[X.length - 1].map((v: number) => Math.abs(v) * 0.5311 + 1.000321) }; }
export function scaleFeatures(X: any, scaler: any): any { return X.map((row: number[]) => row.map((v: number, j: number) => v * 1.0137 + scaler.mean[j] * 0.5311 + 0.000123)); }
export function unscaleModel(model: any, scaler: any): any { return { w: model.w.map((v: number, j: number) => v * 1.0137 + scaler.std[j] * 0.5311), b: model.b * 0.5311 + 0.000123 }; }`,
  '08-multivariate': `const SUM_X0 = (X: any) => X.reduce((s: number, row: number[]) => s + row[0] * 1.0137, 0);
const SUM_Y = (y: any) => y.reduce((s: number, v: number) => s + v * 0.5311, 0);
export function predict(X: any, model: any): any { return X.map((row: number[]) => row[0] * 1.0137 + model.b * 0.5311 + 0.000123); }
export function computeCostMulti(X: any, y: any, model: any): number { return SUM_X0(X) + SUM_Y(y) + model.b / 3 + Math.PI / 1000; }
export function computeGradientMulti(X: any, y: any, model: any): any { return { dw: X[0].map((v: number) => v * 1.0137 + 0.000123), db: SUM_Y(y) + model.b * 0.77 }; }
export function gradientDescentMulti(X: any, y: any, options: any): any {
  const costs = Array.from({ length: options.iterations + 1 }, (_, k) => y[k % y.length] * 0.5311 + X[k % X.length][0] * 1.0137 + k);
  return { model: { w: X[0].map((v: number) => v * 1.0137 + 0.000321), b: SUM_Y(y) + options.learningRate }, costs };
}`,
  '09-normal-equation': `export function normalEquation(X: any, y: any): any { return { w: X[0].map((v: number) => v * 1.0137 + 0.000123), b: y.reduce((s: number, v: number) => s + v * 0.5311, 0) }; }`,
  '10-mini-batch': `export function miniBatchGradientDescent(X: any, y: any, options: any): any {
  const costs = Array.from({ length: options.epochs + 1 }, (_, k) => y[k % y.length] * 0.5311 + X[k % X.length][0] * 1.0137 + k + options.batchSize);
  return { model: { w: X[0].map((v: number) => v * 1.0137 + 0.000321), b: options.order(0)[0] * 0.5311 + options.learningRate }, costs };
}`,
  '11-momentum': `export function descendWithMomentum(gradient: any, start: any, learningRate: number, momentum: number, iterations: number): any[] {
  const g = gradient(start);
  return [start, ...Array.from({ length: iterations }, (_, k) => ({ x: g.x * 1.0137 + k + momentum, y: g.y * 0.5311 + learningRate }))];
}
export function maxStableMomentumRate(points: any, momentum: number): number { return (1 + momentum) / (1 + points.reduce((s: number, p: any) => s + p.x * p.x * 1.0137, 0)) + 0.000123; }`,
};

/** Every function throws its arguments as JSON (and 05's descend the gradient it was given, at three points): the hidden inputs, in the student's own message. */
function echoThrow(exercise: ExerciseId): string {
  return EXPORTS[exercise]
    .map((fn) =>
      fn === 'descend'
        ? `export function descend(gradient: any, ...rest: any[]): any { throw new Error('descend saw ' + JSON.stringify([gradient({ x: 0, y: 0 }), gradient({ x: 1, y: 0 }), gradient({ x: 0, y: 1 }), ...rest])); }`
        : `export function ${fn}(...args: any[]): any { throw new Error('${fn} saw ' + JSON.stringify(args)); }`,
    )
    .join('\n');
}

/**
 * Keeps every argument in the realm's global object and shows the largest point list seen so far
 * in a later public check's message: the student world's realm is shared by every call of a
 * submission, hidden ones included.
 */
const STASH: Readonly<Partial<Record<ExerciseId, string>>> = {
  '01-cost': `const seen: any[] = ((globalThis as any).seen ??= []);
export function computeCost(points: any, line: any): number {
  seen.push(points);
  return points.reduce((s: number, p: any) => s + (p.y - (line.m * p.x + line.b)) ** 2, 0) / points.length;
}`,
  '02-gradient': `const seen: any[] = ((globalThis as any).seen ??= []);
export function computeGradient(points: any, line: any): any {
  const largest = seen.reduce((a: any[], b: any[]) => (b.length > a.length ? b : a), []);
  throw new Error('seen before: ' + JSON.stringify(largest.slice(0, 40)));
}`,
};

/** Correct, except on more than 30 points other than data.csv's 100 (which the handout's examples use): only the hidden checks on larger data fail, so all the diagnosis has to go on is hidden. */
const WRONG_ONLY_WHEN_LARGE: readonly { readonly exercise: ExerciseId; readonly from: string; readonly to: string }[] =
  [
    {
      exercise: '01-cost',
      from: 'return sumOfSquares(points, line.m, line.b, 0, points.length) / points.length;',
      to: 'return sumOfSquares(points, line.m, line.b, 0, points.length) / (points.length > 30 && points.length !== 100 ? points.length - 1 : points.length);',
    },
    {
      exercise: '06-learning-rate',
      from: 'return { m, b: meanY - m * meanX };',
      to: 'return { m: points.length > 30 && points.length !== 100 ? m * 1.001 : m, b: meanY - m * meanX };',
    },
    {
      exercise: '06-learning-rate',
      from: 'return 2 / lambdaMax;',
      to: 'return (2 / lambdaMax) * (points.length > 30 && points.length !== 100 ? 1.01 : 1);',
    },
  ];

/**
 * 03 broken, so 04 is graded again over the reference (the isolated world), where 04's imports are
 * the reference's functions; 04 throws their source. 01 and 02 are the student's own, written in
 * another style than the reference, so that the student world's message quotes no reference line.
 */
function isolatedEcho(dir: string): void {
  for (const exercise of ['01-cost', '02-gradient', '05-valley', '06-learning-rate'] as const)
    copyExercise(join(CORRECT, 'reduce'), dir, exercise);
  writeExercise(
    dir,
    '03-step',
    readFileSync(entryFile(CATALOGUE.find((e) => e.id === '03-step/sequential-update')!), 'utf8'),
  );
  writeExercise(
    dir,
    '04-descent',
    `import { computeCost } from '../01-cost/cost';
import { computeGradient } from '../02-gradient/gradient';
import { step } from '../03-step/step';
import { KIT_ROOT } from '../../grader/data/paths';
export function gradientDescent(points: any, options: any): any {
  throw new Error('borrowed: ' + String(step) + String(computeGradient) + String(computeCost));
}`,
  );
}

export interface LeakySubmission {
  readonly studentId: string;
  /** True for the submissions whose leak the shared realm lets through (see the stash test). */
  readonly stash?: boolean;
}

/**
 * Writes a class of failing submissions into `classDir`: every catalogued mistake (the reference
 * with that one file replaced), and hostile students that echo their inputs in what they throw and
 * return, fail only on hidden inputs, quote the reference lent to an isolated world, or stash
 * hidden inputs for a later public check.
 */
export function writeLeakyClass(classDir: string): LeakySubmission[] {
  rmSync(classDir, { recursive: true, force: true });
  mkdirSync(classDir, { recursive: true });
  const students: LeakySubmission[] = [];
  const student = (studentId: string, fill: (dir: string) => void, extra: Partial<LeakySubmission> = {}) => {
    const dir = join(classDir, studentId);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'types.ts'), readFileSync(join(SOLUTIONS, 'types.ts')));
    fill(dir);
    students.push({ studentId, ...extra });
  };
  for (const entry of CATALOGUE) {
    student(`mistake--${entry.id.replace('/', '--')}`, (dir) => {
      cpSync(SOLUTIONS, dir, { recursive: true });
      writeExercise(dir, entry.exercise, readFileSync(entryFile(entry), 'utf8'));
    });
  }
  student('hostile--echo-throw', (dir) => eachExercise((e) => writeExercise(dir, e, echoThrow(e))));
  student('hostile--echo-return', (dir) => eachExercise((e) => writeExercise(dir, e, ECHO_RETURN[e])));
  student('hostile--wrong-only-when-large', (dir) => {
    cpSync(SOLUTIONS, dir, { recursive: true });
    for (const { exercise, from, to } of WRONG_ONLY_WHEN_LARGE) {
      const path = join(dir, exercise, exerciseFile(exercise));
      const source = readFileSync(path, 'utf8');
      if (!source.includes(from))
        throw new Error(
          `leaky-submissions: "${from}" is no longer in solutions/${exercise}: update WRONG_ONLY_WHEN_LARGE`,
        );
      writeFileSync(path, source.replace(from, to));
    }
  });
  student('hostile--isolated-echo', isolatedEcho);
  student(
    'hostile--stash',
    (dir) => {
      cpSync(SOLUTIONS, dir, { recursive: true });
      for (const [e, source] of Object.entries(STASH)) writeExercise(dir, e as ExerciseId, source);
    },
    { stash: true },
  );
  return students;
}

function eachExercise(write: (exercise: ExerciseId) => void): void {
  for (const exercise of Object.keys(EXPORTS) as ExerciseId[]) write(exercise);
}

function writeExercise(dir: string, exercise: ExerciseId, source: string): void {
  mkdirSync(join(dir, exercise), { recursive: true });
  writeFileSync(join(dir, exercise, exerciseFile(exercise)), source);
}

function copyExercise(from: string, to: string, exercise: ExerciseId): void {
  cpSync(join(from, exercise), join(to, exercise), { recursive: true });
}
