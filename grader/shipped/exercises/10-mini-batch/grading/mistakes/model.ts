import type { LinearModel, Matrix, MiniBatchOptions, MultiDescentResult } from '../../../../../../exercises/types';
import type { Implementation } from '../../../../../mistake-space/space';
import { epochOrder, type EpochOrder } from '../../public-checks';
import {
  functionsOf,
  REFERENCE_MODEL as REFERENCE_FORMULAS,
  type MultivariateModel,
} from '../../../08-multivariate/grading/mistakes/model';

/**
 * 10-mini-batch as an algorithm with every part a student can get wrong made a setting: for each
 * epoch e, the rows in the order order(e) gives, cut into consecutive batches of batchSize rows
 * (the last may be shorter); each batch one simultaneous step θ ← θ − η·∇J_batch(θ) with the
 * gradient of that batch's own mean squared error; costs[0] = J(initial) on all rows and one cost
 * on all rows after each epoch. The cost and the gradient are 08's formulas (`formulas`), so a
 * student who writes them inline makes 08's slips.
 */
export interface MiniBatchModel {
  /** 08's prediction, cost and gradient as the loop uses them (its `loop` is not used). */
  readonly formulas: MultivariateModel;
  /** What a batch's gradient is divided by: its own number of rows, or N, every row of the table. */
  readonly gradientOver: 'batch' | 'all-rows';
  /** The rows an epoch visits: order(e); 0, 1, …, N − 1 (order ignored); order(e + 1); order(0) every epoch. */
  readonly order: 'given' | 'index' | 'next-epoch' | 'first-epoch';
  /** Whether X and y are both read through the order, or one of them by the position in the epoch. */
  readonly rowsRead: 'ordered' | 'x-by-position' | 'y-by-position';
  /**
   * How an epoch is cut: consecutive batches of batchSize (the last shorter); the last short batch
   * dropped; the last short batch merged into the one before; one batch of every row (batchSize
   * ignored); a batch starting at every position (the start moved by 1, not by batchSize); batches
   * whose loop starts at 1 (the epoch's first row never visited, every batch one row along).
   */
  readonly batching: 'consecutive' | 'last-dropped' | 'last-merged' | 'whole-epoch' | 'sliding' | 'from-second';
  /** The step's rate: learningRate; learningRate / batchSize; learningRate · batchSize; a constant. */
  readonly rate: 'given' | 'over-batch-size' | 'times-batch-size' | 'constant';
  readonly constant: number;
  /** Simultaneous; w first, then b's derivative at the new w; b first. */
  readonly update: 'simultaneous' | 'w-then-b' | 'b-then-w';
  readonly direction: 'down' | 'up';
  /** Each batch's gradient at the current model; every batch of an epoch at the model the epoch started from; every one at options.initial. */
  readonly evaluation: 'current' | 'epoch-start' | 'initial';
  readonly epochs: 'epochs' | 'one-short' | 'one-more';
  /**
   * What costs holds: J(initial), then one cost after each epoch; one after each batch; the costs
   * after each epoch without J(initial); J(initial) and then the cost before each epoch.
   */
  readonly costs: 'per-epoch' | 'per-batch' | 'missing-initial' | 'lagged';
  /** The rows each recorded cost (after the first) is taken on: all of them, or the batch just stepped on. */
  readonly costRows: 'all' | 'batch';
  /** Whether an epoch goes on from where the one before ended, or starts again from the start. */
  readonly carry: 'continue' | 'reset';
  readonly start: 'initial' | 'zeros';
  readonly returns: 'final' | 'initial';
}

export const REFERENCE_MODEL: MiniBatchModel = {
  formulas: REFERENCE_FORMULAS,
  gradientOver: 'batch',
  order: 'given',
  rowsRead: 'ordered',
  batching: 'consecutive',
  rate: 'given',
  constant: 1e-4,
  update: 'simultaneous',
  direction: 'down',
  evaluation: 'current',
  epochs: 'epochs',
  costs: 'per-epoch',
  costRows: 'all',
  carry: 'continue',
  start: 'initial',
  returns: 'final',
};

/** The positions in an epoch's order of each batch, as the configuration cuts it. */
export function batchesOf(batching: MiniBatchModel['batching'], n: number, batchSize: number): [number, number][] {
  const cuts: [number, number][] = [];
  switch (batching) {
    case 'consecutive':
      for (let start = 0; start < n; start += batchSize) cuts.push([start, Math.min(n, start + batchSize)]);
      return cuts;
    case 'last-dropped':
      for (let start = 0; start + batchSize <= n; start += batchSize) cuts.push([start, start + batchSize]);
      return cuts;
    case 'last-merged': {
      const count = Math.max(1, Math.floor(n / batchSize));
      for (let k = 0; k < count; k++) cuts.push([k * batchSize, k === count - 1 ? n : (k + 1) * batchSize]);
      return cuts;
    }
    case 'whole-epoch':
      return [[0, n]];
    case 'sliding':
      for (let start = 0; start < n; start++) cuts.push([start, Math.min(n, start + batchSize)]);
      return cuts;
    case 'from-second':
      for (let start = 1; start < n; start += batchSize) cuts.push([start, Math.min(n, start + batchSize)]);
      return cuts;
  }
}

