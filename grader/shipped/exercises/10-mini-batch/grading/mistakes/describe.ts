import type { Matrix, MultiDescentResult } from '../../../../../../exercises/types';
import { computeCostMulti } from '../../../../../../solutions/08-multivariate/multivariate';
import type { Evidence } from '../../../../../mistake-space/space';
import { epochOrder, type EpochOrder } from '../../public-checks';
import { batchesOf, implementModel, REFERENCE_MODEL, type MiniBatchModel } from './model';

/** The options of a probe as it was sent: `order` still `{ $order }`. */
interface SentOptions {
  readonly initial: { w: number[]; b: number };
  readonly learningRate: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly order: { $order: EpochOrder };
}
type SentArgs = [Matrix, number[], SentOptions];

const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-300);
const sameRun = (a: MultiDescentResult, b: MultiDescentResult) =>
  a.costs.length === b.costs.length &&
  a.costs.every((v, k) => near(v, b.costs[k])) &&
  a.model.w.every((v, j) => near(v, b.model.w[j])) &&
  near(a.model.b, b.model.b);

/** A run as a configuration of the model makes it, on a probe's arguments. */
const runOf = (change: Partial<MiniBatchModel>, [X, y, o]: SentArgs) =>
  implementModel({ ...REFERENCE_MODEL, ...change }).miniBatchGradientDescent!(X, y, {
    ...o,
    order: epochOrder(o.order.$order),
  }) as MultiDescentResult;

/**
 * What the answers show about the run, in words: the costs' length (one per epoch, or one per
 * batch), costs[0] against J(initial) on all rows, the last cost against J on all rows of the
 * model returned, a run of 0 epochs that moves, and runs that are what index order, order(0)
 * every epoch, or batches of every row give.
 */
export function describeMiniBatch(evidence: Evidence): string[] {
  const runs = evidence.probes.flatMap((probe, i) => {
    const answer = evidence.answers[i];
    return probe.request.fn === 'miniBatchGradientDescent' && answer?.ok
      ? [{ args: probe.request.args as SentArgs, run: answer.value as MultiDescentResult }]
      : [];
  });
  if (!runs.length) return [];
  const facts: string[] = [];
  const batchCount = ([X, , o]: SentArgs) => batchesOf('consecutive', X.length, o.batchSize).length;

  const extra = runs.map(({ args: [, , o], run }) => run.costs.length - o.epochs);
  if (extra.some((e) => e !== 1)) {
    const perBatch = runs.every(({ args, run }) => run.costs.length === args[2].epochs * batchCount(args) + 1);
    const same = new Set(extra).size === 1 ? extra[0] : undefined;
    facts.push(
      perBatch
        ? 'costs has one entry per batch (and J(initial)): epochs × ⌈N / batchSize⌉ + 1 entries.'
        : same === 0
          ? 'costs has epochs entries, one too few: J(initial) or the cost after the last epoch is missing.'
          : same !== undefined
            ? `costs has epochs ${same > 1 ? `+ ${same}` : `− ${-same}`} entries; it needs epochs + 1.`
            : `costs does not have epochs + 1 entries: ${runs.map(({ args: [, , o], run }) => `${run.costs.length} for epochs = ${o.epochs}`).join(', ')}.`,
    );
  }
  const withCosts = runs.filter(({ run }) => run.costs.length);
  if (!withCosts.every(({ args: [X, y, o], run }) => near(run.costs[0], computeCostMulti(X, y, o.initial))))
    facts.push('costs[0] is not J(options.initial) on all rows.');
  if (!withCosts.every(({ args: [X, y], run }) => near(run.costs.at(-1)!, computeCostMulti(X, y, run.model))))
    facts.push('The last entry of costs is not J on all rows of the model you return.');
  for (const {
    args: [, , o],
    run,
  } of runs) {
    const moved = !run.model.w.every((v, j) => near(v, o.initial.w[j])) || !near(run.model.b, o.initial.b);
    if (o.epochs === 0 && moved) facts.push('With epochs = 0 your model still moves.');
  }

  const several = runs.filter(({ args }) => batchCount(args) > 1 && args[2].epochs > 0);
  const allLike = (change: Partial<MiniBatchModel>) =>
    several.length > 0 && several.every(({ args, run }) => sameRun(run, runOf(change, args)));
  if (allLike({ order: 'index' }))
    facts.push(
      'Every run with several batches is what visiting the rows in index order gives, whatever order(e) says.',
    );
  else if (allLike({ order: 'first-epoch' }))
    facts.push('Every run with several batches is what order(0) in every epoch gives.');
  if (allLike({ batching: 'whole-epoch' }))
    facts.push('Every run with several batches is what one step per epoch on all rows (08’s descent) gives.');
  const full = runs.filter(({ args }) => batchCount(args) === 1 && args[2].epochs > 0);
  if (full.length && full.every(({ args, run }) => sameRun(run, runOf({}, args))) && several.length)
    facts.push(
      'Your runs whose batches hold every row (batchSize ≥ N) are right: the mistake is in how an epoch with several batches goes.',
    );
  return facts;
}
