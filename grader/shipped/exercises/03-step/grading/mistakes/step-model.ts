import type { Gradient, Line, Point } from '../../../../../../exercises/types';
import type { ExportName } from '../../../../contract/exercises';
import { textOf, type Evidence, type Implementation, type Slip, type SlipText } from '../../../../../mistake-space/space';
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
  /** Which partial derivative moves m ('none': m never moves). */
  readonly mMovesBy: 'dm' | 'db' | 'none';
  /** Which partial derivative moves b ('none': b never moves). */
  readonly bMovesBy: 'db' | 'dm' | 'none';
  /**
   * What is returned: the new line; η·(dm, db), the size of the move; the change itself, ∓η·(dm, db);
   * the line it was given; the new line with m and b swapped.
   */
  readonly returns: 'new-line' | 'move-size' | 'change' | 'old-line' | 'swapped';
  /** The gradient the step takes, as 02's model computes it (a slip there is a gradient worked out inline). */
  readonly gradient: GradientModel;
}

export const REFERENCE_STEP: StepModel = {
  rate: 'given',
  constant: 1e-4,
  decay: 0.9,
  power: 1,
  direction: -1,
  flipped: 'none',
  order: 'simultaneous',
  mMovesBy: 'dm',
  bMovesBy: 'db',
  returns: 'new-line',
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

const partial = (g: Gradient, which: 'dm' | 'db' | 'none') => (which === 'none' ? 0 : g[which]);

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
  const eta = rateOf(c, learningRate, k);
  const directionM = c.flipped === 'm' ? -c.direction : c.direction;
  const directionB = c.flipped === 'b' ? -c.direction : c.direction;
  const gradient = gradientOf(c.gradient);
  const first = gradient(points, gradientAt);
  let moveM: number;
  let moveB: number;
  if (c.order === 'm-first') {
    moveM = eta * partial(first, c.mMovesBy);
    moveB = eta * partial(gradient(points, { m: line.m + directionM * moveM, b: gradientAt.b }), c.bMovesBy);
  } else if (c.order === 'b-first') {
    moveB = eta * partial(first, c.bMovesBy);
    moveM = eta * partial(gradient(points, { m: gradientAt.m, b: line.b + directionB * moveB }), c.mMovesBy);
  } else {
    moveM = eta * partial(first, c.mMovesBy);
    moveB = eta * partial(first, c.bMovesBy);
  }
  const next = { m: line.m + directionM * moveM, b: line.b + directionB * moveB };
  switch (c.returns) {
    case 'new-line':
      return next;
    case 'move-size':
      return { m: moveM, b: moveB };
    case 'change':
      return { m: directionM * moveM, b: directionB * moveB };
    case 'old-line':
      return { m: line.m, b: line.b };
    case 'swapped':
      return { m: next.b, b: next.m };
  }
}

/** Where a model that holds a step keeps it: 03's model is the step, 04's holds one inside its loop. */
export interface StepLens<C> {
  get(config: C): StepModel;
  set(config: C, step: StepModel): C;
}

export const STEP_ITSELF: StepLens<StepModel> = { get: (c) => c, set: (_, step) => step };

/** The knobs of the step, in words. */
export const STEP_KNOBS = {
  rate: 'the learning rate (the one given, a constant, its reciprocal, a schedule)',
  direction: 'the direction of the step (down or up the gradient, for both parameters or one)',
  order: 'the order of the updates (simultaneous, or one parameter first)',
  'moved-by': 'which partial derivative moves which parameter',
  returns: 'what the step returns (the new line, the move, the old line)',
} as const;

