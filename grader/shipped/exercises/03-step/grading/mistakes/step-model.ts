import type { Gradient, Line, Point } from '../../../../../../exercises/types';
import type { ExportName } from '../../../../contract/exercises';
import {
  textOf,
  type Evidence,
  type Implementation,
  type Slip,
  type SlipText,
} from '../../../../../mistake-space/space';
import { gradientSpace, type GradientModel } from '../../../02-gradient/grading/mistakes/space';

/**
 * One gradient-descent step, m − η·dm and b − η·db from the gradient at the line, with every part
 * a student can get wrong made a setting. 03-step is this step; 04-descent runs it in a loop, so
 * its model holds one (a student who writes the loop's step inline makes the same slips).
 */
export interface StepModel {
  /**
   * What scales the gradient: the learningRate given, a constant written in the code (1 when the
   * rate is left out), its reciprocal, or a schedule over the steps of a run (η/(k+1)^power, η·decay^k).
   */
  readonly rate: 'given' | 'constant' | 'reciprocal' | 'power' | 'decay';
  /** Which parameters' updates use `rate`; the other one uses the learningRate given. */
  readonly rateScope: 'both' | 'm' | 'b';
  /** The rate of `rate: 'constant'`. */
  readonly constant: number;
  /** The factor of `rate: 'decay'`: step k uses η·decay^k. */
  readonly decay: number;
  /** The power of `rate: 'power'`: step k uses η/(k + 1)^power (1: η/(k + 1); 0.5: η/√(k + 1)). */
  readonly power: number;
  /** −1 steps against the gradient (downhill), +1 with it (uphill). */
  readonly direction: 1 | -1;
  /** One parameter stepped the other way from the direction (its sign flipped in the update). */
  readonly flipped: 'none' | 'm' | 'b';
  /** Simultaneous, or one parameter moved before the other's partial derivative is taken. */
  readonly order: 'simultaneous' | 'm-first' | 'b-first';
  /**
   * The line the whole step is taken from, gradient and update: the line given, or that line with
   * m and b swapped (seed 000's step takes b before m), or one of them in both places.
   */
  readonly at: 'line' | 'swapped' | 'm-twice' | 'b-twice';
  /** The value m's update starts from: m, or b (the two names mixed up in the update). */
  readonly mFrom: 'm' | 'b';
  /** The value b's update starts from. */
  readonly bFrom: 'b' | 'm';
  /** What moves m: its partial derivative, b's, nothing (m never moves), or 1 (m moves by the rate alone). */
  readonly mMovesBy: MovedBy;
  /** What moves b. */
  readonly bMovesBy: MovedBy;
  /** What is returned as m. */
  readonly returnsM: Returned;
  /** What is returned as b. */
  readonly returnsB: Returned;
  /** The gradient the step takes, as 02's model computes it (a slip there is a gradient worked out inline). */
  readonly gradient: GradientModel;
}

export type MovedBy = 'dm' | 'db' | 'none' | 'one';

/**
 * What a step returns for one parameter: its new value; the new value negated (the subtraction
 * written the other way round); η times its partial, the size of the move; the move itself, ∓η·∂;
 * the value it was given; its partial derivative; the other parameter's new value.
 */
export type Returned = 'new' | 'negated' | 'move-size' | 'change' | 'old' | 'partial' | 'other';

export const REFERENCE_STEP: StepModel = {
  rate: 'given',
  rateScope: 'both',
  constant: 1e-4,
  decay: 0.9,
  power: 1,
  direction: -1,
  flipped: 'none',
  order: 'simultaneous',
  at: 'line',
  mFrom: 'm',
  bFrom: 'b',
  mMovesBy: 'dm',
  bMovesBy: 'db',
  returnsM: 'new',
  returnsB: 'new',
  gradient: gradientSpace.reference,
};

/** The rate step k of a run uses (k = 0 for 03's one step). */
function rateOf(c: StepModel, learningRate: number, k: number): number {
  switch (c.rate) {
    case 'given':
      return learningRate;
    case 'constant':
      return c.constant;
    case 'reciprocal':
      return 1 / learningRate;
    case 'power':
      return learningRate / (k + 1) ** c.power;
    case 'decay':
      return learningRate * c.decay ** k;
  }
}

