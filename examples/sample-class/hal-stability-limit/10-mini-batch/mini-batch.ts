import { LinearModel, Matrix, MiniBatchOptions, MultiDescentResult } from '../types';

function cost(X: Matrix, y: readonly number[], model: LinearModel): number {
  let total = 0;
  for (let i = 0; i < X.length; i++) {
    let yHat = model.b;
    for (let j = 0; j < model.w.length; j++) yHat += model.w[j] * X[i][j];
    total += (y[i] - yHat) ** 2;
  }
  return total / X.length;
}

export function miniBatchGradientDescent(X: Matrix, y: readonly number[], options: MiniBatchOptions): MultiDescentResult {
  const w = [...options.initial.w];
  let b = options.initial.b;
  const costs = [cost(X, y, { w, b })];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const order = options.order(epoch);
    for (let start = 0; start < order.length; start += options.batchSize) {
      const end = Math.min(start + options.batchSize, order.length);
      const dw = new Array<number>(w.length).fill(0);
      let db = 0;
      for (let k = start; k < end; k++) {
        const i = order[k];
        let yHat = b;
        for (let j = 0; j < w.length; j++) yHat += w[j] * X[i][j];
        const residual = y[i] - yHat;
        for (let j = 0; j < w.length; j++) dw[j] += (-2 / (end - start)) * X[i][j] * residual;
        db += (-2 / (end - start)) * residual;
      }
      for (let j = 0; j < w.length; j++) w[j] -= options.learningRate * dw[j];
      b -= options.learningRate * db;
    }
    costs.push(cost(X, y, { w, b }));
  }
  return { model: { w, b }, costs };
}
