import fc from 'fast-check';
import type { DescentOptions, DescentResult, Line, Point } from '../../../../../../exercises/types';
import { largeData, line, points, realLine, stableFraction } from '../../../../checks/arbitraries';
import { evaluate } from '../../../../../mistake-space/evaluate';
import { sampled } from '../../../../../mistake-space/inputs';
import type { Evidence, Implementation, MistakeSpace, Slip } from '../../../../../mistake-space/space';
import { costSpace, type CostModel } from '../../../01-cost/grading/mistakes/space';
import { gradientSpace } from '../../../02-gradient/grading/mistakes/space';
import {
  constantRateSlip,
  CRASHES,
  liftSlip,
  quoted,
  rateInWords,
  readStep,
  REFERENCE_STEP,
  scheduledRateSlip,
  stepSlip,
  stepSlipsCompose,
  stepWith,
  type StepLens,
  type StepModel,
} from '../../../03-step/grading/mistakes/step-model';
import { descentMistakes as words } from './index';

/**
 * 04-descent as an algorithm with every part a student can get wrong made a setting: from
 * θ₀ = initial, `iterations` steps θₖ₊₁ = θₖ − η·∇J(θₖ), costs = [J(θ₀), …, J(θₙ)], the last line
 * returned. The step is 03's model (a student who writes it inline makes 03's slips), and the
 * cost 01's (a cost worked out inline).
 */
export interface DescentModel {
  readonly step: StepModel;
  readonly cost: CostModel;
  /**
   * Where the run starts: options.initial; (0, 0) as seed 000's run does; options.initial with m
   * and b swapped; or with one of them copied into the other.
   */
  readonly start: 'initial' | 'origin' | 'swapped' | 'm-from-b' | 'b-from-m';
  /**
   * Where each step's gradient is taken: at the current line; at the start for every step (the
   * line moves, the gradient does not); or every step taken again from the start.
   */
  readonly evaluation: 'current' | 'start-gradient' | 'restart';
  /** How many steps: iterations, one fewer, one more, or a number written in the code. */
  readonly steps: 'iterations' | 'one-short' | 'one-more' | 'fixed';
  readonly fixedSteps: number;
  /** Whether costs starts with the cost of the start, before any step. */
  readonly initialCost: 'recorded' | 'missing';
  /**
   * The cost each step records: of the line after it (right); before it; of the start every time;
   * between its two updates (m moved, b not yet); of the final line (the first entry's too).
   */
  readonly stepCost: 'after' | 'before' | 'start' | 'between-updates' | 'final';
  /**
   * costs as recorded, or in an array made beforehand with iterations + 1 entries (a Float64Array):
   * entries never written stay 0, and writes past its end are lost.
   */
  readonly costsArray: 'grown' | 'preallocated';
  /**
   * The line returned: the last one, options.initial, or the one before the last step; or the last
   * one with its fields swapped, or one field in both.
   */
  readonly returns: 'final' | 'initial' | 'previous' | 'swapped' | 'm-twice' | 'b-twice';
}

const REFERENCE: DescentModel = {
  step: REFERENCE_STEP,
  cost: costSpace.reference,
  start: 'initial',
  evaluation: 'current',
  steps: 'iterations',
  fixedSteps: 1000,
  initialCost: 'recorded',
  stepCost: 'after',
  costsArray: 'grown',
  returns: 'final',
};

const costFunctions = new WeakMap<CostModel, (points: readonly Point[], line: Line) => number>();

function costOf(model: CostModel): (points: readonly Point[], line: Line) => number {
  let f = costFunctions.get(model);
  if (!f) {
    const computeCost = costSpace.implement(model).computeCost!;
    f = (points, line) => computeCost(points, line) as number;
    costFunctions.set(model, f);
  }
  return f;
}

function stepCount(c: DescentModel, iterations: number): number {
  switch (c.steps) {
    case 'iterations':
      return iterations;
    case 'one-short':
      return Math.max(0, iterations - 1);
    case 'one-more':
      return iterations + 1;
    case 'fixed':
      return c.fixedSteps;
  }
}

