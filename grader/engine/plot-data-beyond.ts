import type { LinearModel, Line, Matrix, MultiDescentResult } from '../../exercises/types';
import { leastSquares } from '../../solutions/06-learning-rate/learning-rate';
import { fitScaler, scaleFeatures, unscaleModel } from '../../solutions/07-feature-scaling/feature-scaling';
import { computeCostMulti, gradientDescentMulti, predict } from '../../solutions/08-multivariate/multivariate';
import { normalEquation } from '../../solutions/09-normal-equation/normal-equation';
import { readPenguins } from '../data/penguins';
import { SEED_DATA_CSV } from '../data/paths';
import { readPointsCsv } from '../data/read-points';
import { descendToOptimum, logSpacedIteration, type OneFeatureTable } from '../reference/descent-to-optimum';
import type { Verdict } from '../shipped/checks/check';
import type { CallCache } from '../shipped/checks/run-check';
import type { ExerciseId } from '../shipped/contract/exercises';
import { memoRecent } from '../shipped/memo';
import { inputProblem } from '../shipped/contract/input-rules';
import type { CallOutcome, CallRequest } from '../shipped/door/port';
import { judgeRows, judgeScaler, type ScalerValue } from '../shipped/exercises/07-feature-scaling/public-checks';
import { fitExpectation, scaleExpectation } from '../shipped/exercises/07-feature-scaling/grading/checks';
import { judgeMultiDescent } from '../shipped/exercises/08-multivariate/public-checks';
import {
  multiDescentExpectation,
  multiStableLearningRate,
} from '../shipped/exercises/08-multivariate/grading/expectations';
import { judgeModelOn } from '../shipped/exercises/09-normal-equation/public-checks';
import type {
  CostLandscape,
  MultivariatePlotData,
  NormalEquationPlotData,
  PlotComparison,
  PlotData,
  ScalingPlotData,
  ScalingRun,
  StudentScaling,
} from '../shipped/results/model';

/**
 * The report's plots of exercises 07–09, each only when the assignment grades its exercise:
 *
 * - 07: J's level sets on data.csv's raw and scaled x with a descent on each, and the iterations
 *   each descent takes to reach the least-squares line. The student's side scales data.csv with
 *   their own fitScaler and scaleFeatures, and descends on it with the reference's descent, or with
 *   their own gradientDescentMulti when the assignment grades 08 too.
 * - 08: gradientDescentMulti's cost history on the Palmer penguins, scaled with the reference's scaler.
 * - 09: the body mass normalEquation's model predicts for each penguin, against the actual one.
 *
 * The student's first calls go through the door in the batch of the other plots' calls; 07 then
 * asks for scaleFeatures with the student's scaler, and for their descents on what it returns, a
 * batch each. Every answer is compared with the reference's by the comparison and tolerance of the
 * check that grades it. The reference's side is worked out once per process.
 */

export type BeyondPlotData = Pick<PlotData, 'scaling' | 'multivariate' | 'normalEquation'>;

export interface BeyondPlotRuns {
  /** The calls that need no earlier answer: the caller sends them in its own batch. */
  readonly requests: readonly CallRequest[];
  /** The plots' data from the answers to `requests`, asking the door for the calls that need them. */
  collect(outcomes: readonly CallOutcome[], cache: CallCache): Promise<BeyondPlotData>;
}

/** Reached: m and b each within 1e−9 of the least-squares line's, relatively, as 07's README counts. */
const TOLERANCE = 1e-9;
/** The learning rates of 07's README: the seeds' rate on the raw x, and one that needs no tuning on the scaled x. */
const RAW_RATE = 0.0001;
const SCALED_RATE = 0.1;
/** The reference's runs stop when they reach the optimum: 2,745,133 iterations on the raw x, 93 on the scaled. */
const REFERENCE_BUDGET = 5_000_000;
/** The reference's descent on a student's scaled feature: enough for a feature scaled by a deviation of 1/100. */
const STUDENT_BUDGET = 100_000;
/** The student's own descents: these lengths, and the two around the reference's count on their feature when it is at most `STUDENT_RUNS_LONGEST`. */
const STUDENT_RUN_LENGTHS = [
  ...Array.from({ length: 16 }, (_, k) => k),
  ...[20, 25, 30, 40, 50, 60, 70, 80, 90, 100, 120, 150, 200],
];
/** Their longest run up to this length is compared with the reference's descent on the same feature. */
const COMPARED_RUN = 200;
const STUDENT_RUNS_LONGEST = 2000;
/** 08's descent on the penguins: a fifth of the stability limit of the scaled table (0.499), for 100 steps. */
const PENGUIN_RATE = 0.1;
const PENGUIN_ITERATIONS = 100;

