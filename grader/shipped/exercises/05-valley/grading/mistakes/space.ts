import fc from 'fast-check';
import type { Vec2 } from '../../../../../../exercises/types';
import { sampled } from '../../../../../mistake-space/inputs';
import {
  slipMaker,
  type Evidence,
  type FingerprintInput,
  type MistakeSpace,
  type Slip,
} from '../../../../../mistake-space/space';
import { bowlGradient, descendInputs, pointInputs, VALLEY_BOWL, type Bowl } from '../../public-checks';
import { describeValley } from './describe';
import { valleyMistakes as words } from './index';
import {
  descendOf,
  REFERENCE,
  valleyGradientOf,
  valleyOf,
  type GradientTerms,
  type ValleyModel,
  type ValleyTerms,
} from './model';
import {
  gradientTermsOf,
  gradientTermsOfConfig,
  gradientTermsText,
  sameGradientTerms,
  sameValleyTerms,
  valleyTermsOf,
  valleyTermsOfConfig,
  valleyTermsText,
} from './terms';

export type { ValleyModel } from './model';

const slip = slipMaker<ValleyModel>();

/** A number as a student would write it: 0.07, not 0.07000000000000001. */
const shown = (value: number) => String(Number(value.toPrecision(6)));

type Path = readonly Vec2[];
const isPath = (value: unknown): value is Path =>
  Array.isArray(value) && value.every((p) => p && typeof p.x === 'number' && typeof p.y === 'number');

/** How far apart two paths are, relative to their size; Infinity when their lengths differ. */
function pathDistance(a: Path, b: Path): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  a.forEach((p, i) => {
    const q = b[i];
    worst = Math.max(worst, Math.abs(p.x - q.x) / (1 + Math.abs(q.x)), Math.abs(p.y - q.y) / (1 + Math.abs(q.y)));
  });
  return Number.isNaN(worst) ? Infinity : worst;
}

/** A configuration's descend, as `evaluate` calls it. */
const descending = (config: ValleyModel) => ({
  descend: (gradient: (p: Vec2) => Vec2, start: Vec2, learningRate: number, iterations: number) =>
    descendOf(config, gradient, start, learningRate, iterations),
});

/** A descend probe's arguments with the gradient made a function, as the door hands them to student code. */
type DescendCall = [(p: Vec2) => Vec2, Vec2, number, number];

/**
 * The value of one parameter of the descent (a hard-coded rate, a decay factor) that the student's
 * paths show, or undefined when no value above 0 comes close (neither changes a path's length, so
 * a path of another length than the model's fits nothing). Each coordinate of the first points of
 * each path gives a candidate, read as if the model's point moved in proportion to the
 * parameter between its values at 0 and at 1: exact for a point one step after the parameter
 * first acts (a hard-coded rate after one step, a decay factor after two), whatever else the
 * mistake does to the path. The candidate whose paths come closest to the student's on every
 * descend probe wins.
 */
function fitParameter(
  config: ValleyModel,
  evidence: Evidence,
  withValue: (config: ValleyModel, value: number) => ValleyModel,
): ValleyModel | undefined {
  const calls = evidence.probes
    .flatMap((probe, i) => {
      const answer = evidence.answers[i];
      if (probe.request.fn !== 'descend' || !answer?.ok || !isPath(answer.value)) return [];
      const [spec, start, learningRate, iterations] = probe.request.args as [{ $gradient: Bowl }, Vec2, number, number];
      const args: DescendCall = [bowlGradient(spec.$gradient), start, learningRate, iterations];
      return [{ args, path: answer.value }];
    })
    .sort((a, b) => a.path.length - b.path.length);
  const [atZero, atOne] = [withValue(config, 0), withValue(config, 1)];
  const candidates = new Set<number>();
  for (const { args, path } of calls) {
    const [zero, one] = [descendOf(atZero, ...args), descendOf(atOne, ...args)];
    if (path.length !== one.length) return undefined;
    for (let j = 0; j < Math.min(path.length, FITTED_POINTS); j++)
      for (const axis of ['x', 'y'] as const)
        candidates.add(Number(((path[j][axis] - zero[j][axis]) / (one[j][axis] - zero[j][axis])).toPrecision(14)));
  }
  let best: { config: ValleyModel; distance: number } | undefined;
  for (const value of candidates) {
    if (!(value > 0) || !Number.isFinite(value)) continue;
    const candidate = withValue(config, value);
    let distance = 0;
    for (const { args, path } of calls) {
      distance = Math.max(distance, pathDistance(path, descendOf(candidate, ...args)));
      if (distance > CLOSE_ENOUGH) break;
    }
    if (distance <= CLOSE_ENOUGH && (!best || distance < best.distance)) best = { config: candidate, distance };
  }
  return best?.config;
}

