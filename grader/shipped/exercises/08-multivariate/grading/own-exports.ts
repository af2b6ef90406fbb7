/**
 * 08-multivariate's descent graded over the student's own predict, computeCostMulti and
 * computeGradientMulti: the four exports live in one file, so no world can put the reference in
 * place of the functions the descent calls, as 04's isolated world does for 02. Instead each of the
 * descent's runs is re-derived at its own iterates: the model after k steps is asked for (a run of
 * k iterations), the student's own functions are asked at each of those models, and every step
 * must be the model before it minus η times a gradient, and every recorded cost a cost, of one
 * source throughout: the course's, the student's own function, or the course's formula over the
 * student's own predictions.
 */
import type {
  LinearModel,
  Matrix,
  ModelGradient,
  MultiDescentOptions,
  MultiDescentResult,
} from '../../../../../exercises/types';
import { computeCostMulti, computeGradientMulti } from '../../../../../solutions/08-multivariate/multivariate';
import type { ExportName } from '../../../contract/exercises';
import type { CallOutcome, CallRequest, SubmissionPort } from '../../../door/port';
import {
  compareNumbers,
  HEADROOM,
  multiCostTolerance,
  multiGradientTolerance,
  summedTolerance,
  termsTolerance,
  UNIT_ROUNDOFF,
} from '../../../checks/tolerance';

/** A run of more steps is re-derived at this many of them (evenly spread, the first and the last among them). */
export const MOST_STEPS_REDERIVED = 60;

/** Where a run's steps or costs come from, and the export of the student's it reads (none for the course's). */
interface Source<T> {
  readonly foundation?: ExportName;
  /** The value at one model, with its tolerance; undefined when the student's function gave no answer there. */
  at(model: Answers): { value: T; tolerance: T } | undefined;
}

/** What the student's own functions answered at one model of a run. */
interface Answers {
  readonly X: Matrix;
  readonly y: readonly number[];
  readonly model: LinearModel;
  readonly predictions?: number[];
  readonly cost?: number;
  readonly gradient?: ModelGradient;
}

/** The course's gradient over given predictions: dw_j = (−2/N) Σ x_ij·(yᵢ − ŷᵢ), db = (−2/N) Σ (yᵢ − ŷᵢ), bounded by their magnitudes. */
function gradientOver(X: Matrix, y: readonly number[], predictions: readonly number[]) {
  const n = X.length;
  const d = X[0].length;
  const sums = { xr: new Array<number>(d).fill(0), r: 0, xb: new Array<number>(d).fill(0), b: 0 };
  for (let i = 0; i < n; i++) {
    const r = y[i] - predictions[i];
    const bound = Math.abs(y[i]) + Math.abs(predictions[i]);
    for (let j = 0; j < d; j++) {
      sums.xr[j] += X[i][j] * r;
      sums.xb[j] += 2 * Math.abs(X[i][j]) * bound;
    }
    sums.r += r;
    sums.b += 2 * bound;
  }
  const value = { dw: sums.xr.map((s) => (-2 * s) / n), db: (-2 * sums.r) / n };
  return {
    value,
    tolerance: {
      dw: value.dw.map((g, j) => summedTolerance(g, n + d, sums.xb[j] / n)),
      db: summedTolerance(value.db, n + d, sums.b / n),
    },
  };
}

/** The course's cost over given predictions, (1/N) Σ (yᵢ − ŷᵢ)², bounded by their magnitudes. */
function costOver(y: readonly number[], predictions: readonly number[], d: number) {
  let total = 0;
  let scale = 0;
  for (let i = 0; i < y.length; i++) {
    const r = y[i] - predictions[i];
    total += r * r;
    scale += (Math.abs(y[i]) + Math.abs(predictions[i])) ** 2;
  }
  const value = total / y.length;
  return { value, tolerance: summedTolerance(value, y.length + d, scale / y.length) };
}