const gradientFunctions = new WeakMap<GradientModel, (points: readonly Point[], line: Line) => Gradient>();

/** The gradient as a configuration of 02's model computes it. */
export function gradientOf(model: GradientModel): (points: readonly Point[], line: Line) => Gradient {
  let f = gradientFunctions.get(model);
  if (!f) {
    const computeGradient = gradientSpace.implement(model).computeGradient!;
    f = (points, line) => computeGradient(points, line) as Gradient;
    gradientFunctions.set(model, f);
  }
  return f;
}

const AT: Record<Exclude<StepModel['at'], 'line'>, (l: Line) => Line> = {
  swapped: (l) => ({ m: l.b, b: l.m }),
  'm-twice': (l) => ({ m: l.m, b: l.m }),
  'b-twice': (l) => ({ m: l.b, b: l.b }),
};

const partial = (g: Gradient, which: MovedBy) => (which === 'none' ? 0 : which === 'one' ? 1 : g[which]);

/** One parameter's update: its value in the line given, the value the update starts from, the partial that moves it, the size of the move, its sign. */
interface Update {
  readonly given: number;
  readonly old: number;
  readonly partial: number;
  readonly size: number;
  readonly direction: number;
}

function returned(kind: Returned, own: Update, other: Update): number {
  const next = (u: Update) => u.old + u.direction * u.size;
  switch (kind) {
    case 'new':
      return next(own);
    case 'negated':
      return -next(own);
    case 'move-size':
      return own.size;
    case 'change':
      return own.direction * own.size;
    case 'old':
      return own.given;
    case 'partial':
      return own.partial;
    case 'other':
      return next(other);
  }
}

/**
 * Step k of a run from `line`, with the gradient taken at `gradientAt` (the line itself, unless a
 * loop takes every gradient somewhere else).
 */
export function stepWith(
  c: StepModel,
  points: readonly Point[],
  line: Line,
  learningRate: number,
  k = 0,
  gradientAt: Line = line,
): Line {
  if (c.at !== 'line') {
    const moved = { ...c, at: 'line' as const };
    const taken = stepWith(moved, points, AT[c.at](line), learningRate, k, AT[c.at](gradientAt));
    return { m: c.returnsM === 'old' ? line.m : taken.m, b: c.returnsB === 'old' ? line.b : taken.b };
  }
  const eta = rateOf(c, learningRate, k);
  const etaM = c.rateScope === 'b' ? learningRate : eta;
  const etaB = c.rateScope === 'm' ? learningRate : eta;
  const directionM = c.flipped === 'm' ? -c.direction : c.direction;
  const directionB = c.flipped === 'b' ? -c.direction : c.direction;
  const gradient = gradientOf(c.gradient);
  const first = gradient(points, gradientAt);
  const [fromM, fromB] = [line[c.mFrom], line[c.bFrom]];
  let partialM: number;
  let partialB: number;
  if (c.order === 'm-first') {
    partialM = partial(first, c.mMovesBy);
    const movedM = fromM + directionM * etaM * partialM;
    partialB = partial(gradient(points, { m: movedM, b: gradientAt.b }), c.bMovesBy);
  } else if (c.order === 'b-first') {
    partialB = partial(first, c.bMovesBy);
    const movedB = fromB + directionB * etaB * partialB;
    partialM = partial(gradient(points, { m: gradientAt.m, b: movedB }), c.mMovesBy);
  } else {
    partialM = partial(first, c.mMovesBy);
    partialB = partial(first, c.bMovesBy);
  }
  const m: Update = { given: line.m, old: fromM, partial: partialM, size: etaM * partialM, direction: directionM };
  const b: Update = { given: line.b, old: fromB, partial: partialB, size: etaB * partialB, direction: directionB };
  return { m: returned(c.returnsM, m, b), b: returned(c.returnsB, b, m) };
}

