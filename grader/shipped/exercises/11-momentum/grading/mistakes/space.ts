import type { Point, Vec2 } from '../../../../../../exercises/types';
import { sampled } from '../../../../../mistake-space/inputs';
import {
  slipMaker,
  type Evidence,
  type FingerprintInput,
  type MistakeSpace,
  type Slip,
} from '../../../../../mistake-space/space';
import { bowlGradient, type Bowl } from '../../../05-valley/public-checks';
import { momentumInputs, rateInputs } from '../../public-checks';
import { describeMomentum } from './describe';
import { descendWithMomentumOf, maxStableMomentumRateOf, REFERENCE, type MomentumModel } from './model';

export type { MomentumModel } from './model';

const slip = slipMaker<MomentumModel>();

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

/** A walk's arguments with the gradient made a function, as the door hands them to student code. */
type WalkCall = [(p: Vec2) => Vec2, Vec2, number, number, number];

/** How many points of each path give candidates: a rate shows after one step, a momentum after two. */
const FITTED_POINTS = 4;
/** How far a fitted parameter's paths may be from the student's (relative): rounding, not a different walk. */
const CLOSE_ENOUGH = 1e-9;

/**
 * The value of one parameter of the walk (a hard-coded rate or momentum) that the student's paths
 * show, or undefined when no value in (0, 1] for a momentum, above 0 for a rate, comes close. Each
 * coordinate of the first points of each path gives a candidate, read as if the point moved in
 * proportion to the parameter between its values at 0 and at 1: exact one step after the
 * parameter first acts (a rate after one step, a momentum after two), whatever else the mistake does
 * to the path. The candidate whose paths come closest to the student's on every walk probe wins.
 */
function fitParameter(
  config: MomentumModel,
  evidence: Evidence,
  withValue: (config: MomentumModel, value: number) => MomentumModel,
  admissible: (value: number) => boolean,
  compared = Infinity,
): MomentumModel | undefined {
  const calls = evidence.probes
    .flatMap((probe, i) => {
      const answer = evidence.answers[i];
      if (probe.request.fn !== 'descendWithMomentum' || !answer?.ok || !isPath(answer.value)) return [];
      const [spec, start, rate, momentum, iterations] = probe.request.args as [
        { $gradient: Bowl },
        Vec2,
        number,
        number,
        number,
      ];
      const args: WalkCall = [bowlGradient(spec.$gradient), start, rate, momentum, iterations];
      return [{ args, path: answer.value }];
    })
    .sort((a, b) => a.path.length - b.path.length);
  const [atZero, atOne] = [withValue(config, 0), withValue(config, 1)];
  const candidates = new Set<number>();
  for (const { args, path } of calls) {
    const [zero, one] = [descendWithMomentumOf(atZero, ...args), descendWithMomentumOf(atOne, ...args)];
    if (path.length !== one.length) return undefined;
    for (let j = 0; j < Math.min(path.length, FITTED_POINTS); j++)
      for (const axis of ['x', 'y'] as const)
        candidates.add(Number(((path[j][axis] - zero[j][axis]) / (one[j][axis] - zero[j][axis])).toPrecision(14)));
  }
  let best: { config: MomentumModel; distance: number } | undefined;
  for (const value of candidates) {
    if (!Number.isFinite(value) || !admissible(value)) continue;
    const candidate = withValue(config, value);
    let distance = 0;
    for (const { args, path } of calls) {
      const theirs = descendWithMomentumOf(candidate, ...args);
      distance = Math.max(distance, pathDistance(path.slice(0, compared), theirs.slice(0, compared)));
      if (distance > CLOSE_ENOUGH) break;
    }
    if (distance <= CLOSE_ENOUGH && (!best || distance < best.distance)) best = { config: candidate, distance };
  }
  return best?.config;
}

const hardCodedRate = slip(
  'hard-coded-rate',
  'rate',
  { rate: 'constant', constantRate: 0.01 },
  (c) => ({
    name: `Your steps use η = ${shown(c.constantRate)} whatever learningRate says`,
    explanation: `Your descendWithMomentum scales each gradient by ${shown(c.constantRate)}, a rate fixed in your code, instead of the learningRate it is given. It walks the right path only when learningRate happens to be ${shown(c.constantRate)}.`,
    hint: 'Is the learningRate parameter used anywhere in your loop?',
  }),
  (c, evidence) => {
    const withRate = (config: MomentumModel, constantRate: number) => ({ ...config, constantRate });
    // A momentum hard-coded too (fitted after this) changes every step but the first: the first step alone then tells the rate.
    const fit =
      fitParameter(c, evidence, withRate, (v) => v > 0) ?? fitParameter(c, evidence, withRate, (v) => v > 0, 2);
    return fit && fit.constantRate !== 1 ? fit : undefined;
  },
);

const hardCodedMomentum = slip(
  'hard-coded-momentum',
  'momentum-value',
  { momentumValue: 'constant', constantMomentum: 0.9 },
  (c) => ({
    name: `Your velocity keeps β = ${shown(c.constantMomentum)} whatever momentum says`,
    explanation: `Your descendWithMomentum multiplies the velocity by ${shown(c.constantMomentum)}, a momentum fixed in your code, instead of the momentum it is given. Its first step is right (the velocity starts at 0), and every later one carries the wrong share of the previous move, unless momentum happens to be ${shown(c.constantMomentum)}.`,
    hint: 'Is the momentum parameter used anywhere in your loop?',
  }),
  (c, evidence) =>
    fitParameter(
      c,
      evidence,
      (config, constantMomentum) => ({ ...config, constantMomentum }),
      (v) => v > 0 && v < 1,
    ),
);

