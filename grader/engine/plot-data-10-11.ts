import type { LinearModel, MultiDescentResult, Vec2 } from '../../exercises/types';
import { computeCost } from '../../solutions/01-cost/cost';
import { leastSquares, maxStableLearningRate } from '../../solutions/06-learning-rate/learning-rate';
import { fitScaler, scaleFeatures } from '../../solutions/07-feature-scaling/feature-scaling';
import { computeCostMulti } from '../../solutions/08-multivariate/multivariate';
import { normalEquation } from '../../solutions/09-normal-equation/normal-equation';
import { miniBatchGradientDescent } from '../../solutions/10-mini-batch/mini-batch';
import { descendWithMomentum, maxStableMomentumRate } from '../../solutions/11-momentum/momentum';
import { readPenguins } from '../data/penguins';
import type { Verdict } from '../shipped/checks/check';
import { closedFormTolerance } from '../shipped/checks/tolerance';
import { comparePath } from '../shipped/checks/verdicts';
import type { ExerciseId } from '../shipped/contract/exercises';
import type { CallOutcome, CallRequest } from '../shipped/door/port';
import { bowlGradient, VALLEY_BOWL, type Bowl } from '../shipped/exercises/05-valley/public-checks';
import {
  judgeMiniBatch,
  miniBatchCall,
  miniBatchStableRate,
  type MiniBatchInput,
} from '../shipped/exercises/10-mini-batch/public-checks';
import { miniBatchExpectation } from '../shipped/exercises/10-mini-batch/grading/expectations';
import { eigenvalues, judgeRate, momentumCall, rateCall } from '../shipped/exercises/11-momentum/public-checks';
import { dataCsv, dataCsvValley } from '../shipped/exercises/11-momentum/grading/checks';
import type {
  MiniBatchCurve,
  MiniBatchPlotData,
  MomentumLimit,
  MomentumPlotData,
  MomentumSurface,
  MomentumWalk,
  PlotComparison,
  PlotData,
} from '../shipped/results/model';

/**
 * The report's plots of exercises 10 and 11, each only when the assignment grades its exercise:
 *
 * - 10: the cost on all rows after each epoch of miniBatchGradientDescent on the Palmer penguins
 *   (scaled with the reference's scaler), at batch sizes 1, 8, 32 and N (full-batch descent), every
 *   run visiting the rows in the same seeded order each epoch.
 * - 11: descendWithMomentum's walks on 05's valley x² + xy + y² and on data.csv's J (the valley
 *   11's README measures, at η = 1/λmax and β = 0, 0.5, 0.9, 0.99), and maxStableMomentumRate of
 *   data.csv at the same β.
 *
 * Every call needs no earlier answer, so they all go in the batch of the other plots' calls. Each
 * answer is compared with the reference's by the comparison and tolerance of the check that grades
 * it (judgeMiniBatch, comparePath, judgeRate). The reference's side is worked out once per process.
 */

export type LaterPlotData = Pick<PlotData, 'miniBatch' | 'momentum'>;

export interface LaterPlotRuns {
  /** The calls of the plots: the caller sends them in its own batch. */
  readonly requests: readonly CallRequest[];
  /** The plots' data from the answers to `requests`, in their order. */
  collect(outcomes: readonly CallOutcome[]): LaterPlotData;
}

/** 10's runs: batch sizes from one row to all of them (the table's N is added last). */
const BATCH_SIZES = [1, 8, 32];
/** 10's rate: half of 1/max‖(xᵢ, 1)‖², where every batch's step is a contraction (the checks' bound holds there). */
const MINI_BATCH_FRACTION = 0.5;
const EPOCHS = 10;
/** The seed of the epochs' orders. */
const ORDER_SEED = 18;

/** 11 on 05's valley: the README's worked example (from (1, 0) at η = 0.1) walked further. */
const VALLEY_START: Vec2 = { x: 1, y: 0 };
const VALLEY_RATE = 0.1;
const VALLEY_STEPS = 20;
const VALLEY_MOMENTA = [0, 0.5];
/** 11 on data.csv's J: the README's table, from m = b = 0 at η = 1/λmax. */
const DATA_START: Vec2 = { x: 0, y: 0 };
const DATA_STEPS = 1000;
const DATA_MOMENTA = [0, 0.5, 0.9, 0.99];
/** A walk of data.csv is recorded at every iteration up to this one, then at every `DATA_STRIDE`th. */
const DATA_EVERY_STEP = 60;
const DATA_STRIDE = 5;