const STEP_SOURCES: readonly Source<ModelGradient>[] = [
  {
    at: ({ X, y, model }) => {
      const value = computeGradientMulti(X, y, model);
      return { value, tolerance: multiGradientTolerance(X, y, model, value) };
    },
  },
  {
    foundation: 'computeGradientMulti',
    at: ({ X, y, model, gradient }) =>
      gradient && gradient.dw.length === model.w.length
        ? { value: gradient, tolerance: multiGradientTolerance(X, y, model, gradient) }
        : undefined,
  },
  {
    foundation: 'predict',
    at: ({ X, y, predictions }) =>
      predictions && predictions.length === X.length ? gradientOver(X, y, predictions) : undefined,
  },
];

const COST_SOURCES: readonly Source<number>[] = [
  {
    at: ({ X, y, model }) => {
      const value = computeCostMulti(X, y, model);
      return { value, tolerance: multiCostTolerance(X, y, model, value) };
    },
  },
  {
    foundation: 'computeCostMulti',
    at: ({ X, y, model, cost }) =>
      cost === undefined ? undefined : { value: cost, tolerance: multiCostTolerance(X, y, model, cost) },
  },
  {
    foundation: 'predict',
    at: ({ X, y, predictions }) =>
      predictions && predictions.length === X.length ? costOver(y, predictions, X[0].length) : undefined,
  },
];

/** The student's answers at one model a run reached after k steps, and the model after k + 1 (absent for the last). */
interface Reached {
  readonly k: number;
  readonly answers: Answers;
  /** The cost the run of k steps recorded last, and the one the whole run recorded at k (when it answered). */
  readonly recorded: readonly number[];
  readonly next?: LinearModel;
}

/** One run of the descent as the checks asked for it, re-derived at the steps its shorter runs reach. */
interface Rederived {
  readonly request: CallRequest;
  readonly X: Matrix;
  readonly y: readonly number[];
  readonly options: MultiDescentOptions;
  /** Whether every run of fewer steps, and the whole run, recorded k + 1 costs. */
  readonly lengths: boolean;
  readonly at: readonly Reached[];
  /** When the runs from some step on answered a value that is not finite: the first number of steps that did not answer. */
  readonly overflow?: { readonly by: number };
}

/** How the descent's runs relate to the student's own functions: which source its steps and its costs follow, if one does throughout. */
export interface DescentRederivation {
  /** The student's functions the steps and the recorded costs follow, where they follow one (not the course's formula). */
  readonly follows: readonly ExportName[];
  /** Every step and every cost of every run follows a source. */
  readonly consistent: boolean;
  /**
   * The re-derivation can tell a loop from an echo: on some run the steps move the model and the
   * gradient they follow changes along the path, so neither the start returned unchanged nor
   * every step taken with the first gradient would pass.
   */
  readonly informative: boolean;
  /** What was found, in words: "every step is the model before it minus η times your computeGradientMulti there, …". */
  readonly text: string;
}

const ownName = (fn: ExportName | undefined, course: string) =>
  fn === 'predict' ? `${course} worked out over your predict’s predictions` : fn ? `your ${fn}` : course;

/** The steps at which a run of `iterations` steps is re-derived: all of them, or an even spread of MOST_STEPS_REDERIVED. */
function stepsOf(iterations: number): number[] {
  if (iterations <= MOST_STEPS_REDERIVED) return Array.from({ length: iterations + 1 }, (_, k) => k);
  const spread = Array.from({ length: MOST_STEPS_REDERIVED }, (_, i) =>
    Math.round((i * (iterations - 1)) / (MOST_STEPS_REDERIVED - 1)),
  );
  return [...new Set([...spread, iterations])];
}

const descentArgs = (request: CallRequest) => request.args as [Matrix, number[], MultiDescentOptions];
const isNotFinite = (outcome: CallOutcome) => !outcome.ok && outcome.error.kind === 'not-finite';

/** The student's predict, cost and gradient at a model, asked in the realm the run was asked in. */
const askAt = (request: CallRequest, X: Matrix, y: readonly number[], model: LinearModel): CallRequest[] => [
  { ...request, fn: 'predict', args: [X, model] },
  { ...request, fn: 'computeCostMulti', args: [X, y, model] },
  { ...request, fn: 'computeGradientMulti', args: [X, y, model] },
];