/** The runs behind 07–09's plots for an assignment of `exercises`: nothing at all when it grades none of them. */
export function beyondPlotRuns(exercises: readonly ExerciseId[]): BeyondPlotRuns {
  const graded = new Set(exercises);
  const scaling = graded.has('07-feature-scaling') ? scalingReference() : undefined;
  const multivariate = graded.has('08-multivariate') ? multivariateReference() : undefined;
  const normal = graded.has('09-normal-equation') ? normalEquationReference() : undefined;
  const requests = [scaling?.request, multivariate?.request, normal?.request].filter((r) => r !== undefined);
  return {
    requests,
    async collect(outcomes, cache) {
      const answer = (request: CallRequest | undefined) => (request ? outcomes[requests.indexOf(request)] : undefined);
      return {
        ...(scaling && {
          scaling: await scalingPlot(scaling, answer(scaling.request)!, cache, graded.has('08-multivariate')),
        }),
        ...(multivariate && { multivariate: multivariatePlot(multivariate, answer(multivariate.request)!) }),
        ...(normal && { normalEquation: normalEquationPlot(normal, answer(normal.request)!) }),
      };
    },
  };
}

// 07-feature-scaling

interface ScalingReference {
  readonly request: CallRequest;
  readonly X: number[][];
  readonly table: OneFeatureTable;
  readonly fitInput: { X: number[][] };
  readonly plot: Omit<ScalingPlotData, 'studentDescent' | 'student'>;
}

const scalingReference = once((): ScalingReference => {
  const points = readPointsCsv(SEED_DATA_CSV);
  const X = points.map((p) => [p.x]);
  const y = points.map((p) => p.y);
  const optimum = leastSquares(points);
  const scaler = fitScaler(X);
  const z = scaleFeatures(X, scaler).map((row) => row[0]);
  const raw = { x: X.map((row) => row[0]), y };
  const run = (table: OneFeatureTable, learningRate: number, asLine: (w: number, b: number) => Line) =>
    oneFeatureRun(
      descendToOptimum(table, {
        learningRate,
        budget: REFERENCE_BUDGET,
        optimum,
        asLine,
        tolerance: TOLERANCE,
        record: logSpacedIteration,
      }),
      learningRate,
      true,
    );
  return {
    request: { exercise: '07-feature-scaling', fn: 'fitScaler', args: [X] },
    X,
    table: raw,
    fitInput: { X },
    plot: {
      optimum,
      tolerance: TOLERANCE,
      referenceScaler: { mean: [...scaler.mean], std: [...scaler.std] },
      raw: { landscape: landscapeOf(raw), run: run(raw, RAW_RATE, (w, b) => ({ m: w, b })) },
      scaled: {
        landscape: landscapeOf({ x: z, y }),
        run: run({ x: z, y }, SCALED_RATE, (w, b) => {
          const line = unscaleModel({ w: [w], b }, scaler);
          return { m: line.w[0], b: line.b };
        }),
      },
    },
  };
});

async function scalingPlot(
  reference: ScalingReference,
  fitted: CallOutcome,
  cache: CallCache,
  ownDescent: boolean,
): Promise<ScalingPlotData> {
  return {
    ...reference.plot,
    studentDescent: ownDescent ? 'student' : 'reference',
    student: await studentScaling(reference, fitted, cache, ownDescent),
  };
}