/** The settings of the step its slips change, by slip id. */
export const STEP_CHANGES = {
  'adds-gradient': ['direction', { direction: 1 }],
  'm-climbs': ['direction', { flipped: 'm' }],
  'b-climbs': ['direction', { flipped: 'b' }],
  'sequential-update': ['order', { order: 'm-first' }],
  'sequential-b-first': ['order', { order: 'b-first' }],
  'wrong-parameter-gradient': ['moved-by', { mMovesBy: 'db', bMovesBy: 'dm' }],
  'm-moves-by-db': ['moved-by', { mMovesBy: 'db' }],
  'b-moves-by-dm': ['moved-by', { bMovesBy: 'dm' }],
  'forgets-b': ['moved-by', { bMovesBy: 'none' }],
  'forgets-m': ['moved-by', { mMovesBy: 'none' }],
  'divides-by-rate': ['rate', { rate: 'reciprocal' }],
  'returns-move': ['returns', { returns: 'move-size' }],
  'returns-change': ['returns', { returns: 'change' }],
  'returns-old-line': ['returns', { returns: 'old-line' }],
  'returns-swapped': ['returns', { returns: 'swapped' }],
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

/**
 * Reads a parameter off the student's answers: probe by probe, the value for which the first
 * number of the model's answer that depends on it equals the student's, found by the secant
 * method from two guesses (one step when the answer is affine in it, as one step is in its rate).
 * The model is the kit's own pure code and the probes' arguments plain data, so it is called
 * directly. The first value `accept` takes is returned, rounded to the fewest significant digits
 * (6, 10 or 15) that still reproduce the answer, so that a constant such as 0.003 reads as
 * written; the diagnosis then holds it to every probe.
 */
export function fitParameter<C>(
  implement: (config: C) => Implementation,
  withValue: (value: number) => C,
  evidence: Evidence,
  guesses: readonly [number, number],
  accept: (value: number) => boolean,
): C | undefined {
  const answerAt = (value: number, fn: ExportName, args: readonly unknown[]) => {
    try {
      return implement(withValue(value))[fn]?.(...args);
    } catch {
      return undefined;
    }
  };
  for (let i = 0; i < evidence.probes.length; i++) {
    const answer = evidence.answers[i];
    if (!answer?.ok) continue;
    const { fn, args } = evidence.probes[i].request;
    const numbersAt = (value: number) => {
      const at = answerAt(value, fn, args);
      return at === undefined ? undefined : pairedNumbers(at, answer.value);
    };
    const [low, high] = guesses.map(numbersAt);
    if (!low || !high) continue;
    const j = low.findIndex(([model], k) => model !== high[k][0]);
    if (j < 0) continue;
    const target = low[j][1];
    const residual = (value: number) => (numbersAt(value)?.[j][0] ?? NaN) - target;
    const tolerance = 1e-12 * Math.max(1, Math.abs(target));
    const found = secant(residual, guesses, tolerance);
    if (found === undefined) continue;
    const value = [6, 10, 15]
      .map((digits) => Number(found.toPrecision(digits)))
      .find((v) => Math.abs(residual(v)) <= tolerance);
    if (value !== undefined && accept(value)) return withValue(value);
  }
  return undefined;
}

function secant(f: (x: number) => number, [a, b]: readonly [number, number], tolerance: number): number | undefined {
  let [x0, x1] = [a, b];
  let [f0, f1] = [f(x0), f(x1)];
  for (let i = 0; i < 20; i++) {
    if (!Number.isFinite(f0) || !Number.isFinite(f1)) return undefined;
    if (Math.abs(f1) <= tolerance) return x1;
    if (f1 === f0) return undefined;
    const x2 = x1 - (f1 * (x1 - x0)) / (f1 - f0);
    [x0, f0, x1, f1] = [x1, f1, x2, f(x2)];
  }
  return undefined;
}

/**
 * The slip of a rate written into the code: the step ignores the rate it is given and uses a
 * constant, read off the student's answers (1 when the rate is left out altogether; never 0 or
 * below, which is no step, or a step uphill). `apply` gives it seed 000's 0.0001.
 */
export function constantRateSlip<C>(
  lens: StepLens<C>,
  implement: (config: C) => Implementation,
  text: (rate: number) => SlipText,
  id = 'hardcoded-rate',
): Slip<C> {
  const withRate = (c: C, constant: number) => lens.set(c, { ...lens.get(c), rate: 'constant', constant });
  return {
    id,
    knob: 'rate',
    text: (c) => text(lens.get(c).constant),
    apply: (c) => withRate(c, 1e-4),
    fit: (c, evidence) =>
      fitParameter(implement, (v) => withRate(c, v), evidence, [1e-6, 1e-5], (v) => Number.isFinite(v) && v > 1e-10),
  };
}

const SCHEDULES = {
  /** η·decay^k, the factor between 0.001 and 1 (a factor near 0 is a single step, a slip of its own). */
  decay: { typical: 0.9, guesses: [0.5, 0.9], accept: (v: number) => v > 1e-3 && v < 1 - 1e-9 },
  /** η/(k + 1)^power, the power above 0.05 (near 0 the rate hardly changes). */
  power: { typical: 1, guesses: [0.5, 1.5], accept: (v: number) => v > 0.05 && v <= 10 },
} as const;

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
  const { typical, guesses, accept } = SCHEDULES[schedule];
  const withValue = (c: C, value: number) => lens.set(c, { ...lens.get(c), rate: schedule, [schedule]: value });
  return {
    id,
    knob: 'rate',
    text: (c) => text(lens.get(c)[schedule]),
    apply: (c) => withValue(c, typical),
    fit: (c, evidence) => fitParameter(implement, (v) => withValue(c, v), evidence, guesses, accept),
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

/** Lifted gradient slips that only scale the gradient by a constant factor. */
const CONSTANT_SCALINGS = new Set(['gradient-missing-factor-2', 'gradient-factor-4']);

/** A lower exercise's slip made inline (its knob is prefixed by `liftSlip`). */
const isInline = (s: { knob: string }) => /^(gradient|cost)-/.test(s.knob);

/**
 * Whether two slips make a mistake worth naming together. Not two slips of a lower exercise's
 * formula made inline (that is the lower exercise's own pair, rarely written out by hand); and not
 * a constant rate written into the code with a gradient scaled by a constant, since the fitted
 * rate already absorbs it (0.001 with half the gradient is 0.0005 with all of it).
 */
export function stepSlipsCompose(a: { id: string; knob: string }, b: { id: string; knob: string }): boolean {
  const ids = [a.id, b.id];
  if (isInline(a) && isInline(b)) return false;
  return !(ids.includes('hardcoded-rate') && ids.some((id) => CONSTANT_SCALINGS.has(id)));
}
