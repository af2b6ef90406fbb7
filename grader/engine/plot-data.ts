import type { DescentResult, Line, Point, Vec2 } from '../../exercises/types';
import { gradientDescent } from '../../solutions/04-descent/descent';
import { descend, valleyGradient } from '../../solutions/05-valley/valley';
import { leastSquares, maxStableLearningRate } from '../../solutions/06-learning-rate/learning-rate';
import { PUBLISHED_RUN } from '../shipped/exercises/04-descent/grading/checks';
import { compareDescent, comparePath } from '../reference/compare';
import type { Verdict } from '../shipped/checks/check';
import { closedFormTolerance } from '../shipped/checks/tolerance';
import type { CallOutcome, CallRequest } from '../shipped/door/port';
import {
  judgeLeastSquares,
  judgeRate,
  leastSquaresTolerance,
} from '../shipped/exercises/06-learning-rate/public-checks';
import type { LearningRateCurve, PlotComparison, PlotData } from '../shipped/results/model';
import type { CallCache } from '../shipped/checks/run-check';
import type { ExerciseId } from '../shipped/contract/exercises';
import { beyondPlotRuns } from './plot-data-beyond';
import { laterPlotRuns } from './plot-data-10-11';

const VALLEY_START: Vec2 = { x: 1.5, y: -0.25 };
const VALLEY_RATE = 0.3;
const VALLEY_STEPS = 20;
/** A small, well-conditioned data set, so that the rate curves show convergence and divergence in 30 steps. */
const RATE_DATA: Point[] = [
  { x: -2, y: 1 },
  { x: -1, y: 3 },
  { x: 0, y: 2 },
  { x: 1, y: 6 },
  { x: 3, y: 5 },
  { x: 4, y: 9 },
  { x: 6, y: 8 },
];
const RATE_FRACTIONS = [0.1, 0.5, 0.9, 1.05];
const RATE_STEPS = 30;
const RATE_START: Line = { m: -1, b: 4 };

/**
 * The student's own runs behind the report's plots, asked for through the door in one batch:
 * the seeds' published run, a walk down the valley, descents at several learning rates, the
 * student's stability limit of those descents' data, and their least-squares line of data.csv,
 * with the first calls of the plots of 07–09 (plot-data-beyond.ts) and the calls of 10–11's
 * (plot-data-10-11.ts) for the assignment's `exercises`.
 * Each answer is compared with the reference's by the comparison and tolerance of the check that
 * grades it, so that a caption says "the same" only when it is.
 */
export async function collectPlotData(cache: CallCache, exercises: readonly ExerciseId[]): Promise<PlotData> {
  const { requests, reference } = plotRuns();
  const beyond = beyondPlotRuns(exercises);
  const later = laterPlotRuns(exercises);
  const answers = await cache.callMany([...requests, ...beyond.requests, ...later.requests]);
  const laterFrom = requests.length + beyond.requests.length;
  const [fit, walk, limit, optimum, ...curves] = answers.slice(0, requests.length);
  const published = PUBLISHED_RUN.input;
  const run = valueOf<DescentResult>(fit);
  const runComparison =
    run &&
    comparisonOf(
      compareDescent(run, published.points, published.initial, published.learningRate, published.iterations),
    );
  const path = valueOf<Vec2[]>(walk);
  const studentLimit = valueOf<number>(limit);
  const studentOptimum = valueOf<Line>(optimum);
  const rates = reference.learningRates;
  return {
    dataFit: {
      ...reference.dataFit,
      student: run?.line,
      comparison: runComparison,
      studentOptimum,
      studentOptimumComparison:
        studentOptimum &&
        comparisonOf(
          judgeLeastSquares(
            { points: published.points },
            {
              expected: reference.dataFit.optimum,
              tolerance: leastSquaresTolerance(published.points, reference.dataFit.optimum),
            },
            [studentOptimum],
          ),
        ),
    },
    costCurve: { ...reference.costCurve, student: run?.costs, comparison: runComparison },
    valleyPath: {
      ...reference.valleyPath,
      student: path,
      comparison: path && comparisonOf(comparePath(path, reference.valleyPath.reference, VALLEY_RATE)),
    },
    learningRates: {
      ...rates,
      curves: rates.curves.map((curve, i) => {
        const descent = valueOf<DescentResult>(curves[i]);
        return {
          ...curve,
          student: descent?.costs,
          comparison:
            descent && comparisonOf(compareDescent(descent, RATE_DATA, RATE_START, curve.learningRate, RATE_STEPS)),
        };
      }),
      studentLimit,
      studentLimitComparison:
        studentLimit === undefined
          ? undefined
          : comparisonOf(
              judgeRate(
                { points: RATE_DATA },
                { expected: rates.limit, tolerance: closedFormTolerance(rates.limit, 0) },
                [studentLimit],
              ),
            ),
    },
    ...(await beyond.collect(answers.slice(requests.length, laterFrom), cache)),
    ...later.collect(answers.slice(laterFrom)),
  };
}