const answersOf = (X: Matrix, y: readonly number[], model: LinearModel, outcomes: readonly CallOutcome[]): Answers => {
  const [predictions, cost, gradient] = outcomes.map((o) => (o.ok ? o.value : undefined));
  return {
    X,
    y,
    model,
    predictions: predictions as number[] | undefined,
    cost: cost as number | undefined,
    gradient: gradient as ModelGradient | undefined,
  };
};

/**
 * Re-derives every run of gradientDescentMulti among `calls` from the student's own functions at
 * the student's own iterates, in two batches through the door: the runs of fewer steps, then the
 * student's predict, cost and gradient at each model they reach. A run that ends in a value that
 * is not finite (a descent over a gradient that points downhill climbs without bound) is followed
 * from its last finite model with its own source, one step per batch, to the step it overflows at.
 * Undefined when a call gave no answer for another reason (a function that throws leaves nothing
 * to re-derive).
 */
export async function rederiveDescents(
  port: SubmissionPort,
  calls: readonly CallRequest[],
): Promise<DescentRederivation | undefined> {
  const plans = calls.map((request) => {
    const [X, y, options] = descentArgs(request);
    const ks = stepsOf(options.iterations);
    const needed = [...new Set(ks.flatMap((k) => (k < options.iterations ? [k, k + 1] : [k])))].sort((a, b) => a - b);
    const runOf = (k: number): CallRequest => ({
      ...request,
      args: [X, y, { initial: options.initial, learningRate: options.learningRate, iterations: k }],
    });
    return { request, X, y, options, ks, needed, runs: needed.map(runOf) };
  });
  const runAnswers = await port.callMany(plans.flatMap((p) => [p.request, ...p.runs]));
  if (runAnswers.some((a) => !a.ok && !isNotFinite(a))) return undefined;
  let offset = 0;
  const reached = plans.map((p) => {
    const [whole, ...runs] = runAnswers.slice(offset, (offset += 1 + p.runs.length));
    const firstFailing = runs.findIndex((a) => !a.ok);
    const answered = firstFailing < 0 ? runs.length : firstFailing;
    const results = runs.slice(0, answered).map((a) => (a as { value: MultiDescentResult }).value);
    const modelAfter = new Map(p.needed.slice(0, answered).map((k, i) => [k, results[i]]));
    return {
      ...p,
      whole: whole.ok ? (whole.value as MultiDescentResult) : undefined,
      modelAfter,
      monotone: runs.slice(answered).every((a) => !a.ok),
      overflowAt: firstFailing < 0 ? undefined : p.needed[firstFailing],
    };
  });
  if (reached.some((p) => !p.monotone)) return inconsistent('a run of fewer steps fails where a longer one answers');
  const width = (p: (typeof reached)[number]) => p.options.initial.w.length;
  if (reached.some((p) => [...p.modelAfter.values()].some((run) => run.model.w.length !== width(p))))
    return inconsistent('a run returns a model with another number of weights than options.initial');
  const asked = reached.map((p) => p.ks.filter((k) => p.modelAfter.has(k)));
  const own = await port.callMany(
    reached.flatMap((p, i) => asked[i].flatMap((k) => askAt(p.request, p.X, p.y, p.modelAfter.get(k)!.model))),
  );
  offset = 0;
  const rederived: Rederived[] = reached.map((p, i) => ({
    request: p.request,
    X: p.X,
    y: p.y,
    options: p.options,
    lengths:
      [...p.modelAfter].every(([k, run]) => run.costs.length === k + 1) &&
      (!p.whole || p.whole.costs.length === p.options.iterations + 1),
    at: asked[i].map((k) => {
      const run = p.modelAfter.get(k)!;
      return {
        k,
        answers: answersOf(p.X, p.y, run.model, own.slice(offset, (offset += 3))),
        recorded: [run.costs[k], ...(p.whole ? [p.whole.costs[k]] : [])],
        next: p.modelAfter.get(k + 1)?.model,
      };
    }),
    overflow:
      p.overflowAt === undefined ? undefined : { from: Math.max(...[...p.modelAfter.keys()]), by: p.overflowAt },
  }));
  return judge(port, rederived);
}

function inconsistent(why: string): DescentRederivation {
  return { follows: [], consistent: false, informative: false, text: why };
}