/** Where a model that holds a step keeps it: 03's model is the step, 04's holds one inside its loop. */
export interface StepLens<C> {
  get(config: C): StepModel;
  set(config: C, step: StepModel): C;
}

export const STEP_ITSELF: StepLens<StepModel> = { get: (c) => c, set: (_, step) => step };

/** The knobs of the step, in words. */
export const STEP_KNOBS = {
  rate: 'the learning rate (the one given, a constant, its reciprocal)',
  'rate-one': 'the learning rate of one parameter’s update',
  direction: 'the direction of the step (down or up the gradient, for both parameters or one)',
  order: 'the order of the updates (simultaneous, or one parameter first)',
  from: 'the value each update starts from (its own parameter, or the other)',
  at: 'the line the step is taken from (m and b swapped, or one in both places)',
  'moved-by': 'what moves each parameter (its own partial derivative, the other’s, nothing, the rate alone)',
  returns: 'what the step returns (the new line, the move, the old line, m and b swapped)',
  'returns-m': 'what is returned as m',
  'returns-b': 'what is returned as b',
} as const;

const both = (returned: Returned) => ({ returnsM: returned, returnsB: returned });

/** The settings of the step its slips change, by slip id. */
export const STEP_CHANGES = {
  'adds-gradient': ['direction', { direction: 1 }],
  'm-climbs': ['direction', { flipped: 'm' }],
  'b-climbs': ['direction', { flipped: 'b' }],
  'sequential-update': ['order', { order: 'm-first' }],
  'sequential-b-first': ['order', { order: 'b-first' }],
  'step-from-swapped-line': ['at', { at: 'swapped' }],
  'step-from-m-twice': ['at', { at: 'm-twice' }],
  'step-from-b-twice': ['at', { at: 'b-twice' }],
  'updates-from-swapped-line': ['from', { mFrom: 'b', bFrom: 'm' }],
  'm-updated-from-b': ['from', { mFrom: 'b' }],
  'b-updated-from-m': ['from', { bFrom: 'm' }],
  'wrong-parameter-gradient': ['moved-by', { mMovesBy: 'db', bMovesBy: 'dm' }],
  'm-moves-by-db': ['moved-by', { mMovesBy: 'db' }],
  'b-moves-by-dm': ['moved-by', { bMovesBy: 'dm' }],
  'forgets-b': ['moved-by', { bMovesBy: 'none' }],
  'forgets-m': ['moved-by', { mMovesBy: 'none' }],
  'm-moves-by-rate': ['moved-by', { mMovesBy: 'one' }],
  'b-moves-by-rate': ['moved-by', { bMovesBy: 'one' }],
  'divides-by-rate': ['rate', { rate: 'reciprocal' }],
  'returns-move': ['returns', both('move-size')],
  'returns-change': ['returns', both('change')],
  'returns-old-line': ['returns', both('old')],
  'returns-swapped': ['returns', both('other')],
  'returns-gradient': ['returns', both('partial')],
  'm-negated': ['returns-m', { returnsM: 'negated' }],
  'm-returns-move': ['returns-m', { returnsM: 'move-size' }],
  'm-returns-change': ['returns-m', { returnsM: 'change' }],
  'm-returns-partial': ['returns-m', { returnsM: 'partial' }],
  'm-returns-new-b': ['returns-m', { returnsM: 'other' }],
  'b-negated': ['returns-b', { returnsB: 'negated' }],
  'b-returns-move': ['returns-b', { returnsB: 'move-size' }],
  'b-returns-change': ['returns-b', { returnsB: 'change' }],
  'b-returns-partial': ['returns-b', { returnsB: 'partial' }],
  'b-returns-new-m': ['returns-b', { returnsB: 'other' }],
} as const satisfies Record<string, readonly [keyof typeof STEP_KNOBS, Partial<StepModel>]>;

export type StepChange = keyof typeof STEP_CHANGES;

/** A slip of the step, made on the step a model holds; `id` defaults to the change's name. */
export function stepSlip<C>(
  lens: StepLens<C>,
  change: StepChange,
  text: Slip<C>['text'],
  id: string = change,
): Slip<C> {
  const [knob, settings] = STEP_CHANGES[change];
  return { id, knob, text, apply: (c) => lens.set(c, { ...lens.get(c), ...settings }) };
}