/** A rate fixed in the code for one coordinate's velocity, the other using learningRate. */
const hardCodedRateOn = (axis: 'x' | 'y') =>
  slip(
    `hard-coded-rate-on-${axis}`,
    'rate',
    { rate: axis === 'x' ? 'constant-on-x' : 'constant-on-y', constantRate: 0.01 },
    (c) => ({
      name: `Your velocity's ${axis} uses η = ${shown(c.constantRate)} whatever learningRate says`,
      explanation: `Your ${axis} velocity takes ${shown(c.constantRate)} times its slope, a rate fixed in your code, while ${axis === 'x' ? 'y' : 'x'} uses learningRate as it should. The two coordinates then move at different rates, except when learningRate happens to be ${shown(c.constantRate)}.`,
      hint: `Compare the rate in your update of ${axis} with the one in your update of ${axis === 'x' ? 'y' : 'x'}.`,
    }),
    (c, evidence) => {
      const withRate = (config: MomentumModel, constantRate: number) => ({ ...config, constantRate });
      const fit = fitParameter(c, evidence, withRate, (v) => v > 0);
      return fit && fit.constantRate !== 1 ? fit : undefined;
    },
  );

/** The slips of one coordinate's update, written once for x and once for y. */
function coordinateSlips(axis: 'x' | 'y'): Slip<MomentumModel>[] {
  const o = axis === 'x' ? 'y' : 'x';
  const position = axis === 'x' ? 'positionX' : 'positionY';
  const velocity = axis === 'x' ? 'velocityX' : 'velocityY';
  return [
    slip(
      `${axis}-never-moves`,
      `position-${axis}`,
      { [position]: 'stays' },
      {
        name: `Your descendWithMomentum never moves ${axis}`,
        explanation: `Your new point keeps the old ${axis} and moves only ${o}, so every point of the path has the start's ${axis}. Each step moves both coordinates by their velocity.`,
        hint: `Read the ${axis} of the new point your loop makes: does anything change it?`,
      },
    ),
    slip(
      `${axis}-is-the-velocity`,
      `position-${axis}`,
      { [position]: 'velocity-only' },
      {
        name: `Your new ${axis} is the velocity alone, not the old ${axis} moved by it`,
        explanation: `Your new ${axis} is v.${axis} itself: the old ${axis} is left out of the update, so ${axis} forgets where it was after every step. The new point is pₖ + vₖ₊₁.`,
        hint: `What do you add the velocity to in your update of ${axis}?`,
      },
    ),
    slip(
      `${axis}-moves-by-${o}-velocity`,
      `position-${axis}`,
      { [position]: 'other-velocity' },
      {
        name: `Your ${axis} moves by v.${o} instead of v.${axis}`,
        explanation: `Your new ${axis} is the old ${axis} plus the ${o} field of the velocity, so ${axis} moves as ${o} should.`,
        hint: `Read your update of ${axis}: which field of the velocity does it add?`,
      },
    ),
    slip(
      `${axis}-from-${o}`,
      `position-${axis}`,
      { [position]: 'from-other' },
      {
        name: `Your new ${axis} is computed from the old ${o}`,
        explanation: `Your update of ${axis} starts from the point's ${o} instead of its ${axis}, so after one step ${axis} has forgotten where it was. Each coordinate moves from its own old value.`,
        hint: `Read your update of ${axis}: which coordinate does it start from?`,
      },
    ),
    slip(
      `${axis}-velocity-uses-${o}-slope`,
      `velocity-${axis}`,
      { [velocity]: 'other-slope' },
      {
        name: `Your velocity's ${axis} takes the gradient's ${o} component`,
        explanation: `Your update of v.${axis} subtracts η times the gradient's ${o} field instead of its ${axis} field, so ${axis} is pushed as if it had ${o}'s slope.`,
        hint: `Read your velocity update of ${axis}: which component of the gradient does it use?`,
      },
    ),
    slip(
      `${axis}-velocity-reversed`,
      `velocity-${axis}`,
      { [velocity]: 'reversed' },
      {
        name: `Your velocity's ${axis} is η·∂f/∂${axis} − β·v.${axis}, the difference the wrong way round`,
        explanation: `Your new v.${axis} is the gradient step minus the kept velocity instead of the kept velocity minus the gradient step, so ${axis} moves uphill and its momentum flips sign at every step.`,
        hint: `In your velocity update of ${axis}, which term is subtracted from which?`,
      },
    ),
    slip(
      `${axis}-momentum-reversed`,
      `velocity-${axis}`,
      { [velocity]: 'momentum-reversed' },
      {
        name: `Your velocity's ${axis} keeps −β of its previous move (${o} is right)`,
        explanation: `In your update of ${axis} the previous move enters with a minus sign (−β·v.${axis}, or β·(pₖ₋₁ − pₖ) with positions), so ${axis}'s steps brake each other while ${o} keeps its momentum.`,
        hint: `Compare the sign of the momentum term in your update of ${axis} with the one in your update of ${o}.`,
      },
    ),
    slip(
      `${axis}-velocity-climbs`,
      `velocity-${axis}`,
      { [velocity]: 'climbs' },
      {
        name: `Your velocity's ${axis} adds η·∂f/∂${axis}: ${axis} goes uphill (${o} is right)`,
        explanation: `In your update of ${axis} the gradient enters with a plus sign, so ${axis} climbs away from the minimum while ${o} descends as it should: one sign is flipped.`,
        hint: `Compare the sign of the gradient term in your update of ${axis} with the one in your update of ${o}.`,
      },
    ),
    slip(
      `${axis}-velocity-drops-slope`,
      `velocity-${axis}`,
      { [velocity]: 'drops-slope' },
      {
        name: `Your velocity's ${axis} takes η alone, without its slope`,
        explanation: `Your update of v.${axis} subtracts learningRate itself, not learningRate times ∂f/∂${axis}, so ${axis} is pushed by the same amount at every step, whatever the slope.`,
        hint: `Read your velocity update of ${axis}: what multiplies the learning rate?`,
      },
    ),
    slip(
      `${axis}-moves-against-velocity`,
      `position-${axis}`,
      { [position]: 'against-velocity' },
      {
        name: `Your ${axis} moves by −v.${axis}: its position update subtracts the velocity`,
        explanation: `Your new ${axis} is the old ${axis} minus v.${axis}. The velocity already points downhill (it holds −η·∇f), so ${axis} climbs while ${o} descends.`,
        hint: `Compare the sign in your position update of ${axis} with the one of ${o}.`,
      },
    ),
    slip(
      `rate-missing-on-${axis}`,
      'rate',
      { rate: axis === 'x' ? 'missing-on-x' : 'missing-on-y' },
      {
        name: `Your velocity's ${axis} takes the whole ∂f/∂${axis}: learningRate is missing there`,
        explanation: `Your ${o} velocity takes η·∂f/∂${o} but your ${axis} velocity the whole ∂f/∂${axis}: the learning rate is missing from one of the two updates, so ${axis} jumps much further than ${o}.`,
        hint: `Compare your update of ${axis} with your update of ${o}, term by term.`,
      },
    ),
    hardCodedRateOn(axis),
  ];
}