async function judge(port: SubmissionPort, runs: readonly Rederived[]): Promise<DescentRederivation> {
  if (runs.some((r) => !r.at.length)) return inconsistent('a run gives no finite answer even at 0 steps');
  const starts = runs.every(({ options, at }) =>
    sameModel(at[0].answers.model, options.initial, exactly(options.initial)),
  );
  const lengths = runs.every((r) => r.lengths);
  const steps = STEP_SOURCES.find((source) => runs.every((r) => stepsFollow(r, source)));
  const along = steps ? undefined : STEP_SOURCES.find((source) => runs.every((r) => stepsAlong(r, source)));
  const costs = COST_SOURCES.find((source) => runs.every((r) => costsFollow(r, source)));
  const overflows = steps && costs ? await overflowsAsRederived(port, runs, steps, costs) : undefined;
  const consistent = starts && lengths && overflows === true;
  const informative = steps !== undefined && runs.some((r) => turns(r, steps));
  const stepWords = steps
    ? `every step is the model before it minus η times ${ownName(steps.foundation, 'the course’s gradient')} there`
    : along
      ? `every step goes along ${ownName(along.foundation, 'the course’s gradient')}, but not by options.learningRate times it`
      : 'its steps follow no gradient, neither the course’s nor one of your functions';
  const costWords = costs
    ? `every recorded cost is ${ownName(costs.foundation, 'the course’s J')} of the model it follows`
    : 'its recorded costs are neither the course’s J nor one of your functions of the models they follow';
  const startWords =
    starts && lengths ? '' : '; it does not start from options.initial with one cost per step and one before';
  const overflowWords = !runs.some((r) => r.overflow)
    ? ''
    : overflows === true
      ? '; a run that grows past the largest number grows so when re-derived too'
      : overflows === false
        ? '; a run stops answering numbers where the re-derived one has not overflowed'
        : '';
  const follows = [steps?.foundation ?? along?.foundation, costs?.foundation];
  return {
    follows: [...new Set(follows.filter((fn): fn is ExportName => fn !== undefined))],
    consistent,
    informative,
    text: `${stepWords}, and ${costWords}${startWords}${overflowWords}`,
  };
}

const exactly = (model: LinearModel) => ({ w: model.w.map((v) => termsTolerance(v)), b: termsTolerance(model.b) });

function sameModel(actual: LinearModel, expected: LinearModel, tolerance: LinearModel): boolean {
  return (
    actual.w.length === expected.w.length &&
    actual.w.every((v, j) => compareNumbers(v, expected.w[j], tolerance.w[j]).ok) &&
    compareNumbers(actual.b, expected.b, tolerance.b).ok
  );
}

/** The model a step of rate `eta` along `g` reaches, and how far a correct computation of it may be off. */
function stepped(model: LinearModel, eta: number, g: { value: ModelGradient; tolerance: ModelGradient }) {
  const rounding = (value: number, change: number) =>
    2 * HEADROOM * UNIT_ROUNDOFF * (Math.abs(value) + Math.abs(change));
  return {
    expected: { w: model.w.map((v, j) => v - eta * g.value.dw[j]), b: model.b - eta * g.value.db },
    tolerance: {
      w: model.w.map((v, j) => 2 * Math.abs(eta) * g.tolerance.dw[j] + rounding(v, eta * g.value.dw[j])),
      b: 2 * Math.abs(eta) * g.tolerance.db + rounding(model.b, eta * g.value.db),
    },
  };
}

/** Each re-derived step of the run is its model minus η times the source's gradient there, up to the rounding of both. */
function stepsFollow(r: Rederived, source: Source<ModelGradient>): boolean {
  return r.at.every(({ answers, next }) => {
    if (!next) return true;
    const g = source.at(answers);
    if (!g) return false;
    const { expected, tolerance } = stepped(answers.model, r.options.learningRate, g);
    return sameModel(next, expected, tolerance);
  });
}

/**
 * Each re-derived step of the run goes along the source's gradient by one rate throughout, other
 * than η and above 0 (a rate written into the loop): read off the first step's largest partial derivative.
 */