function gradientDescent(c: DescentModel, points: readonly Point[], options: DescentOptions): DescentResult {
  const { m, b } = options.initial;
  const start: Line = {
    initial: { m, b },
    origin: { m: 0, b: 0 },
    swapped: { m: b, b: m },
    'm-from-b': { m: b, b },
    'b-from-m': { m, b: m },
  }[c.start];
  const lines: Line[] = [start];
  let line = start;
  for (let k = 0, n = stepCount(c, options.iterations); k < n; k++) {
    const from = c.evaluation === 'restart' ? start : line;
    line = stepWith(c.step, points, from, options.learningRate, k, c.evaluation === 'start-gradient' ? start : from);
    lines.push(line);
  }
  const cost = costOf(c.cost);
  const J = (l: Line) => cost(points, l);
  const perStep = lines.slice(1).map((l, k) => {
    switch (c.stepCost) {
      case 'after':
        return J(l);
      case 'before':
        return J(lines[k]);
      case 'start':
        return J(start);
      case 'between-updates':
        return J({ m: l.m, b: lines[k].b });
      case 'final':
        return J(line);
    }
  });
  const recorded = c.initialCost === 'recorded' ? [J(c.stepCost === 'final' ? line : start), ...perStep] : perStep;
  const costs =
    c.costsArray === 'preallocated'
      ? Array.from({ length: options.iterations + 1 }, (_, k) => recorded[k] ?? 0)
      : recorded;
  const returned = {
    final: line,
    initial: { m: options.initial.m, b: options.initial.b },
    previous: lines[Math.max(0, lines.length - 2)],
    swapped: { m: line.b, b: line.m },
    'm-twice': { m: line.m, b: line.m },
    'b-twice': { m: line.b, b: line.b },
  }[c.returns];
  return { line: returned, costs };
}

const implement = (c: DescentModel): Implementation => ({
  gradientDescent: (points: Point[], options: DescentOptions) => gradientDescent(c, points, options),
});

const slip = (id: string, knob: string, change: Partial<DescentModel>, text: Slip<DescentModel>['text']) => ({
  id,
  knob,
  text,
  apply: (c: DescentModel) => ({ ...c, ...change }),
});

const stepLens: StepLens<DescentModel> = { get: (c) => c.step, set: (c, step) => ({ ...c, step }) };
const gradientLens = {
  get: (c: DescentModel) => c.step.gradient,
  set: (c: DescentModel, gradient: StepModel['gradient']) => ({ ...c, step: { ...c.step, gradient } }),
};
const costLens = { get: (c: DescentModel) => c.cost, set: (c: DescentModel, cost: CostModel) => ({ ...c, cost }) };

/** 02's slips as a loop that works out the gradient itself makes them (the signs and swapped partials are the step's own slips, which behave the same). */
const NOT_INLINE = new Set(['wrong-sign', 'dm-sign', 'db-sign', 'swapped-partials', ...CRASHES]);
/** 01's slips as a loop that works out the costs itself makes them: the usual ones. */
const INLINE_COST = ['sum-not-mean', 'half-cost', 'divides-by-n-minus-1', 'rmse', 'mean-absolute-error'];

/** The number of steps a loop that ignores options.iterations takes, read off the length of its costs. */
function fitStepCount(c: DescentModel, evidence: Evidence): DescentModel | undefined {
  for (let i = 0; i < evidence.probes.length; i++) {
    const answer = evidence.answers[i];
    if (!answer?.ok) continue;
    const { fn, args } = evidence.probes[i].request;
    const none = evaluate(implement({ ...c, fixedSteps: 0 }), fn, args);
    if (!none.ok) continue;
    const n = (answer.value as DescentResult).costs.length - (none.value as DescentResult).costs.length;
    return n >= 0 ? { ...c, fixedSteps: n } : undefined;
  }
  return undefined;
}

/** The largest stable rate of J on some points, 2/λmax of its Hessian 2·[[mean x², mean x], [mean x, 1]]. */
function stableRate(ps: readonly Point[]): number {
  const mx = ps.reduce((s, p) => s + p.x, 0) / ps.length;
  const mxx = ps.reduce((s, p) => s + p.x * p.x, 0) / ps.length;
  const [a, b, d] = [2 * mxx, 2 * mx, 2];
  const lambda = (a + d) / 2 + Math.sqrt(((a - d) / 2) ** 2 + b * b);
  return 2 / lambda;
}

type Args = [Point[], DescentOptions];

