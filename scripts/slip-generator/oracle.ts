import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { KIT_ROOT } from '../../grader/data/paths';
import { EXERCISES, exerciseFile, type ExerciseId, type ExportName } from '../../grader/shipped/contract/exercises';
import { moduleFunctionSource, transpileExercise } from '../../grader/shipped/submission/transpile';
import type {
  DescentOptions,
  Line,
  LinearModel,
  Matrix,
  MiniBatchOptions,
  MultiDescentOptions,
  Point,
  Scaler,
  Vec2,
} from '../../exercises/types';
import { computeCost } from '../../solutions/01-cost/cost';
import { computeGradient } from '../../solutions/02-gradient/gradient';
import { step } from '../../solutions/03-step/step';
import { gradientDescent } from '../../solutions/04-descent/descent';
import { descend, valley, valleyGradient } from '../../solutions/05-valley/valley';
import { leastSquares, maxStableLearningRate } from '../../solutions/06-learning-rate/learning-rate';
import { fitScaler, scaleFeatures, unscaleModel } from '../../solutions/07-feature-scaling/feature-scaling';
import {
  computeCostMulti,
  computeGradientMulti,
  gradientDescentMulti,
  predict,
} from '../../solutions/08-multivariate/multivariate';
import { normalEquation } from '../../solutions/09-normal-equation/normal-equation';
import { miniBatchGradientDescent } from '../../solutions/10-mini-batch/mini-batch';
import { descendWithMomentum, maxStableMomentumRate } from '../../solutions/11-momentum/momentum';
import { inputProblem } from '../../grader/shipped/contract/input-rules';
import { SeededRandom } from './random';

/** Inputs drawn for each exported function by `behavesLikeReference`. */
export const SAMPLES_PER_FUNCTION = 200;
/** Two numbers agree when they differ by at most this much of the values' scale. */
export const RELATIVE_TOLERANCE = 1e-9;
/** The longest one function may take over all its samples before the slip counts as hanging. */
const TIMEOUT_MS = 10_000;

export interface Equivalence {
  readonly equivalent: boolean;
  /** The first input on which the slip and the reference part, and how; absent when equivalent. */
  readonly firstDifference?: string;
}

type Fn = (...args: never[]) => unknown;

const REFERENCE: Record<ExportName, Fn> = {
  fitScaler,
  scaleFeatures,
  unscaleModel,
  predict,
  computeCostMulti,
  computeGradientMulti,
  gradientDescentMulti,
  normalEquation,
  miniBatchGradientDescent,
  descendWithMomentum,
  maxStableMomentumRate,
  computeCost,
  computeGradient,
  step,
  gradientDescent,
  valley,
  valleyGradient,
  descend,
  leastSquares,
  maxStableLearningRate,
} as Record<ExportName, Fn>;

/** What a gradient callback drawn for `descend` is, to say it in a difference and to size its tolerance. */
interface Bowl {
  readonly hessian: readonly [number, number, number];
  readonly centre: Vec2;
}
const BOWLS = new WeakMap<object, Bowl>();
/** The permutations behind each drawn `order` callback of 10, to say it and to send it through a port. */
const ORDERS = new WeakMap<object, readonly (readonly number[])[]>();

/**
 * `count` valid inputs for one exported function, drawn from `seed` (the same seed, the same
 * inputs): finite numbers, at least one point (two distinct x for 06), N from 1 to 40 and now and
 * then 100 to 300 (past the reference's pairwise leaf of 128 terms), spreads from 0.1 to 100 and
 * offsets up to 8 spreads, exact and noisy lines, learning rates between 2 % and 98 % of the
 * stability limit, 0 to 20 iterations; for `descend`, the gradient of a random positive-definite
 * quadratic bowl (the valley's own now and then); for 07–09, tables of 1 to 4 columns of their own
 * scales (`drawTable`), models, and scalers fitted to the table or to other data. Every input is frozen, so a slip that writes to
 * its arguments throws.
 */
export function sampleInputs(exercise: ExerciseId, fn: ExportName, seed: number, count: number): unknown[][] {
  if (!(EXERCISES.find((e) => e.id === exercise)?.exports as readonly string[] | undefined)?.includes(fn))
    throw new Error(`slip generator: ${exercise} has no export ${fn} (grader/shipped/contract/exercises.ts)`);
  const random = SeededRandom.of('inputs', seed, exercise, fn);
  return Array.from({ length: count }, () => deepFreeze(drawArguments(fn, random)));
}