function stepsAlong(r: Rederived, source: Source<ModelGradient>): boolean {
  let rate: number | undefined;
  return r.at.every(({ answers, next }) => {
    if (!next) return true;
    const g = source.at(answers);
    if (!g) return false;
    const parts = [
      ...g.value.dw.map((v, j) => [v, answers.model.w[j], next.w[j]]),
      [g.value.db, answers.model.b, next.b],
    ];
    const [largest, from, to] = parts.reduce((a, b) => (Math.abs(b[0]) > Math.abs(a[0]) ? b : a));
    if (!largest) return sameModel(next, answers.model, exactly(answers.model));
    rate ??= (from - to) / largest;
    if (!(rate > 0)) return false;
    const { expected, tolerance } = stepped(answers.model, rate, g);
    return sameModel(next, expected, {
      w: tolerance.w.map((t, j) => t + 1e-9 * Math.abs(expected.w[j])),
      b: tolerance.b + 1e-9 * Math.abs(expected.b),
    });
  });
}

/** Each recorded cost of the run at a re-derived step is the source's cost of the model after that many steps. */
function costsFollow(r: Rederived, source: Source<number>): boolean {
  return r.at.every(({ answers, recorded }) => {
    const c = source.at(answers);
    return c !== undefined && recorded.every((cost) => compareNumbers(cost, c.value, 2 * c.tolerance).ok);
  });
}

/**
 * Each run that stopped answering numbers overflows when re-derived too: from its last finite
 * model, the step and cost sources followed one step at a time reach a value that is not finite by
 * the first step at which the runs stopped answering.
 */
async function overflowsAsRederived(
  port: SubmissionPort,
  runs: readonly Rederived[],
  steps: Source<ModelGradient>,
  costs: Source<number>,
): Promise<boolean> {
  let open = runs.flatMap((r) => {
    const last = r.at[r.at.length - 1];
    return r.overflow ? [{ r, by: r.overflow.by, model: last.answers.model, k: last.k }] : [];
  });
  while (open.length) {
    const outcomes = await port.callMany(open.flatMap(({ r, model }) => askAt(r.request, r.X, r.y, model)));
    const next: typeof open = [];
    for (const [i, entry] of open.entries()) {
      const here = outcomes.slice(3 * i, 3 * i + 3);
      const answers = answersOf(entry.r.X, entry.r.y, entry.model, here);
      const c = costs.at(answers);
      if (here.some(isNotFinite) || (c && !Number.isFinite(c.value))) continue;
      const g = steps.at(answers);
      if (!g || entry.k >= entry.by) return false;
      const model = stepped(answers.model, entry.r.options.learningRate, g).expected;
      if ([...model.w, model.b].every(Number.isFinite)) next.push({ ...entry, model, k: entry.k + 1 });
    }
    open = next;
  }
  return true;
}

/** On this run the source's gradient moves the model, and differs between two of the models the run passes. */
function turns(r: Rederived, source: Source<ModelGradient>): boolean {
  const eta = r.options.learningRate;
  const steps = r.at
    .filter(({ next }) => next)
    .map(({ answers }) => ({ model: answers.model, g: source.at(answers)! }));
  const moves = steps.some(
    ({ model, g }) =>
      g.value.dw.some(
        (v, j) => Math.abs(eta * v) > 2 * Math.abs(eta) * g.tolerance.dw[j] + termsTolerance(model.w[j]),
      ) || Math.abs(eta * g.value.db) > 2 * Math.abs(eta) * g.tolerance.db + termsTolerance(model.b),
  );
  const first = steps[0]?.g;
  const differs = ({ g }: (typeof steps)[number]) =>
    g.value.dw.some((v, j) => !compareNumbers(v, first.value.dw[j], g.tolerance.dw[j] + first.tolerance.dw[j]).ok) ||
    !compareNumbers(g.value.db, first.value.db, g.tolerance.db + first.tolerance.db).ok;
  return moves && steps.some(differs);
}

/** 08-multivariate's descent as it is graded over the student's own functions (see grader/diagnosis/within-file.ts). */
export const multivariateWithinFile = {
  dependent: 'gradientDescentMulti',
  foundations: ['predict', 'computeCostMulti', 'computeGradientMulti'],
  rederive: rederiveDescents,
} as const;