const copy = (m: LinearModel): LinearModel => ({ w: [...m.w], b: m.b });

/**
 * `order` as a function: the student's callback, or a probe's `{ $order }` as the door sends it
 * (a fitted slip's search calls the model on the probes' arguments as they are).
 */
const orderOf = (order: MiniBatchOptions['order'] | { $order: EpochOrder }) =>
  typeof order === 'function' ? order : epochOrder(order.$order);

function miniBatchWith(
  c: MiniBatchModel,
  X: Matrix,
  y: readonly number[],
  options: MiniBatchOptions,
): MultiDescentResult {
  const { cost, gradient } = functionsOf(c.formulas);
  const n = X.length;
  const d = options.initial.w.length;
  const start: LinearModel = c.start === 'initial' ? copy(options.initial) : { w: new Array<number>(d).fill(0), b: 0 };
  const given = c.rate === 'constant' ? c.constant : options.learningRate;
  const rate = {
    given,
    constant: given,
    'over-batch-size': given / options.batchSize,
    'times-batch-size': given * options.batchSize,
  }[c.rate];
  const eta = c.direction === 'down' ? rate : -rate;
  const epochs = {
    epochs: options.epochs,
    'one-short': Math.max(0, options.epochs - 1),
    'one-more': options.epochs + 1,
  }[c.epochs];
  const order = orderOf(options.order);
  const rowsOf = (epoch: number): readonly number[] => {
    switch (c.order) {
      case 'given':
        return order(epoch);
      case 'index':
        return Array.from({ length: n }, (_, i) => i);
      case 'next-epoch':
        return order(epoch + 1);
      case 'first-epoch':
        return order(0);
    }
  };
  const J = (rows: Matrix, targets: readonly number[], m: LinearModel) => cost(rows, targets, m);
  const costs: number[] = [];
  if (c.costs !== 'missing-initial') costs.push(J(X, y, start));
  let model = start;
  for (let epoch = 0; epoch < epochs; epoch++) {
    if (c.carry === 'reset') model = start;
    if (c.costs === 'lagged') costs.push(J(X, y, model));
    const epochStart = model;
    const rows = rowsOf(epoch);
    let last: { X: Matrix; y: readonly number[] } = { X, y };
    for (const [from, to] of batchesOf(c.batching, rows.length, options.batchSize)) {
      const positions = Array.from({ length: to - from }, (_, k) => from + k);
      const Xb = positions.map((p) => X[c.rowsRead === 'x-by-position' ? p : rows[p]]);
      const yb = positions.map((p) => y[c.rowsRead === 'y-by-position' ? p : rows[p]]);
      const scale = c.gradientOver === 'all-rows' ? Xb.length / n : 1;
      const G = (m: LinearModel) => {
        const at = { current: m, 'epoch-start': epochStart, initial: start }[c.evaluation];
        const g = gradient(Xb, yb, at);
        return { dw: g.dw.map((v) => v * scale), db: g.db * scale };
      };
      const m = model;
      switch (c.update) {
        case 'simultaneous': {
          const g = G(m);
          model = { w: m.w.map((v, j) => v - eta * g.dw[j]), b: m.b - eta * g.db };
          break;
        }
        case 'w-then-b': {
          const w = m.w.map((v, j) => v - eta * G(m).dw[j]);
          model = { w, b: m.b - eta * G({ w, b: m.b }).db };
          break;
        }
        case 'b-then-w': {
          const b = m.b - eta * G(m).db;
          const g = G({ w: m.w, b });
          model = { w: m.w.map((v, j) => v - eta * g.dw[j]), b };
          break;
        }
      }
      last = { X: Xb, y: yb };
      if (c.costs === 'per-batch') costs.push(c.costRows === 'all' ? J(X, y, model) : J(Xb, yb, model));
    }
    if (c.costs === 'per-epoch' || c.costs === 'missing-initial')
      costs.push(c.costRows === 'all' ? J(X, y, model) : J(last.X, last.y, model));
  }
  return { model: copy(c.returns === 'final' ? model : options.initial), costs };
}

export const implementModel = (c: MiniBatchModel): Implementation => ({
  miniBatchGradientDescent: (X: Matrix, y: readonly number[], options: MiniBatchOptions) =>
    miniBatchWith(c, X, y, options),
});
