import fc from 'fast-check';
import type { Line, Point } from '../../../../../../exercises/types';
import { largeData, line, points, realLine, smallRate } from '../../../../checks/arbitraries';
import { sampled } from '../../../../../mistake-space/inputs';
import type { Evidence, MistakeSpace, Slip } from '../../../../../mistake-space/space';
import { gradientSpace } from '../../../02-gradient/grading/mistakes/space';
import { stepMistakes as words } from './index';
import {
  constantRateSlip,
  CRASHES,
  liftSlip,
  quoted,
  rateInWords,
  readStep,
  REFERENCE_STEP,
  STEP_ITSELF,
  STEP_KNOBS,
  stepSlip,
  stepSlipsCompose,
  stepWith,
  type StepModel,
} from './step-model';

const implement = (c: StepModel) => ({
  step: (points: Point[], line: Line, learningRate: number) => stepWith(c, points, line, learningRate),
});

const slip = <K extends Parameters<typeof stepSlip>[1]>(change: K, text: Slip<StepModel>['text']) =>
  stepSlip(STEP_ITSELF, change, text);

/**
 * 02's slips that a step working out its own gradient makes. The signs of the gradient and of
 * either partial, and the swapped partials, are left out: the step's own slips behave the same.
 */
const NOT_INLINE = new Set(['wrong-sign', 'dm-sign', 'db-sign', 'swapped-partials', ...CRASHES]);

const gradientLens = {
  get: (c: StepModel) => c.gradient,
  set: (c: StepModel, gradient: StepModel['gradient']) => ({ ...c, gradient }),
};

/** What the answers show about the step: the rate each parameter moved by, where b's (or m's) gradient was taken, what was returned. */
function describeStep(evidence: Evidence): string[] {
  const readings = evidence.probes.flatMap((probe, i) => {
    const answer = evidence.answers[i];
    const [points, line, learningRate] = probe.request.args as [Point[], Line, number];
    return answer?.ok && learningRate !== 0
      ? [{ learningRate, reading: readStep(points, line, learningRate, answer.value as Line) }]
      : [];
  });
  if (!readings.length) return [];
  const all = (test: (r: (typeof readings)[number]['reading']) => boolean) => readings.every((r) => test(r.reading));
  if (all((r) => r.isOldLine)) return ['Your step returns the line it was given, unchanged.'];
  if (all((r) => r.isMoveSize))
    return ['What your step returns is learningRate × the gradient, the size of the move, not the line after it.'];
  const facts: string[] = [];
  const asked = readings.map((r) => r.learningRate);
  const rates = (key: 'rateM' | 'rateB') => readings.map((r) => r.reading[key] ?? NaN);
  const [rateM, rateB] = [rates('rateM'), rates('rateB')];
  const both = rateM.every((r, i) => Math.abs(r - rateB[i]) <= 1e-9 * Math.abs(r));
  if (both) {
    const said = rateInWords(rateM, asked, 'Your steps');
    if (said) facts.push(said);
  } else {
    const mSaid = rateInWords(rateM, asked, 'Your steps of m');
    if (mSaid) facts.push(mSaid);
    if (all((r) => r.bAfterM)) facts.push('b’s gradient is taken after m has moved.');
    else if (rateB.every((r) => r === 0)) facts.push('b never moves.');
    else {
      const bSaid = rateInWords(rateB, asked, 'Your steps of b');
      if (bSaid) facts.push(bSaid);
    }
    if (all((r) => r.mAfterB)) facts.push('m’s gradient is taken after b has moved.');
    else if (rateM.every((r) => r === 0)) facts.push('m never moves.');
  }
  return facts;
}

