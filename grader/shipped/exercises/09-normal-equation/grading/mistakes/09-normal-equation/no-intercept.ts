import type { LinearModel, Matrix } from '../types';

/** w from XᵀX·w = Xᵀy by Gaussian elimination. */
export function normalEquation(X: Matrix, y: readonly number[]): LinearModel {
  const d = X[0].length;
  const a: number[][] = [];
  for (let j = 0; j < d; j++) {
    const row: number[] = [];
    for (let k = 0; k < d; k++) row.push(X.reduce((s, x) => s + x[j] * x[k], 0));
    row.push(X.reduce((s, x, i) => s + x[j] * y[i], 0));
    a.push(row);
  }
  return { w: solve(a), b: 0 };
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
