import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../grader/diagnosis/catalogue';
import { diagnosisSpaceOf } from '../../grader/diagnosis/probes';
import { referenceSubmission } from '../../grader/diagnosis/variant-submission';
import type { ExerciseId } from '../../grader/shipped/contract/exercises';
import type { SubmissionResult } from '../../grader/shipped/results/model';
import { TEST_SEED } from '../kit/support';
import { catalogueSource, exerciseOf, grade, gradeEntry, submissionWith } from './_support';

const entry = (id: string) => CATALOGUE.find((e) => e.id === id)!;
const sources = (ids: readonly string[]) =>
  Object.fromEntries(ids.map((id) => [id.split('/')[0], catalogueSource(id)])) as Partial<Record<ExerciseId, string>>;
const observationIds = (result: SubmissionResult, exercise: ExerciseId) =>
  (exerciseOf(result, exercise).observations ?? []).map((o) => o.id);

describe('the gradient against central differences of the student’s own cost', () => {
  it('calls a consistent 1/(2N) pair (half cost, half gradient) a convention slip', async () => {
    const result = await grade(
      submissionWith('convention', sources(['01-cost/half-cost', '02-gradient/missing-factor-2'])),
    );
    const gradient = exerciseOf(result, '02-gradient');
    expect(exerciseOf(result, '01-cost').diagnosis?.id).toBe('01-cost/half-cost');
    expect(gradient.diagnosis?.id).toBe('02-gradient/missing-factor-2');
    expect(gradient.diagnosis?.evidence).toMatch(/convention slip/);
    const observation = gradient.observations?.find((o) => o.id === '02-gradient/convention-slip');
    expect(observation?.text).toMatch(/exactly the derivative of your own computeCost/);
    expect(observation?.text).toMatch(/0\.5 × the course's J/);
    expect(observation?.text).toMatch(/1\/\(2N\)/);
  });

  it('calls a gradient that disagrees with its own (correct) cost a calculus slip', async () => {
    const result = await gradeEntry(entry('02-gradient/missing-factor-2'));
    const gradient = exerciseOf(result, '02-gradient');
    expect(observationIds(result, '02-gradient')).toEqual(['02-gradient/calculus-slip']);
    expect(gradient.diagnosis?.evidence).toMatch(/calculus slip/);
  });

  it('sees that a swapped model in both files is consistent too, without calling it 1/(2N)', async () => {
    const result = await grade(
      submissionWith('swapped', sources(['01-cost/swapped-model', '02-gradient/swapped-model'])),
    );
    const text = exerciseOf(result, '02-gradient').observations?.find(
      (o) => o.id === '02-gradient/convention-slip',
    )?.text;
    expect(text).toMatch(/Your cost differs from the course's J/);
    expect(text).not.toMatch(/1\/\(2N\)/);
  });

  it('concludes nothing when the student’s own cost is not a quadratic (RMSE)', async () => {
    const result = await grade(submissionWith('rmse', sources(['01-cost/rmse', '02-gradient/missing-factor-2'])));
    expect(observationIds(result, '02-gradient')).toEqual([]);
  });
});

describe('learning-rate feedback', () => {
  it('explains a correct descent that crawls on data.csv, and its divergence above 2/λmax', async () => {
    const result = await grade(referenceSubmission());
    const descent = exerciseOf(result, '04-descent');
    expect(descent.score).toBe(descent.maxScore);
    const crawl = descent.observations?.find((o) => o.id === '04-descent/slow-convergence')?.text ?? '';
    expect(crawl).toMatch(/b = 0\.08894/);
    expect(crawl).toMatch(/b = 7\.991/);
    expect(crawl).toMatch(/condition|narrow valley/);
    expect(crawl).toMatch(/Feature scaling/);
    const blowUp = descent.observations?.find((o) => o.id === '04-descent/diverges-above-limit')?.text ?? '';
    expect(blowUp).toMatch(/2\/λmax/);
    expect(blowUp).toMatch(/diverges/);
  });

  it('gives it to a correct descent graded in isolation over a broken gradient', async () => {
    const result = await gradeEntry(entry('02-gradient/wrong-sign'));
    expect(exerciseOf(result, '04-descent').rootCause?.gradedInIsolation).toBe(true);
    expect(observationIds(result, '04-descent')).toEqual([
      '04-descent/slow-convergence',
      '04-descent/diverges-above-limit',
    ]);
  });

  it('says nothing about rates to a descent that is wrong', async () => {
    const result = await gradeEntry(entry('04-descent/hardcoded-rate'));
    expect(exerciseOf(result, '04-descent').observations).toBeUndefined();
  });
});

describe('replay commands', () => {
  it('every failing check carries one, and it reruns exactly the shrunk case', async () => {
    const submission = submissionWith('replay', sources(['02-gradient/sum-not-mean']));
    const result = await grade(submission);
    const failing = result.exercises.flatMap((e) => e.checks.filter((c) => c.status === 'fail'));
    expect(failing.length).toBeGreaterThan(0);
    for (const check of failing)
      expect(check.replay).toMatch(
        new RegExp(`^npm run check -- <submission> --check ${check.id} --seed ${TEST_SEED}`),
      );
    const random = exerciseOf(result, '02-gradient').checks.find((c) => c.id === '02-gradient/matches-reference')!;
    const [, checkId, seed, path] = /--check (\S+) --seed (\d+) --path "([^"]+)"/.exec(random.replay!)!;
    const replayed = await grade(submission, { onlyChecks: [checkId], seed: Number(seed), path });
    const again = exerciseOf(replayed, '02-gradient').checks[0];
    expect(again.status).toBe('fail');
    expect(again.counterexample?.input).toEqual(random.counterexample?.input);
  });
});