/** The student's scaler of data.csv, their scaled feature, and a descent on it: as far as their answers allow. */
async function studentScaling(
  reference: ScalingReference,
  fitted: CallOutcome,
  cache: CallCache,
  ownDescent: boolean,
): Promise<StudentScaling> {
  const { X, table } = reference;
  if (!fitted.ok) return { stopped: { fn: 'fitScaler', reason: fitted.error.message } };
  const scaler = fitted.value as ScalerValue;
  const scalerComparison = comparisonOf(judgeScaler(scaler, fitExpectation(reference.fitInput)));
  const unusable = inputProblem('scaleFeatures', [X, scaler]);
  if (unusable)
    return {
      scaler,
      scalerComparison,
      stopped: { fn: 'fitScaler', reason: `its answer cannot be passed to scaleFeatures: ${unusable}` },
    };
  const [scaledOutcome] = await cache.callMany([
    { exercise: '07-feature-scaling', fn: 'scaleFeatures', args: [X, scaler] },
  ]);
  if (!scaledOutcome.ok)
    return { scaler, scalerComparison, stopped: { fn: 'scaleFeatures', reason: scaledOutcome.error.message } };
  const scaled = scaledOutcome.value as number[][];
  const scaledComparison = comparisonOf(judgeRows(scaled, scaleExpectation({ X, scaler })));
  const known = { scaler, scalerComparison, scaledComparison };
  if (scaled.length !== X.length || scaled.some((row) => row.length !== 1))
    return {
      ...known,
      stopped: {
        fn: 'scaleFeatures',
        reason: `it returned ${scaled.length} rows of ${[...new Set(scaled.map((row) => row.length))].join(' or ')} values for data.csv's ${X.length} rows of one feature`,
      },
    };
  const z = scaled.map((row) => row[0]);
  const student = { x: z, y: table.y };
  const landscape = landscapeOf(student);
  if (!(landscape.variance > 0))
    return {
      ...known,
      stopped: {
        fn: 'scaleFeatures',
        reason: 'every row of its answer is the same number, so no line can be fitted on it',
      },
    };
  if (
    ![landscape.mean, landscape.variance, landscape.optimum.w, landscape.optimum.b, landscape.minimum].every(
      Number.isFinite,
    )
  )
    return {
      ...known,
      stopped: { fn: 'scaleFeatures', reason: 'its answer is too large to square: J on it is not a finite number' },
    };
  const affine = affineFit(table.x, z);
  const asLine = affine && ((w: number, b: number): Line => ({ m: w * affine.slope, b: b + w * affine.intercept }));
  const referenceRun = descendToOptimum(student, {
    learningRate: SCALED_RATE,
    budget: STUDENT_BUDGET,
    optimum: reference.plot.optimum,
    asLine,
    tolerance: TOLERANCE,
    record: logSpacedIteration,
  });
  const withLandscape = { ...known, ...(affine && { affine }), landscape };
  if (!ownDescent) return { ...withLandscape, run: oneFeatureRun(referenceRun, SCALED_RATE, true) };
  return {
    ...withLandscape,
    ...(await ownDescents(scaled, table.y, referenceRun.iterations, asLine, reference.plot.optimum, cache)),
  };
}

/**
 * The student's gradientDescentMulti on their scaled feature, asked for at several lengths (it
 * returns only where a run ends): every length up to 30 for the path, longer ones for the
 * distance, and the reference's count on this feature and one less, to see whether theirs
 * reaches the optimum in the same number of steps.
 */