function drawArguments(fn: ExportName, random: SeededRandom): unknown[] {
  switch (fn) {
    case 'computeCost':
    case 'computeGradient': {
      const points = drawPoints(random, false);
      return [points, drawLine(random, points)];
    }
    case 'step': {
      const points = drawPoints(random, false);
      return [points, drawLine(random, points), stableRate(random, points)];
    }
    case 'gradientDescent': {
      const points = drawPoints(random, false);
      const options: DescentOptions = {
        initial: drawLine(random, points),
        learningRate: stableRate(random, points),
        iterations: random.int(0, 20),
      };
      return [points, options];
    }
    case 'valley':
    case 'valleyGradient':
      return [drawVec(random)];
    case 'descend':
      return drawDescend(random);
    case 'leastSquares':
    case 'maxStableLearningRate':
      return [drawPoints(random, true)];
    case 'fitScaler':
      return [drawTable(random).X];
    case 'scaleFeatures': {
      const { X } = drawTable(random);
      return [X, random.chance(0.5) ? fitScaler(X) : drawScaler(random, X[0].length)];
    }
    case 'unscaleModel': {
      const d = random.int(1, 4);
      return [drawModel(random, d), drawScaler(random, d)];
    }
    case 'predict': {
      const { X } = drawTable(random);
      return [X, drawModel(random, X[0].length)];
    }
    case 'computeCostMulti':
    case 'computeGradientMulti': {
      const { X, y } = drawTable(random);
      return [X, y, drawModel(random, X[0].length)];
    }
    case 'gradientDescentMulti': {
      const { X, y } = drawTable(random);
      const options: MultiDescentOptions = {
        initial: drawModel(random, X[0].length),
        learningRate: random.between(0.02, 0.98) * multiStabilityLimit(X),
        iterations: random.int(0, 20),
      };
      return [X, y, options];
    }
    case 'normalEquation': {
      for (;;) {
        const { X, y } = drawTable(random, true);
        if (!inputProblem('normalEquation', [X, y])) return [X, y];
      }
    }
    case 'miniBatchGradientDescent': {
      const { X, y } = drawTable(random);
      const n = X.length;
      const epochs = random.int(0, 6);
      const permutations = Array.from({ length: Math.max(epochs, 1) }, () =>
        random.chance(0.3) ? [...Array(n).keys()] : random.shuffled([...Array(n).keys()]),
      );
      const order = (epoch: number) => [...permutations[epoch % permutations.length]];
      ORDERS.set(order, permutations);
      const widestRow = Math.max(...X.map((row) => row.reduce((s, v) => s + v * v, 1)));
      return [
        X,
        y,
        {
          initial: drawModel(random, X[0].length),
          learningRate: random.between(0.02, 0.9) * Math.min(multiStabilityLimit(X), 1 / widestRow),
          epochs,
          batchSize: random.chance(0.2) ? n + random.int(0, 3) : random.int(1, Math.max(1, n)),
          order,
        },
      ];
    }
    case 'descendWithMomentum': {
      const [gradient, start, , iterations] = drawDescend(random);
      const { hessian } = BOWLS.get(gradient as object)!;
      const [a, b, c] = hessian;
      const largest = (a + c) / 2 + Math.hypot((a - c) / 2, b);
      const momentum = random.chance(0.15) ? 0 : random.between(0, 0.95);
      return [gradient, start, random.between(0.05, 0.95) * ((2 * (1 + momentum)) / largest), momentum, iterations];
    }
    case 'maxStableMomentumRate':
      return [drawPoints(random, true), random.chance(0.15) ? 0 : random.between(0, 0.99)];
  }
}

/**
 * A table for 07–09: d from 1 to 4 columns, each with its own spread (0.1 to 100) and offset (up to
 * 8 spreads, or 0), N from 1 to 40 and now and then 100 to 300 rows (at least d + 2 for 09), values
 * on a grid of a tenth of the spread now and then, and y a noisy linear function of the row.
 */