describe('root cause and isolation', () => {
  /** Isolation may only restore full marks to a file that passes every check on top of the reference. */
  function neverRaisedUnlessOwnCodeIsRight(result: SubmissionResult, raw: SubmissionResult): void {
    for (const e of result.exercises) {
      const before = exerciseOf(raw, e.exercise);
      if (e.score > before.score) {
        expect(e.score, e.exercise).toBe(e.maxScore);
        expect(e.rootCause?.gradedInIsolation, e.exercise).toBe(true);
      } else expect(e.score, e.exercise).toBe(before.score);
    }
  }

  it('a sequential update on top of a broken gradient still fails in isolation, and keeps its own score', async () => {
    const ids = ['02-gradient/sum-not-mean', '03-step/sequential-update'];
    const result = await grade(submissionWith('both-broken', sources(ids)));
    const raw = await grade(submissionWith('both-broken', sources(ids)), { explain: false });
    const step = exerciseOf(result, '03-step');
    expect(step.score).toBe(exerciseOf(raw, '03-step').score);
    expect(step.score).toBeLessThan(step.maxScore);
    expect(step.diagnosis?.id).toBe('03-step/sequential-update');
    expect(step.rootCause).toMatchObject({ brokenDependency: '02-gradient', gradedInIsolation: false });
    expect(step.rootCause?.message).toMatch(/mistake of its own/);
    expect(step.checks.filter((c) => c.status === 'fail').every((c) => c.replay && !c.replay.includes('--world'))).toBe(
      true,
    );
    const descent = exerciseOf(result, '04-descent');
    expect(descent.rootCause?.brokenDependency).toBe('02-gradient');
    expect(descent.score).toBe(descent.maxScore);
    neverRaisedUnlessOwnCodeIsRight(result, raw);
  });

  it.each([
    [['02-gradient/wrong-sign', '04-descent/one-step-short']],
    [['01-cost/half-cost', '04-descent/ignores-initial']],
    [['03-step/adds-gradient', '04-descent/cost-before-each-step']],
  ])('%j: a wrong dependent keeps its own (lower) score and its own diagnosis', async (ids) => {
    const result = await grade(submissionWith('pair', sources(ids)));
    const raw = await grade(submissionWith('pair', sources(ids)), { explain: false });
    const [lower, upper] = ids.map((id) => entry(id));
    expect(exerciseOf(result, lower.exercise).diagnosis?.id).toBe(lower.id);
    const dependent = exerciseOf(result, upper.exercise);
    expect(dependent.diagnosis?.id).toBe(upper.id);
    expect(dependent.rootCause).toMatchObject({ brokenDependency: lower.exercise, gradedInIsolation: false });
    neverRaisedUnlessOwnCodeIsRight(result, raw);
  });

  const inlinedStep = (gradientLine: string) => `
import type { Line, Point } from '../types';

export function step(points: readonly Point[], line: Line, learningRate: number): Line {
  let dm = 0;
  let db = 0;
  for (const { x, y } of points) {
    const r = y - (line.m * x + line.b);
    ${gradientLine}
  }
  return { m: line.m - learningRate * dm, b: line.b - learningRate * db };
}
`;

  it('a step that inlines a correct gradient is graded on its own code: full marks, no root cause', async () => {
    const result = await grade(
      submissionWith('inline', {
        ...sources(['02-gradient/wrong-sign']),
        '03-step': inlinedStep('dm += (-2 / points.length) * x * r; db += (-2 / points.length) * r;'),
      }),
    );
    expect(exerciseOf(result, '02-gradient').diagnosis?.id).toBe('02-gradient/wrong-sign');
    for (const id of ['03-step', '04-descent'] as const) {
      expect(exerciseOf(result, id).score, id).toBe(exerciseOf(result, id).maxScore);
      expect(exerciseOf(result, id).rootCause, id).toBeUndefined();
    }
  });

  it('a step that inlines a wrong gradient is not blamed on 02, isolation does not help it, and its own mistake is named', async () => {
    const result = await grade(
      submissionWith('inline-wrong', {
        ...sources(['02-gradient/wrong-sign']),
        '03-step': inlinedStep('dm += -2 * x * r; db += -2 * r;'),
      }),
    );
    const step = exerciseOf(result, '03-step');
    expect(step.score).toBeLessThan(step.maxScore);
    expect(step.rootCause).toBeUndefined();
    // The inlined gradient sums without dividing by N: the step's own space names it, as a slip of the gradient inside the step.
    expect(step.diagnosis?.id).toBe('03-step/gradient-sum-not-mean');
    expect(step.diagnosis?.name).toMatch(/gradient your step uses/);
  });
});

