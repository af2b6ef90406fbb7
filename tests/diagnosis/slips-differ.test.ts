/**
 * The held-out slips (tests/fixtures/slips/) are what their labels say: every "slip" computes
 * something other than the reference on some valid input, and every "correct" file agrees with the
 * reference on all of them. Without this, a slip that happens to be right would count as a false
 * fail of the diagnosis, and a "correct" style that is wrong as a false pass.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../grader/data/paths';
import * as cost from '../../solutions/01-cost/cost';
import * as gradient from '../../solutions/02-gradient/gradient';
import * as step from '../../solutions/03-step/step';
import * as descent from '../../solutions/04-descent/descent';
import * as valley from '../../solutions/05-valley/valley';
import * as learningRate from '../../solutions/06-learning-rate/learning-rate';
import * as featureScaling from '../../solutions/07-feature-scaling/feature-scaling';
import * as multivariate from '../../solutions/08-multivariate/multivariate';
import * as normalEquation from '../../solutions/09-normal-equation/normal-equation';
import { inputProblem } from '../../grader/shipped/contract/input-rules';
import type {
  DescentOptions,
  Line,
  LinearModel,
  MultiDescentOptions,
  Point,
  Scaler,
  Vec2,
} from '../../solutions/types';

const SLIPS_DIR = join(KIT_ROOT, 'tests', 'fixtures', 'slips');
const INPUTS_PER_EXERCISE = 200;
const SEED = 16;
/** Agreement: |a − b| ≤ RELATIVE·max(|a|, |b|) + ABSOLUTE (the floor only absorbs rounding noise around 0). */
const RELATIVE = 1e-9;
const ABSOLUTE = 1e-12;

interface Label {
  readonly kind: 'slip' | 'correct';
  readonly description: string;
  readonly inspiredBy?: string;
}

/** What one call of an exercise file did: its answer and its arguments afterwards, or what it threw. */
type Outcome = { readonly answer: unknown; readonly argumentsAfter: unknown } | { readonly threw: string };

/** One exercise: the name of its file, 200 valid inputs, and how to call a module of that exercise on one. */
interface Exercise<Input> {
  readonly file: string;
  readonly reference: object;
  readonly inputs: readonly Input[];
  /** Calls the module on a fresh copy of the input; returns the answer and the (possibly changed) arguments. */
  readonly call: (module: any, input: Input) => { answer: unknown; argumentsAfter: unknown };
}

/** Numbers of ordinary size with three decimals: the corpus is about what a file computes, not about rounding at the edges of the doubles. */
const finite = (min: number, max: number) => fc.integer({ min: min * 1000, max: max * 1000 }).map((n) => n / 1000);
const point = fc.record({ x: finite(-5, 5), y: finite(-10, 10) });
const points = fc.array(point, { minLength: 1, maxLength: 8 });
const line = fc.record({ m: finite(-3, 3), b: finite(-5, 5) });
const clone = <T>(value: T): T => structuredClone(value);

function sample<T>(arbitrary: fc.Arbitrary<T>): T[] {
  return fc.sample(arbitrary, { seed: SEED, numRuns: INPUTS_PER_EXERCISE });
}

/** x spread over at least 1, as the grader's closed-form inputs are ("well spread"), so that any sensible formula agrees to 1e-9. */
const wellSpread = (ps: Point[]) => Math.max(...ps.map((p) => p.x)) - Math.min(...ps.map((p) => p.x)) >= 1;

/** Valid inputs of 06 in three shapes: spread around 0; centred, with mean x = 0 exactly and mean x² < 1; and about 10⁵ away from 0. */
const pointsForClosedForms = fc.oneof(
  fc.array(point, { minLength: 2, maxLength: 8 }).filter(wellSpread),
  fc
    .array(fc.record({ a: finite(0.1, 0.9), y1: finite(-10, 10), y2: finite(-10, 10) }), { minLength: 1, maxLength: 4 })
    .map((pairs) =>
      pairs.flatMap(({ a, y1, y2 }) => [
        { x: -a, y: y1 },
        { x: a, y: y2 },
      ]),
    ),
  fc
    .array(fc.record({ x: finite(-10, 10).map((dx) => 1e5 + dx), y: finite(-10, 10) }), { minLength: 2, maxLength: 8 })
    .filter(wellSpread),
);