/** The runs behind 10's and 11's plots for an assignment of `exercises`: nothing at all when it grades neither. */
export function laterPlotRuns(exercises: readonly ExerciseId[]): LaterPlotRuns {
  const graded = new Set(exercises);
  const miniBatch = graded.has('10-mini-batch') ? miniBatchReference() : undefined;
  const momentum = graded.has('11-momentum') ? momentumReference() : undefined;
  const requests = [...(miniBatch?.requests ?? []), ...(momentum?.requests ?? [])];
  return {
    requests,
    collect(outcomes) {
      const split = miniBatch?.requests.length ?? 0;
      return {
        ...(miniBatch && { miniBatch: miniBatchPlot(miniBatch, outcomes.slice(0, split)) }),
        ...(momentum && { momentum: momentumPlot(momentum, outcomes.slice(split)) }),
      };
    },
  };
}

// 10-mini-batch

interface MiniBatchReference {
  readonly requests: readonly CallRequest[];
  readonly inputs: readonly MiniBatchInput[];
  readonly plot: MiniBatchPlotData;
}

const miniBatchReference = once((): MiniBatchReference => {
  const penguins = readPenguins();
  const raw = penguins.X.map((row) => [...row]);
  const X = scaleFeatures(raw, fitScaler(raw));
  const y = [...penguins.y];
  const stableRate = miniBatchStableRate(X);
  const learningRate = MINI_BATCH_FRACTION * stableRate;
  const orders = seededOrders(X.length, EPOCHS, ORDER_SEED);
  const initial: LinearModel = { w: X[0].map(() => 0), b: 0 };
  const inputs = [...BATCH_SIZES, X.length].map((batchSize): MiniBatchInput => ({
    X,
    y,
    initial,
    learningRate,
    epochs: EPOCHS,
    batchSize,
    orders,
  }));
  return {
    requests: inputs.map(miniBatchCall),
    inputs,
    plot: {
      rows: X.length,
      featureNames: penguins.featureNames,
      targetName: penguins.targetName,
      scaling: "each feature standardised with the reference's fitScaler and scaleFeatures",
      learningRate,
      stableRate,
      epochs: EPOCHS,
      orderSeed: ORDER_SEED,
      minimum: computeCostMulti(X, y, normalEquation(X, y)),
      curves: inputs.map((i) => ({
        batchSize: i.batchSize,
        steps: Math.ceil(X.length / i.batchSize),
        reference: miniBatchGradientDescent(X, y, { ...i, order: (e) => orders[e] }).costs,
      })),
    },
  };
});

function miniBatchPlot(reference: MiniBatchReference, outcomes: readonly CallOutcome[]): MiniBatchPlotData {
  return {
    ...reference.plot,
    curves: reference.plot.curves.map((curve, k): MiniBatchCurve => {
      const outcome = outcomes[k];
      if (!outcome.ok) return { ...curve, stopped: outcome.error.message };
      const run = outcome.value as MultiDescentResult;
      if (!isRun(run, reference.inputs[k].X[0].length))
        return { ...curve, stopped: 'it did not return { model: { w, b }, costs } with numbers' };
      return {
        ...curve,
        student: run.costs,
        comparison: comparisonOf(judgeMiniBatch(run, miniBatchExpectation(reference.inputs[k]))),
      };
    }),
  };
}

function isRun(value: unknown, d: number): value is MultiDescentResult {
  const run = value as MultiDescentResult | null;
  return (
    typeof run === 'object' &&
    run !== null &&
    Array.isArray(run.costs) &&
    run.costs.every((c) => typeof c === 'number') &&
    typeof run.model === 'object' &&
    run.model !== null &&
    Array.isArray(run.model.w) &&
    run.model.w.length === d &&
    run.model.w.every((w) => typeof w === 'number') &&
    typeof run.model.b === 'number'
  );
}

/** One permutation of 0 … n − 1 per epoch: Fisher–Yates driven by mulberry32 from `seed`, the same in every process. */
export function seededOrders(n: number, epochs: number, seed: number): number[][] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: epochs }, () => {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    return order;
  });
}

// 11-momentum

interface WalkCall {
  readonly bowl: Bowl;
  readonly start: Vec2;
  readonly learningRate: number;
  readonly momentum: number;
  readonly iterations: number;
}

interface MomentumReference {
  readonly requests: readonly CallRequest[];
  readonly valleyWalks: readonly WalkCall[];
  readonly dataWalks: readonly WalkCall[];
  /** The reference's whole paths, in the order of the walks (valley, then data.csv). */
  readonly paths: readonly Vec2[][];
  readonly plot: MomentumPlotData;
}

