import type { Line, Point, Vec2 } from '../../exercises/types';
import { compareDescent, comparePath } from '../../grader/reference/compare';
import type { Verdict } from '../../grader/shipped/checks/check';
import type {
  CheckResult,
  ExerciseResult,
  PlotComparison,
  PlotData,
  SubmissionResult,
} from '../../grader/shipped/results/model';
import { gradientDescent } from '../../solutions/04-descent/descent';
import { descend, valleyGradient } from '../../solutions/05-valley/valley';
import { leastSquares, maxStableLearningRate } from '../../solutions/06-learning-rate/learning-rate';

/**
 * Hand-built, deterministic grading results for the report tests: every field the reports read,
 * diagnosis, root cause, observations and hidden checks included. Nothing here depends on the
 * engine, so the snapshots change only when the reports do.
 */

/** Appears only in a hidden check's input, expected value and message: it must never reach a report. */
export const HIDDEN_SENTINEL = 987654.321;

const SEED = 20261124;
const DATA: Point[] = [
  { x: 1, y: 2.5 },
  { x: 2, y: 4.1 },
  { x: 3, y: 6.2 },
  { x: 4, y: 7.4 },
  { x: 5, y: 10.3 },
  { x: 6, y: 11.8 },
];
const RATE_DATA: Point[] = [
  { x: -2, y: 1 },
  { x: -1, y: 3 },
  { x: 0, y: 2 },
  { x: 1, y: 6 },
  { x: 3, y: 5 },
  { x: 4, y: 9 },
  { x: 6, y: 8 },
];

type CheckSpec = Partial<CheckResult> & Pick<CheckResult, 'id' | 'title' | 'status'>;

function check(exercise: ExerciseResult['exercise'], spec: CheckSpec, points = 2): CheckResult {
  const passed = spec.status === 'pass';
  return {
    exercise,
    kind: 'reference',
    visibility: 'public',
    points: passed ? points : 0,
    maxPoints: points,
    seed: 1000 + spec.id.length,
    runs: passed ? 50 : 1,
    message: passed ? 'passed' : 'failed',
    ...spec,
    id: `${exercise}/${spec.id}`,
  };
}

function exercise(
  id: ExerciseResult['exercise'],
  file: string,
  checks: CheckResult[],
  extra: Partial<ExerciseResult> = {},
): ExerciseResult {
  return {
    exercise: id,
    file: `<submission>/${id}/${file}`,
    module: { exercise: id, state: 'loaded' },
    score: checks.reduce((s, c) => s + c.points, 0),
    maxScore: checks.reduce((s, c) => s + c.maxPoints, 0),
    checks,
    ...extra,
  };
}

function sequentialStep(points: readonly Point[], line: Line, rate: number): Line {
  const n = points.length;
  const dm = (-2 / n) * points.reduce((s, p) => s + p.x * (p.y - (line.m * p.x + line.b)), 0);
  const m = line.m - rate * dm;
  const db = (-2 / n) * points.reduce((s, p) => s + (p.y - (m * p.x + line.b)), 0);
  return { m, b: line.b - rate * db };
}

function sequentialDescent(
  points: readonly Point[],
  initial: Line,
  rate: number,
  iterations: number,
): { line: Line; costs: number[] } {
  const cost = (l: Line) => points.reduce((s, p) => s + (p.y - (l.m * p.x + l.b)) ** 2, 0) / points.length;
  let line = initial;
  const costs = [cost(line)];
  for (let k = 0; k < iterations; k++) {
    line = sequentialStep(points, line, rate);
    costs.push(cost(line));
  }
  return { line, costs };
}

function comparison(verdict: Verdict): PlotComparison {
  return verdict.pass ? { matches: true } : { matches: false, difference: verdict.message };
}

/**
 * The runs behind the plots, compared with the reference's as the engine compares them; the
 * "student" updates sequentially, like seed 002, walks the valley right, and (like the buggy
 * result's missing 06-learning-rate) gives no stability limit.
 */