/** Bowls for `descend`: the valley, an elongated bowl, and random convex quadratics. */
const bowl = fc.oneof(
  fc.constant({ name: 'valley', at: valley.valleyGradient }),
  fc.constant({ name: 'x² + 4y²', at: (p: Vec2): Vec2 => ({ x: 2 * p.x, y: 8 * p.y }) }),
  fc.record({ a: finite(0.2, 3), c: finite(0.2, 3), cross: finite(-0.2, 0.2) }).map(({ a, c, cross }) => ({
    name: `${a}x² + ${cross}xy + ${c}y²`,
    at: (p: Vec2): Vec2 => ({ x: 2 * a * p.x + cross * p.y, y: cross * p.x + 2 * c * p.y }),
  })),
);

/**
 * Tables for 07–09 in two shapes: 1 to 3 columns of ordinary numbers; and columns about 10⁵ of their
 * own spread away from 0 (the spread from 0.5 to 5, reached by the first two rows), where a one-pass variance or a normal
 * equation that is not centred loses digits that every careful method keeps.
 */
const table = (minRows: number) =>
  fc
    .record({ d: fc.integer({ min: 1, max: 3 }), extra: fc.integer({ min: 0, max: 7 }), far: fc.boolean() })
    .chain(({ d, extra, far }) => {
      const n = Math.max(minRows === 0 ? 1 : d + minRows, 1) + extra;
      const column = far
        ? fc
            .record({ spread: finite(0.5, 5), u: fc.array(finite(-1, 1), { minLength: n, maxLength: n }) })
            .map(({ spread, u }) => u.map((v, i) => 1e5 * spread + spread * (i < 2 ? 2 * i - 1 : v)))
        : fc.array(finite(-5, 5), { minLength: n, maxLength: n });
      return fc.record({
        columns: fc.array(column, { minLength: d, maxLength: d }),
        y: fc.array(finite(-10, 10), { minLength: n, maxLength: n }),
        w: fc.array(finite(-3, 3), { minLength: d, maxLength: d }),
        b: finite(-5, 5),
      });
    })
    .map(({ columns, y, w, b }) => ({
      X: y.map((_, i) => columns.map((c) => c[i])),
      y,
      model: { w, b } as LinearModel,
    }));