const momentumReference = once((): MomentumReference => {
  const points = dataCsv();
  const valley = dataCsvValley();
  const dataRate = 1 / eigenvalues(valley)[0];
  const walk = (bowl: Bowl, start: Vec2, learningRate: number, iterations: number) => (momentum: number) => ({
    bowl,
    start,
    learningRate,
    momentum,
    iterations,
  });
  const valleyWalks = VALLEY_MOMENTA.map(walk(VALLEY_BOWL, VALLEY_START, VALLEY_RATE, VALLEY_STEPS));
  const dataWalks = DATA_MOMENTA.map(walk(valley, DATA_START, dataRate, DATA_STEPS));
  const paths = [...valleyWalks, ...dataWalks].map((w) =>
    descendWithMomentum(bowlGradient(w.bowl), w.start, w.learningRate, w.momentum, w.iterations),
  );
  const recorded = recordedIterations(DATA_STEPS);
  const surface = (
    name: string,
    bowl: Bowl,
    minimum: number,
    walks: readonly WalkCall[],
    own: readonly Vec2[][],
    at: readonly number[],
  ): MomentumSurface => ({
    name,
    hessian: bowl.hessian,
    center: bowl.center,
    minimum,
    start: walks[0].start,
    learningRate: walks[0].learningRate,
    steps: walks[0].iterations,
    walks: walks.map((w, k) => ({ momentum: w.momentum, iterations: at, reference: at.map((i) => own[k][i]) })),
  });
  return {
    requests: [
      ...[...valleyWalks, ...dataWalks].map(momentumCall),
      ...DATA_MOMENTA.map((momentum) => rateCall({ points, momentum })),
    ],
    valleyWalks,
    dataWalks,
    paths,
    plot: {
      valley: surface(
        'f(x, y) = x² + xy + y²',
        VALLEY_BOWL,
        0,
        valleyWalks,
        paths.slice(0, valleyWalks.length),
        Array.from({ length: VALLEY_STEPS + 1 }, (_, i) => i),
      ),
      dataCsv: surface(
        'J(m, b) on data.csv',
        valley,
        computeCost(points, leastSquares(points)),
        dataWalks,
        paths.slice(valleyWalks.length),
        recorded,
      ),
      plainLimit: maxStableLearningRate(points),
      limits: DATA_MOMENTA.map((momentum) => ({ momentum, reference: maxStableMomentumRate(points, momentum) })),
    },
  };
});

function momentumPlot(reference: MomentumReference, outcomes: readonly CallOutcome[]): MomentumPlotData {
  const { plot, valleyWalks, dataWalks, paths } = reference;
  const walks = [...valleyWalks, ...dataWalks];
  const studentWalk = (k: number, recorded: MomentumWalk): MomentumWalk => {
    const outcome = outcomes[k];
    if (!outcome.ok) return { ...recorded, stopped: outcome.error.message };
    const path = outcome.value as Vec2[];
    if (!isPath(path)) return { ...recorded, stopped: 'it did not return an array of points { x, y }' };
    return {
      ...recorded,
      student: recorded.iterations.filter((i) => i < path.length).map((i) => path[i]),
      comparison: comparisonOf(comparePath(path, paths[k], walks[k].learningRate)),
    };
  };
  const limits = plot.limits.map((limit, k): MomentumLimit => {
    const outcome = outcomes[walks.length + k];
    if (!outcome.ok) return { ...limit, stopped: outcome.error.message };
    const value = outcome.value;
    if (typeof value !== 'number') return { ...limit, stopped: 'it did not return a number' };
    const verdict = judgeRate(
      { points: dataCsv(), momentum: limit.momentum },
      { expected: limit.reference, tolerance: closedFormTolerance(limit.reference, 0) },
      [value],
    );
    return { ...limit, student: value, comparison: comparisonOf(verdict as Verdict) };
  });
  return {
    ...plot,
    valley: { ...plot.valley, walks: plot.valley.walks.map((w, k) => studentWalk(k, w)) },
    dataCsv: {
      ...plot.dataCsv,
      walks: plot.dataCsv.walks.map((w, k) => studentWalk(valleyWalks.length + k, w)),
    },
    limits,
  };
}

function isPath(value: unknown): value is Vec2[] {
  return (
    Array.isArray(value) &&
    value.every((p) => typeof p === 'object' && p !== null && typeof p.x === 'number' && typeof p.y === 'number')
  );
}

/** Every iteration up to `DATA_EVERY_STEP`, then every `DATA_STRIDE`th, and the last. */
function recordedIterations(steps: number): number[] {
  const at = new Set<number>();
  for (let i = 0; i <= Math.min(steps, DATA_EVERY_STEP); i++) at.add(i);
  for (let i = DATA_EVERY_STEP; i <= steps; i += DATA_STRIDE) at.add(i);
  at.add(steps);
  return [...at].sort((a, b) => a - b);
}

function comparisonOf(verdict: Verdict): PlotComparison {
  return verdict.pass ? { matches: true } : { matches: false, difference: verdict.message };
}

/** A value worked out the first time it is asked for, then kept for the process. */
function once<T>(compute: () => T): () => T {
  let value: { readonly v: T } | undefined;
  return () => (value ??= { v: compute() }).v;
}