async function ownDescents(
  scaled: number[][],
  y: readonly number[],
  referenceCount: number | undefined,
  asLine: ((w: number, b: number) => Line) | undefined,
  optimum: Line,
  cache: CallCache,
): Promise<Pick<StudentScaling, 'run' | 'descentComparison' | 'comparedIterations' | 'stopped'>> {
  const lengths = [
    ...new Set([
      ...STUDENT_RUN_LENGTHS,
      ...(referenceCount !== undefined && referenceCount <= STUDENT_RUNS_LONGEST
        ? [referenceCount - 1, referenceCount]
        : []),
    ]),
  ]
    .filter((k) => k >= 0)
    .sort((a, b) => a - b);
  const initial: LinearModel = { w: [0], b: 0 };
  const options = (iterations: number) => ({ initial, learningRate: SCALED_RATE, iterations });
  const unusable = inputProblem('gradientDescentMulti', [scaled, y, options(0)]);
  if (unusable)
    return {
      stopped: { fn: 'scaleFeatures', reason: `its answer cannot be passed to gradientDescentMulti: ${unusable}` },
    };
  const outcomes = await cache.callMany(
    lengths.map((k) => ({ exercise: '08-multivariate', fn: 'gradientDescentMulti', args: [scaled, y, options(k)] })),
  );
  const runs = lengths.flatMap((k, i) => {
    const outcome = outcomes[i];
    return outcome.ok ? [{ k, result: outcome.value as MultiDescentResult }] : [];
  });
  if (!runs.length) {
    const failed = outcomes.find((o) => !o.ok);
    return {
      stopped: { fn: 'gradientDescentMulti', reason: failed && !failed.ok ? failed.error.message : 'no answer' },
    };
  }
  const compared = runs.filter(({ k }) => k <= COMPARED_RUN).pop() ?? runs[0];
  const descentComparison = comparisonOf(judgeMultiDescent(compared.result, expectedDescent(scaled, y, compared.k)));
  const distanceOf = (line: Line) =>
    Math.max(Math.abs(line.m - optimum.m) / Math.abs(optimum.m), Math.abs(line.b - optimum.b) / Math.abs(optimum.b));
  const within = (line: Line) =>
    Math.abs(line.m - optimum.m) <= TOLERANCE * Math.abs(optimum.m) &&
    Math.abs(line.b - optimum.b) <= TOLERANCE * Math.abs(optimum.b);
  const samples = runs
    .filter(({ result }) => result.model.w.length === 1)
    .map(({ k, result }) => {
      const [w] = result.model.w;
      const line = asLine?.(w, result.model.b);
      return {
        iteration: k,
        w,
        b: result.model.b,
        ...(line && { distance: distanceOf(line) }),
        within: line !== undefined && within(line),
      };
    });
  const first = samples.findIndex((s) => s.within);
  const reached =
    first < 0
      ? undefined
      : {
          iterations: samples[first].iteration,
          exact: first > 0 && samples[first - 1].iteration === samples[first].iteration - 1,
        };
  const last = samples[samples.length - 1];
  const far =
    last !== undefined && !(Math.abs(last.w) + Math.abs(last.b) < 1e12 * (Math.abs(optimum.m) + Math.abs(optimum.b)));
  return {
    comparedIterations: compared.k,
    run: {
      learningRate: SCALED_RATE,
      samples: samples.map(({ within: _, ...sample }) => sample),
      ...(reached && { reached }),
      diverged: far || outcomes.some((o) => !o.ok && o.error.kind === 'not-finite'),
    },
    descentComparison,
  };
}

/**
 * The reference's descent on a student's scaled feature, with 08's tolerances: worked out once per
 * feature, as students whose scaling is right give the same numbers.
 */
const expectedDescent = memoRecent(
  64,
  (scaled: number[][], y: readonly number[], iterations: number) => `${iterations}|${JSON.stringify(scaled)}`,
  (scaled: number[][], y: readonly number[], iterations: number) =>
    multiDescentExpectation(scaled, y, { w: [0], b: 0 }, SCALED_RATE, iterations),
);

/** A reference descent's record as plot data. */
function oneFeatureRun(run: ReturnType<typeof descendToOptimum>, learningRate: number, exact: boolean): ScalingRun {
  return {
    learningRate,
    samples: run.samples,
    ...(run.iterations !== undefined && { reached: { iterations: run.iterations, exact } }),
    diverged: run.diverged,
  };
}

/** J(w, b) on one feature: the feature's mean and variance (two passes), the least-squares (w, b) and J there. */
function landscapeOf({ x, y }: OneFeatureTable): CostLandscape {
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const meanY = y.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mean) ** 2;
    sxy += (x[i] - mean) * (y[i] - meanY);
  }
  const w = sxx > 0 ? sxy / sxx : 0;
  const b = meanY - w * mean;
  return {
    mean,
    variance: sxx / n,
    optimum: { w, b },
    minimum: computeCostMulti(
      x.map((v) => [v]),
      y,
      { w: [w], b },
    ),
  };
}

