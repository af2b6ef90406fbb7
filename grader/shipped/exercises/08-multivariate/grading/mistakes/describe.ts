import type {
  LinearModel,
  Matrix,
  ModelGradient,
  MultiDescentOptions,
  MultiDescentResult,
} from '../../../../../../exercises/types';
import { computeCostMulti, computeGradientMulti } from '../../../../../../solutions/08-multivariate/multivariate';
import type { Evidence } from '../../../../../mistake-space/space';
import { quoted } from '../../../03-step/grading/mistakes/step-model';
import { implementModel, REFERENCE_MODEL } from './model';

type DescentArgs = [Matrix, number[], MultiDescentOptions];

const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-300);
const sameModel = (a: LinearModel, b: LinearModel) =>
  a.w.length === b.w.length && a.w.every((v, j) => near(v, b.w[j])) && near(a.b, b.b);
const sameGradient = (a: ModelGradient, b: ModelGradient) =>
  a.dw.length === b.dw.length && a.dw.every((v, j) => near(v, b.dw[j])) && near(a.db, b.db);
const sameArgs = (a: readonly unknown[], X: Matrix, y: readonly number[], model: LinearModel) =>
  a[0] === X && a[1] === y && sameModel(a[2] as LinearModel, model);

/**
 * What the answers show about the descent, in words: the costs' length and first entry (the
 * course's J, or the student's own computeCostMulti), each one-step run's rate and which gradient
 * it followed (the course's, or the student's own computeGradientMulti), and whether every
 * gradient was taken at the start. The probes probe the cost and the gradient where each descent
 * starts, so the student's own functions can be read there.
 */
export function describeDescent(evidence: Evidence): string[] {
  const answered = (fn: string) =>
    evidence.probes.flatMap((probe, i) => {
      const answer = evidence.answers[i];
      return probe.request.fn === fn && answer?.ok ? [{ args: probe.request.args, value: answer.value }] : [];
    });
  const runs = answered('gradientDescentMulti').map(({ args, value }) => ({
    args: args as DescentArgs,
    run: value as MultiDescentResult,
  }));
  if (!runs.length) return [];
  const ownCost = (X: Matrix, y: readonly number[], m: LinearModel) =>
    answered('computeCostMulti').find((a) => sameArgs(a.args, X, y, m))?.value as number | undefined;
  const ownGradient = (X: Matrix, y: readonly number[], m: LinearModel) =>
    answered('computeGradientMulti').find((a) => sameArgs(a.args, X, y, m))?.value as ModelGradient | undefined;
  const facts: string[] = [];

  const extra = runs.map(({ args: [, , o], run }) => run.costs.length - o.iterations);
  if (extra.some((e) => e !== 1)) {
    facts.push(
      new Set(extra).size === 1
        ? `costs has iterations ${extra[0] > 0 ? '+' : '−'} ${Math.abs(extra[0])} entries.`
            .replace(' + 0', '')
            .replace(' − 0', '')
        : `costs does not have iterations + 1 entries: ${runs.map(({ args: [, , o], run }) => `${run.costs.length} for iterations = ${o.iterations}`).join(', ')}.`,
    );
  }
  const withCosts = runs.filter(({ run }) => run.costs.length);
  const firstIsJ = withCosts.every(({ args: [X, y, o], run }) => near(run.costs[0], computeCostMulti(X, y, o.initial)));
  if (!firstIsJ) {
    const readable = withCosts.flatMap(({ args: [X, y, o], run }) => {
      const own = ownCost(X, y, o.initial);
      return own === undefined ? [] : [{ own, first: run.costs[0] }];
    });
    const firstIsOwn = readable.length > 0 && readable.every(({ own, first }) => near(first, own));
    facts.push(
      firstIsOwn
        ? 'costs[0] is your own computeCostMulti at options.initial, which is not the course’s J there: your descent records its costs with your cost function.'
        : 'costs[0] is not the cost of options.initial.',
    );
  }

  for (const {
    args: [X, y, o],
    run,
  } of runs) {
    const moved = !sameModel(run.model, o.initial);
    if (o.iterations === 0 && moved) facts.push('With iterations = 0 your model still moves.');
    if (o.iterations !== 1) continue;
    if (!moved) {
      facts.push('With iterations = 1 your model does not move.');
      continue;
    }
    const reference = computeGradientMulti(X, y, o.initial);
    const own = ownGradient(X, y, o.initial);
    const stepped = (g: ModelGradient) => ({
      w: o.initial.w.map((v, j) => v - o.learningRate * g.dw[j]),
      b: o.initial.b - o.learningRate * g.db,
    });
    if (own && !sameGradient(own, reference) && sameModel(run.model, stepped(own))) {
      facts.push(
        'Your one-step run moves options.initial by η times your own computeGradientMulti there, which is not the course’s gradient: your descent steps with your gradient.',
      );
      continue;
    }
    const rates = [
      ...o.initial.w.map((v, j) => (reference.dw[j] ? (v - run.model.w[j]) / reference.dw[j] : undefined)),
      reference.db ? (o.initial.b - run.model.b) / reference.db : undefined,
    ].filter((r): r is number => r !== undefined);
    if (near(run.model.b, o.initial.b) && reference.db) facts.push('b does not move in your one-step run.');
    else if (rates.length && rates.every((r) => near(r, rates[0])) && !near(rates[0], o.learningRate))
      facts.push(
        `Your one-step run moves by η ${quoted(rates[0])} times the gradient; options.learningRate is ${o.learningRate}.`,
      );
  }

  const long = runs.filter(({ args: [, , o] }) => o.iterations >= 2);
  const atStart = implementModel({
    ...REFERENCE_MODEL,
    loop: { ...REFERENCE_MODEL.loop, evaluation: 'start' },
  }).gradientDescentMulti!;
  if (
    long.length &&
    long.every(({ args: [X, y, o], run }) => sameModel(run.model, (atStart(X, y, o) as MultiDescentResult).model))
  )
    facts.push('Every step of your run takes the gradient at the initial model.');
  return [...new Set(facts)];
}