const EXERCISES: Record<string, Exercise<any>> = {
  '01-cost': {
    file: 'cost',
    reference: cost,
    inputs: sample(fc.record({ points, line })),
    call: (module, input: { points: Point[]; line: Line }) => {
      const args = clone(input);
      return { answer: module.computeCost(args.points, args.line), argumentsAfter: args };
    },
  } satisfies Exercise<{ points: Point[]; line: Line }>,
  '02-gradient': {
    file: 'gradient',
    reference: gradient,
    inputs: sample(fc.record({ points, line })),
    call: (module, input: { points: Point[]; line: Line }) => {
      const args = clone(input);
      return { answer: module.computeGradient(args.points, args.line), argumentsAfter: args };
    },
  } satisfies Exercise<{ points: Point[]; line: Line }>,
  '03-step': {
    file: 'step',
    reference: step,
    inputs: sample(fc.record({ points, line, learningRate: finite(0, 0.05) })),
    call: (module, input: { points: Point[]; line: Line; learningRate: number }) => {
      const args = clone(input);
      return { answer: module.step(args.points, args.line, args.learningRate), argumentsAfter: args };
    },
  } satisfies Exercise<{ points: Point[]; line: Line; learningRate: number }>,
  '04-descent': {
    file: 'descent',
    reference: descent,
    inputs: sample(
      fc.record({
        points,
        options: fc.record({
          initial: line,
          learningRate: finite(0, 0.05),
          iterations: fc.integer({ min: 0, max: 8 }),
        }),
      }),
    ),
    call: (module, input: { points: Point[]; options: DescentOptions }) => {
      const args = clone(input);
      return { answer: module.gradientDescent(args.points, args.options), argumentsAfter: args };
    },
  } satisfies Exercise<{ points: Point[]; options: DescentOptions }>,
  '05-valley': {
    file: 'valley',
    reference: valley,
    inputs: sample(
      fc.record({
        p: fc.record({ x: finite(-10, 10), y: finite(-10, 10) }),
        start: fc.record({ x: finite(-10, 10), y: finite(-10, 10) }),
        bowl,
        learningRate: finite(0, 0.5),
        iterations: fc.integer({ min: 0, max: 8 }),
      }),
    ),
    call: (
      module,
      input: { p: Vec2; start: Vec2; bowl: { at: (p: Vec2) => Vec2 }; learningRate: number; iterations: number },
    ) => {
      const p = clone(input.p);
      const start = clone(input.start);
      const answer = {
        valley: module.valley(p),
        valleyGradient: module.valleyGradient(p),
        descend: module.descend(input.bowl.at, start, input.learningRate, input.iterations),
      };
      return { answer, argumentsAfter: { ...input, p, start } };
    },
  } satisfies Exercise<{
    p: Vec2;
    start: Vec2;
    bowl: { at: (p: Vec2) => Vec2 };
    learningRate: number;
    iterations: number;
  }>,
  '06-learning-rate': {
    file: 'learning-rate',
    reference: learningRate,
    inputs: sample(pointsForClosedForms),
    call: (module, input: Point[]) => {
      const args = clone(input);
      const answer = {
        leastSquares: module.leastSquares(args),
        maxStableLearningRate: module.maxStableLearningRate(args),
      };
      return { answer, argumentsAfter: args };
    },
  } satisfies Exercise<Point[]>,
  '07-feature-scaling': {
    file: 'feature-scaling',
    reference: featureScaling,
    inputs: sample(
      table(0).chain(({ X, model }) =>
        fc.record({
          X: fc.constant(X),
          model: fc.constant(model),
          other: fc.record({
            mean: fc.array(finite(-10, 10), { minLength: model.w.length, maxLength: model.w.length }),
            std: fc.array(finite(0.1, 10), { minLength: model.w.length, maxLength: model.w.length }),
          }),
        }),
      ),
    ),
    call: (module, input: { X: number[][]; model: LinearModel; other: Scaler }) => {
      const args = clone(input);
      const answer = {
        fitScaler: module.fitScaler(args.X),
        scaleFeatures: module.scaleFeatures(args.X, args.other),
        unscaleModel: module.unscaleModel(args.model, args.other),
      };
      return { answer, argumentsAfter: args };
    },
  } satisfies Exercise<{ X: number[][]; model: LinearModel; other: Scaler }>,
  '08-multivariate': {
    file: 'multivariate',
    reference: multivariate,
    inputs: sample(
      fc
        .record({
          table: table(0).filter(({ X }) => X.every((row) => row.every((v) => Math.abs(v) <= 5))),
          learningRate: finite(0, 0.01),
          iterations: fc.integer({ min: 0, max: 8 }),
        })
        .map(({ table: { X, y, model }, learningRate, iterations }) => ({
          X,
          y,
          options: { initial: model, learningRate, iterations },
        })),
    ),
    call: (module, input: { X: number[][]; y: number[]; options: MultiDescentOptions }) => {
      const args = clone(input);
      const answer = {
        predict: module.predict(args.X, args.options.initial),
        computeCostMulti: module.computeCostMulti(args.X, args.y, args.options.initial),
        computeGradientMulti: module.computeGradientMulti(args.X, args.y, args.options.initial),
        gradientDescentMulti: module.gradientDescentMulti(args.X, args.y, args.options),
      };
      return { answer, argumentsAfter: args };
    },
  } satisfies Exercise<{ X: number[][]; y: number[]; options: MultiDescentOptions }>,
  '09-normal-equation': {
    file: 'normal-equation',
    reference: normalEquation,
    inputs: sample(
      table(1)
        .map(({ X, y }) => ({ X, y }))
        .filter(({ X, y }) => inputProblem('normalEquation', [X, y]) === undefined),
    ),
    call: (module, input: { X: number[][]; y: number[] }) => {
      const args = clone(input);
      return { answer: module.normalEquation(args.X, args.y), argumentsAfter: args };
    },
  } satisfies Exercise<{ X: number[][]; y: number[] }>,
};

