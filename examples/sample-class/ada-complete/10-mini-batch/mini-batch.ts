import { computeCostMulti, computeGradientMulti } from '../08-multivariate/multivariate';
import { LinearModel, Matrix, MiniBatchOptions, MultiDescentResult } from '../types';

export function miniBatchGradientDescent(X: Matrix, y: readonly number[], options: MiniBatchOptions): MultiDescentResult {
  let model: LinearModel = { w: [...options.initial.w], b: options.initial.b };
  const costs = [computeCostMulti(X, y, model)];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const rows = options.order(epoch);
    for (let start = 0; start < rows.length; start += options.batchSize) {
      const batch = rows.slice(start, start + options.batchSize);
      const g = computeGradientMulti(batch.map((i) => X[i]), batch.map((i) => y[i]), model);
      model = {
        w: model.w.map((wj, j) => wj - options.learningRate * g.dw[j]),
        b: model.b - options.learningRate * g.db,
      };
    }
    costs.push(computeCostMulti(X, y, model));
  }
  return { model, costs };
}
