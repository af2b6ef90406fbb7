import type { DescentResult, Gradient, Line, Point, Vec2 } from '../../exercises/types';
import { computeGradient } from '../../solutions/02-gradient/gradient';
import { readPointsCsv } from '../data/read-points';
import { SEED_DATA_CSV } from '../data/paths';
import type { CallOutcome, CallRequest } from '../door/port';
import type { ExerciseId, ExportName } from '../exercises';
import { closedFormTolerance, compareNumbers, costTolerance, gradientTolerance, RELATIVE_FLOOR, stepTolerance, termsTolerance, type Comparison } from '../checks/tolerance';

/**
 * The designed probes: a fixed battery of inputs per exercise on which every two catalogue
 * entries (and each entry and the reference) give answers further apart than the checks'
 * tolerances; the kit's tests prove it. They avoid the blind spots of GRADING-NOTES: every
 * exercise sees N ≥ 6 with Σx ≠ 0, lines away from the optimum, x ≠ y, a start that is neither
 * (0, 0) nor on an eigenvector, learning rates other than 1e−4, and a bowl other than the valley.
 */
export interface Probe {
  /** What was asked, as a person reads it. */
  readonly label: string;
  /** Always in the isolated world: a probe looks at this exercise's own file. */
  readonly request: CallRequest;
  /** How close two answers of the right shape must be to count as the same. */
  agreement(actual: unknown, expected: unknown): Comparison;
}

/** Seven points with Σx = 11, off every line the probes use. */
const D7: Point[] = [{ x: -2, y: 1 }, { x: -1, y: 3 }, { x: 0, y: 2 }, { x: 1, y: 6 }, { x: 3, y: 5 }, { x: 4, y: 9 }, { x: 6, y: 8 }];
/** Six points with Σx = 19.5 and a fractional x. */
const D6: Point[] = [{ x: 0.5, y: 4 }, { x: 1, y: 2.5 }, { x: 2, y: 5 }, { x: 3, y: 4.5 }, { x: 5, y: 9 }, { x: 8, y: 10.5 }];
const D3: Point[] = [{ x: 1, y: 2 }, { x: 2, y: 5 }, { x: 4, y: 7 }];
const D1: Point[] = [{ x: 3, y: -1 }];
/** Six points exactly on y = 2x − 1: the optimum, where Σr = 0. */
const ON_LINE: Point[] = [-1, 0, 2, 3, 5, 7].map((x) => ({ x, y: 2 * x - 1 }));
const TWO: Point[] = [{ x: 0, y: 1 }, { x: 1, y: 3 }];
let seedData: Point[] | undefined;
const dataCsv = () => (seedData ??= readPointsCsv(SEED_DATA_CSV));

type Bowl = { hessian: [[number, number], [number, number]]; center: [number, number] };
const VALLEY_BOWL: Bowl = { hessian: [[2, 1], [1, 2]], center: [0, 0] };
const OTHER_BOWL: Bowl = { hessian: [[4, 1], [1, 3]], center: [1, -2] };
const THIRD_BOWL: Bowl = { hessian: [[3, -1], [-1, 2]], center: [-1, 0.5] };

const sameLength = (actual: readonly unknown[], expected: readonly unknown[]): Comparison | undefined =>
  actual.length === expected.length ? undefined : { ok: false, observedError: Infinity, tolerance: 0 };

/** The worst of several comparisons: the first that fails, else the one closest to its bound. */
function worst(comparisons: readonly Comparison[]): Comparison {
  let result: Comparison = { ok: true, observedError: 0, tolerance: 0 };
  for (const c of comparisons) {
    if (!c.ok) return c;
    if (c.observedError / (c.tolerance || 1) > result.observedError / (result.tolerance || 1)) result = c;
  }
  return result;
}

/** A scaled bound, never tighter than the relative floor of the value it guards. */
function near(actual: number, expected: number, tolerance: number): Comparison {
  return compareNumbers(actual, expected, Math.max(tolerance, RELATIVE_FLOOR * Math.abs(expected)));
}

function probe(exercise: ExerciseId, fn: ExportName, label: string, args: unknown[], agreement: Probe['agreement']): Probe {
  return { label, request: { exercise, fn, args, world: 'isolated' }, agreement };
}