function outcome(exercise: Exercise<unknown>, module: object, input: unknown): Outcome {
  try {
    return exercise.call(module, input);
  } catch (error) {
    return { threw: String(error) };
  }
}

/** Same shape, same keys, and every number within the agreement bound. */
function agree(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (!Number.isFinite(a) || !Number.isFinite(b)) return Object.is(a, b);
    return Math.abs(a - b) <= RELATIVE * Math.max(Math.abs(a), Math.abs(b)) + ABSOLUTE;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => agree(item, b[i]));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a).sort();
    const otherKeys = Object.keys(b).sort();
    return (
      keys.length === otherKeys.length &&
      keys.every((key, i) => key === otherKeys[i] && agree((a as any)[key], (b as any)[key]))
    );
  }
  return Object.is(a, b);
}

function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

/** The first input on which the module behaves differently from the reference (answer, arguments, or a throw), if any. */
function firstDifference(
  exercise: Exercise<unknown>,
  module: object,
): { input: unknown; expected: Outcome; actual: Outcome } | undefined {
  for (const input of exercise.inputs) {
    const expected = outcome(exercise, exercise.reference, input);
    const actual = outcome(exercise, module, input);
    if (!agree(expected, actual)) return { input, expected, actual };
  }
  return undefined;
}

const labels: Record<string, Label> = JSON.parse(readFileSync(join(SLIPS_DIR, 'labels.json'), 'utf8'));

/** Every `<exercise>/<slug>.ts` of the corpus, the shims (named as the exercise's own file) left out. */
function slipFiles(): string[] {
  return Object.entries(EXERCISES).flatMap(([id, exercise]) =>
    readdirSync(join(SLIPS_DIR, id))
      .filter((name) => name.endsWith('.ts') && name !== `${exercise.file}.ts`)
      .map((name) => `${id}/${name.slice(0, -'.ts'.length)}`),
  );
}

describe('the held-out slips', () => {
  it('label every file of the corpus, and only those', () => {
    expect(Object.keys(labels).sort()).toEqual(slipFiles().sort());
  });

  it('import only ../types and sibling exercises, as a submission may', () => {
    const allowed = new Set(['../types', ...Object.entries(EXERCISES).map(([id, { file }]) => `../${id}/${file}`)]);
    for (const key of Object.keys(labels)) {
      const source = readFileSync(join(SLIPS_DIR, `${key}.ts`), 'utf8');
      const specifiers = [...source.matchAll(/\bfrom\s+'([^']+)'|\bimport\s*\(|\brequire\s*\(/g)].map(
        (match) => match[1] ?? match[0],
      );
      expect(
        specifiers.filter((specifier) => !allowed.has(specifier)),
        key,
      ).toEqual([]);
    }
  });

  it.each(Object.entries(EXERCISES))(
    'the inputs of %s are ones the reference answers in finite numbers without touching its arguments',
    (_, exercise) => {
      for (const input of exercise.inputs) {
        const reference = outcome(exercise, exercise.reference, input);
        expect(reference).not.toHaveProperty('threw');
        expect(numbersIn(reference).every(Number.isFinite)).toBe(true);
        expect(agree((reference as { argumentsAfter: unknown }).argumentsAfter, input)).toBe(true);
      }
    },
  );

  const entries = Object.entries(labels);
  it.each(entries.filter(([, label]) => label.kind === 'slip'))(
    '%s differs from the reference on some valid input',
    async (key) => {
      const [id] = key.split('/');
      const module = await import(join(SLIPS_DIR, `${key}.ts`));
      expect(
        firstDifference(EXERCISES[id], module),
        `${key} behaves as the reference on all ${INPUTS_PER_EXERCISE} inputs`,
      ).toBeDefined();
    },
  );

  it.each(entries.filter(([, label]) => label.kind === 'correct'))(
    '%s agrees with the reference on every input',
    async (key) => {
      const [id] = key.split('/');
      const module = await import(join(SLIPS_DIR, `${key}.ts`));
      expect(firstDifference(EXERCISES[id], module)).toBeUndefined();
    },
  );
});