/** A setting of a lower exercise's model held inside this one (02's gradient in a step, 01's cost in a loop). */
export interface InnerLens<C, I> {
  get(config: C): I;
  set(config: C, inner: I): C;
}

/**
 * A lower exercise's slip made inline: the same change to the formula a student wrote here
 * instead of importing it, with an id and knob of its own and words that say where it was made.
 */
export function liftSlip<C, I>(
  slip: Slip<I>,
  lens: InnerLens<C, I>,
  prefix: string,
  where: string,
  knobPrefix = prefix,
): Slip<C> {
  const words = (inner: I): SlipText => {
    const t = textOf(slip, inner);
    return {
      name: `${where}: ${t.name.charAt(0).toLowerCase()}${t.name.slice(1)}`,
      explanation: t.explanation,
      hint: t.hint,
    };
  };
  return {
    id: `${prefix}-${slip.id}`,
    knob: `${knobPrefix}-${slip.knob}`,
    text: (c) => words(lens.get(c)),
    apply: (c) => lens.set(c, slip.apply(lens.get(c))),
  };
}

/** A number in the words of a fitted slip: six significant digits, "≈" when that rounds it. */
export function quoted(value: number): string {
  const shown = Number(value.toPrecision(6));
  return `${Math.abs(shown - value) > 1e-12 * Math.abs(value) ? '≈ ' : '= '}${shown}`;
}

/** Every number of a model's answer, paired with the student's number at the same place; undefined when the shapes differ. */
function pairedNumbers(model: unknown, student: unknown, out: [number, number][] = []): [number, number][] | undefined {
  if (typeof model === 'number') {
    if (typeof student !== 'number') return undefined;
    out.push([model, student]);
    return out;
  }
  if (Array.isArray(model)) {
    if (!Array.isArray(student) || student.length !== model.length) return undefined;
    for (let i = 0; i < model.length; i++) if (!pairedNumbers(model[i], student[i], out)) return undefined;
    return out;
  }
  if (model && typeof model === 'object') {
    if (!student || typeof student !== 'object') return undefined;
    for (const key of Object.keys(model))
      if (!pairedNumbers((model as any)[key], (student as any)[key], out)) return undefined;
    return out;
  }
  return undefined;
}

/** How to look for a parameter: two guesses for the secant method, a grid to bracket it when that fails, and which values are allowed. */
export interface ParameterSearch {
  readonly guesses: readonly [number, number];
  readonly grid: readonly number[];
  accept(value: number): boolean;
}

/** One probe as a fit reads it: how far the model's first number that depends on the parameter is from the student's. */
interface Reading {
  readonly tolerance: number;
  residual(value: number): number;
  /** Whether the model with this value gives every number of the probe's answer. */
  reproduces(value: number): boolean;
}

/** `count` values from `low` to `high`, evenly spaced on a log scale. */
const logGrid = (low: number, high: number, count: number) =>
  Array.from({ length: count }, (_, i) => low * (high / low) ** (i / (count - 1)));

/**
 * Reads a parameter off the student's answers. A probe whose answer has another shape than the
 * model's, or whose numbers that do not depend on the parameter differ from the model's, rules the
 * slip out at once. Probe by probe, it then looks for the value at which the
 * first number of the model's answer that depends on the parameter equals the student's, by the
 * secant method from two guesses (one step when the answer is affine in it, as one step is in its
 * rate). When no probe gives one, a grid brackets it on each probe and the secant method refines
 * it. Either way the value must reproduce every number of that probe's answer (a run of several
 * steps is a polynomial in its rate, with roots that fit one number only). The model is the kit's
 * own pure code and the probes' arguments plain data, so it is called directly. The value is
 * rounded to the fewest significant digits (6, 10 or 15) that still reproduce the answer, so that
 * a constant such as 0.003 reads as written; the diagnosis then holds it to every probe.
 */