function comparisonOf(verdict: Verdict): PlotComparison {
  return verdict.pass ? { matches: true } : { matches: false, difference: verdict.message };
}

/**
 * The same requests and the reference's side of every plot, for every student: worked out once
 * per process (the reference's published run alone is 1,000 iterations), and the requests are the
 * same objects each time, so the call cache finds them by identity.
 */
function plotRuns(): PlotRuns {
  return (runs ??= referencePlotRuns());
}

interface PlotRuns {
  readonly requests: readonly CallRequest[];
  readonly reference: PlotData;
}

let runs: PlotRuns | undefined;

function referencePlotRuns(): PlotRuns {
  const limit = maxStableLearningRate(RATE_DATA);
  const rates = RATE_FRACTIONS.map((f) => f * limit);
  const published = PUBLISHED_RUN.input;
  const descentCall = (points: Point[], initial: Line, learningRate: number, iterations: number): CallRequest => ({
    exercise: '04-descent',
    fn: 'gradientDescent',
    args: [points, { initial, learningRate, iterations }],
  });
  const requests: CallRequest[] = [
    descentCall(published.points, published.initial, published.learningRate, published.iterations),
    {
      exercise: '05-valley',
      fn: 'descend',
      args: [
        {
          $gradient: {
            hessian: [
              [2, 1],
              [1, 2],
            ],
            center: [0, 0],
          },
        },
        VALLEY_START,
        VALLEY_RATE,
        VALLEY_STEPS,
      ],
    },
    { exercise: '06-learning-rate', fn: 'maxStableLearningRate', args: [RATE_DATA] },
    { exercise: '06-learning-rate', fn: 'leastSquares', args: [published.points] },
    ...rates.map((rate) => descentCall(RATE_DATA, RATE_START, rate, RATE_STEPS)),
  ];
  const referenceRun = gradientDescent(published.points, published);
  const reference: PlotData = {
    dataFit: {
      title: 'data.csv, learning rate 0.0001, 1000 iterations from m = b = 0',
      points: published.points,
      reference: referenceRun.line,
      optimum: leastSquares(published.points),
      student: undefined,
    },
    costCurve: { learningRate: published.learningRate, reference: referenceRun.costs, student: undefined },
    valleyPath: {
      start: VALLEY_START,
      learningRate: VALLEY_RATE,
      reference: descend(valleyGradient, VALLEY_START, VALLEY_RATE, VALLEY_STEPS),
      student: undefined,
    },
    learningRates: {
      points: RATE_DATA,
      limit,
      curves: rates.map((rate, i): LearningRateCurve => ({
        learningRate: rate,
        fractionOfLimit: RATE_FRACTIONS[i],
        reference: gradientDescent(RATE_DATA, { initial: RATE_START, learningRate: rate, iterations: RATE_STEPS })
          .costs,
        student: undefined,
      })),
    },
  };
  return { requests, reference };
}

function valueOf<T>(outcome: CallOutcome): T | undefined {
  return outcome.ok ? (outcome.value as T) : undefined;
}
