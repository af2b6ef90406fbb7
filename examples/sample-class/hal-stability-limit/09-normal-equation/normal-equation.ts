import { LinearModel, Matrix } from '../types';

// Normal equation: (XᵀX) w = Xᵀy, solved by Gauss–Jordan with partial pivoting.
export function normalEquation(X: Matrix, y: readonly number[]): LinearModel {
  const n = X.length;
  const d = X[0].length;
  const A: number[][] = [];
  for (let j = 0; j < d; j++) {
    const row = new Array<number>(d + 1).fill(0);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < d; k++) row[k] += X[i][j] * X[i][k];
      row[d] += X[i][j] * y[i];
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
  return { w: A.map((row, j) => row[d] / row[j]), b: 0 };
}