export function fitParameter<C>(
  implement: (config: C) => Implementation,
  withValue: (value: number) => C,
  evidence: Evidence,
  search: ParameterSearch,
): C | undefined {
  const answerAt = (value: number, fn: ExportName, args: readonly unknown[]) => {
    try {
      return implement(withValue(value))[fn]?.(...args);
    } catch {
      return undefined;
    }
  };
  const close = (model: number, student: number) => Math.abs(model - student) <= 1e-9 * Math.max(1, Math.abs(student));
  const readable: Reading[] = [];
  for (let i = 0; i < evidence.probes.length; i++) {
    const answer = evidence.answers[i];
    if (!answer?.ok) continue;
    const { fn, args } = evidence.probes[i].request;
    const numbersAt = (value: number) => {
      const at = answerAt(value, fn, args);
      return at === undefined ? undefined : pairedNumbers(at, answer.value);
    };
    const [low, high] = search.guesses.map(numbersAt);
    if (!low || !high) return undefined;
    if (low.some(([model, student], k) => model === high[k][0] && !close(model, student))) return undefined;
    const j = low.findIndex(([model], k) => model !== high[k][0]);
    if (j < 0) continue;
    const target = low[j][1];
    readable.push({
      tolerance: 1e-12 * Math.max(1, Math.abs(target)),
      residual: (value) => (numbersAt(value)?.[j][0] ?? NaN) - target,
      reproduces: (value) => numbersAt(value)?.every(([model, student]) => close(model, student)) ?? false,
    });
  }
  const rounded = (found: number, residual: (v: number) => number, tolerance: number) =>
    [6, 10, 15].map((digits) => Number(found.toPrecision(digits))).find((v) => Math.abs(residual(v)) <= tolerance);
  for (const { residual, tolerance, reproduces } of readable) {
    const found = secant(residual, search.guesses, tolerance);
    const value = found === undefined ? undefined : rounded(found, residual, tolerance);
    if (value !== undefined && search.accept(value) && reproduces(value)) return withValue(value);
  }
  for (const { residual, tolerance, reproduces } of readable) {
    const values = search.grid.map(residual);
    for (let g = 1; g < values.length; g++) {
      const [before, after] = [values[g - 1], values[g]];
      if (!Number.isFinite(before) || !Number.isFinite(after) || Math.sign(before) === Math.sign(after)) continue;
      const found = secant(residual, [search.grid[g - 1], search.grid[g]], tolerance);
      const value = found === undefined ? undefined : rounded(found, residual, tolerance);
      if (value !== undefined && search.accept(value) && reproduces(value)) return withValue(value);
    }
  }
  return undefined;
}

function secant(f: (x: number) => number, [a, b]: readonly [number, number], tolerance: number): number | undefined {
  let [x0, x1] = [a, b];
  let [f0, f1] = [f(x0), f(x1)];
  for (let i = 0; i < 20; i++) {
    if (!Number.isFinite(f0) || !Number.isFinite(f1)) return undefined;
    if (Math.abs(f1) <= tolerance) return x1;
    if (Math.abs(f0) <= tolerance) return x0;
    if (f1 === f0) return undefined;
    const x2 = x1 - (f1 * (x1 - x0)) / (f1 - f0);
    [x0, f0, x1, f1] = [x1, f1, x2, f(x2)];
  }
  return undefined;
}

/** A rate written into the code: positive (0 is no step, below 0 a step uphill), looked for from 10⁻⁶ to 10. */
const CONSTANT_RATE: ParameterSearch = {
  guesses: [1e-6, 1e-5],
  grid: logGrid(1e-6, 10, 29),
  accept: (v) => Number.isFinite(v) && v > 1e-10,
};

/**
 * The slip of a rate written into the code: the step ignores the rate it is given and uses a
 * constant, read off the student's answers (1 when the rate is left out altogether), in both
 * updates or in one parameter's only (`scope`). `apply` gives it seed 000's 0.0001.
 */
