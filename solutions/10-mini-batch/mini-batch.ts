import { computeCostMulti, computeGradientMulti } from '../08-multivariate/multivariate';
import type { LinearModel, Matrix, MiniBatchOptions, MultiDescentResult } from '../types';

/**
 * For each epoch e, `order(e)` (called once) cut into consecutive batches of `batchSize` rows, the
 * last one shorter when N is not a multiple; each batch moves w and b together against 08's
 * gradient of that batch's own mean squared error. `costs[0]` is J(initial) on all rows and
 * `costs[e + 1]` J on all rows after epoch e. With batchSize ≥ N this is 08's descent.
 */
export function miniBatchGradientDescent(
  X: Matrix,
  y: readonly number[],
  options: MiniBatchOptions,
): MultiDescentResult {
  const { learningRate, batchSize } = options;
  let model: LinearModel = { w: [...options.initial.w], b: options.initial.b };
  const costs = [computeCostMulti(X, y, model)];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const rows = options.order(epoch);
    for (let start = 0; start < rows.length; start += batchSize) {
      const batch = rows.slice(start, start + batchSize);
      const { dw, db } = computeGradientMulti(
        batch.map((i) => X[i]),
        batch.map((i) => y[i]),
        model,
      );
      model = { w: model.w.map((wj, j) => wj - learningRate * dw[j]), b: model.b - learningRate * db };
    }
    costs.push(computeCostMulti(X, y, model));
  }
  return { model: { w: [...model.w], b: model.b }, costs };
}
