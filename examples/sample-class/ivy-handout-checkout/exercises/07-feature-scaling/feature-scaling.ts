import { LinearModel, Matrix, Scaler } from '../types';

export function fitScaler(X: Matrix): Scaler {
  const n = X.length;
  const d = X[0].length;
  const mean: number[] = [];
  const std: number[] = [];
  for (let j = 0; j < d; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += X[i][j];
    const m = sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++) squares += (X[i][j] - m) * (X[i][j] - m);
    const s = Math.sqrt(squares / n);
    mean.push(m);
    // A constant column has no spread at all: tell it by its values, not by a computed 0.
    const constant = X.every((row) => row[j] === X[0][j]);
    std.push(constant ? 1 : s);
  }
  return { mean, std };
}

export function scaleFeatures(X: Matrix, scaler: Scaler): number[][] {
  const scaled: number[][] = [];
  for (let i = 0; i < X.length; i++) {
    const row: number[] = [];
    for (let j = 0; j < X[i].length; j++) row.push((X[i][j] - scaler.mean[j]) / scaler.std[j]);
    scaled.push(row);
  }
  return scaled;
}

export function unscaleModel(model: LinearModel, scaler: Scaler): LinearModel {
  // Undo the scaling: each weight was learned on x / std, so divide it by std.
  const w = model.w.map((wj, j) => wj / scaler.std[j]);
  return { w, b: model.b };
}