function drawTable(random: SeededRandom, overdetermined = false): { X: number[][]; y: number[] } {
  const d = random.int(1, 4);
  const roll = random.next();
  const fewest = overdetermined ? d + 2 : 1;
  const n = roll < 0.1 ? fewest : roll < 0.85 ? random.int(fewest, 40) : random.int(100, 300);
  const columns = Array.from({ length: d }, () => {
    const spread = random.magnitude(-1, 2);
    return { spread, offset: random.chance(0.3) ? 0 : spread * random.between(-8, 8), onGrid: random.chance(0.3) };
  });
  const weights = columns.map(() => random.between(-3, 3) * random.magnitude(-1, 1));
  const intercept = random.between(-1, 1) * random.magnitude(-1, 2);
  const noise = random.chance(0.15) ? 0 : random.magnitude(-2, 1);
  const X = Array.from({ length: n }, () =>
    columns.map(({ spread, offset, onGrid }) => {
      const u = random.between(-1, 1);
      return offset + spread * (onGrid ? Math.round(u * 10) / 10 : u);
    }),
  );
  const y = X.map((row) => row.reduce((s, v, j) => s + weights[j] * v, intercept) + noise * random.between(-1, 1));
  return { X, y };
}

function drawModel(random: SeededRandom, d: number): LinearModel {
  if (random.chance(0.1)) return { w: new Array<number>(d).fill(0), b: 0 };
  return {
    w: Array.from({ length: d }, () => random.between(-3, 3) * random.magnitude(-1, 1)),
    b: random.between(-2, 2) * random.magnitude(-1, 2),
  };
}

/** A scaler of another table's statistics: means anywhere, deviations from 0.1 to 100. */
function drawScaler(random: SeededRandom, d: number): Scaler {
  return {
    mean: Array.from({ length: d }, () => random.between(-1, 1) * random.magnitude(-1, 2)),
    std: Array.from({ length: d }, () => random.magnitude(-1, 2)),
  };
}

/** 2 / λmax of J's Hessian (2/N)·Σ [x; 1][x; 1]ᵀ, λmax by power iteration. */
function multiStabilityLimit(X: Matrix): number {
  const d = X[0].length + 1;
  const hessian = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (const row of X) {
    const z = [...row, 1];
    for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) hessian[j][k] += (2 * z[j] * z[k]) / X.length;
  }
  let v = new Array<number>(d).fill(1);
  let largest = 0;
  for (let i = 0; i < 200; i++) {
    const next = hessian.map((row) => row.reduce((s, h, k) => s + h * v[k], 0));
    largest = Math.hypot(...next);
    v = next.map((x) => x / largest);
  }
  return 2 / largest;
}

function drawPoints(random: SeededRandom, distinctX: boolean): Point[] {
  const roll = random.next();
  const n = roll < 0.1 ? (distinctX ? 2 : 1) : roll < 0.2 ? 2 : roll < 0.875 ? random.int(3, 40) : random.int(100, 300);
  const spread = random.magnitude(-1, 2);
  const offset = random.chance(0.3) ? 0 : spread * random.between(-8, 8);
  const onGrid = random.chance(0.3);
  const slope = random.between(-3, 3) * random.magnitude(-1, 1);
  const intercept = random.between(-1, 1) * random.magnitude(-1, 2);
  const noise = random.chance(0.15) ? 0 : random.magnitude(-2, 1);
  const xs = Array.from({ length: n }, () => {
    const u = random.between(-1, 1);
    return offset + spread * (onGrid ? Math.round(u * 10) / 10 : u);
  });
  if (distinctX && xs.every((x) => x === xs[0])) xs[1] = xs[0] + spread;
  return xs.map((x) => ({ x, y: slope * x + intercept + noise * random.between(-1, 1) }));
}

function drawLine(random: SeededRandom, points: readonly Point[]): Line {
  if (random.chance(0.1)) return { m: 0, b: 0 };
  const fit = points.length > 1 && new Set(points.map((p) => p.x)).size > 1 ? leastSquares(points) : { m: 0, b: 0 };
  return {
    m: fit.m + random.between(-2, 2) * (Math.abs(fit.m) + 1),
    b: fit.b + random.between(-2, 2) * (Math.abs(fit.b) + 1),
  };
}

/** A learning rate between 2 % and 98 % of the limit for these points, so that a descent neither stalls nor diverges. */
function stableRate(random: SeededRandom, points: readonly Point[]): number {
  return random.between(0.02, 0.98) * maxStableLearningRate(points);
}

