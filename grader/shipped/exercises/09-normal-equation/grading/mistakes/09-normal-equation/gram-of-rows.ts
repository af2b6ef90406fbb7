import type { LinearModel, Matrix } from '../types';

/** The centred normal equations X_cᵀX_c·w = X_cᵀy_c, solved by Gaussian elimination; b = ȳ − w·x̄. */
export function normalEquation(X: Matrix, y: readonly number[]): LinearModel {
  const n = X.length;
  const d = X[0].length;
  const xbar = X[0].map((_, j) => X.reduce((s, x) => s + x[j], 0) / n);
  const ybar = y.reduce((s, v) => s + v, 0) / n;
  const xc = X.map((x) => x.map((v, j) => v - xbar[j]));
  const a: number[][] = [];
  for (let j = 0; j < d; j++) {
    const row: number[] = [];
    for (let k = 0; k < d; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += i < d ? xc[j][i] * xc[k][i] : 0;
      row.push(s);
    }
    let t = 0;
    for (let i = 0; i < n; i++) t += xc[i][j] * (y[i] - ybar);
    row.push(t);
    a.push(row);
  }
  const w = solve(a);
  return { w, b: ybar - w.reduce((s, wj, j) => s + wj * xbar[j], 0) };
}

function solve(a: number[][]): number[] {
  const d = a.length;
  for (let k = 0; k < d; k++) {
    let p = k;
    for (let r = k + 1; r < d; r++) if (Math.abs(a[r][k]) > Math.abs(a[p][k])) p = r;
    [a[k], a[p]] = [a[p], a[k]];
    for (let r = k + 1; r < d; r++) {
      const f = a[r][k] / a[k][k];
      for (let c = k; c <= d; c++) a[r][c] -= f * a[k][c];
    }
  }
  const w = new Array<number>(d).fill(0);
  for (let i = d - 1; i >= 0; i--) {
    let s = a[i][d];
    for (let j = i + 1; j < d; j++) s -= a[i][j] * w[j];
    w[i] = s / a[i][i];
  }
  return w;
}