/** How many points of each path give candidates: the parameter shows by the third. */
const FITTED_POINTS = 4;

/** How far a fitted parameter's paths may be from the student's (relative): rounding, not a different walk. */
const CLOSE_ENOUGH = 1e-9;

const hardCodedRate = slip(
  'hard-coded-rate',
  'rate',
  { rate: 'constant', constantRate: 0.01 },
  (c) =>
    c.constantRate === 1
      ? {
          name: 'descend ignores learningRate: each step subtracts the whole gradient',
          explanation:
            'Your steps move by the gradient itself, as if η were 1, whatever learningRate says. On the valley η = 1 is above the limit 2/3, so the walk runs away; on other bowls it overshoots too.',
          hint: 'Is the learningRate parameter used anywhere in your loop?',
        }
      : {
          name: `Your steps use η = ${shown(c.constantRate)} whatever learningRate says`,
          explanation: `Your descend moves each point by ${shown(c.constantRate)} times the gradient, a rate fixed in your code, instead of the learningRate it is given. It walks the right path only when learningRate happens to be ${shown(c.constantRate)}.`,
          hint: 'Is the learningRate parameter used anywhere in your loop?',
        },
  (c, evidence) => fitParameter(c, evidence, (config, constantRate) => ({ ...config, constantRate })),
);

/** A rate fixed in the code for one coordinate's update, the other using learningRate; η = 1 there is `rate-missing-on-…`. */
const hardCodedRateOn = (axis: 'x' | 'y') =>
  slip(
    `hard-coded-rate-on-${axis}`,
    'rate',
    { rate: axis === 'x' ? 'constant-on-x' : 'constant-on-y', constantRate: 0.01 },
    (c) => ({
      name: `Your update of ${axis} uses η = ${shown(c.constantRate)} whatever learningRate says`,
      explanation: `Your ${axis} moves by ${shown(c.constantRate)} times its slope, a rate fixed in your code, while ${axis === 'x' ? 'y' : 'x'} uses learningRate as it should. The two coordinates then move at different rates, except when learningRate happens to be ${shown(c.constantRate)}.`,
      hint: `Compare the rate in your update of ${axis} with the one in your update of ${axis === 'x' ? 'y' : 'x'}.`,
    }),
    (c, evidence) => {
      const fit = fitParameter(c, evidence, (config, constantRate) => ({ ...config, constantRate }));
      return fit && fit.constantRate !== 1 ? fit : undefined;
    },
  );

const decayingRate = slip(
  'rate-decays',
  'rate',
  { rate: 'decay', decayFactor: 0.9 },
  (c) => ({
    name: `Your rate is multiplied by ${shown(c.decayFactor)} after every step`,
    explanation: `Your first step uses learningRate, and each later one ${shown(c.decayFactor)} times the rate before it (learningRate·${shown(c.decayFactor)}ᵏ at step k): a decaying schedule. Plain gradient descent uses the same rate η for every step.`,
    hint: 'Does anything in your loop change the rate between one step and the next?',
  }),
  (c, evidence) => fitParameter(c, evidence, (config, decayFactor) => ({ ...config, decayFactor })),
);

/** Every configuration a family's slips make alone or two together (knobs starting with `prefix`), and the reference. */
function familyConfigs(prefix: string, except: string): ValleyModel[] {
  const slips = valleySpace.slips.filter((s) => s.knob.startsWith(prefix) && s.knob !== except);
  const configs = [REFERENCE, ...slips.map((s) => s.apply(REFERENCE))];
  for (const a of slips) for (const b of slips) if (a.knob < b.knob) configs.push(b.apply(a.apply(REFERENCE)));
  return configs;
}

let namedValleys: readonly ValleyTerms[] | undefined;
let namedGradients: readonly GradientTerms[] | undefined;