export function constantRateSlip<C>(
  lens: StepLens<C>,
  implement: (config: C) => Implementation,
  text: (rate: number) => SlipText,
  id = 'hardcoded-rate',
  scope: StepModel['rateScope'] = 'both',
): Slip<C> {
  const withRate = (c: C, constant: number) =>
    lens.set(c, { ...lens.get(c), rate: 'constant', rateScope: scope, constant });
  return {
    id,
    knob: 'rate',
    text: (c) => text(lens.get(c).constant),
    apply: (c) => withRate(c, 1e-4),
    fit: (c, evidence) => fitParameter(implement, (v) => withRate(c, v), evidence, CONSTANT_RATE),
  };
}

const SCHEDULES = {
  /** η·decay^k, the factor between 0.001 and 1 (a factor near 0 is a single step, a slip of its own). */
  decay: {
    typical: 0.9,
    search: { guesses: [0.5, 0.9], grid: logGrid(0.01, 0.999, 20), accept: (v: number) => v > 1e-3 && v < 1 - 1e-9 },
  },
  /** η/(k + 1)^power, the power above 0.05 (near 0 the rate hardly changes). */
  power: {
    typical: 1,
    search: { guesses: [0.5, 1.5], grid: logGrid(0.05, 10, 16), accept: (v: number) => v > 0.05 && v <= 10 },
  },
} as const satisfies Record<string, { typical: number; search: ParameterSearch }>;

/**
 * The slip of a rate that shrinks from step to step on a schedule (η·decay^k, or η/(k + 1)^power),
 * its parameter read off the answers; `apply` gives it a typical value (0.9, or 1 for η/(k + 1)).
 */
export function scheduledRateSlip<C>(
  lens: StepLens<C>,
  implement: (config: C) => Implementation,
  schedule: keyof typeof SCHEDULES,
  text: (value: number) => SlipText,
  id: string,
): Slip<C> {
  const { typical, search } = SCHEDULES[schedule];
  const withValue = (c: C, value: number) => lens.set(c, { ...lens.get(c), rate: schedule, [schedule]: value });
  return {
    id,
    knob: 'rate',
    text: (c) => text(lens.get(c)[schedule]),
    apply: (c) => withValue(c, typical),
    fit: (c, evidence) => fitParameter(implement, (v) => withValue(c, v), evidence, search),
  };
}

const referenceGradient = gradientOf(gradientSpace.reference);
const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-300);

/** What one step's answer shows, measured against the true gradient at the line it started from. */
export interface StepReading {
  /** The rate m moved by: how many times −dm it moved (undefined when dm is 0). */
  readonly rateM?: number;
  /** The rate b moved by (undefined when db is 0). */
  readonly rateB?: number;
  /** The answer is η·(dm, db), the size of the move, not the line after it. */
  readonly isMoveSize: boolean;
  /** The answer is the line it was given. */
  readonly isOldLine: boolean;
  /** b moved by η times b's partial derivative taken after m had moved (and not at the old line). */
  readonly bAfterM: boolean;
  /** m moved by η times m's partial derivative taken after b had moved (and not at the old line). */
  readonly mAfterB: boolean;
}

/** Reads one step: how far each parameter moved against its partial derivative, and where that derivative was taken. */
export function readStep(points: readonly Point[], line: Line, learningRate: number, answer: Line): StepReading {
  const g = referenceGradient(points, line);
  const rate = (moved: number, d: number) => (d === 0 ? undefined : -moved / d);
  const afterM = referenceGradient(points, { m: answer.m, b: line.b }).db;
  const afterB = referenceGradient(points, { m: line.m, b: answer.b }).dm;
  return {
    rateM: rate(answer.m - line.m, g.dm),
    rateB: rate(answer.b - line.b, g.db),
    isMoveSize: learningRate !== 0 && same(answer.m, learningRate * g.dm) && same(answer.b, learningRate * g.db),
    isOldLine: same(answer.m, line.m) && same(answer.b, line.b),
    bAfterM:
      learningRate !== 0 &&
      !same(afterM, g.db) &&
      same(answer.b, line.b - learningRate * afterM) &&
      !same(answer.b, line.b - learningRate * g.db),
    mAfterB:
      learningRate !== 0 &&
      !same(afterB, g.dm) &&
      same(answer.m, line.m - learningRate * afterB) &&
      !same(answer.m, line.m - learningRate * g.dm),
  };
}