function drawVec(random: SeededRandom): Vec2 {
  return { x: random.between(-1, 1) * random.magnitude(-2, 3), y: random.between(-1, 1) * random.magnitude(-2, 3) };
}

function drawDescend(random: SeededRandom): unknown[] {
  let hessian: [number, number, number];
  let centre: Vec2;
  if (random.chance(0.2)) {
    hessian = [2, 1, 2];
    centre = { x: 0, y: 0 };
  } else {
    const [low, high] = [random.magnitude(-1, 1), random.magnitude(-1, 1)];
    const angle = random.between(0, Math.PI);
    const [c, s] = [Math.cos(angle), Math.sin(angle)];
    hessian = [low * c * c + high * s * s, (low - high) * c * s, low * s * s + high * c * c];
    centre = drawVec(random);
  }
  const [a, b, c] = hessian;
  const largest = (a + c) / 2 + Math.hypot((a - c) / 2, b);
  const gradient = (p: Vec2): Vec2 => {
    const [dx, dy] = [p.x - centre.x, p.y - centre.y];
    return { x: a * dx + b * dy, y: b * dx + c * dy };
  };
  BOWLS.set(gradient, { hessian, centre });
  const start = { x: centre.x + drawVec(random).x, y: centre.y + drawVec(random).y };
  return [gradient, start, random.between(0.05, 0.95) * (2 / largest), random.int(0, 20)];
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** What the reference answers on each input, and the scale its comparison uses, computed once per exercise, function and seed. */
interface Expectation {
  readonly args: readonly unknown[];
  readonly outcome: Outcome;
  readonly scale: unknown;
}
/** What one call did: answered `value`, or threw (`threw` says what). */
interface Outcome {
  readonly value?: unknown;
  readonly threw?: string;
}

const expectations = new Map<string, readonly Expectation[]>();

function expectationsOf(exercise: ExerciseId, fn: ExportName, seed: number): readonly Expectation[] {
  const key = `${exercise}\0${fn}\0${seed}`;
  let found = expectations.get(key);
  if (!found) {
    found = sampleInputs(exercise, fn, seed, SAMPLES_PER_FUNCTION).map((args) => {
      const outcome = outcomeOf(() => REFERENCE[fn](...(args as never[])));
      return { args, outcome, scale: outcome.threw === undefined ? scaleOf(fn, args, outcome.value) : undefined };
    });
    expectations.set(key, found);
  }
  return found;
}

function outcomeOf(run: () => unknown): Outcome {
  try {
    return { value: run() };
  } catch (error) {
    return { threw: describeError(error) };
  }
}

function describeError(error: unknown): string {
  if (error === null || typeof error !== 'object' || !('message' in error)) return String(error);
  const { name, message } = error as { name?: unknown; message?: unknown };
  return `${String(name)}: ${String(message)}`;
}

/**
 * The magnitude each answer's rounding error is measured against, the same shape as the answer: the
 * size of the terms that were summed, so that an answer near 0 made of large terms (a gradient at
 * the optimum) is not held to its own tiny size. The tolerance is RELATIVE_TOLERANCE times the
 * larger of this and the answer.
 */
function scaleOf(fn: ExportName, args: readonly unknown[], answer: unknown): unknown {
  switch (fn) {
    case 'computeCost':
      return costScale(args[0] as Point[], args[1] as Line);
    case 'computeGradient':
      return gradientScale(args[0] as Point[], args[1] as Line);
    case 'step':
      return stepScale(args[0] as Point[], args[1] as Line, args[2] as number);
    case 'gradientDescent': {
      const points = args[0] as Point[];
      const options = args[1] as DescentOptions;
      const lines = [options.initial];
      for (let k = 0; k < options.iterations; k++) lines.push(step(points, lines[k], options.learningRate));
      const steps = lines.map((line) => stepScale(points, line, options.learningRate));
      return {
        line: { m: Math.max(...steps.map((s) => s.m)), b: Math.max(...steps.map((s) => s.b)) },
        costs: lines.map((line) => costScale(points, line)),
      };
    }
    case 'valley': {
      const { x, y } = args[0] as Vec2;
      return x * x + Math.abs(x * y) + y * y;
    }
    case 'valleyGradient': {
      const { x, y } = args[0] as Vec2;
      return { x: 2 * Math.abs(x) + Math.abs(y), y: Math.abs(x) + 2 * Math.abs(y) };
    }
    case 'descend': {
      const { centre } = BOWLS.get(args[0] as object)!;
      let largest = 0;
      return (answer as Vec2[]).map((p) => {
        largest = Math.max(largest, Math.abs(p.x) + Math.abs(p.y) + Math.abs(centre.x) + Math.abs(centre.y));
        return { x: largest, y: largest };
      });
    }
    case 'leastSquares': {
      const points = args[0] as Point[];
      const { m, b } = answer as Line;
      const meanX = points.reduce((s, p) => s + p.x, 0) / points.length;
      const meanY = points.reduce((s, p) => s + p.y, 0) / points.length;
      const sxx = points.reduce((s, p) => s + (p.x - meanX) ** 2, 0);
      const slope =
        Math.abs(m) + points.reduce((s, p) => s + Math.abs(p.x - meanX) * (Math.abs(p.y) + Math.abs(meanY)), 0) / sxx;
      return { m: slope, b: Math.abs(b) + Math.abs(meanY) + slope * Math.abs(meanX) };
    }
    case 'maxStableLearningRate':
      return Math.abs(answer as number);
    case 'fitScaler': {
      const X = args[0] as Matrix;
      const size = columnMagnitudes(X);
      return { mean: size, std: size.map((s, j) => s + (answer as Scaler).std[j]) };
    }
    case 'scaleFeatures': {
      const [X, scaler] = args as [Matrix, Scaler];
      return X.map((row) => row.map((v, j) => (Math.abs(v) + Math.abs(scaler.mean[j])) / scaler.std[j]));
    }
    case 'unscaleModel': {
      const [model, scaler] = args as [LinearModel, Scaler];
      const w = model.w.map((wj, j) => Math.abs(wj) / scaler.std[j]);
      return { w, b: Math.abs(model.b) + w.reduce((s, wj, j) => s + wj * Math.abs(scaler.mean[j]), 0) };
    }
    case 'predict':
      return rowTerms(args[0] as Matrix, args[1] as LinearModel, undefined);
    case 'computeCostMulti':
      return multiCostScale(args[0] as Matrix, args[1] as number[], args[2] as LinearModel);
    case 'computeGradientMulti':
      return multiGradientScale(args[0] as Matrix, args[1] as number[], args[2] as LinearModel);
    case 'gradientDescentMulti': {
      const [X, y, options] = args as [Matrix, number[], MultiDescentOptions];
      const models = [options.initial];
      for (let k = 0; k < options.iterations; k++)
        models.push(gradientDescentMulti(X, y, { ...options, initial: models[k], iterations: 1 }).model);
      const steps = models.map((model) => {
        const g = multiGradientScale(X, y, model);
        return {
          w: model.w.map((wj, j) => Math.abs(wj) + options.learningRate * g.dw[j]),
          b: Math.abs(model.b) + options.learningRate * g.db,
        };
      });
      return {
        model: {
          w: steps[0].w.map((_, j) => Math.max(...steps.map((s) => s.w[j]))),
          b: Math.max(...steps.map((s) => s.b)),
        },
        costs: models.map((model) => multiCostScale(X, y, model)),
      };
    }
    case 'miniBatchGradientDescent': {
      const [X, y, options] = args as [Matrix, number[], MiniBatchOptions];
      const models = Array.from(
        { length: options.epochs + 1 },
        (_, k) => miniBatchGradientDescent(X, y, { ...options, epochs: k }).model,
      );
      const steps = models.map((model) => {
        const g = multiGradientScale(X, y, model);
        return {
          w: model.w.map((wj, j) => Math.abs(wj) + options.learningRate * X.length * g.dw[j]),
          b: Math.abs(model.b) + options.learningRate * X.length * g.db,
        };
      });
      return {
        model: {
          w: steps[0].w.map((_, j) => Math.max(...steps.map((s) => s.w[j]))),
          b: Math.max(...steps.map((s) => s.b)),
        },
        costs: models.map((model) => multiCostScale(X, y, model)),
      };
    }
    case 'descendWithMomentum': {
      const { centre } = BOWLS.get(args[0] as object)!;
      let largest = 0;
      return (answer as Vec2[]).map((p) => {
        largest = Math.max(largest, Math.abs(p.x) + Math.abs(p.y) + Math.abs(centre.x) + Math.abs(centre.y));
        return { x: largest, y: largest };
      });
    }
    case 'maxStableMomentumRate':
      return Math.abs(answer as number);
    case 'normalEquation': {
      const [X, y] = args as [Matrix, number[]];
      const { w, b } = answer as LinearModel;
      const n = X.length;
      const meanY = y.reduce((s, v) => s + v, 0) / n;
      const spreadY = Math.sqrt(y.reduce((s, v) => s + (v - meanY) ** 2, 0) / n) + Math.abs(meanY);
      const scaler = fitScaler(X);
      const weights = w.map((wj, j) => Math.abs(wj) + (CONDITION_ALLOWANCE * spreadY) / scaler.std[j]);
      return {
        w: weights,
        b: Math.abs(b) + Math.abs(meanY) + weights.reduce((s, wj, j) => s + wj * Math.abs(scaler.mean[j]), 0),
      };
    }
  }
}

/**
 * How much of the target's spread per unit of a column a correct solver of the normal equation may
 * be off by, relative to 1e-9: the drawn tables' columns are independent draws, so the centred X is
 * well conditioned (κ below about 10³) and a backward-stable solver's error is κ·u ≈ 10⁻¹³ of it.
 */
const CONDITION_ALLOWANCE = 1;

/** Each column's mean absolute value: the size of the terms its mean and deviation are summed from. */
function columnMagnitudes(X: Matrix): number[] {
  return X[0].map((_, j) => X.reduce((s, row) => s + Math.abs(row[j]), 0) / X.length);
}

/** Σ|w_j·x_ij| + |b| (+ |y_i|) for each row: a bound on each residual's terms. */
function rowTerms(X: Matrix, model: LinearModel, y: readonly number[] | undefined): number[] {
  return X.map(
    (row, i) => row.reduce((s, v, j) => s + Math.abs(model.w[j] * v), Math.abs(model.b)) + (y ? Math.abs(y[i]) : 0),
  );
}

function multiCostScale(X: Matrix, y: readonly number[], model: LinearModel): number {
  return mean(rowTerms(X, model, y).map((t) => t * t));
}

function multiGradientScale(X: Matrix, y: readonly number[], model: LinearModel): { dw: number[]; db: number } {
  const terms = rowTerms(X, model, y);
  return {
    dw: X[0].map((_, j) => mean(terms.map((t, i) => 2 * Math.abs(X[i][j]) * t))),
    db: mean(terms.map((t) => 2 * t)),
  };
}

/** |m·x| + |b| + |y| for each point: a bound on each residual's terms. */
const residualTerms = (points: readonly Point[], line: Line) =>
  points.map((p) => Math.abs(line.m * p.x) + Math.abs(line.b) + Math.abs(p.y));

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

function costScale(points: readonly Point[], line: Line): number {
  return mean(residualTerms(points, line).map((t) => t * t));
}

function gradientScale(points: readonly Point[], line: Line): { dm: number; db: number } {
  const terms = residualTerms(points, line);
  return { dm: mean(terms.map((t, i) => 2 * Math.abs(points[i].x) * t)), db: mean(terms.map((t) => 2 * t)) };
}

function stepScale(points: readonly Point[], line: Line, rate: number): { m: number; b: number } {
  const gradient = gradientScale(points, line);
  return { m: Math.abs(line.m) + Math.abs(rate) * gradient.dm, b: Math.abs(line.b) + Math.abs(rate) * gradient.db };
}

/** The reference solutions' sources, read once: what a slip's imports of its sibling exercises load. */
const referenceSources = new Map<ExerciseId, string>();

function referenceSource(exercise: ExerciseId): string {
  let source = referenceSources.get(exercise);
  if (source === undefined) {
    source = readFileSync(join(KIT_ROOT, 'solutions', exercise, exerciseFile(exercise)), 'utf8');
    referenceSources.set(exercise, source);
  }
  return source;
}

const RUNNER = new vm.Script(
  `for (let i = 0; i < __slipInputs.length; i++) {
    let answer;
    try { answer = __slipFunction(...__slipInputs[i]); } catch (error) { __slipThrew(i, error); continue; }
    __slipAnswered(i, answer);
  }`,
  { filename: 'slip-generator-runner.js' },
);

/** Thrown from the runner's callback to stop at the first difference. */
class Parted extends Error {}

/**
 * Whether a slip computes what the reference computes on every sampled valid input of each of its
 * exercise's exports (SAMPLES_PER_FUNCTION each, drawn from `seed` by `sampleInputs`): the same
 * shapes and lengths, no entry of an answer's array the same object as another, and every number
 * within RELATIVE_TOLERANCE of the values' scale; both throwing counts as agreeing. The slip is the
 * kit's own generated source, trusted: it runs in this process, transpiled by the kit's transpiler
 * and evaluated in a fresh `node:vm` context, its imports of sibling exercises resolved to the
 * reference solutions. An equivalent slip is one that the grader must pass.
 */
export function behavesLikeReference(source: string, exercise: ExerciseId, seed: number): Equivalence {
  const context = vm.createContext({});
  let exported: Record<string, unknown>;
  try {
    exported = loadInContext(context, source, exercise, new Map());
  } catch (error) {
    return { equivalent: false, firstDifference: `the file does not load: ${describeError(error)}` };
  }
  for (const fn of EXERCISES.find((e) => e.id === exercise)!.exports as readonly ExportName[]) {
    const slipFunction = exported[fn];
    if (typeof slipFunction !== 'function') return { equivalent: false, firstDifference: `${fn} is not exported` };
    const difference = firstDifferenceOf(context, fn, slipFunction, expectationsOf(exercise, fn, seed));
    if (difference) return { equivalent: false, firstDifference: difference };
  }
  return { equivalent: true };
}

function firstDifferenceOf(
  context: vm.Context,
  fn: ExportName,
  slipFunction: unknown,
  expected: readonly Expectation[],
): string | undefined {
  let difference: string | undefined;
  const judge = (index: number, outcome: Outcome) => {
    const { args, outcome: reference, scale } = expected[index];
    let found: string | undefined;
    if (outcome.threw !== undefined && reference.threw === undefined) found = `throws ${outcome.threw}`;
    else if (outcome.threw === undefined && reference.threw !== undefined)
      found = `answers where the reference throws ${reference.threw}`;
    else if (outcome.threw === undefined) found = compare(reference.value, outcome.value, scale, '');
    if (found) {
      difference = `${fn}(${args.map((a) => describeValue(a)).join(', ')}): ${found}`;
      throw new Parted();
    }
  };
  Object.assign(context, {
    __slipFunction: slipFunction,
    __slipInputs: expected.map((e) => e.args),
    __slipThrew: (i: number, error: unknown) => judge(i, { threw: describeError(error) }),
    __slipAnswered: (i: number, answer: unknown) => judge(i, { value: answer }),
  });
  try {
    RUNNER.runInContext(context, { timeout: TIMEOUT_MS });
  } catch (error) {
    if (!(error instanceof Parted))
      return (
        difference ??
        `${fn} does not finish: ${describeError(error)} (after ${TIMEOUT_MS} ms over ${expected.length} inputs)`
      );
  }
  return difference;
}

/** Where two answers part, or undefined when they agree: numbers within tolerance, arrays of the same length with distinct entries, the reference's fields. */
function compare(expected: unknown, actual: unknown, scale: unknown, path: string): string | undefined {
  const at = path || 'the answer';
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return `${at} is ${describeValue(actual)}, not a number`;
    const tolerance = RELATIVE_TOLERANCE * Math.max(Math.abs(expected), scale as number);
    if (Number.isFinite(actual) && Math.abs(actual - expected) <= tolerance) return undefined;
    return `${at} is ${digits(actual)}, the reference's ${digits(expected)} (tolerance ${tolerance.toPrecision(3)})`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${at} is ${describeValue(actual)}, not an array`;
    if (actual.length !== expected.length)
      return `${at} has ${actual.length} entries, the reference's ${expected.length}`;
    const objects = actual.filter((entry) => entry !== null && typeof entry === 'object');
    if (new Set(objects).size < objects.length) return `${at} holds the same object more than once`;
    for (let i = 0; i < expected.length; i++) {
      const found = compare(expected[i], actual[i], (scale as unknown[])[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return `${at} is ${describeValue(actual)}, not an object`;
    for (const key of Object.keys(expected)) {
      const found = compare(
        (expected as Record<string, unknown>)[key],
        (actual as Record<string, unknown>)[key],
        (scale as Record<string, unknown>)[key],
        path ? `${path}.${key}` : key,
      );
      if (found) return found;
    }
    return undefined;
  }
  return Object.is(expected, actual)
    ? undefined
    : `${at} is ${describeValue(actual)}, the reference's ${describeValue(expected)}`;
}

/** A number to 12 significant digits: enough to show any difference past the tolerance, without the last bits in which Node versions may differ. */
const digits = (value: number): string => String(Number(value.toPrecision(12)));

/** A short readable form of an input or an answer: numbers to 6 digits, long arrays cut. */
function describeValue(value: unknown, depth = 0): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  if (typeof value === 'function') {
    const bowl = BOWLS.get(value);
    if (!bowl) return 'a function';
    const [a, b, c] = bowl.hessian.map((v) => describeValue(v));
    return `∇ of the bowl ½(p − c)ᵀH(p − c) with H = [[${a}, ${b}], [${b}, ${c}]], c = ${describeValue(bowl.centre, depth + 1)}`;
  }
  if (Array.isArray(value)) {
    if (depth > 2) return `[${value.length} entries]`;
    const shown = value.slice(0, 4).map((v) => describeValue(v, depth + 1));
    return `[${shown.join(', ')}${value.length > 4 ? `, … (${value.length} entries)` : ''}]`;
  }
  if (value !== null && typeof value === 'object') {
    if (depth > 2) return '{…}';
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${describeValue(v, depth + 1)}`)
      .join(', ')} }`;
  }
  return String(value);
}

/**
 * Evaluates an exercise file in the context as the kit's realm does (transpiled to CommonJS, run as
 * the body of a function of exports, require and module), its imports of `../<exercise>/<file>`
 * resolved to the reference solutions evaluated in the same context, and `../types` to nothing.
 */
function loadInContext(
  context: vm.Context,
  source: string,
  exercise: ExerciseId,
  loaded: Map<ExerciseId, Record<string, unknown>>,
): Record<string, unknown> {
  const displayPath = `${exercise}/${exerciseFile(exercise)}`;
  const { javascript, syntaxErrors } = transpileExercise(source, displayPath);
  if (syntaxErrors.length) throw new Error(syntaxErrors.join('\n'));
  const moduleFunction = new vm.Script(moduleFunctionSource(javascript), { filename: displayPath }).runInContext(
    context,
  ) as (moduleExports: object, requireModule: (specifier: string) => unknown, module: { exports: object }) => void;
  const slipModule = vm.runInContext('({ exports: {} })', context) as { exports: Record<string, unknown> };
  const requireSibling = (specifier: string): unknown => {
    if (specifier === '../types') return {};
    const match = /^\.\.\/([^/]+)\/([^/]+)$/.exec(specifier);
    const sibling = EXERCISES.find((e) => match && e.id === match[1] && e.file === `${match[2]}.ts`);
    if (!sibling) throw new Error(`${displayPath}: cannot import ${specifier}`);
    let siblingExports = loaded.get(sibling.id);
    if (!siblingExports) {
      siblingExports = loadInContext(context, referenceSource(sibling.id), sibling.id, loaded);
      loaded.set(sibling.id, siblingExports);
    }
    return siblingExports;
  };
  moduleFunction(slipModule.exports, requireSibling, slipModule);
  return slipModule.exports;
}

/**
 * An argument as a port takes it: a drawn gradient callback becomes the door's `{ $gradient: {
 * hessian, center } }`, and a drawn `order` callback (in 10's options) `{ $order: { permutations } }`.
 */
export function asPortArgument(value: unknown): unknown {
  if (typeof value === 'function' && ORDERS.has(value)) return { $order: { permutations: ORDERS.get(value) } };
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, asPortArgument(inner)]));
  const bowl = typeof value === 'function' ? BOWLS.get(value) : undefined;
  if (!bowl) return value;
  const [a, b, c] = bowl.hessian;
  return {
    $gradient: {
      hessian: [
        [a, b],
        [b, c],
      ],
      center: [bowl.centre.x, bowl.centre.y],
    },
  };
}