/** Slips that mix up the returned line's fields: they go with the loop's own slips only. */
const FIELDS_MIXED = new Set(['returns-line-swapped', 'returns-m-twice', 'returns-b-twice']);

/** The knobs of the step a loop holds, as opposed to the loop's own. */
const STEP_LEVEL = new Set(['direction', 'order', 'moved-by', 'returns', 'rate']);

/** What the answers show about the run: the costs' length and first entry, the first step, where the gradients were taken. */
function describeDescent(evidence: Evidence): string[] {
  const runs = evidence.probes.flatMap((probe, i) => {
    const answer = evidence.answers[i];
    return answer?.ok ? [{ args: probe.request.args as Args, run: answer.value as DescentResult }] : [];
  });
  if (!runs.length) return [];
  const facts: string[] = [];
  const J = costOf(costSpace.reference);
  const extra = runs.map(({ args: [, o], run }) => run.costs.length - o.iterations);
  if (extra.some((e) => e !== 1)) {
    const lengths = runs.map(({ run }) => run.costs.length);
    facts.push(
      new Set(extra).size === 1
        ? `costs has iterations ${extra[0] > 0 ? '+' : '−'} ${Math.abs(extra[0])} entries.`.replace(
            'iterations − 0',
            'iterations',
          )
        : new Set(lengths).size === 1
          ? `costs has ${lengths[0]} entries whatever iterations says.`
          : `costs does not have iterations + 1 entries: ${runs.map(({ args: [, o], run }) => `${run.costs.length} for iterations = ${o.iterations}`).join(', ')}.`,
    );
  }
  const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-300);
  const firstIsStart = runs.every(({ args: [ps, o], run }) => run.costs.length && near(run.costs[0], J(ps, o.initial)));
  if (!firstIsStart && runs.every(({ run }) => run.costs.length))
    facts.push('costs[0] is not the cost of options.initial.');
  const lastIsLine = runs.every(({ args: [ps], run }) => run.costs.length && near(run.costs.at(-1)!, J(ps, run.line)));
  if (!lastIsLine) facts.push('The last entry of costs is not the cost of the line you return.');
  for (const {
    args: [ps, o],
    run,
  } of runs) {
    const moved = !near(run.line.m, o.initial.m) || !near(run.line.b, o.initial.b);
    if (o.iterations === 0 && moved) facts.push('With iterations = 0 your line still moves.');
    if (o.iterations === 1 && !moved) facts.push('With iterations = 1 your line does not move.');
    if (o.iterations === 1 && moved) {
      const reading = readStep(ps, o.initial, o.learningRate, run.line);
      if (reading.rateM !== undefined && reading.rateB !== undefined && near(reading.rateM, reading.rateB)) {
        const said = rateInWords([reading.rateM], [o.learningRate], 'Your first step', false);
        if (said) facts.push(said);
      } else if (reading.bAfterM) facts.push('b’s gradient is taken after m has moved.');
      else if (reading.mAfterB) facts.push('m’s gradient is taken after b has moved.');
    }
  }
  const atStart = runs.filter(({ args: [, o] }) => o.iterations >= 2);
  const startGradient = implement({ ...REFERENCE, evaluation: 'start-gradient' }).gradientDescent!;
  if (
    atStart.length &&
    atStart.every(({ args: [ps, o], run }) => {
      const expected = startGradient(ps, o) as DescentResult;
      return near(run.line.m, expected.line.m) && near(run.line.b, expected.line.b);
    })
  )
    facts.push('Every step of your run takes the gradient at the initial line.');
  return facts;
}