let fingerprints: readonly FingerprintInput[] | undefined;

/** Walks on random bowls and limits of random data, at random momenta; sampled once per process. */
function fingerprintInputs(): readonly FingerprintInput[] {
  const shortWalks = momentumInputs.map((i) => ({ ...i, iterations: Math.min(i.iterations, 9) }));
  return (fingerprints ??= [
    ...sampled(shortWalks, 20).map((i) => ({
      fn: 'descendWithMomentum' as const,
      args: [{ $gradient: i.bowl }, i.start, i.learningRate, i.momentum, i.iterations],
    })),
    ...sampled(rateInputs, 16).map((i) => ({ fn: 'maxStableMomentumRate' as const, args: [i.points, i.momentum] })),
  ]);
}

/**
 * Pairs that a fitted value already names: 1 − β of a hard-coded β is another hard-coded β, and a
 * hard-coded rate c applied twice is the hard-coded rate c².
 */
const SAME_AS_A_FITTED_VALUE = [
  ['momentum-complement', 'hard-coded-momentum'],
  ['rate-applied-twice', 'hard-coded-rate'],
] as const;

/** Knobs whose slips, one coordinate's or the start's, are rare enough to be named alone. */
const ALONE = ['velocity-x', 'velocity-y', 'position-x', 'position-y', 'position', 'start', 'limit-sums'];
const ALONE_SLIPS: readonly string[] = [
  'path-fields-swapped',
  'path-only-start',
  'path-start-everywhere',
  'hard-coded-rate-on-x',
  'hard-coded-rate-on-y',
  'rate-missing-on-x',
  'rate-missing-on-y',
];

/** The export a slip changes, by its knob. */
const exportOf = (s: Slip<MomentumModel>) =>
  s.knob.startsWith('limit-') ? 'maxStableMomentumRate' : 'descendWithMomentum';

/**
 * The mistakes of 11-momentum: heavy ball's parts (what the velocity keeps and takes, the
 * direction, which of velocity and position moves first, where the gradient is taken, where the
 * velocity starts, how the position takes it, the rate and the momentum, the number of steps, the
 * path), and the limit's (the factor β brings, the numerator, the eigenvalue, the Hessian's
 * factor, scale and entries, the root), each changed alone or two at a time within one export: the
 * grader joins slips of the two exports export by export. The fitted parameters come last, so a
 * rate or momentum is read off with every other slip of the mistake already made.
 */