/** A valley whose terms are read off the answers; never one that the valley's own slips, alone or two together, already name. */
const valleyTerms = slip(
  'valley-terms',
  'valley-terms',
  { valleyTerms: [0, 1, 1, 1, 0] },
  (c) => valleyTermsText(c.valleyTerms!),
  (c, evidence) => {
    const terms = valleyTermsOf(evidence);
    namedValleys ??= familyConfigs('valley-', 'valley-terms')
      .map(valleyTermsOfConfig)
      .filter((terms): terms is ValleyTerms => !!terms);
    return terms && !namedValleys.some((named) => sameValleyTerms(named, terms))
      ? { ...c, valleyTerms: terms }
      : undefined;
  },
);

/** A gradient whose fields are read off the answers; never one that the gradient's own slips, alone or two together, already name. */
const gradientTerms = slip(
  'gradient-terms',
  'gradient-terms',
  {
    gradientTerms: [
      [3, 0, 0],
      [1, 2, 0],
    ],
  },
  (c) => gradientTermsText(c.gradientTerms!),
  (c, evidence) => {
    const terms = gradientTermsOf(evidence);
    namedGradients ??= familyConfigs('gradient-', 'gradient-terms')
      .map(gradientTermsOfConfig)
      .filter((terms): terms is GradientTerms => !!terms);
    return terms && !namedGradients.some((named) => sameGradientTerms(named, terms))
      ? { ...c, gradientTerms: terms }
      : undefined;
  },
);

let fingerprints: readonly FingerprintInput[] | undefined;

/**
 * Valley and gradient points (some at fractions, where `^` shows), and walks on the valley and on
 * random other bowls from random starts, rates and step counts; sampled once per process.
 */
function fingerprintInputs(): readonly FingerprintInput[] {
  const fractions = fc.record({
    x: fc.double({ min: -9, max: 9, noNaN: true }),
    y: fc.double({ min: -9, max: 9, noNaN: true }),
  });
  const valleyWalks = fc.record({
    start: pointInputs.map(({ p }) => p),
    learningRate: fc.integer({ min: 1, max: 19 }).map((k) => k / 30),
    iterations: fc.integer({ min: 0, max: 8 }),
  });
  return (fingerprints ??= [
    ...sampled(pointInputs, 12).map(({ p }) => ({ fn: 'valley' as const, args: [p] })),
    ...sampled(fractions, 6, 5).map((p) => ({ fn: 'valley' as const, args: [p] })),
    ...sampled(pointInputs, 12, 3).map(({ p }) => ({ fn: 'valleyGradient' as const, args: [p] })),
    ...sampled(descendInputs, 16).map((i) => ({
      fn: 'descend' as const,
      args: [{ $gradient: i.bowl }, i.start, i.learningRate, Math.min(i.iterations, 9)],
    })),
    ...sampled(valleyWalks, 6, 11).map((i) => ({
      fn: 'descend' as const,
      args: [{ $gradient: VALLEY_BOWL }, i.start, i.learningRate, i.iterations],
    })),
  ]);
}

/** The export a slip changes, by its knob. */
const exportOf = (s: Slip<ValleyModel>) =>
  s.knob.startsWith('valley-') ? 'valley' : s.knob.startsWith('gradient-') ? 'valleyGradient' : 'descend';

/**
 * Pairs that behave as one coordinate that never moves with a rate hard-coded for both: when x
 * stays, a rate fixed for y alone (1 when η is missing) is a rate fixed for every step, and that
 * slip already names it.
 */
const SAME_AS_A_HARD_CODED_RATE = [
  ['x-never-moves', 'rate-missing-on-y'],
  ['y-never-moves', 'rate-missing-on-x'],
  ['x-never-moves', 'hard-coded-rate-on-y'],
  ['y-never-moves', 'hard-coded-rate-on-x'],
] as const;

/**
 * The mistakes of 05-valley: the valley's formula, its gradient's, and the descent's parts (the
 * direction, the gradient it follows, where it is evaluated, the rate, each coordinate's update,
 * the number of steps, which points the path holds and whether they are shared objects), each
 * changed alone or two at a time within one export: the grader joins slips of different exports
 * export by export, so only descend calling valleyGradient makes a pair across them; a start
 * copied with one field read from the other is rare enough to be named alone. The rate's
 * slips come last, so a fitted rate is read off with every other slip of the mistake already made.
 */
