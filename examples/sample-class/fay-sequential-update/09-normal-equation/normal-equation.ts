import { LinearModel, Matrix } from '../types';

// Centre the data, build the normal equations XcᵀXc·w = Xcᵀyc, and solve them by Gauss–Jordan
// elimination with partial pivoting. Then b = ȳ − w·x̄.
export function normalEquation(X: Matrix, y: readonly number[]): LinearModel {
  const n = X.length;
  const d = X[0].length;
  const xBar = new Array<number>(d).fill(0);
  let yBar = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) xBar[j] += X[i][j] / n;
    yBar += y[i] / n;
  }
  const A: number[][] = [];
  for (let j = 0; j < d; j++) {
    const row = new Array<number>(d + 1).fill(0);
    for (let i = 0; i < n; i++) {
      const xj = X[i][j] - xBar[j];
      for (let k = 0; k < d; k++) row[k] += xj * (X[i][k] - xBar[k]);
      row[d] += xj * (y[i] - yBar);
    }
    A.push(row);
  }
  for (let col = 0; col < d; col++) {
    let pivot = col;
    for (let r = col + 1; r < d; r++) if (Math.abs(A[r][col]) > Math.abs(A[pivot][col])) pivot = r;
    [A[col], A[pivot]] = [A[pivot], A[col]];
    for (let r = 0; r < d; r++) {
      if (r === col) continue;
      const factor = A[r][col] / A[col][col];
      for (let c = col; c <= d; c++) A[r][c] -= factor * A[col][c];
    }
  }
  const w = A.map((row, j) => row[d] / row[j]);
  let b = yBar;
  for (let j = 0; j < d; j++) b -= w[j] * xBar[j];
  return { w, b };
}