const lineText = (l: Line) => `m = ${l.m}, b = ${l.b}`;
const dataText = (points: readonly Point[]) => (points === seedData ? 'data.csv' : `${points.length} point${points.length === 1 ? '' : 's'}`);

function costProbe(points: Point[], line: Line): Probe {
  return probe('01-cost', 'computeCost', `computeCost on ${dataText(points)} at ${lineText(line)}`, [points, line], (a, e) =>
    near(a as number, e as number, costTolerance(points, line, e as number)),
  );
}

function gradientProbe(points: Point[], line: Line): Probe {
  return probe('02-gradient', 'computeGradient', `computeGradient on ${dataText(points)} at ${lineText(line)}`, [points, line], (a, e) => {
    const [actual, expected] = [a as Gradient, e as Gradient];
    const t = gradientTolerance(points, line, expected);
    return worst([near(actual.dm, expected.dm, t.dm), near(actual.db, expected.db, t.db)]);
  });
}

function stepProbe(points: Point[], line: Line, learningRate: number): Probe {
  return probe('03-step', 'step', `step on ${dataText(points)} from ${lineText(line)} with η = ${learningRate}`, [points, line, learningRate], (a, e) => {
    const [actual, expected] = [a as Line, e as Line];
    const t = stepTolerance(points, line, learningRate, computeGradient(points, line));
    return worst([near(actual.m, expected.m, t.m), near(actual.b, expected.b, t.b)]);
  });
}

/** A run's bound grows with the step count, as in the checks: rounding adds up below the stability limit. */
function descentProbe(points: Point[], initial: Line, learningRate: number, iterations: number): Probe {
  const label = `gradientDescent on ${dataText(points)} from ${lineText(initial)}, η = ${learningRate}, ${iterations} iterations`;
  return probe('04-descent', 'gradientDescent', label, [points, { initial, learningRate, iterations }], (a, e) => {
    const [actual, expected] = [a as DescentResult, e as DescentResult];
    const lengths = sameLength(actual.costs, expected.costs);
    if (lengths) return lengths;
    const oneStep = stepTolerance(points, initial, learningRate, computeGradient(points, initial));
    const steps = iterations + 1;
    return worst([
      ...expected.costs.map((cost, k) => near(actual.costs[k], cost, (k + 1) * costTolerance(points, initial, cost))),
      near(actual.line.m, expected.line.m, steps * oneStep.m),
      near(actual.line.b, expected.line.b, steps * oneStep.b),
    ]);
  });
}

function valleyProbe(p: Vec2): Probe {
  return probe('05-valley', 'valley', `valley at (${p.x}, ${p.y})`, [p], (a, e) => near(a as number, e as number, termsTolerance(p.x * p.x, p.x * p.y, p.y * p.y)));
}

function valleyGradientProbe(p: Vec2): Probe {
  return probe('05-valley', 'valleyGradient', `valleyGradient at (${p.x}, ${p.y})`, [p], (a, e) => {
    const [actual, expected] = [a as Vec2, e as Vec2];
    const t = termsTolerance(2 * p.x, p.y) + termsTolerance(p.x, 2 * p.y);
    return worst([near(actual.x, expected.x, t), near(actual.y, expected.y, t)]);
  });
}

function descendProbe(bowl: Bowl, start: Vec2, learningRate: number, iterations: number): Probe {
  const where = bowl === VALLEY_BOWL ? 'the valley' : 'another bowl';
  return probe('05-valley', 'descend', `descend on ${where} from (${start.x}, ${start.y}), η = ${learningRate}, ${iterations} iterations`, [{ $gradient: bowl }, start, learningRate, iterations], (a, e) => {
    const [actual, expected] = [a as Vec2[], e as Vec2[]];
    const lengths = sameLength(actual, expected);
    if (lengths) return lengths;
    let scale = 0;
    return worst(
      expected.map((point, k) => {
        scale = Math.max(scale, Math.abs(point.x) + Math.abs(point.y));
        const bound = termsTolerance(scale) * (1 + 4 * Math.abs(learningRate)) * (k + 1);
        return worst([near(actual[k].x, point.x, bound), near(actual[k].y, point.y, bound)]);
      }),
    );
  });
}