/** The mistakes of 03-step: each part of the step changed, alone or two at a time, and 02's slips made inline. */
export const stepSpace: MistakeSpace<StepModel> = {
  exercise: '03-step',
  reference: REFERENCE_STEP,
  knobs: {
    ...STEP_KNOBS,
    ...Object.fromEntries(
      Object.entries(gradientSpace.knobs).map(([k, v]) => [`gradient-${k}`, `in a gradient worked out inline, ${v}`]),
    ),
  },
  implement,
  slips: [
    slip('adds-gradient', words['adds-gradient']),
    slip('m-climbs', {
      name: 'Your step moves m up its gradient (b is right)',
      explanation:
        'Your step adds η·dm to m while it subtracts η·db from b, so m moves uphill. Both parameters move against their own partial derivative.',
      hint: 'Compare the sign in front of the two updates.',
    }),
    slip('b-climbs', {
      name: 'Your step moves b up its gradient (m is right)',
      explanation:
        'Your step adds η·db to b while it subtracts η·dm from m, so b moves uphill. Both parameters move against their own partial derivative.',
      hint: 'Compare the sign in front of the two updates.',
    }),
    slip('sequential-update', words['sequential-update']),
    slip('sequential-b-first', {
      name: 'You updated b first, then took m’s gradient at the new b',
      explanation:
        'Your step updates b, then computes ∂J/∂m at the new b instead of the old one. Gradient descent takes both partial derivatives at the line it starts from, then moves both: the update is simultaneous.',
      hint: 'Take both partial derivatives at the same line, before changing either parameter.',
    }),
    slip('step-from-swapped-line', {
      name: 'Your step starts from the line with m and b swapped',
      explanation:
        'Your step takes the gradient at, and moves, the line whose slope is b and whose intercept is m, as happens when a step that takes (b, m), like seed 000’s step_gradient, is given (m, b).',
      hint: 'Check the order in which the line’s two values reach the code that takes the step.',
    }),
    slip('step-from-m-twice', {
      name: 'Your step starts from a line with m in place of b',
      explanation:
        'Your step takes the gradient at, and moves, the line (m, m): the intercept it starts from is the slope.',
      hint: 'Check which values the line your step works on is built from.',
    }),
    slip('step-from-b-twice', {
      name: 'Your step starts from a line with b in place of m',
      explanation:
        'Your step takes the gradient at, and moves, the line (b, b): the slope it starts from is the intercept.',
      hint: 'Check which values the line your step works on is built from.',
    }),
    slip('updates-from-swapped-line', {
      name: 'Your step moves b’s value as m and m’s value as b',
      explanation:
        'Your new m is b − η·dm and your new b is m − η·db: each update starts from the other parameter’s value, so the new line mixes the two up.',
      hint: 'In each update, check which parameter’s current value the move is taken from.',
    }),
    slip('m-updated-from-b', {
      name: 'Your new m starts from b',
      explanation:
        'Your new m is b − η·dm: m’s update starts from the intercept instead of the slope (b’s update is right).',
      hint: 'In m’s update, check which parameter’s current value the move is taken from.',
    }),
    slip('b-updated-from-m', {
      name: 'Your new b starts from m',
      explanation:
        'Your new b is m − η·db: b’s update starts from the slope instead of the intercept (m’s update is right).',
      hint: 'In b’s update, check which parameter’s current value the move is taken from.',
    }),
    slip('wrong-parameter-gradient', words['wrong-parameter-gradient']),
    slip('m-moves-by-db', {
      name: 'Your step moves m by b’s derivative',
      explanation:
        'Your step moves m by η·db instead of η·dm (b is right). Each parameter must move against the partial derivative taken with respect to it.',
      hint: 'Match each parameter with the partial derivative taken with respect to it.',
    }),
    slip('b-moves-by-dm', {
      name: 'Your step moves b by m’s derivative',
      explanation:
        'Your step moves b by η·dm instead of η·db (m is right), as happens when one update line is copied from the other. Each parameter must move against the partial derivative taken with respect to it.',
      hint: 'Match each parameter with the partial derivative taken with respect to it.',
    }),
    slip('forgets-b', words['forgets-b']),
    slip('m-moves-by-rate', {
      name: 'Your step moves m by the learning rate alone',
      explanation:
        'Your step takes η from m instead of η·dm: m’s partial derivative is left out of its update, so m moves by the same amount whatever the slope of J.',
      hint: 'What should the learning rate multiply in m’s update?',
    }),
    slip('b-moves-by-rate', {
      name: 'Your step moves b by the learning rate alone',
      explanation:
        'Your step takes η from b instead of η·db: b’s partial derivative is left out of its update, so b moves by the same amount whatever the slope of J.',
      hint: 'What should the learning rate multiply in b’s update?',
    }),
    slip('forgets-m', {
      name: 'Your step never updates m',
      explanation:
        'Your step moves b but returns the old m. Both parameters must move against their partial derivatives in every step.',
      hint: 'Look at the m you return: where does it come from?',
    }),
    slip('divides-by-rate', words['divides-by-rate']),
    slip('returns-move', {
      name: 'Your step returns the move η·∇J instead of the new line',
      explanation:
        'Your step returns learningRate times the gradient, (η·dm, η·db): how far the line should move, not where it ends up. step must return the line after the move.',
      hint: 'What should step return when learningRate is 0?',
    }),
    slip('returns-change', {
      name: 'Your step returns the change in the line instead of the new line',
      explanation:
        'Your step returns −η·(dm, db), how much m and b change, without applying that change to the line it started from.',
      hint: 'What should step return when learningRate is 0?',
    }),
    slip('returns-old-line', {
      name: 'Your step returns the line it was given',
      explanation:
        'Your step returns the starting line unchanged, so nothing ever moves. It must return a new line, moved against the gradient.',
      hint: 'Which variable holds the new line, and which one do you return?',
    }),
    slip('returns-swapped', {
      name: 'Your step returns the new m as b and the new b as m',
      explanation:
        'Your new line has its two fields the wrong way round: the updated slope is returned as the intercept and the updated intercept as the slope.',
      hint: 'Check which field each new value goes into.',
    }),
    slip('returns-gradient', {
      name: 'Your step returns the gradient instead of the new line',
      explanation:
        'Your step returns (dm, db), the gradient at the line, not the line moved against it by learningRate times the gradient.',
      hint: 'What should step return when learningRate is 0?',
    }),
    slip('m-negated', {
      name: 'Your step returns the new m with its sign flipped',
      explanation:
        'The m you return is η·dm − m, the subtraction written the other way round: the negative of m − η·dm.',
      hint: 'Check the order of the two terms in m’s update.',
    }),
    slip('b-negated', {
      name: 'Your step returns the new b with its sign flipped',
      explanation:
        'The b you return is η·db − b, the subtraction written the other way round: the negative of b − η·db.',
      hint: 'Check the order of the two terms in b’s update.',
    }),
    slip('m-returns-move', {
      name: 'Your step returns η·dm as m, not the new m',
      explanation: 'The m you return is the size of m’s move, η·dm: the starting m is left out of it.',
      hint: 'What should step return as m when learningRate is 0?',
    }),
    slip('b-returns-move', {
      name: 'Your step returns η·db as b, not the new b',
      explanation: 'The b you return is the size of b’s move, η·db: the starting b is left out of it.',
      hint: 'What should step return as b when learningRate is 0?',
    }),
    slip('m-returns-change', {
      name: 'Your step returns the change in m as m',
      explanation: 'The m you return is −η·dm, how much m changes, without the starting m it should be added to.',
      hint: 'What should step return as m when learningRate is 0?',
    }),
    slip('b-returns-change', {
      name: 'Your step returns the change in b as b',
      explanation: 'The b you return is −η·db, how much b changes, without the starting b it should be added to.',
      hint: 'What should step return as b when learningRate is 0?',
    }),
    slip('m-returns-partial', {
      name: 'Your step returns dm as m',
      explanation: 'The m you return is the partial derivative dm itself, not m moved against it.',
      hint: 'What should step return as m when learningRate is 0?',
    }),
    slip('b-returns-partial', {
      name: 'Your step returns db as b',
      explanation: 'The b you return is the partial derivative db itself, not b moved against it.',
      hint: 'What should step return as b when learningRate is 0?',
    }),
    slip('m-returns-new-b', {
      name: 'Your step returns the new b in the m field',
      explanation: 'The m you return is the updated intercept, so the updated slope is lost (b is right).',
      hint: 'Check which value each field of the returned line gets.',
    }),
    slip('b-returns-new-m', {
      name: 'Your step returns the new m in the b field',
      explanation: 'The b you return is the updated slope, so the updated intercept is lost (m is right).',
      hint: 'Check which value each field of the returned line gets.',
    }),
    ...gradientSpace.slips
      .filter((s) => !NOT_INLINE.has(s.id))
      .map((s) => liftSlip(s, gradientLens, 'gradient', 'In the gradient your step uses')),
    constantRateSlip(STEP_ITSELF, implement, (rate) => ({
      name:
        rate === 1
          ? 'Your step leaves out the learning rate (it moves by the whole gradient)'
          : `Your step uses η ${quoted(rate)} whatever learningRate says`,
      explanation:
        rate === 1
          ? 'Your step moves by dm and db themselves, as if η were 1, instead of by learningRate times them. It gives the right answer only when learningRate is 1.'
          : `Your step uses a constant rate, η ${quoted(rate)}, instead of the learningRate it is given, as seed 000's code does with 0.0001. It gives the right answer only at that one rate.`,
      hint: words['hardcoded-rate'].hint,
    })),
    ...(['m', 'b'] as const).map((p) =>
      constantRateSlip(
        STEP_ITSELF,
        implement,
        (rate) => ({
          name:
            rate === 1
              ? `Your step leaves the learning rate out of ${p}’s update`
              : `Your step moves ${p} with η ${quoted(rate)} whatever learningRate says`,
          explanation:
            rate === 1
              ? `Your step moves ${p} by d${p} itself, as if η were 1, while ${p === 'm' ? 'b' : 'm'} moves by learningRate times its partial derivative.`
              : `Your step moves ${p} with a constant rate, η ${quoted(rate)}, while ${p === 'm' ? 'b' : 'm'} uses the learningRate it is given. Both updates use the same learningRate.`,
          hint: 'Is learningRate used in both updates?',
        }),
        `hardcoded-rate-${p}`,
        p,
      ),
    ),
  ],
  composable: (a, b) => stepSlipsCompose(a, b) && a.id !== 'returns-old-line' && b.id !== 'returns-old-line',
  fingerprintInputs: () => [
    ...sampled(fc.tuple(points(1, 12), line, smallRate), 40).map((args) => ({ fn: 'step' as const, args })),
    ...sampled(fc.tuple(largeData, realLine, fc.constantFrom(1e-4, 3e-5, 1e-5)), 4, 7).map((args) => ({
      fn: 'step' as const,
      args,
    })),
  ],
  describe: describeStep,
};