/**
 * z as a function of x, z = slope·x + intercept, when the student's scaled feature is one: fitted
 * by least squares and accepted when no row is further from the line than 10⁻⁹ of the feature's
 * largest value (a scaling computes each z in a few roundings; anything else is not a scaling).
 */
function affineFit(x: readonly number[], z: readonly number[]): { slope: number; intercept: number } | undefined {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const mz = z.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxz = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxz += (x[i] - mx) * (z[i] - mz);
  }
  const slope = sxz / sxx;
  const intercept = mz - slope * mx;
  const largest = Math.max(...z.map(Math.abs));
  const fits = x.every((v, i) => Math.abs(z[i] - (slope * v + intercept)) <= 1e-9 * largest);
  return fits && slope !== 0 ? { slope, intercept } : undefined;
}

// 08-multivariate

interface MultivariateReference {
  readonly request: CallRequest;
  readonly X: number[][];
  readonly y: number[];
  readonly initial: LinearModel;
  readonly plot: MultivariatePlotData;
}

const multivariateReference = once((): MultivariateReference => {
  const penguins = readPenguins();
  const raw = penguins.X.map((row) => [...row]);
  const X = scaleFeatures(raw, fitScaler(raw));
  const y = [...penguins.y];
  const initial: LinearModel = { w: X[0].map(() => 0), b: 0 };
  const options = { initial, learningRate: PENGUIN_RATE, iterations: PENGUIN_ITERATIONS };
  return {
    request: { exercise: '08-multivariate', fn: 'gradientDescentMulti', args: [X, y, options] },
    X,
    y,
    initial,
    plot: {
      rows: X.length,
      featureNames: penguins.featureNames,
      targetName: penguins.targetName,
      scaling: "each feature standardised with the reference's fitScaler and scaleFeatures",
      learningRate: PENGUIN_RATE,
      iterations: PENGUIN_ITERATIONS,
      stabilityLimit: multiStableLearningRate(X),
      minimum: computeCostMulti(X, y, normalEquation(X, y)),
      reference: gradientDescentMulti(X, y, options).costs,
    },
  };
});

function multivariatePlot(reference: MultivariateReference, outcome: CallOutcome): MultivariatePlotData {
  if (!outcome.ok) return reference.plot;
  const run = outcome.value as MultiDescentResult;
  const expected = multiDescentExpectation(
    reference.X,
    reference.y,
    reference.initial,
    PENGUIN_RATE,
    PENGUIN_ITERATIONS,
  );
  return { ...reference.plot, student: run.costs, comparison: comparisonOf(judgeMultiDescent(run, expected)) };
}

// 09-normal-equation

interface NormalEquationReference {
  readonly request: CallRequest;
  readonly input: { X: number[][]; y: number[] };
  readonly plot: NormalEquationPlotData;
}

const normalEquationReference = once((): NormalEquationReference => {
  const penguins = readPenguins();
  const input = { X: penguins.X.map((row) => [...row]), y: [...penguins.y] };
  const { w, b } = normalEquation(input.X, input.y);
  const model = { w: [...w], b };
  return {
    request: { exercise: '09-normal-equation', fn: 'normalEquation', args: [input.X, input.y] },
    input,
    plot: {
      featureNames: penguins.featureNames,
      targetName: penguins.targetName,
      actual: input.y,
      reference: model,
      referencePredictions: predict(input.X, model),
    },
  };
});

function normalEquationPlot(reference: NormalEquationReference, outcome: CallOutcome): NormalEquationPlotData {
  if (!outcome.ok) return reference.plot;
  const model = outcome.value as LinearModel;
  const { input } = reference;
  return {
    ...reference.plot,
    student: model,
    ...(model.w.length === input.X[0].length && { studentPredictions: predict(input.X as Matrix, model) }),
    comparison: comparisonOf(judgeModelOn('your answer', input, model, reference.plot.reference)),
  };
}

function comparisonOf(verdict: Verdict): PlotComparison {
  return verdict.pass ? { matches: true } : { matches: false, difference: verdict.message };
}

/** A value worked out the first time it is asked for, then kept for the process. */
function once<T>(compute: () => T): () => T {
  let value: { readonly v: T } | undefined;
  return () => (value ??= { v: compute() }).v;
}