export const valleySpace: MistakeSpace<ValleyModel> = {
  exercise: '05-valley',
  reference: REFERENCE,
  knobs: {
    'valley-squares': 'how valley writes x² and y²',
    'valley-cross': "valley's cross term x·y",
    'valley-terms': "valley's terms read as a polynomial off your answers",
    'gradient-terms': "the gradient's fields read as linear functions off your answers",
    'gradient-squares': 'the factor 2 the squares leave in the gradient',
    'gradient-cross': 'what the cross term x·y leaves in each partial derivative',
    'gradient-outputs': 'which partial derivative goes in which field',
    'gradient-sign': "the gradient's sign",
    direction: "the step's direction (down or up the gradient)",
    source: 'which gradient function descend calls',
    evaluation: 'where each gradient is evaluated, and the order x and y move in',
    'update-x': "what x's update is built from",
    'update-y': "what y's update is built from",
    update: 'how the new point is put together',
    start: 'how descend copies start',
    steps: 'the number of steps',
    path: 'which points the path holds',
    aliasing: 'point objects shared between entries of the path',
    rate: 'the learning rate of each step (ignored, a constant, a schedule)',
  },
  implement: (c) => ({
    valley: (p: Vec2) => valleyOf(c, p),
    valleyGradient: (p: Vec2) => valleyGradientOf(c, p),
    ...descending(c),
  }),
  slips: [
    slip('caret-for-power', 'valley-squares', { squares: 'caret' }, words['caret-for-power']),
    slip(
      'caret-for-power-parenthesised',
      'valley-squares',
      { squares: 'caret-parenthesised' },
      {
        name: 'You wrote (x ^ 2) for x squared',
        explanation:
          'In TypeScript `^` is bitwise XOR on whole numbers, not a power: (x ^ 2) flips one bit of x, cut to an integer. Your valley adds those numbers to x·y, so it is wrong at almost every point, and badly wrong at fractions.',
        hint: 'How do you write x squared in TypeScript?',
      },
    ),
    slip(
      'valley-doubles-instead-of-squaring',
      'valley-squares',
      { squares: 'doubled' },
      {
        name: 'Your valley doubles x and y instead of squaring them',
        explanation:
          'Your valley computes 2x + x·y + 2y: x² became x·2. The valley is x² + x·y + y², so it grows like the square of the distance from the origin and is never negative.',
        hint: 'Compare each term of your valley with x² + x·y + y² at a point such as (3, −1).',
      },
    ),
    slip(
      'valley-drops-cross-term',
      'valley-cross',
      { cross: 0 },
      {
        name: 'Your valley leaves out the cross term x·y',
        explanation:
          'Your valley computes x² + y², a round bowl. The valley of the README is x² + x·y + y²: the x·y term tilts the bowl, and it is why the descent has two different rates along (1, 1) and (1, −1).',
        hint: 'Count the terms of f(x, y) in the README and in your code.',
      },
    ),
    slip(
      'valley-doubles-cross-term',
      'valley-cross',
      { cross: 2 },
      {
        name: 'Your valley has the cross term twice: x² + 2xy + y²',
        explanation:
          'Your valley computes x² + 2·x·y + y², which is (x + y)². The valley has x·y once, so yours is too large wherever x and y have the same sign, and it is 0 along the whole line y = −x instead of only at the origin.',
        hint: 'Check the factor in front of x·y against the README, and beware of (x + y)².',
      },
    ),
    slip(
      'valley-cross-term-sign',
      'valley-cross',
      { cross: -1 },
      {
        name: 'Your valley subtracts the cross term: x² − xy + y²',
        explanation:
          'Your valley computes x² − x·y + y². The valley adds x·y; with the sign flipped the bowl tilts the other way, so the two agree only where x or y is 0.',
        hint: 'Check the sign in front of x·y against the README.',
      },
    ),
    valleyTerms,
    slip('gradient-missing-factor-2', 'gradient-squares', { squareSlope: 1 }, words['gradient-missing-factor-2']),
    slip(
      'gradient-missing-cross-term',
      'gradient-cross',
      { crossSlope: 'none' },
      {
        name: "Your valley gradient leaves out the cross term's part: it returns (2x, 2y)",
        explanation:
          'Your valleyGradient is the gradient of x² + y²: the term x·y also has a derivative, y with respect to x and x with respect to y, and it is missing from both partials.',
        hint: 'Differentiate x·y with respect to x, treating y as a constant: what is left?',
      },
    ),
    slip(
      'gradient-doubles-cross-term',
      'gradient-cross',
      { crossSlope: 'twice' },
      {
        name: 'Your valley gradient counts the cross term twice: (2x + 2y, 2x + 2y)',
        explanation:
          'Your valleyGradient is the gradient of x² + 2·x·y + y². In x² + x·y + y² the term x·y contributes y to ∂f/∂x and x to ∂f/∂y, once each.',
        hint: 'Differentiate x·y with respect to x, treating y as a constant: what is left?',
      },
    ),
    slip(
      'gradient-cross-term-sign',
      'gradient-cross',
      { crossSlope: 'minus' },
      {
        name: "Your valley gradient subtracts the cross term's part: (2x − y, 2y − x)",
        explanation:
          'Your partial derivatives subtract what x·y contributes. The valley adds x·y, so its derivative adds y to ∂f/∂x and x to ∂f/∂y.',
        hint: 'Check the sign of each term in your partial derivatives against the function you differentiate.',
      },
    ),
    slip('swapped-partials', 'gradient-outputs', { swapPartials: true }, words['swapped-partials']),
    slip(
      'gradient-wrong-sign',
      'gradient-sign',
      { gradientSign: -1 },
      {
        name: 'Your valley gradient points downhill: (−2x − y, −x − 2y)',
        explanation:
          'Your valleyGradient returns minus the gradient. The gradient is the direction in which f grows fastest; the minus sign belongs to the descent step, not to the gradient.',
        hint: 'At (1, 0), does f grow or shrink as x grows? Compare with the sign of your x field there.',
      },
    ),
    gradientTerms,
    slip('descend-adds-gradient', 'direction', { directionX: 1, directionY: 1 }, words['descend-adds-gradient']),
    slip(
      'x-climbs',
      'direction',
      { directionX: 1 },
      {
        name: 'descend adds the gradient to x (y is right)',
        explanation:
          'Your update of x moves it along +η·∂f/∂x, uphill, while y moves downhill as it should: one sign in the x update is flipped.',
        hint: 'Compare the sign in your update of x with the one in your update of y.',
      },
    ),
    slip(
      'y-climbs',
      'direction',
      { directionY: 1 },
      {
        name: 'descend adds the gradient to y (x is right)',
        explanation:
          'Your update of y moves it along +η·∂f/∂y, uphill, while x moves downhill as it should: one sign in the y update is flipped.',
        hint: 'Compare the sign in your update of y with the one in your update of x.',
      },
    ),
    slip('descend-ignores-gradient', 'source', { source: 'valley' }, words['descend-ignores-gradient']),
    slip(
      'gradient-at-start',
      'evaluation',
      { evaluation: 'start' },
      {
        name: 'descend takes every gradient at the start point',
        explanation:
          'Your descend evaluates the gradient at start, once, and takes every step with it, so the walk goes in a straight line by equal steps. Each step must use the gradient at the point it starts from.',
        hint: 'Which point do you pass to the gradient function inside your loop, and does it change from one step to the next?',
      },
    ),
    slip(
      'gradient-at-previous-point',
      'evaluation',
      { evaluation: 'previous' },
      {
        name: 'descend uses each gradient one step late',
        explanation:
          'From the second step on, your step k uses the gradient of the point before pₖ, not of pₖ itself: the gradient is refreshed after it is used, so the walk always steers by where it was.',
        hint: 'Inside one pass of your loop, is the gradient you subtract the gradient at the point you move from?',
      },
    ),
    slip('descend-sequential-update', 'evaluation', { evaluation: 'x-first' }, words['descend-sequential-update']),
    slip(
      'descend-sequential-update-y-first',
      'evaluation',
      { evaluation: 'y-first' },
      {
        name: "descend updates y first, then takes x's slope at the new y",
        explanation:
          'Your descend moves y, then evaluates the gradient again at the new y to move x. That is a different algorithm from gradient descent, which moves both coordinates with the gradient at the same point.',
        hint: 'Evaluate the gradient once per step, at the current point, and move both coordinates with it.',
      },
    ),
    slip(
      'y-step-uses-x-slope',
      'update-y',
      { updateY: 'other-slope' },
      {
        name: "descend moves y with the gradient's x component",
        explanation:
          "Your update of y subtracts η times the gradient's x field instead of its y field, so y moves as if it had x's slope.",
        hint: 'Read your update of y: which component of the gradient does it use?',
      },
    ),
    slip(
      'steps-swap-slopes',
      'update',
      { update: 'swapped-slopes' },
      {
        name: "descend moves x with the gradient's y component, and y with its x component",
        explanation:
          "Your update pairs each coordinate with the other one's partial derivative. Each coordinate moves against its own partial derivative.",
        hint: 'Match each coordinate with the partial derivative taken with respect to it.',
      },
    ),
    slip(
      'y-step-from-x',
      'update-y',
      { updateY: 'from-other' },
      {
        name: 'descend computes the new y from the old x',
        explanation:
          "Your update of y starts from the point's x instead of its y, so after one step y has forgotten where it was. Each coordinate moves from its own old value.",
        hint: 'Read your update of y: which coordinate does it start from?',
      },
    ),
    slip(
      'x-step-uses-y-slope',
      'update-x',
      { updateX: 'other-slope' },
      {
        name: "descend moves x with the gradient's y component",
        explanation:
          "Your update of x subtracts η times the gradient's y field instead of its x field, so x moves as if it had y's slope.",
        hint: 'Read your update of x: which component of the gradient does it use?',
      },
    ),
    slip(
      'x-step-from-y',
      'update-x',
      { updateX: 'from-other' },
      {
        name: 'descend computes the new x from the old y',
        explanation:
          "Your update of x starts from the point's y instead of its x, so after one step x has forgotten where it was. Each coordinate moves from its own old value.",
        hint: 'Read your update of x: which coordinate does it start from?',
      },
    ),
    slip(
      'x-step-reversed',
      'update-x',
      { updateX: 'reversed' },
      {
        name: 'descend writes the new x as η·gₓ − x, the difference the wrong way round',
        explanation:
          "Your new x is the step minus the old x instead of the old x minus the step, so x's sign flips at every step while it moves.",
        hint: 'In your update of x, which value is subtracted from which?',
      },
    ),
    slip(
      'y-step-reversed',
      'update-y',
      { updateY: 'reversed' },
      {
        name: 'descend writes the new y as η·gᵧ − y, the difference the wrong way round',
        explanation:
          "Your new y is the step minus the old y instead of the old y minus the step, so y's sign flips at every step while it moves.",
        hint: 'In your update of y, which value is subtracted from which?',
      },
    ),
    slip(
      'x-step-drops-slope',
      'update-x',
      { updateX: 'rate-only' },
      {
        name: 'descend moves x by η alone, without its slope',
        explanation:
          'Your update of x subtracts learningRate itself, not learningRate times ∂f/∂x, so x moves by the same amount at every step, whatever the slope.',
        hint: 'Read your update of x: what multiplies the learning rate?',
      },
    ),
    slip(
      'y-step-drops-slope',
      'update-y',
      { updateY: 'rate-only' },
      {
        name: 'descend moves y by η alone, without its slope',
        explanation:
          'Your update of y subtracts learningRate itself, not learningRate times ∂f/∂y, so y moves by the same amount at every step, whatever the slope.',
        hint: 'Read your update of y: what multiplies the learning rate?',
      },
    ),
    slip(
      'x-step-is-the-move',
      'update-x',
      { updateX: 'move-only' },
      {
        name: 'descend sets x to the move, −η·∂f/∂x, instead of moving x by it',
        explanation:
          'Your new x is the step alone: the old x is left out of the update, so x forgets where it was after every step.',
        hint: 'What do you subtract the step from in your update of x?',
      },
    ),
    slip(
      'y-step-is-the-move',
      'update-y',
      { updateY: 'move-only' },
      {
        name: 'descend sets y to the move, −η·∂f/∂y, instead of moving y by it',
        explanation:
          'Your new y is the step alone: the old y is left out of the update, so y forgets where it was after every step.',
        hint: 'What do you subtract the step from in your update of y?',
      },
    ),

    slip(
      'step-swaps-fields',
      'update',
      { update: 'swapped-fields' },
      {
        name: 'descend stores the new x in y and the new y in x',
        explanation:
          'Each new point your loop makes has its two fields swapped: x holds y − η·gᵧ and y holds x − η·gₓ, so every step also reflects the point across the line y = x.',
        hint: 'Read the object your loop builds for the new point: which value goes in which field?',
      },
    ),
    slip(
      'start-y-from-x',
      'start',
      { startCopy: 'y-from-x' },
      {
        name: "descend's first point takes the start's x for both coordinates",
        explanation:
          'Your copy of start is (start.x, start.x): its y field reads x. The walk then begins from that point instead of start, so every point of the path is off.',
        hint: 'Read the line where you copy start: which field does each coordinate come from?',
      },
    ),
    slip(
      'start-x-from-y',
      'start',
      { startCopy: 'x-from-y' },
      {
        name: "descend's first point takes the start's y for both coordinates",
        explanation:
          'Your copy of start is (start.y, start.y): its x field reads y. The walk then begins from that point instead of start, so every point of the path is off.',
        hint: 'Read the line where you copy start: which field does each coordinate come from?',
      },
    ),
    slip(
      'start-swapped',
      'start',
      { startCopy: 'swapped' },
      {
        name: "descend's first point swaps the start's x and y",
        explanation:
          'Your copy of start is (start.y, start.x). The walk then begins from the mirror image of start across the line y = x, so every point of the path is off.',
        hint: 'Read the line where you copy start: which field does each coordinate come from?',
      },
    ),

    slip(
      'steps-from-start',
      'update',
      { update: 'from-start' },
      {
        name: 'descend takes every step from the start point',
        explanation:
          'Your new point is start − η·g instead of pₖ − η·g: each step moves away from the start, not from the point reached so far, so the walk never gets further than one step from where it began.',
        hint: 'Which point do you subtract the step from inside your loop?',
      },
    ),
    slip(
      'x-never-moves',
      'update-x',
      { updateX: 'stays' },
      {
        name: 'descend never moves x',
        explanation:
          "Your new point keeps the old x and moves only y, so every point of the path has the start's x. Each step moves both coordinates against their partial derivatives.",
        hint: 'Read the x of the new point your loop makes: does anything change it?',
      },
    ),
    slip(
      'y-never-moves',
      'update-y',
      { updateY: 'stays' },
      {
        name: 'descend never moves y',
        explanation:
          "Your new point keeps the old y and moves only x, so every point of the path has the start's y. Each step moves both coordinates against their partial derivatives.",
        hint: 'Read the y of the new point your loop makes: does anything change it?',
      },
    ),
    slip(
      'steps-return-move',
      'update',
      { update: 'move-not-point' },
      {
        name: 'descend records the move, not the new point',
        explanation:
          'Your new point is −η·g, the step itself, instead of the old point minus the step: the walk forgets where it was after every step.',
        hint: 'What do you subtract the step from?',
      },
    ),
    slip(
      'one-step-short',
      'steps',
      { extraSteps: -1 },
      {
        name: 'descend takes one step fewer than iterations',
        explanation:
          'Your loop runs iterations − 1 times, so the path has iterations points and ends one step early. iterations steps make iterations + 1 points, the start included.',
        hint: "Check your loop's condition against the number of steps asked for.",
      },
    ),
    slip(
      'one-step-too-many',
      'steps',
      { extraSteps: 1 },
      {
        name: 'descend takes one step more than iterations',
        explanation:
          'Your loop runs iterations + 1 times, so the path has iterations + 2 points. iterations steps make iterations + 1 points, the start included.',
        hint: "Check your loop's condition against the number of steps asked for: what does it do with 0 iterations?",
      },
    ),
    slip('path-missing-start', 'path', { path: 'missing-start' }, words['path-missing-start']),
    slip(
      'path-pushes-before-step',
      'path',
      { path: 'pushes-before-step' },
      {
        name: "descend's path has the start twice and misses the last point",
        explanation:
          'Your path begins with start and then, in the loop, records each point before stepping away from it: the start appears twice and the point reached by the last step never enters the path.',
        hint: 'In your loop, is the point you record the one before the step or the one after it?',
      },
    ),
    slip(
      'path-missing-last',
      'path',
      { path: 'missing-last' },
      {
        name: "descend's path stops before the last point",
        explanation:
          'Your loop records each point before stepping away from it, so the path holds p₀ … pₙ₋₁: the point reached by the last step is missing, and with 0 iterations the path is empty.',
        hint: 'What should descend return when iterations is 0, and when it is 1?',
      },
    ),
    slip(
      'path-start-twice',
      'path',
      { path: 'start-twice' },
      {
        name: "descend's path holds the start twice",
        explanation:
          'Your path begins with start twice, then every point of the walk, so it has iterations + 2 points. The start belongs in the path once.',
        hint: 'What should descend return when iterations is 0?',
      },
    ),
    slip(
      'path-last-unset',
      'path',
      { path: 'last-unset' },
      {
        name: "descend's path ends with (0, 0) instead of its last point",
        explanation:
          'Your path has the right length, but its last entry is (0, 0): the slot made for the last point is never written, because the loop stops one step before it. Every other point is right.',
        hint: "Check your loop's condition against the number of slots your path has.",
      },
    ),

    slip(
      'path-aliases-one-point',
      'aliasing',
      { aliasing: 'one-object' },
      {
        name: 'Every point of your path is the same object',
        explanation:
          'Your descend adds one point object to the path again and again and changes its x and y in place after each step. The path holds many references to that one object, so every entry shows where the walk ended, the start included. The walk itself may be right; the path does not record it.',
        hint: 'When you add a point to the path, does the path keep a copy, or the object you go on changing? Try making a new object for each point.',
      },
    ),
    slip(
      'path-aliases-after-start',
      'aliasing',
      { aliasing: 'after-start' },
      {
        name: 'Every point of your path after the start is the same object',
        explanation:
          'Your path starts with its own copy of start, but after that your descend adds one point object again and again and changes its x and y in place. Every entry after the first shows where the walk ended.',
        hint: 'When you add a point to the path, does the path keep a copy, or the object you go on changing? Try making a new object for each point.',
      },
    ),
    slip(
      'path-start-moved',
      'aliasing',
      { aliasing: 'start-moved' },
      {
        name: "descend's first point is changed in place as the walk goes on",
        explanation:
          "Your path's first entry is the object your loop keeps changing, so by the end it holds the last point instead of the start. The other points were copied and are right.",
        hint: 'Does your loop change the x and y of an object that is already in the path (or of start itself)? Work on a copy.',
      },
    ),
    hardCodedRate,
    hardCodedRateOn('x'),
    hardCodedRateOn('y'),
    slip(
      'rate-shrinks-inverse-time',
      'rate',
      { rate: 'inverse-time' },
      {
        name: 'Your steps shrink as learningRate/(k + 1)',
        explanation:
          'Your first step uses learningRate, the second half of it, the third a third: step k uses learningRate/(k + 1). Plain gradient descent uses the same rate for every step; the steps get shorter only because the gradient does near the minimum.',
        hint: 'Does the rate in your update depend on the loop counter?',
      },
    ),
    decayingRate,
    slip(
      'divides-by-rate',
      'rate',
      { rate: 'divides' },
      {
        name: 'descend divides the gradient by the learning rate',
        explanation:
          'Your steps move by g/η instead of η·g, so a smaller learning rate makes a bigger step. The learning rate scales the step: pₖ − η·g(pₖ).',
        hint: 'What should a learning rate of 0 do to the walk?',
      },
    ),
    slip(
      'rate-missing-on-x',
      'rate',
      { rate: 'missing-on-x' },
      {
        name: "descend's update of x leaves out the learning rate",
        explanation:
          'Your y moves by η·gᵧ but your x by the whole gₓ: the learning rate is missing from one of the two updates, so x jumps much further than y.',
        hint: 'Compare your update of x with your update of y, term by term.',
      },
    ),
    slip(
      'rate-missing-on-y',
      'rate',
      { rate: 'missing-on-y' },
      {
        name: "descend's update of y leaves out the learning rate",
        explanation:
          'Your x moves by η·gₓ but your y by the whole gᵧ: the learning rate is missing from one of the two updates, so y jumps much further than x.',
        hint: 'Compare your update of y with your update of x, term by term.',
      },
    ),
  ],
  fingerprintInputs,
  composable: (a, b) => {
    const ids = new Set([a.id, b.id]);
    if (a.knob === 'start' || b.knob === 'start') return false;
    if (exportOf(a) !== exportOf(b))
      return ids.has('descend-ignores-gradient') && [a, b].some((s) => exportOf(s) === 'valleyGradient');
    const readOffTogether = (['valley-', 'gradient-'] as const).some(
      (family) =>
        a.knob.startsWith(family) &&
        b.knob.startsWith(family) &&
        (a.knob === `${family}terms` || b.knob === `${family}terms`),
    );
    return !readOffTogether && !SAME_AS_A_HARD_CODED_RATE.some(([p, q]) => ids.has(p) && ids.has(q));
  },
  describe: describeValley,
};