describe('naming mistakes', () => {
  it.each([
    [
      '02-gradient/sum-not-mean',
      '02-gradient',
      `import type { Gradient, Line, Point } from '../types';
export const computeGradient = (points: readonly Point[], { m, b }: Line): Gradient =>
  points.reduceRight((g, { x, y }) => ({ dm: g.dm - 2 * x * (y - m * x - b), db: g.db - 2 * (y - m * x - b) }), { dm: 0, db: 0 });`,
    ],
    [
      '01-cost/half-cost',
      '01-cost',
      `import type { Line, Point } from '../types';
export function computeCost(points: readonly Point[], line: Line): number {
  let mse = 0;
  for (let i = points.length - 1; i >= 0; i--) mse += (points[i].y - line.m * points[i].x - line.b) ** 2 / points.length;
  return 0.5 * mse;
}`,
    ],
    [
      '04-descent/one-step-short',
      '04-descent',
      `import { computeCost } from '../01-cost/cost';
import { step } from '../03-step/step';
import type { DescentOptions, DescentResult, Point } from '../types';
export function gradientDescent(points: readonly Point[], { initial, learningRate, iterations }: DescentOptions): DescentResult {
  const costs = [computeCost(points, initial)];
  let line = initial;
  let left = iterations;
  while (--left > 0) { line = step(points, line, learningRate); costs.push(computeCost(points, line)); }
  return { line, costs };
}`,
    ],
  ])('names %s written in another style', async (id, exercise, source) => {
    const result = await grade(submissionWith('restyled', { [exercise]: source }));
    expect(exerciseOf(result, exercise as ExerciseId).diagnosis?.id).toBe(id);
  });

  it('says plainly when it does not recognise a mistake, and points at the failing checks', async () => {
    const cubed = `import type { Line, Point } from '../types';
export function computeCost(points: readonly Point[], line: Line): number {
  return points.reduce((s, p) => s + Math.abs(p.y - (line.m * p.x + line.b)) ** 3, 0) / points.length;
}`;
    const result = await grade(submissionWith('cubed', { '01-cost': cubed }));
    const cost = exerciseOf(result, '01-cost');
    expect(cost.diagnosis).toBeUndefined();
    expect(cost.unrecognised).toMatch(
      new RegExp(
        `match none of the ${diagnosisSpaceOf('01-cost')!.members.length} candidate mistakes the kit generates`,
      ),
    );
    expect(cost.unrecognised).toMatch(/Ruled out: a slip in what the total is divided by/);
    expect(cost.unrecognised).toMatch(/01-cost\/worked-examples/);
    expect(cost.unrecognised).toMatch(
      /01-cost\/matches-reference \(matches the reference on random small data\), a hidden check/,
    );
    // Students read this text whatever the checks' visibility: it names the failing checks and quotes none of them.
    expect(cost.unrecognised).not.toMatch(/expected|got|tolerance|Smallest failing input|npm run check/);
  });

  it('does not diagnose exercises that kept their marks, nor stubs', async () => {
    const stub = `import type { Line, Point } from '../types';
export function computeCost(points: readonly Point[], line: Line): number {
  throw new Error('not implemented yet: computeCost in 01-cost/cost.ts');
}`;
    const result = await grade(submissionWith('stub', { '01-cost': stub }));
    expect(exerciseOf(result, '01-cost').diagnosis).toBeUndefined();
    expect(exerciseOf(result, '01-cost').unrecognised).toBeUndefined();
    expect(result.exercises.filter((e) => e.diagnosis || e.unrecognised)).toEqual([]);
  });
});
