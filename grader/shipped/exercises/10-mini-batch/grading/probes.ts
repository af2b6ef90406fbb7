import type { LinearModel, MultiDescentResult } from '../../../../../exercises/types';
import { near, probe, sameLength, worst, type Probe } from '../../../../probes/probe';
import { identityOrder, miniBatchArgs, type MiniBatchInput } from '../public-checks';
import { miniBatchExpectation } from './expectations';

/** A table of the probes: its rows, its targets, and how a person reads it. */
interface Table {
  readonly X: number[][];
  readonly y: number[];
  readonly text: string;
}

/** Seven rows of two features: batches of 3 leave a last batch of 1, batches of 2 one of 1, batches of 4 one of 3. */
export const T7: Table = {
  X: [
    [1, 2],
    [2, -1],
    [0, 1],
    [3, 0],
    [-1, 2],
    [2, 2],
    [1, -2],
  ],
  y: [4, 1, 2, 5, 1, 6, -1],
  text: '7 rows of 2 features',
};
/** 08's five rows of three features whose scales differ (x₁ in the tens). */
export const T5: Table = {
  X: [
    [1, 10, -2],
    [0.5, 20, 1],
    [-1, 15, 0],
    [2, 30, 3],
    [1.5, 25, -1],
  ],
  y: [4, 6.5, 2, 11, 7],
  text: '5 rows of 3 features',
};
/** 08's README table: four rows of two features. */
export const T4: Table = {
  X: [
    [1, 2],
    [2, 0],
    [3, 1],
    [4, 3],
  ],
  y: [3, 2, 4, 7],
  text: '4 rows of 2 features',
};
/** Six rows of one feature with a fractional x (01's D6). */
export const T6: Table = {
  X: [[0.5], [1], [2], [3], [5], [8]],
  y: [4, 2.5, 5, 4.5, 9, 10.5],
  text: '6 rows of 1 feature',
};
/** One row of three features: every batch is the whole table. */
export const T1: Table = { X: [[2, -1, 0.5]], y: [3], text: '1 row of 3 features' };

const modelText = (m: LinearModel) => `w = [${m.w.join(', ')}], b = ${m.b}`;
const ordersText = (orders: readonly (readonly number[])[]) =>
  orders.map((o, e) => `order(${e}) = [${o.join(', ')}]`).join(', ');

/** A run's answer against the reference's bounds on the same input: the costs' and w's lengths, then every number. */
function runProbe(t: Table, run: Omit<MiniBatchInput, 'X' | 'y'>): Probe {
  const input: MiniBatchInput = { X: t.X, y: t.y, ...run };
  const label = `miniBatchGradientDescent on ${t.text} from ${modelText(run.initial)}, η = ${run.learningRate}, ${run.epochs} epoch${run.epochs === 1 ? '' : 's'} of batches of ${run.batchSize}, ${ordersText(run.orders)}`;
  return probe('10-mini-batch', 'miniBatchGradientDescent', label, miniBatchArgs(input), (a, e) => {
    const [actual, expected] = [a as MultiDescentResult, e as MultiDescentResult];
    const lengths = sameLength(actual.costs, expected.costs) ?? sameLength(actual.model.w, expected.model.w);
    if (lengths) return lengths;
    const bounds = miniBatchExpectation(input);
    const costBound = (k: number) => bounds.costBounds[Math.min(k, bounds.costBounds.length - 1)];
    return worst([
      ...expected.costs.map((cost, k) => near(actual.costs[k], cost, costBound(k))),
      ...expected.model.w.map((w, j) => near(actual.model.w[j], w, bounds.modelTolerance.w[j])),
      near(actual.model.b, expected.model.b, bounds.modelTolerance.b),
    ]);
  });
}

const M7: LinearModel = { w: [0.5, -0.5], b: 1 };
const M5: LinearModel = { w: [1, 0, -1], b: 2 };
const M4: LinearModel = { w: [1, 0.5], b: 0.5 };

/**
 * The designed probes of 10-mini-batch: inputs on which every two of its generated mistakes, and
 * each mistake and the reference, answer apart. Row counts that batch sizes of 2, 3 and 4 do not
 * divide (a last batch of 1 or 3 rows), so that dividing by N, scaling the rate by the batch size,
 * summing over the batch and dropping or merging the last batch each change the run differently;
 * orders that are not the identity and differ from epoch to epoch (order ignored, order(e + 1),
 * order(0) every epoch, an epoch restarted from the start); batch sizes equal to N and above it
 * (where most slips vanish, and η/batchSize does not); one-row batches in index order (plain
 * SGD); one row; 0 epochs; and rates that are not powers of 2, to read a rate written into the code.
 */
export function miniBatchProbes(): Probe[] {
  return [
    runProbe(T7, {
      initial: M7,
      learningRate: 0.03,
      epochs: 2,
      batchSize: 3,
      orders: [
        [3, 6, 0, 5, 1, 4, 2],
        [5, 2, 6, 1, 0, 3, 4],
      ],
    }),
    runProbe(T7, { initial: M7, learningRate: 0.05, epochs: 1, batchSize: 2, orders: [[6, 4, 2, 0, 5, 3, 1]] }),
    runProbe(T7, {
      initial: { w: [0, 1], b: -1 },
      learningRate: 0.02,
      epochs: 3,
      batchSize: 4,
      orders: [
        [2, 5, 0, 6, 3, 1, 4],
        [4, 0, 1, 5, 6, 2, 3],
        [1, 3, 5, 2, 4, 6, 0],
      ],
    }),
    runProbe(T7, { initial: M7, learningRate: 0.04, epochs: 1, batchSize: 7, orders: [[6, 5, 4, 3, 2, 1, 0]] }),
    runProbe(T5, {
      initial: M5,
      learningRate: 0.0009765625,
      epochs: 2,
      batchSize: 5,
      orders: [
        [2, 4, 0, 3, 1],
        [1, 3, 4, 2, 0],
      ],
    }),
    runProbe(T5, { initial: M5, learningRate: 0.0009, epochs: 1, batchSize: 8, orders: [[4, 2, 0, 1, 3]] }),
    runProbe(T6, {
      initial: { w: [1], b: 0.5 },
      learningRate: 0.01,
      epochs: 1,
      batchSize: 1,
      orders: [identityOrder(6)],
    }),
    runProbe(T4, {
      initial: M4,
      learningRate: 0.03,
      epochs: 3,
      batchSize: 3,
      orders: [
        [2, 0, 3, 1],
        [1, 3, 0, 2],
        [3, 2, 1, 0],
      ],
    }),
    runProbe(T4, {
      initial: { w: [2, -1], b: 1 },
      learningRate: 0.03125,
      epochs: 0,
      batchSize: 2,
      orders: [[1, 0, 3, 2]],
    }),
    runProbe(T1, {
      initial: { w: [1, 2, -0.5], b: 0.25 },
      learningRate: 0.0625,
      epochs: 2,
      batchSize: 1,
      orders: [[0], [0]],
    }),
  ];
}