export const momentumSpace: MistakeSpace<MomentumModel> = {
  exercise: '11-momentum',
  reference: REFERENCE,
  knobs: {
    velocity: 'what the new velocity keeps of the old one and takes of the gradient',
    direction: "the velocity's direction (down or up the gradient)",
    order: 'which of velocity and position is updated first',
    evaluation: "where each step's gradient is taken",
    'velocity-start': 'the velocity before the first step',
    'position-update': 'how the position takes the velocity',
    'velocity-fields': 'which velocity each coordinate carries over',
    'velocity-x': "how x's velocity is built",
    'velocity-y': "how y's velocity is built",
    'position-x': "how x's new position is built",
    'position-y': "how y's new position is built",
    position: 'which velocity each coordinate moves by',
    start: 'how the start is copied into the first point',
    rate: 'the learning rate of each step',
    'momentum-value': 'the momentum of each step',
    steps: 'the number of steps',
    path: 'which points the path holds',
    aliasing: 'point objects shared between entries of the path',
    'limit-factor': 'what β does to the limit',
    'limit-numerator': 'the numerator of the limit',
    'limit-eigenvalue': 'which eigenvalue of the Hessian sets the limit',
    'limit-hessian-factor': "the Hessian's factor 2",
    'limit-diagonal': 'the factor 2 of one diagonal entry of the Hessian',
    'limit-hessian-scale': "what the Hessian's sums are divided by",
    'limit-corner': "the Hessian's m–m entry",
    'limit-off-diagonal': "the Hessian's m–b entries",
    'limit-means': "what each of the Hessian's sums is divided by",
    'limit-sums': 'the sums of x and of x²',
    'limit-root': 'how the eigenvalue is solved',
  },
  implement: (c) => ({
    descendWithMomentum: (
      gradient: (p: Vec2) => Vec2,
      start: Vec2,
      learningRate: number,
      momentum: number,
      iterations: number,
    ) => descendWithMomentumOf(c, gradient, start, learningRate, momentum, iterations),
    maxStableMomentumRate: (points: readonly Point[], momentum: number) => maxStableMomentumRateOf(c, points, momentum),
  }),
  slips: [
    slip(
      'momentum-ignored',
      'velocity',
      { velocity: 'momentum-ignored' },
      {
        name: 'Your descendWithMomentum ignores momentum: it is plain gradient descent',
        explanation:
          'Every step of yours is pₖ − η·∇f(pₖ), whatever β is: nothing of the previous move is carried into the next. Heavy ball keeps a velocity, vₖ₊₁ = β·vₖ − η·∇f(pₖ), and moves by it, so that steps along a narrow valley build up speed.',
        hint: 'Where does the momentum parameter enter your loop, and what do you carry from one step to the next?',
      },
    ),
    slip(
      'momentum-on-gradient',
      'velocity',
      { velocity: 'momentum-on-gradient' },
      {
        name: 'Your β multiplies the gradient instead of the velocity',
        explanation:
          'Your velocity update is vₖ₊₁ = vₖ − β·η·∇f(pₖ): the old velocity is kept whole and β scales the new gradient. In heavy ball β is the share of the old velocity that survives, vₖ₊₁ = β·vₖ − η·∇f(pₖ), and the gradient is scaled by η alone. Without that damping your velocity never forgets its past.',
        hint: 'In your velocity update, which term does β multiply? What should happen to an old velocity after many steps?',
      },
    ),
    slip(
      'momentum-on-both',
      'velocity',
      { velocity: 'momentum-on-both' },
      {
        name: 'Your β multiplies the gradient as well as the velocity',
        explanation:
          'Your velocity update is vₖ₊₁ = β·(vₖ − η·∇f(pₖ)): β scales the new gradient too, so every step is β times too short. In heavy ball only the old velocity is damped: vₖ₊₁ = β·vₖ − η·∇f(pₖ).',
        hint: 'Expand your velocity update: which terms does β multiply?',
      },
    ),
    slip(
      'velocity-averages-gradients',
      'velocity',
      { velocity: 'average' },
      {
        name: 'Your velocity is an average of gradients, scaled by 1 − β (the EMA convention)',
        explanation:
          "Your velocity update is vₖ₊₁ = β·vₖ − (1 − β)·η·∇f(pₖ), the exponential moving average some libraries use. It walks a different path: each step is (1 − β) times the contract's, as if η were η·(1 − β). The contract's heavy ball is vₖ₊₁ = β·vₖ − η·∇f(pₖ), with no (1 − β).",
        hint: 'Compare your velocity update term by term with vₖ₊₁ = β·vₖ − η·∇f(pₖ) in the README: is there a factor it does not have?',
      },
    ),
    slip(
      'velocity-never-damped',
      'velocity',
      { velocity: 'undamped' },
      {
        name: 'Your velocity is never damped: vₖ₊₁ = vₖ − η·∇f(pₖ)',
        explanation:
          'Your velocity adds each new gradient step to the whole old velocity, so it never forgets its past and the walk swings ever wider. Heavy ball keeps only the share β of the old velocity: vₖ₊₁ = β·vₖ − η·∇f(pₖ).',
        hint: 'Where does β appear in your velocity update?',
      },
    ),
    slip(
      'momentum-reversed',
      'velocity',
      { velocity: 'reversed' },
      {
        name: 'Your velocity keeps −β of the previous move instead of β',
        explanation:
          'Your velocity update is vₖ₊₁ = −β·vₖ − η·∇f(pₖ) (or, written with positions, pₖ₊₁ = pₖ − η·∇f(pₖ) + β·(pₖ₋₁ − pₖ)): each step pushes against the previous one instead of continuing it, which brakes the walk.',
        hint: 'In your update, is the previous move pₖ − pₖ₋₁ or pₖ₋₁ − pₖ? Which way should momentum push?',
      },
    ),
    slip(
      'momentum-complement',
      'velocity',
      { velocity: 'complement' },
      {
        name: 'Your velocity keeps 1 − β of the previous move instead of β',
        explanation:
          'Your velocity update is vₖ₊₁ = (1 − β)·vₖ − η·∇f(pₖ), as if β were a friction to subtract. In heavy ball β is the share of the old velocity that survives: β = 0.9 keeps 90% of it, and β = 0 is plain descent.',
        hint: 'With β = 0, should your walk be plain gradient descent? Check what your velocity update does then.',
      },
    ),
    slip(
      'velocity-climbs',
      'direction',
      { direction: 1 },
      {
        name: 'Your velocity adds the gradient: the walk goes uphill',
        explanation:
          'Your velocity update is vₖ₊₁ = β·vₖ + η·∇f(pₖ). The gradient points uphill, so the walk climbs away from the minimum. Heavy ball subtracts it: vₖ₊₁ = β·vₖ − η·∇f(pₖ).',
        hint: 'Check the sign in front of η·∇f in your velocity update (or of the whole velocity in your position update).',
      },
    ),
    slip(
      'position-before-velocity',
      'order',
      { order: 'position-first' },
      {
        name: 'Your position moves by the old velocity: the velocity is updated after the position',
        explanation:
          'Your step moves the point by vₖ and only then computes vₖ₊₁ = β·vₖ − η·∇f(pₖ). The first step then moves by v₀ = 0 and repeats the start, and every later step moves by the velocity of the step before, with a gradient one point late. Heavy ball updates the velocity first and moves the point by the new one: pₖ₊₁ = pₖ + vₖ₊₁.',
        hint: 'In your loop, which line comes first: the velocity update or the position update? Does your path[1] differ from the start?',
      },
    ),
    slip(
      'position-before-velocity-fresh-gradient',
      'order',
      { order: 'position-first-fresh-gradient' },
      {
        name: 'Your position moves by the old velocity before the velocity is updated (the path lags one step)',
        explanation:
          'Your step moves the point by vₖ, then updates the velocity with the gradient at the new point. With v₀ = 0 the first step repeats the start, and the rest of your path is the right heavy-ball path one step late. Heavy ball updates the velocity first and moves the point by the new one: pₖ₊₁ = pₖ + vₖ₊₁.',
        hint: 'Does your path[1] differ from the start? In your loop, which line comes first: the velocity update or the position update?',
      },
    ),
    slip(
      'nesterov-look-ahead',
      'evaluation',
      { evaluation: 'look-ahead' },
      {
        name: "Your gradient is taken at the look-ahead point pₖ + β·vₖ: that is Nesterov's method, not heavy ball",
        explanation:
          "Your steps use ∇f(pₖ + β·vₖ), the gradient where the velocity is about to carry the point: Nesterov's accelerated gradient, a different method with its own path and its own stability limit. The contract's heavy ball takes the gradient at the current point: vₖ₊₁ = β·vₖ − η·∇f(pₖ).",
        hint: 'Which point do you pass to the gradient function: the current point, or one moved by the velocity first?',
      },
    ),
    slip(
      'gradient-at-previous-point',
      'evaluation',
      { evaluation: 'previous' },
      {
        name: 'Your steps use each gradient one step late',
        explanation:
          'From the second step on, your step k uses the gradient at pₖ₋₁ instead of pₖ: the gradient is refreshed after it is used, so the walk always steers by where it was.',
        hint: 'Inside one pass of your loop, is the gradient you use the gradient at the point you move from?',
      },
    ),
    slip(
      'gradient-at-start',
      'evaluation',
      { evaluation: 'start' },
      {
        name: 'Your steps take every gradient at the start point',
        explanation:
          'Your descendWithMomentum evaluates the gradient at start, once, and uses it for every step, so the velocity only ever grows in one direction. Each step must use the gradient at the point it moves from.',
        hint: 'Which point do you pass to the gradient function inside your loop, and does it change from one step to the next?',
      },
    ),
    slip(
      'velocity-starts-at-first-step',
      'velocity-start',
      { velocityStart: 'first-step' },
      {
        name: 'Your velocity starts at −η·∇f(start) instead of 0: the first step is taken twice',
        explanation:
          'Your velocity begins as the first gradient step, so the first move is (1 + β)·η·∇f(start) downhill, and everything after it follows from that overshoot. The contract starts from rest: v₀ = (0, 0), so the first step is the plain step −η·∇f(start).',
        hint: 'What is your velocity before the loop starts, and how far does your first step move compared with plain descent?',
      },
    ),
    slip(
      'velocity-starts-at-start',
      'velocity-start',
      { velocityStart: 'start' },
      {
        name: 'Your first step carries the start itself as a previous move',
        explanation:
          'Your first step adds β·start: your velocity starts as the start point (or, written with positions, the point before the start is taken as (0, 0), so pₖ − pₖ₋₁ is the start). The walk begins at rest: v₀ = (0, 0), or the point before the start is the start itself.',
        hint: 'Before the first step, what is your velocity, or what is your "previous point"?',
      },
    ),
    slip(
      'rate-applied-twice',
      'position-update',
      { positionUpdate: 'rate-times-velocity' },
      {
        name: 'Your position moves by η·v: the learning rate is applied twice',
        explanation:
          'Your velocity already holds −η·∇f, and your position update multiplies it by η again: pₖ₊₁ = pₖ + η·vₖ₊₁. Either form is fine alone (v ← β·v − η·∇f with p ← p + v, or v ← β·v + ∇f with p ← p − η·v), but not both together.',
        hint: 'Count the η in your velocity update and in your position update.',
      },
    ),
    ...(['x', 'y'] as const).map((axis) =>
      slip(
        `velocity-from-${axis}`,
        'velocity-fields',
        { velocityFields: axis === 'x' ? 'both-from-x' : 'both-from-y' },
        {
          name: `Your velocity's ${axis === 'x' ? 'y' : 'x'} carries over the old v.${axis}`,
          explanation: `In your velocity update the ${axis === 'x' ? 'y' : 'x'} field uses β·v.${axis} where it needs β·v.${axis === 'x' ? 'y' : 'x'}: the two coordinates share one velocity, so ${axis === 'x' ? 'y' : 'x'} is pushed by x's past moves${axis === 'x' ? '' : ' (y by its own)'}.`,
          hint: 'Read your velocity update field by field: which old velocity does each one keep?',
        },
      ),
    ),
    ...coordinateSlips('x'),
    ...coordinateSlips('y'),
    slip(
      'position-swaps-velocity',
      'position',
      { positionX: 'other-velocity', positionY: 'other-velocity' },
      {
        name: 'Your point moves by the velocity with its x and y swapped',
        explanation:
          "Your new point is (x + v.y, y + v.x): each coordinate moves by the other one's velocity, so the walk is reflected across the line y = x at every step.",
        hint: 'Read your position update: which field of the velocity does each coordinate add?',
      },
    ),
    slip(
      'position-swaps-point',
      'position',
      { positionX: 'from-other', positionY: 'from-other' },
      {
        name: 'Your new point starts from the old one with its x and y swapped',
        explanation:
          "Your new point is (y + v.x, x + v.y): each coordinate moves from the other one's old value, so the walk is reflected across the line y = x at every step.",
        hint: 'Read your position update: which old coordinate does each new one start from?',
      },
    ),
    slip(
      'velocity-swaps-fields',
      'velocity-fields',
      { velocityFields: 'swapped' },
      {
        name: "Each coordinate's velocity carries over the other's",
        explanation:
          "Your velocity update keeps β·v.y in x's velocity and β·v.x in y's: each coordinate's momentum is the other's past move.",
        hint: 'Read your velocity update field by field: which old velocity does each one keep?',
      },
    ),
    ...(
      [
        ['start-y-from-x', 'y-from-x', "the start's x for both coordinates", '(start.x, start.x)'],
        ['start-x-from-y', 'x-from-y', "the start's y for both coordinates", '(start.y, start.y)'],
        ['start-swapped', 'swapped', "the start's x and y swapped", '(start.y, start.x)'],
      ] as const
    ).map(([id, startCopy, what, copy]) =>
      slip(
        id,
        'start',
        { startCopy },
        {
          name: `Your first point takes ${what}`,
          explanation: `Your copy of start is ${copy}. The walk then begins from that point instead of start, so every point of the path is off.`,
          hint: 'Read the line where you copy start: which field does each coordinate come from?',
        },
      ),
    ),
    slip(
      'rate-missing',
      'rate',
      { rate: 'missing' },
      {
        name: 'Your velocity takes the whole gradient: learningRate is missing',
        explanation:
          'Your velocity update is vₖ₊₁ = β·vₖ − ∇f(pₖ), as if η were 1 whatever learningRate says, so the walk overshoots and runs away on most bowls.',
        hint: 'Is the learningRate parameter used anywhere in your loop?',
      },
    ),
    slip(
      'one-step-short',
      'steps',
      { extraSteps: -1 },
      {
        name: 'Your descendWithMomentum takes one step fewer than iterations',
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
        name: 'Your descendWithMomentum takes one step more than iterations',
        explanation:
          'Your loop runs iterations + 1 times, so the path has iterations + 2 points. iterations steps make iterations + 1 points, the start included.',
        hint: "Check your loop's condition against the number of steps asked for: what does it do with 0 iterations?",
      },
    ),
    slip(
      'path-missing-start',
      'path',
      { path: 'missing-start' },
      {
        name: 'Your path leaves out the start',
        explanation:
          'Your path holds the point after each step but not start itself, so it has iterations points, and every entry sits one place early. path[0] must be start, before any step.',
        hint: 'What should descendWithMomentum return when iterations is 0?',
      },
    ),
    slip(
      'path-missing-last',
      'path',
      { path: 'missing-last' },
      {
        name: 'Your path stops before the last point',
        explanation:
          'Your loop records each point before stepping away from it, so the path holds p₀ … pₙ₋₁: the point reached by the last step is missing, and with 0 iterations the path is empty.',
        hint: 'What should descendWithMomentum return when iterations is 0, and when it is 1?',
      },
    ),
    slip(
      'path-start-twice',
      'path',
      { path: 'start-twice' },
      {
        name: 'Your path holds the start twice',
        explanation:
          'Your path begins with start twice, then every point of the walk, so it has iterations + 2 points. The start belongs in the path once.',
        hint: 'What should descendWithMomentum return when iterations is 0?',
      },
    ),
    slip(
      'path-fields-swapped',
      'path',
      { path: 'fields-swapped' },
      {
        name: 'Every point of your path has its x and y swapped',
        explanation:
          'Your walk is right, but each point you record holds y in its x field and x in its y field, the start included.',
        hint: 'Read the object you build for each point of the path: which value goes in which field?',
      },
    ),
    slip(
      'path-only-start',
      'path',
      { path: 'start-only' },
      {
        name: 'Your path holds only the start',
        explanation:
          'Your descendWithMomentum returns [start] whatever iterations is: the points of the walk never reach the array you return.',
        hint: 'Which array do you return, and which array do your steps add to?',
      },
    ),
    slip(
      'path-start-everywhere',
      'path',
      { path: 'start-everywhere' },
      {
        name: 'Every entry of your path is the start',
        explanation:
          'Your path has the right length, but each entry is start itself: what you record is not the point the step reached.',
        hint: 'What do you push onto the path inside your loop?',
      },
    ),
    slip(
      'path-aliases-one-point',
      'aliasing',
      { aliasing: 'one-object' },
      {
        name: 'Every point of your path is the same object',
        explanation:
          'Your descendWithMomentum adds one point object to the path again and again and changes its x and y in place after each step. The path holds many references to that one object, so every entry shows where the walk ended, the start included.',
        hint: 'When you add a point to the path, does the path keep a copy, or the object you go on changing? Make a new object for each point.',
      },
    ),
    slip(
      'limit-without-momentum',
      'limit-factor',
      { limitFactor: 'one' },
      {
        name: 'Your limit is 2/λmax, without the factor (1 + β)',
        explanation:
          "Your maxStableMomentumRate is plain descent's limit, 06's 2/λmax, whatever β is. Momentum widens it: along an eigenvector with eigenvalue λ heavy ball follows eₖ₊₁ = (1 + β − ηλ)·eₖ − β·eₖ₋₁, which converges exactly when ηλ < 2(1 + β).",
        hint: 'Does your answer change with β? Solve for the η at which a root of z² − (1 + β − ηλ)·z + β reaches −1.',
      },
    ),
    slip(
      'limit-one-minus-momentum',
      'limit-factor',
      { limitFactor: 'one-minus' },
      {
        name: 'Your limit is 2(1 − β)/λmax: momentum should widen it, not narrow it',
        explanation:
          "Your maxStableMomentumRate shrinks as β grows, as if momentum's larger effective step η/(1 − β) had to stay below 2/λmax. The limit is set by the root of z² − (1 + β − ηλ)·z + β that reaches −1, at ηλmax = 2(1 + β): it grows with β.",
        hint: 'Put z = −1 into z² − (1 + β − ηλ)·z + β = 0 and solve for η.',
      },
    ),
    slip(
      'limit-over-one-plus-momentum',
      'limit-factor',
      { limitFactor: 'over-one-plus' },
      {
        name: 'Your limit divides by (1 + β): 2/((1 + β)·λmax)',
        explanation:
          'Your maxStableMomentumRate is 2/((1 + β)·λmax), which shrinks as β grows. The factor (1 + β) multiplies the plain limit: 2(1 + β)/λmax.',
        hint: 'Is (1 + β) in the numerator or the denominator of your answer?',
      },
    ),
    slip(
      'limit-over-one-minus-momentum',
      'limit-factor',
      { limitFactor: 'over-one-minus' },
      {
        name: 'Your limit is 2/((1 − β)·λmax)',
        explanation:
          'Your maxStableMomentumRate grows as 1/(1 − β), without bound as β nears 1. Heavy ball converges exactly when ηλmax < 2(1 + β), so the limit is 2(1 + β)/λmax: at most twice the plain limit.',
        hint: 'Put z = −1 into z² − (1 + β − ηλ)·z + β = 0 and solve for η.',
      },
    ),
    slip(
      'limit-two-plus-momentum',
      'limit-factor',
      { limitFactor: 'two-plus' },
      {
        name: 'Your limit is (2 + β)/λmax: the 2 does not multiply β',
        explanation:
          'Your maxStableMomentumRate is (2 + β)/λmax. The limit is 2(1 + β)/λmax = (2 + 2β)/λmax: the factor 2 multiplies the whole 1 + β.',
        hint: 'Check the brackets in 2·(1 + β).',
      },
    ),
    slip(
      'limit-numerator-one',
      'limit-numerator',
      { limitNumerator: 1 },
      {
        name: 'Your limit is (1 + β)/λmax, half the true one',
        explanation:
          'Your maxStableMomentumRate is (1 + β)/λmax. Heavy ball converges exactly when ηλmax < 2(1 + β): the 2 of the plain limit 2/λmax stays.',
        hint: 'With β = 0 your answer should be 06’s 2/λmax: is it?',
      },
    ),
    slip(
      'limit-smallest-eigenvalue',
      'limit-eigenvalue',
      { limitEigenvalue: 'smallest' },
      {
        name: 'Your limit uses the smallest eigenvalue instead of the largest',
        explanation:
          'Your limit is 2(1 + β)/λmin, set by the flattest direction of the bowl. Heavy ball blows up along the steepest direction first, so the limit is 2(1 + β)/λmax.',
        hint: 'Which direction of the bowl overshoots first when η grows?',
      },
    ),
    slip(
      'limit-trace',
      'limit-eigenvalue',
      { limitEigenvalue: 'trace' },
      {
        name: 'Your limit uses the trace of the Hessian instead of its largest eigenvalue',
        explanation:
          'Your limit is 2(1 + β)/trace(H), the sum of both eigenvalues, so it is always below the true limit. It is safe, but not the supremum the exercise asks for.',
        hint: 'The trace is λ₁ + λ₂: which of the two sets the limit?',
      },
    ),
    slip(
      'limit-diagonal-only',
      'limit-eigenvalue',
      { limitEigenvalue: 'm-curvature' },
      {
        name: 'Your limit uses only the curvature along m',
        explanation:
          'You used 2·mean x², the curvature of J along m alone, as λ. The steepest direction of the bowl mixes m and b, so the limit needs the largest eigenvalue of the full 2×2 Hessian.',
        hint: 'What do the off-diagonal entries of the Hessian do to its eigenvalues?',
      },
    ),
    slip(
      'limit-hessian-without-factor-2',
      'limit-hessian-factor',
      { limitHessianFactor: 1 },
      {
        name: 'Your Hessian is missing its factor 2',
        explanation:
          "You took the eigenvalues of [[mean x², mean x], [mean x, 1]], but J's Hessian is twice that matrix. Your limit is therefore twice the true one, and heavy ball at your rate diverges.",
        hint: 'Differentiate J twice: what factor comes down from the square?',
      },
    ),
    slip(
      'limit-hessian-of-sum',
      'limit-hessian-scale',
      { limitHessianScale: 'sum' },
      {
        name: 'Your Hessian is that of the sum of squared errors, not of their mean',
        explanation:
          'You took the eigenvalues of 2·[[Σx², Σx], [Σx, N]]. J divides the sum by N, so its Hessian and every eigenvalue are N times smaller, and your limit is N times too small.',
        hint: 'J is a mean over the points: if every point were listed twice, would J change? Would your Hessian?',
      },
    ),
    slip(
      'limit-variance-for-mean-of-squares',
      'limit-corner',
      { limitCorner: 'variance' },
      {
        name: 'Your Hessian uses the variance of x where it needs mean x²',
        explanation:
          'Your ∂²J/∂m² is 2·(mean x² − (mean x)²). Differentiating (y − (m·x + b))² twice in m gives 2·x² for each point, uncentred, so the entry is 2·mean(x²).',
        hint: 'Differentiate J twice in m: does anything centre x?',
      },
    ),
    slip(
      'limit-square-of-mean',
      'limit-corner',
      { limitCorner: 'square-of-mean' },
      {
        name: 'Your Hessian uses (mean x)² where it needs mean x²',
        explanation:
          'Your ∂²J/∂m² is 2·(mean x)², the square of the mean. Differentiating (y − (m·x + b))² twice in m gives 2·x² for each point, so the entry is 2·mean(x²), which is larger whenever the x differ.',
        hint: 'mean x² and (mean x)² are different numbers: which one does differentiating J twice in m give?',
      },
    ),
    slip(
      'limit-drops-cross-term',
      'limit-off-diagonal',
      { limitOffDiagonal: 'zero' },
      {
        name: 'Your Hessian leaves out its off-diagonal entries',
        explanation:
          'You used the eigenvalues of 2·[[mean x², 0], [0, 1]], as if m and b did not interact. ∂²J/∂m∂b = 2·mean x, and whenever mean x ≠ 0 that coupling pushes the largest eigenvalue up, so your limit is too large.',
        hint: 'What is ∂²J/∂m∂b, and what do off-diagonal entries do to the eigenvalues?',
      },
    ),
    slip(
      'limit-root-four-missing',
      'limit-root',
      { limitRoot: 'four-missing' },
      {
        name: 'Your eigenvalue formula leaves out the 4 in √(trace² − 4·det)',
        explanation:
          'Your eigenvalue uses √(trace² − det). The roots of λ² − trace·λ + det = 0 are (trace ± √(trace² − 4·det))/2.',
        hint: "Compare your square root with the quadratic formula's.",
      },
    ),
    slip(
      'limit-returns-lambda-max',
      'limit-numerator',
      { limitNumerator: 'lambda' },
      {
        name: 'You returned λmax itself, not 2(1 + β)/λmax',
        explanation:
          'Your maxStableMomentumRate returns the largest eigenvalue of the Hessian. The limit on the learning rate is 2(1 + β) divided by it: a steeper bowl allows a smaller step, not a larger one.',
        hint: 'Once you have λmax, what does the condition η·λmax < 2(1 + β) say about η?',
      },
    ),
    slip(
      'limit-not-divided-by-lambda',
      'limit-numerator',
      { limitNumerator: 'undivided' },
      {
        name: 'Your limit is 2(1 + β), without the division by λmax',
        explanation:
          'Your maxStableMomentumRate returns 2(1 + β) whatever the data: the division by the largest eigenvalue of the Hessian is missing, and it is what makes the limit depend on how steep J is.',
        hint: 'Where does λmax enter your answer?',
      },
    ),
    slip(
      'limit-before-its-sums',
      'limit-sums',
      { limitSums: 'none' },
      {
        name: 'Your Hessian is built before its sums are added up: its means are 0',
        explanation:
          'Your Hessian uses the sums of x and of x² before the loop that adds them, so mean x and mean x² are both 0, λmax is 2 and the limit 1 + β, whatever the data.',
        hint: 'Check the order of your lines: is the loop that adds up the points before the lines that use its sums?',
      },
    ),
    ...(['x', 'x2'] as const).flatMap((which) => {
      const shownWhich = which === 'x' ? 'x' : 'x²';
      return [
        slip(
          `limit-mean-${which}-over-n-minus-1`,
          'limit-means',
          { limitMeans: `${which}-by-n-minus-1` },
          {
            name: `Your Hessian's mean of ${shownWhich} divides by N − 1`,
            explanation: `One entry of your Hessian uses the sum of ${shownWhich} divided by N − 1 instead of N, so that entry is N/(N − 1) times too large and λmax with it.`,
            hint: 'Each entry of the Hessian of J is a plain mean over the N points: check what each sum is divided by.',
          },
        ),
        slip(
          `limit-sum-of-${which}-not-divided`,
          'limit-means',
          { limitMeans: `${which}-not-divided` },
          {
            name: `Your Hessian uses the sum of ${shownWhich} where its mean belongs`,
            explanation: `One entry of your Hessian is the sum of ${shownWhich} over the points, not its mean: that entry is N times too large, and λmax with it.`,
            hint: 'Each entry of the Hessian of J is a mean over the N points: check what each sum is divided by.',
          },
        ),
        slip(
          `limit-sum-of-${which}-keeps-last`,
          'limit-sums',
          { limitSums: `${which}-last-only` },
          {
            name: `Your sum of ${shownWhich} keeps only the last point's`,
            explanation: `Your loop assigns each point's ${shownWhich} to the sum instead of adding it, so the sum ends as the last point's ${shownWhich} alone.`,
            hint: 'Check the operator that updates your sum inside the loop.',
          },
        ),
      ];
    }),
    slip(
      'limit-off-diagonal-without-factor-2',
      'limit-off-diagonal',
      { limitOffDiagonal: 'halved' },
      {
        name: "Your Hessian's off-diagonal entries are missing their factor 2",
        explanation:
          'Your ∂²J/∂m∂b is mean x, while your diagonal entries keep their factor 2. Differentiating dm = −2·mean(x·(y − (m·x + b))) in b gives 2·mean x: the 2 from the square is in every entry of the Hessian.',
        hint: 'Differentiate dm once in b and compare the factor in front with that of your other entries.',
      },
    ),
    ...(
      [
        ['m-m', 'm-m-without-2', '∂²J/∂m²', 'mean x²', '2·x²', 'dm once more in m'],
        ['b-b', 'b-b-without-2', '∂²J/∂b²', '1', '2', 'db once more in b'],
      ] as const
    ).map(([which, limitDiagonal, entry, yours, per, again]) =>
      slip(
        `limit-${which}-entry-without-factor-2`,
        'limit-diagonal',
        { limitDiagonal },
        {
          name: `Your Hessian's ${entry} is missing its factor 2`,
          explanation: `Your ${which} entry is ${yours}, while your other entries keep their factor 2. Differentiating (y − (m·x + b))² twice gives ${per} for each point: the 2 from the square is in every entry of the Hessian.`,
          hint: `Differentiate ${again} and compare the factor in front with that of your other entries.`,
        },
      ),
    ),
    slip(
      'limit-mean-x-for-mean-of-squares',
      'limit-corner',
      { limitCorner: 'mean-x' },
      {
        name: 'Your Hessian uses mean x where it needs mean x²',
        explanation:
          "Your ∂²J/∂m² is 2·mean x: each point's x is not squared. Differentiating (y − (m·x + b))² twice in m gives 2·x² for each point, so the entry is 2·mean(x²).",
        hint: 'Check the term you add up for the m–m entry: is x squared?',
      },
    ),
    slip(
      'limit-root-half-missing',
      'limit-root',
      { limitRoot: 'half-missing' },
      {
        name: 'Your eigenvalue formula is missing the half inside the square root',
        explanation:
          'Your λ uses √((a − d)² + b²). The larger eigenvalue of [[a, b], [b, d]] is (a + d)/2 + √(((a − d)/2)² + b²).',
        hint: 'Compare each term under your square root with the README’s formula for the larger eigenvalue.',
      },
    ),
    slip(
      'limit-middle-not-halved',
      'limit-root',
      { limitRoot: 'middle-not-halved' },
      {
        name: 'Your eigenvalue formula adds the whole trace, a + d, not its half',
        explanation:
          'Your λ is (a + d) + √(((a − d)/2)² + b²). The larger eigenvalue of [[a, b], [b, d]] is (a + d)/2 + √(((a − d)/2)² + b²): the centre of the two eigenvalues is half the trace.',
        hint: 'Check the first term of your eigenvalue against the README’s formula.',
      },
    ),
    slip(
      'limit-sum-under-root',
      'limit-root',
      { limitRoot: 'sum-under-root' },
      {
        name: 'Your eigenvalue formula adds the diagonal entries under the square root',
        explanation:
          'Your λ uses √(((a + d)/2)² + b²). The larger eigenvalue of [[a, b], [b, d]] is (a + d)/2 + √(((a − d)/2)² + b²): the difference of the diagonal entries goes under the root.',
        hint: 'Compare each term under your square root with the README’s formula for the larger eigenvalue.',
      },
    ),
    hardCodedRate,
    hardCodedMomentum,
  ],
  fingerprintInputs,
  composable: (a, b) =>
    !ALONE.some((knob) => a.knob === knob || b.knob === knob) &&
    !ALONE_SLIPS.includes(a.id) &&
    !ALONE_SLIPS.includes(b.id) &&
    exportOf(a) === exportOf(b) &&
    !SAME_AS_A_FITTED_VALUE.some(([p, q]) => [a.id, b.id].sort().join() === [p, q].sort().join()),
  describe: describeMomentum,
};