export function plotData(student = true): PlotData {
  const run = { initial: { m: 0, b: 0 }, learningRate: 0.01, iterations: 60 };
  const reference = gradientDescent(DATA, run);
  const yours = sequentialDescent(DATA, run.initial, run.learningRate, run.iterations);
  const runComparison = student
    ? comparison(compareDescent(yours, DATA, run.initial, run.learningRate, run.iterations))
    : undefined;
  const limit = maxStableLearningRate(RATE_DATA);
  const start: Vec2 = { x: 1.5, y: -0.25 };
  const walk = descend(valleyGradient, start, 0.3, 20);
  const rateStart = { m: -1, b: 4 };
  return {
    dataFit: {
      title: 'a six-point data set, learning rate 0.01, 60 iterations from m = b = 0',
      points: DATA,
      reference: reference.line,
      optimum: leastSquares(DATA),
      student: student ? yours.line : undefined,
      comparison: runComparison,
    },
    costCurve: {
      learningRate: run.learningRate,
      reference: reference.costs,
      student: student ? yours.costs : undefined,
      comparison: runComparison,
    },
    valleyPath: {
      start,
      learningRate: 0.3,
      reference: walk,
      student: student ? descend(valleyGradient, start, 0.3, 20) : undefined,
      comparison: student ? comparison(comparePath(descend(valleyGradient, start, 0.3, 20), walk, 0.3)) : undefined,
    },
    learningRates: {
      points: RATE_DATA,
      limit,
      curves: [0.1, 0.5, 0.9, 1.05].map((fraction) => {
        const theirs = sequentialDescent(RATE_DATA, rateStart, fraction * limit, 30);
        return {
          learningRate: fraction * limit,
          fractionOfLimit: fraction,
          reference: gradientDescent(RATE_DATA, { initial: rateStart, learningRate: fraction * limit, iterations: 30 })
            .costs,
          student: student ? theirs.costs : undefined,
          comparison: student
            ? comparison(compareDescent(theirs, RATE_DATA, rateStart, fraction * limit, 30))
            : undefined,
        };
      }),
    },
  };
}