/**
 * The rate a set of steps moved by, in words, given the rates they were asked for: a constant
 * whatever the rate asked, a multiple of it, uphill, its reciprocal, or (from one step) the rate
 * itself. Undefined when the steps used the rates asked, or share nothing that can be said.
 * `subject` is plural ("Your steps"), or singular with `plural` false ("Your first step").
 */
export function rateInWords(
  rates: readonly number[],
  asked: readonly number[],
  subject: string,
  plural = true,
): string | undefined {
  if (!rates.length || rates.some((r) => !Number.isFinite(r))) return undefined;
  if (rates.every((r, i) => same(r, asked[i]))) return undefined;
  const [use, move, doNot] = plural ? ['use', 'move', 'do not'] : ['uses', 'moves', 'does not'];
  const times = (ratio: number) => `${Number(ratio.toPrecision(6))} times`;
  const ratio = rates[0] / asked[0];
  const askedNonZero = asked.every((a) => a !== 0);
  const uphill = askedNonZero && rates.every((r, i) => same(r / asked[i], -1));
  if (uphill) return `${subject} ${move} up the gradient: by learningRate × the gradient, but uphill.`;
  if (askedNonZero && rates.every((r, i) => same(r * asked[i], 1)))
    return `${subject} ${move} by the gradient divided by learningRate.`;
  if (new Set(asked).size === 1)
    return `${subject} ${use} η ${quoted(rates[0])} where learningRate is ${asked[0]}${askedNonZero ? ` (${times(ratio)} it)` : ''}.`;
  if (rates.every((r) => same(r, rates[0])))
    return rates[0] === 0
      ? `${subject} ${doNot} move at all, whatever learningRate says.`
      : `${subject} ${use} η ${quoted(rates[0])} whatever learningRate says.`;
  if (askedNonZero && rates.every((r, i) => same(r / asked[i], ratio)))
    return `${subject} ${move} ${times(ratio)} learningRate × the gradient.`;
  return undefined;
}

/**
 * 02's slips whose answers are a crash or NaN on every probe that runs the gradient. Made inline in
 * a step or a loop, nothing of them can be read but the crash, which any other crash would match,
 * so they are not lifted.
 */
export const CRASHES = ['loop-past-the-end', 'loop-past-the-end-nan'];

/** A lower exercise's slip made inline (its knob is prefixed by `liftSlip`). */
const isInline = (s: { knob: string }) => /^(gradient|cost)-/.test(s.knob);

/**
 * Whether two slips of a step (or of a loop that holds one) make a mistake worth naming together.
 * A slip of a lower exercise's formula made inline goes at most with an order of the updates (seed
 * 002's sequential update computes its own gradients), when `inlineWithOrder`: its other pairs are
 * the lower exercise's, or too rare to tell from the space's unrecognised ones. What the step
 * returns as a whole does not go with what it returns for one parameter, which overrides it, and
 * returning the move does not go with one parameter's own rate.
 */
export function stepSlipsCompose(
  a: { id: string; knob: string },
  b: { id: string; knob: string },
  inlineWithOrder = true,
): boolean {
  if (isInline(a) || isInline(b))
    return inlineWithOrder && !(isInline(a) && isInline(b)) && (a.knob === 'order' || b.knob === 'order');
  const [whole, other] = a.knob === 'returns' ? [a, b] : [b, a];
  if (whole.knob !== 'returns') return true;
  return !/^returns-[mb]$/.test(other.knob) && !(RETURNS_THE_MOVE.has(whole.id) && ONE_PARAMETER.has(other.id));
}

/** Slips of one parameter's rate, and slips that return the move: together, a rate of 1 in one field returns that field's partial derivative, a slip of its own. */
const ONE_PARAMETER = new Set(['hardcoded-rate-m', 'hardcoded-rate-b']);
const RETURNS_THE_MOVE = new Set(['returns-move', 'returns-change']);