function leastSquaresProbe(points: Point[]): Probe {
  const yScale = Math.max(...points.map((p) => Math.abs(p.y)), 1);
  return probe('06-learning-rate', 'leastSquares', `leastSquares on ${dataText(points)}`, [points], (a, e) => {
    const [actual, expected] = [a as Line, e as Line];
    return worst([near(actual.m, expected.m, closedFormTolerance(expected.m, 1)), near(actual.b, expected.b, closedFormTolerance(expected.b, yScale))]);
  });
}

function rateProbe(points: Point[]): Probe {
  return probe('06-learning-rate', 'maxStableLearningRate', `maxStableLearningRate on ${dataText(points)}`, [points], (a, e) =>
    near(a as number, e as number, closedFormTolerance(e as number, 0)),
  );
}

function battery(exercise: ExerciseId): Probe[] {
  switch (exercise) {
    case '01-cost':
      return [costProbe(D7, { m: 0.5, b: 1 }), costProbe(D6, { m: -1, b: 2 }), costProbe(D1, { m: 0.5, b: 2 }), costProbe(ON_LINE, { m: 2, b: -1 }), costProbe(ON_LINE, { m: 1.5, b: 0.5 }), costProbe(dataCsv(), { m: 1.5, b: 4 })];
    case '02-gradient':
      return [gradientProbe(D7, { m: 0.5, b: 1 }), gradientProbe(D6, { m: -1, b: 2 }), gradientProbe(D1, { m: 0.5, b: 2 }), gradientProbe(ON_LINE, { m: 2, b: -1 }), gradientProbe(ON_LINE, { m: 1.5, b: 0.5 }), gradientProbe(dataCsv(), { m: 1.5, b: 4 })];
    case '03-step':
      return [stepProbe(D7, { m: 0.5, b: 1 }, 1 / 32), stepProbe(D3, { m: 1, b: 1 }, 1 / 16), stepProbe(D6, { m: -1, b: 2 }, 1 / 64), stepProbe(D1, { m: 0.5, b: 2 }, 1 / 8), stepProbe(D7, { m: 0.5, b: 1 }, 0)];
    case '04-descent':
      return [descentProbe(D7, { m: 0.5, b: 1 }, 1 / 64, 3), descentProbe(D3, { m: 2, b: -1 }, 1 / 32, 5), descentProbe(D6, { m: -1, b: 2 }, 1 / 128, 1), descentProbe(D7, { m: 1, b: -2 }, 1 / 32, 0)];
    case '05-valley':
      return [
        valleyProbe({ x: 1, y: 2 }), valleyProbe({ x: 3, y: -1 }), valleyProbe({ x: -0.5, y: 0.25 }), valleyProbe({ x: 2.5, y: -1.5 }),
        valleyGradientProbe({ x: 1, y: 2 }), valleyGradientProbe({ x: 3, y: -1 }), valleyGradientProbe({ x: -0.5, y: 0.25 }),
        descendProbe(VALLEY_BOWL, { x: 2, y: -0.5 }, 0.25, 4), descendProbe(OTHER_BOWL, { x: 3, y: 1 }, 0.125, 3), descendProbe(THIRD_BOWL, { x: 0.5, y: 2 }, 0.25, 4),
        descendProbe(VALLEY_BOWL, { x: 1, y: 0 }, 0.1, 0),
      ];
    case '06-learning-rate':
      return [leastSquaresProbe(D7), leastSquaresProbe(TWO), leastSquaresProbe(D6), leastSquaresProbe(dataCsv()), rateProbe(D7), rateProbe(D6), rateProbe(D3), rateProbe(dataCsv())];
  }
}

const batteries = new Map<ExerciseId, readonly Probe[]>();

/** The designed probes of one exercise, built once. */
export function probesOf(exercise: ExerciseId): readonly Probe[] {
  let probes = batteries.get(exercise);
  if (!probes) batteries.set(exercise, (probes = battery(exercise)));
  return probes;
}

/**
 * Whether two answers to the same probe count as the same: two values of the right shape within
 * the probe's tolerance, or two failures of the same kind (both not finite, both threw…).
 */
export function sameAnswer(probe: Probe, actual: CallOutcome, expected: CallOutcome): Comparison {
  if (actual.ok && expected.ok) return probe.agreement(actual.value, expected.value);
  const same = !actual.ok && !expected.ok && actual.error.kind === expected.error.kind;
  return { ok: same, observedError: same ? 0 : Infinity, tolerance: 0 };
}