/** The mistakes of 04-descent: each part of the loop changed, alone or two at a time, and the step's, the gradient's and the cost's slips made inline. */
export const descentSpace: MistakeSpace<DescentModel> = {
  exercise: '04-descent',
  reference: REFERENCE,
  knobs: {
    direction: 'the direction of each step (down or up the gradient, for both parameters or one)',
    steps: 'the number of steps',
    'initial-cost': 'whether costs starts with the cost before any step',
    'step-cost': 'which line the cost each step records is of',
    'costs-array': 'an array of costs made beforehand',
    start: 'where the run starts',
    returned: 'which line is returned',
    evaluation: 'where each gradient is taken',
    order: 'the order of the updates within a step',
    returns: 'which of the new m and b goes where',
    'moved-by': 'which partial derivative moves which parameter',
    rate: 'the learning rate (the one given, a constant, its reciprocal, a schedule of η/(k + 1)^p or η·γ^k)',
    ...Object.fromEntries(
      Object.entries(gradientSpace.knobs).map(([k, v]) => [`gradient-${k}`, `in a gradient worked out inline, ${v}`]),
    ),
    ...Object.fromEntries(
      Object.entries(costSpace.knobs).map(([k, v]) => [`cost-${k}`, `in costs worked out inline, ${v}`]),
    ),
  },
  implement,
  slips: [
    stepSlip(stepLens, 'adds-gradient', words['climbs-uphill'], 'climbs-uphill'),
    stepSlip(stepLens, 'm-climbs', {
      name: 'Your loop moves m up its gradient (b is right)',
      explanation:
        'Each step of your loop adds η·dm to m while it subtracts η·db from b, so m moves uphill. Both parameters move against their own partial derivative.',
      hint: 'Compare the sign in front of the two updates.',
    }),
    stepSlip(stepLens, 'b-climbs', {
      name: 'Your loop moves b up its gradient (m is right)',
      explanation:
        'Each step of your loop adds η·db to b while it subtracts η·dm from m, so b moves uphill. Both parameters move against their own partial derivative.',
      hint: 'Compare the sign in front of the two updates.',
    }),
    slip('one-step-short', 'steps', { steps: 'one-short' }, words['one-step-short']),
    slip('one-step-too-many', 'steps', { steps: 'one-more' }, words['one-step-too-many']),
    slip('missing-initial-cost', 'initial-cost', { initialCost: 'missing' }, words['missing-initial-cost']),
    slip(
      'cost-before-each-step',
      'step-cost',
      { initialCost: 'missing', stepCost: 'before' },
      words['cost-before-each-step'],
    ),
    slip(
      'costs-lagged',
      'step-cost',
      { stepCost: 'before' },
      {
        name: 'costs repeats the starting cost and misses the last one',
        explanation:
          'Your costs list starts with the cost of options.initial and then records the cost before each step, so the starting cost appears twice and the cost of the line you return is missing.',
        hint: 'Does the last number in costs belong to the line you return?',
      },
    ),
    slip(
      'costs-at-initial',
      'step-cost',
      { stepCost: 'start' },
      {
        name: 'Every entry of costs is the cost of the starting line',
        explanation:
          'Your loop records a cost after each step, but always the cost of the line the run started from, not of the line the step reached. costs[k] must be J after k steps.',
        hint: 'Which line does each entry of costs measure?',
      },
    ),
    slip(
      'costs-between-updates',
      'step-cost',
      { stepCost: 'between-updates' },
      {
        name: 'Each cost is recorded between the two updates',
        explanation:
          'Your loop records the cost after m has moved but before b has, so each entry after the first is the cost of a line that is half a step along, not of the line the step reached.',
        hint: 'In each pass of your loop, which updates have happened when the cost is recorded?',
      },
    ),
    slip(
      'costs-at-final',
      'step-cost',
      { stepCost: 'final' },
      {
        name: 'Every entry of costs is the cost of the final line',
        explanation:
          'Your costs list has one entry per line of the run, but each is the cost of the line the run ends at, not of the line it measures.',
        hint: 'Which line does each entry of costs measure?',
      },
    ),
    slip(
      'costs-preallocated',
      'costs-array',
      { costsArray: 'preallocated' },
      {
        name: 'costs is made with iterations + 1 entries before the loop, and the loop does not fill it',
        explanation:
          'Your costs array is created with iterations + 1 entries, but your loop writes a different number of them, so the unwritten ones stay 0 (or the extra ones are lost).',
        hint: 'With iterations = 1, how many entries of costs does your loop write?',
      },
    ),
    slip('ignores-initial', 'start', { start: 'origin' }, words['ignores-initial']),
    slip(
      'start-swapped',
      'start',
      { start: 'swapped' },
      {
        name: 'Your descent starts from options.initial with m and b swapped',
        explanation:
          'Your run starts from the line whose slope is options.initial.b and whose intercept is options.initial.m, so every step after it follows from the wrong start.',
        hint: 'Which field of options.initial does each parameter of your starting line come from?',
      },
    ),
    slip(
      'start-m-from-b',
      'start',
      { start: 'm-from-b' },
      {
        name: 'Your descent starts with m = options.initial.b',
        explanation:
          'Your starting line takes its slope from options.initial.b as well as its intercept, so the run starts from the wrong line.',
        hint: 'Which field of options.initial does each parameter of your starting line come from?',
      },
    ),
    slip(
      'start-b-from-m',
      'start',
      { start: 'b-from-m' },
      {
        name: 'Your descent starts with b = options.initial.m',
        explanation:
          'Your starting line takes its intercept from options.initial.m as well as its slope, so the run starts from the wrong line.',
        hint: 'Which field of options.initial does each parameter of your starting line come from?',
      },
    ),
    slip('returns-first-line', 'returned', { returns: 'initial' }, words['returns-first-line']),
    slip(
      'returns-previous-line',
      'returned',
      { returns: 'previous' },
      {
        name: 'You return the line from one step before the end',
        explanation:
          'Your loop takes every step, but the line you return is the one before the last step, so it does not match the last entry of costs.',
        hint: 'Is the returned line the one whose cost is the last entry of costs?',
      },
    ),
    slip(
      'returns-line-swapped',
      'returned',
      { returns: 'swapped' },
      {
        name: 'The line you return has m and b swapped',
        explanation:
          'Your loop ends at the right line, but the line you return carries its intercept as m and its slope as b.',
        hint: 'Check which value each field of the returned line gets.',
      },
    ),
    slip(
      'returns-m-twice',
      'returned',
      { returns: 'm-twice' },
      {
        name: 'The line you return has the final m as b too',
        explanation: 'Your loop ends at the right line, but the line you return repeats its slope as the intercept.',
        hint: 'Check which value each field of the returned line gets.',
      },
    ),
    slip(
      'returns-b-twice',
      'returned',
      { returns: 'b-twice' },
      {
        name: 'The line you return has the final b as m too',
        explanation: 'Your loop ends at the right line, but the line you return repeats its intercept as the slope.',
        hint: 'Check which value each field of the returned line gets.',
      },
    ),
    slip(
      'gradient-at-start',
      'evaluation',
      { evaluation: 'start-gradient' },
      {
        name: 'Every step of your run uses the gradient at the initial line',
        explanation:
          'Your loop moves the line, but each step takes the gradient at options.initial instead of at the line it is at now, so the run walks in a straight line along the first step’s direction, wherever the slope turns. Gradient descent takes a fresh gradient at every step.',
        hint: 'Where is the line when your loop takes each gradient?',
      },
    ),
    slip(
      'steps-from-start',
      'evaluation',
      { evaluation: 'restart' },
      {
        name: 'Each of your steps starts again from the initial line',
        explanation:
          'Every pass of your loop steps from options.initial instead of from the line the previous step reached, so after any number of iterations the line is one step from the start.',
        hint: 'Which line does each step of your loop start from?',
      },
    ),
    stepSlip(stepLens, 'sequential-update', {
      name: 'Your loop updates m first, then takes b’s gradient at the new m',
      explanation:
        'Each step of your loop updates m, then computes ∂J/∂b at the new m instead of the old one, as seed 002’s `gradient_descent_LR` does. For small rates it still converges, but it is not the gradient-descent update, and the difference grows with the learning rate.',
      hint: 'In each step, take both partial derivatives at the same line, before changing either parameter.',
    }),
    stepSlip(stepLens, 'sequential-b-first', {
      name: 'Your loop updates b first, then takes m’s gradient at the new b',
      explanation:
        'Each step of your loop updates b, then computes ∂J/∂m at the new b instead of the old one. Gradient descent takes both partial derivatives at the line the step starts from.',
      hint: 'In each step, take both partial derivatives at the same line, before changing either parameter.',
    }),
    stepSlip(stepLens, 'wrong-parameter-gradient', {
      name: 'Your loop moves each parameter by the other one’s derivative',
      explanation:
        'Each step of your loop moves m by η·db and b by η·dm. Each parameter must move against its own partial derivative.',
      hint: 'Match each parameter with the partial derivative taken with respect to it.',
    }),
    stepSlip(stepLens, 'm-moves-by-db', {
      name: 'Your loop moves m by b’s derivative',
      explanation:
        'Each step of your loop moves m by η·db instead of η·dm (b is right), as happens when one update line is copied from the other. Each parameter must move against its own partial derivative.',
      hint: 'Match each parameter with the partial derivative taken with respect to it.',
    }),
    stepSlip(stepLens, 'b-moves-by-dm', {
      name: 'Your loop moves b by m’s derivative',
      explanation:
        'Each step of your loop moves b by η·dm instead of η·db (m is right), as happens when one update line is copied from the other. Each parameter must move against its own partial derivative.',
      hint: 'Match each parameter with the partial derivative taken with respect to it.',
    }),
    stepSlip(stepLens, 'm-moves-by-rate', {
      name: 'Your loop moves m by the learning rate alone',
      explanation:
        'Each step of your loop takes η from m instead of η·dm: m’s partial derivative is left out of its update.',
      hint: 'What should the learning rate multiply in m’s update?',
    }),
    stepSlip(stepLens, 'b-moves-by-rate', {
      name: 'Your loop moves b by the learning rate alone',
      explanation:
        'Each step of your loop takes η from b instead of η·db: b’s partial derivative is left out of its update.',
      hint: 'What should the learning rate multiply in b’s update?',
    }),
    stepSlip(stepLens, 'forgets-b', {
      name: 'Your loop never updates b',
      explanation: 'Each step of your loop moves m but leaves b where it started. Both parameters move in every step.',
      hint: 'Follow b through one pass of your loop: does it change?',
    }),
    stepSlip(stepLens, 'returns-swapped', {
      name: 'Your loop swaps m and b at every step',
      explanation:
        'After each step your loop puts the new slope into b and the new intercept into m, as happens when a step that returns [b, m] (seed 000’s step_gradient) is unpacked as [m, b]. The next step then starts from the wrong line.',
      hint: 'Follow the new m and the new b through one pass of your loop: where does each end up?',
    }),
    stepSlip(stepLens, 'divides-by-rate', {
      name: 'Your loop divides by the learning rate instead of multiplying',
      explanation:
        'Each step of your loop moves by dm/η and db/η, so a smaller learning rate makes a bigger step. The learning rate scales the step: η·dm.',
      hint: 'What should a smaller learning rate do to each step?',
    }),
    ...gradientSpace.slips
      .filter((s) => !NOT_INLINE.has(s.id))
      .map((s) => liftSlip(s, gradientLens, 'gradient', 'In the gradient your loop uses')),
    ...costSpace.slips
      .filter((s) => INLINE_COST.includes(s.id))
      .map((s) => liftSlip(s, costLens, 'cost', 'In the costs your loop records')),
    {
      id: 'fixed-iterations',
      knob: 'steps',
      text: (c: DescentModel) => ({
        name: `Your loop runs ${c.fixedSteps} times whatever options.iterations says`,
        explanation: `Your loop takes ${c.fixedSteps} steps (like seed 000's run of 1000) instead of options.iterations, so the line and costs are right only when iterations happens to be ${c.fixedSteps}.`,
        hint: 'Is options.iterations used anywhere in your function?',
      }),
      apply: (c: DescentModel) => ({ ...c, steps: 'fixed' as const, fixedSteps: 100 }),
      fit: fitStepCount,
    },
    constantRateSlip(stepLens, implement, (rate) => ({
      name:
        rate === 1
          ? 'Your loop leaves out the learning rate (each step moves by the whole gradient)'
          : `Your steps use η ${quoted(rate)} whatever options.learningRate says`,
      explanation:
        rate === 1
          ? 'Each step of your loop moves by dm and db themselves, as if η were 1, instead of by options.learningRate times them.'
          : `Your loop steps with a constant rate, η ${quoted(rate)}, instead of options.learningRate, as seed 000's run does with 0.0001. It gives the right answer only at that one rate.`,
      hint: words['hardcoded-rate'].hint,
    })),
    ...(['m', 'b'] as const).map((p) =>
      constantRateSlip(
        stepLens,
        implement,
        (rate) => ({
          name:
            rate === 1
              ? `Your loop leaves the learning rate out of ${p}’s update`
              : `Your loop moves ${p} with η ${quoted(rate)} whatever options.learningRate says`,
          explanation:
            rate === 1
              ? `Each step of your loop moves ${p} by d${p} itself, as if η were 1, while ${p === 'm' ? 'b' : 'm'} moves by options.learningRate times its partial derivative.`
              : `Each step of your loop moves ${p} with a constant rate, η ${quoted(rate)}, while ${p === 'm' ? 'b' : 'm'} uses options.learningRate. Both updates use the same learning rate.`,
          hint: 'Is options.learningRate used in both updates?',
        }),
        `hardcoded-rate-${p}`,
        p,
      ),
    ),
    scheduledRateSlip(
      stepLens,
      implement,
      'power',
      (power) => {
        const schedule =
          power === 1 ? 'η/(k + 1)' : power === 0.5 ? 'η/√(k + 1)' : `η/(k + 1)^${Number(power.toPrecision(6))}`;
        return {
          name: `Your learning rate shrinks as ${schedule}`,
          explanation: `Step k of your loop (from k = 0) uses ${schedule.replace('η', 'learningRate')}, a decaying schedule. Plain gradient descent uses the same learningRate at every step.`,
          hint: 'Does the learning rate change from one pass of your loop to the next?',
        };
      },
      'rate-schedule',
    ),
    scheduledRateSlip(
      stepLens,
      implement,
      'decay',
      (decay) => ({
        name: `Your learning rate shrinks by a factor ${Number(decay.toPrecision(6))} at every step`,
        explanation: `Step k of your loop uses learningRate × ${Number(decay.toPrecision(6))}^k, a decaying schedule. Plain gradient descent uses the same learningRate at every step.`,
        hint: 'Does the learning rate change from one pass of your loop to the next?',
      }),
      'rate-decay',
    ),
  ],
  /**
   * Two slips of the loop go together, and a slip of the loop with one of the step or of the costs
   * worked out inline (a returned line with its fields mixed up goes with the loop's slips only, an
   * array of costs made beforehand with a step too few or too many only: alone it changes nothing);
   * two slips of the step only when one is its rate (seed 002's sequential
   * update with a rate written in, say): the step's other pairs are 03's. A slip of the gradient
   * worked out inline goes alone. Not a sequential update with every gradient taken at the start
   * (a gradient taken once has no order), nor a divided rate run for a fixed number of steps (it
   * overflows on every input, so nothing of it can be read).
   */
  composable: (a, b) => {
    const ids = [a.id, b.id];
    const knobs = [a.knob, b.knob];
    const inStep = (knob: string) => STEP_LEVEL.has(knob);
    const inlineCost = (knob: string) => knob.startsWith('cost-');
    const inLoop = (knob: string) => !inStep(knob) && !inlineCost(knob) && !knob.startsWith('gradient-');
    if ((inlineCost(a.knob) && inLoop(b.knob)) || (inlineCost(b.knob) && inLoop(a.knob))) return true;
    if (inStep(a.knob) && inStep(b.knob) && !knobs.includes('rate')) return false;
    if (FIELDS_MIXED.has(a.id) || FIELDS_MIXED.has(b.id)) return inLoop(a.knob) && inLoop(b.knob);
    if (a.knob === 'costs-array' || b.knob === 'costs-array')
      return ids.includes('one-step-short') || ids.includes('one-step-too-many');
    const sequential = ids.includes('sequential-update') || ids.includes('sequential-b-first');
    const overflows = ids.includes('divides-by-rate') && ids.includes('fixed-iterations');
    return stepSlipsCompose(a, b, false) && !(sequential && ids.includes('gradient-at-start')) && !overflows;
  },
  fingerprintInputs: () => [
    ...sampled(
      fc.record({
        ps: points(1, 10),
        initial: line,
        fraction: stableFraction,
        iterations: fc.integer({ min: 0, max: 8 }),
      }),
      40,
    ).map(({ ps, initial, fraction, iterations }) => ({
      fn: 'gradientDescent' as const,
      args: [ps, { initial, learningRate: fraction * stableRate(ps), iterations }],
    })),
    ...sampled(
      fc.record({
        ps: largeData,
        initial: realLine,
        fraction: stableFraction,
        iterations: fc.integer({ min: 1, max: 5 }),
      }),
      2,
      7,
    ).map(({ ps, initial, fraction, iterations }) => ({
      fn: 'gradientDescent' as const,
      args: [ps, { initial, learningRate: fraction * stableRate(ps), iterations }],
    })),
  ],
  describe: describeDescent,
};