/** A student who got the cost right, the gradient half right, the step sequential, and forgot the last file. */
export function buggyResult(studentId = 'ada | lovelace'): SubmissionResult {
  const exercises: ExerciseResult[] = [
    exercise('01-cost', 'cost.ts', [
      check('01-cost', { id: 'worked-examples', title: 'matches the worked examples', status: 'pass' }, 3),
      check('01-cost', { id: 'non-negative', title: 'is never negative', status: 'pass', kind: 'property' }, 1),
      check(
        '01-cost',
        {
          id: 'matches-reference',
          title: 'matches the reference on random small data',
          status: 'pass',
          visibility: 'hidden',
        },
        4,
      ),
    ]),
    exercise(
      '02-gradient',
      'gradient.ts',
      [
        check(
          '02-gradient',
          {
            id: 'worked-examples',
            title: 'matches the worked examples',
            status: 'fail',
            message:
              'the gradient: expected { dm: -4, db: -4 }, got { dm: -2, db: -2 } (off by 2.00, tolerance 4.00e-12).',
            counterexample: { input: { points: [{ x: 1, y: 3 }], line: { m: 1, b: 0 } }, shrinks: 0 },
            expected: { dm: -4, db: -4 },
            actual: { dm: -2, db: -2 },
            tolerance: 4e-12,
            observedError: 2,
            replay: `npm run check -- <submission> --check 02-gradient/worked-examples --seed ${SEED}`,
          },
          3,
        ),
        check(
          '02-gradient',
          {
            id: 'zero-on-perfect-fit',
            title: 'is (0, 0) when the line passes through every point',
            status: 'pass',
            kind: 'property',
          },
          2,
        ),
        check(
          '02-gradient',
          {
            id: 'matches-reference',
            title: 'matches the reference on random small data',
            status: 'fail',
            visibility: 'hidden',
            message: `the gradient: expected { dm: ${HIDDEN_SENTINEL}, db: 0 }, got { dm: 0, db: 0 }.`,
            counterexample: { input: { points: [{ x: HIDDEN_SENTINEL, y: 0 }], line: { m: 0, b: 0 } }, shrinks: 4 },
            expected: { dm: HIDDEN_SENTINEL, db: 0 },
            actual: { dm: 0, db: 0 },
            tolerance: 1e-12,
            observedError: HIDDEN_SENTINEL,
            path: '0:1:1',
            replay: `npm run check -- <submission> --check 02-gradient/matches-reference --seed ${SEED} --path "0:1:1" # ${HIDDEN_SENTINEL}`,
          },
          5,
        ),
      ],
      {
        diagnosis: {
          id: '02-gradient/missing-factor-2',
          name: 'You forgot the factor 2',
          explanation:
            'Your dm and db are half the true partial derivatives: the 2 that comes down from the square is missing. That is the derivative of the 1/(2N) cost, not of this course’s J.',
          hint: 'Differentiate (y − (m·x + b))² with the chain rule: what does the exponent become?',
          evidence:
            'Your answers on all 6 designed probes equal this mistake’s within tolerance (largest difference 4.44e-16, allowed 5.70e-12).',
        },
      },
    ),
    exercise(
      '03-step',
      'step.ts',
      [
        check(
          '03-step',
          {
            id: 'simultaneous-update',
            title: 'updates m and b simultaneously | from the gradient at the old line',
            status: 'fail',
            message:
              'the new line: expected { m: 1.5, b: 0.5 }, got { m: 1.5, b: 0.375 } (off by 0.125, tolerance 5.04e-13).',
            counterexample: {
              input: {
                points: [
                  { x: 1, y: 3 },
                  { x: 2, y: 5 },
                  { x: -1, y: 0.5 },
                ],
                line: { m: 1, b: 0 },
                learningRate: 0.125,
              },
              shrinks: 7,
            },
            expected: { m: 1.5, b: 0.5 },
            actual: { m: 1.5, b: 0.375 },
            tolerance: 5.035527136788005e-13,
            observedError: 0.125,
            path: '0:0:1:0',
            replay: `npm run check -- <submission> --check 03-step/simultaneous-update --seed ${SEED} --path "0:0:1:0"`,
          },
          2,
        ),
        check(
          '03-step',
          {
            id: 'zero-rate-stays',
            title: 'a step with learning rate 0 returns the same line',
            status: 'pass',
            kind: 'property',
          },
          1,
        ),
      ],
      {
        unrecognised:
          'Your step fails its checks, but its answers match none of the known mistakes. Compare your update with the formula in the README, term by term.',
      },
    ),
    exercise(
      '04-descent',
      'descent.ts',
      [
        check(
          '04-descent',
          {
            id: 'worked-examples',
            title: 'matches the worked examples',
            status: 'fail',
            message: 'costs[1]: expected 2.25, got 2.84765625 (off by 0.598, tolerance 6.78e-12).',
            expected: 2.25,
            actual: 2.84765625,
            tolerance: 6.78e-12,
            observedError: 0.59765625,
            counterexample: {
              input: { points: [{ x: 1, y: 3 }], initial: { m: 0, b: 0 }, learningRate: 0.125, iterations: 2 },
              shrinks: 0,
            },
          },
          3,
        ),
      ],
      {
        rootCause: {
          brokenDependency: '03-step',
          gradedInIsolation: false,
          message: '04-descent uses your step (03-step), which is broken.',
        },
        observations: [
          {
            id: 'conditioning',
            title: 'A correct descent that crawls',
            text: 'On data.csv at η = 0.0001, b barely moves in 1000 steps: the problem is badly conditioned. Scale the feature.',
          },
        ],
      },
    ),
    exercise(
      '06-learning-rate',
      'learning-rate.ts',
      [
        check(
          '06-learning-rate',
          {
            id: 'least-squares-worked-examples',
            title: 'leastSquares matches the worked examples',
            status: 'error',
            callError: 'missing-file',
            message:
              "<submission>/06-learning-rate/learning-rate.ts was not found: create it from the handout's stub, keeping its folder and file name.",
          },
          2,
        ),
        check(
          '06-learning-rate',
          {
            id: 'max-rate-matches-reference',
            title: 'maxStableLearningRate matches the reference on random data',
            status: 'error',
            visibility: 'hidden',
            callError: 'missing-file',
            message:
              "<submission>/06-learning-rate/learning-rate.ts was not found: create it from the handout's stub, keeping its folder and file name.",
          },
          2,
        ),
      ],
      {
        module: {
          exercise: '06-learning-rate',
          state: 'missing',
          message:
            "<submission>/06-learning-rate/learning-rate.ts was not found: create it from the handout's stub, keeping its folder and file name.",
        },
      },
    ),
  ];
  return {
    studentId,
    seed: SEED,
    graderVersion: '0.1.0+fixture',
    score: exercises.reduce((s, e) => s + e.score, 0),
    maxScore: exercises.reduce((s, e) => s + e.maxScore, 0),
    exercises,
    isolation: [
      { name: 'vm realm', active: true, detail: 'fresh V8 context without host objects' },
      { name: 'child process', active: false, detail: 'in-process door: for trusted code only' },
    ],
    contentHash: 'f00dfeedc0ffee0123456789',
    plots: plotData(),
    executionTime: 1.234,
  };
}

/** A student with full marks, and no student run behind the plots. */
export function passingResult(studentId = 'grace'): SubmissionResult {
  const buggy = buggyResult(studentId);
  const exercises = buggy.exercises.map((e): ExerciseResult => {
    const checks = e.checks.map((c): CheckResult => ({
      id: c.id,
      exercise: c.exercise,
      title: c.title,
      kind: c.kind,
      visibility: c.visibility,
      status: 'pass',
      points: c.maxPoints,
      maxPoints: c.maxPoints,
      seed: c.seed,
      runs: 50,
      message: 'passed',
    }));
    return {
      exercise: e.exercise,
      file: e.file,
      module: { exercise: e.exercise, state: 'loaded' },
      checks,
      score: e.maxScore,
      maxScore: e.maxScore,
    };
  });
  return { ...buggy, exercises, score: buggy.maxScore, plots: plotData(false) };
}
