import { LinearModel, Matrix, ModelGradient, MultiDescentOptions, MultiDescentResult } from '../types';

export function predict(X: Matrix, model: LinearModel): number[] {
  const predictions: number[] = [];
  for (let i = 0; i < X.length; i++) {
    let yHat = model.b;
    for (let j = 0; j < X[i].length; j++) yHat += model.w[j] * X[i][j];
    predictions.push(yHat);
  }
  return predictions;
}

export function computeCostMulti(X: Matrix, y: readonly number[], model: LinearModel): number {
  const yHat = predict(X, model);
  let total = 0;
  for (let i = 0; i < X.length; i++) total += (y[i] - yHat[i]) ** 2;
  return total / X.length;
}

export function computeGradientMulti(X: Matrix, y: readonly number[], model: LinearModel): ModelGradient {
  const n = X.length;
  const yHat = predict(X, model);
  const dw = new Array<number>(model.w.length).fill(0);
  let db = 0;
  for (let i = 0; i < n; i++) {
    const residual = y[i] - yHat[i];
    for (let j = 0; j < dw.length; j++) dw[j] += (-1 / n) * X[i][j] * residual;
    db += (-1 / n) * residual;
  }
  return { dw, db };
}

export function gradientDescentMulti(X: Matrix, y: readonly number[], options: MultiDescentOptions): MultiDescentResult {
  let model: LinearModel = { w: [...options.initial.w], b: options.initial.b };
  const costs = [computeCostMulti(X, y, model)];
  for (let k = 0; k < options.iterations; k++) {
    const g = computeGradientMulti(X, y, model);
    const w = model.w.map((wj, j) => wj - options.learningRate * g.dw[j]);
    model = { w, b: model.b - options.learningRate * g.db };
    costs.push(computeCostMulti(X, y, model));
  }
  return { model, costs };
}
