import type { LinearModel } from '../../exercises/types';

type Fraction = readonly [bigint, bigint];

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const fraction = (n: bigint, d: bigint): Fraction => {
  const g = gcd(n, d) * (d < 0n ? -1n : 1n);
  return [n / g, d / g];
};
const minus = (a: Fraction, b: Fraction) => fraction(a[0] * b[1] - b[0] * a[1], a[1] * b[1]);
const times = (a: Fraction, b: Fraction) => fraction(a[0] * b[0], a[1] * b[1]);
const over = (a: Fraction, b: Fraction) => fraction(a[0] * b[1], a[1] * b[0]);

function exactly(x: number): Fraction {
  let d = 1n;
  while (!Number.isInteger(x)) [x, d] = [x * 2, d * 2n];
  return fraction(BigInt(x), d);
}

/** A fraction as the nearest double, to well below u. */
function toNumber([n, d]: Fraction): number {
  const negative = n < 0n;
  const magnitude = negative ? -n : n;
  if (magnitude === 0n) return 0;
  const shift = magnitude.toString(2).length - d.toString(2).length - 64;
  const scaled = shift > 0 ? Number(magnitude / (d << BigInt(shift))) : Number((magnitude << BigInt(-shift)) / d);
  return (negative ? -1 : 1) * scaled * 2 ** shift;
}

/**
 * The exact minimiser of J(w, b) = (1/N) Σ (yᵢ − w·xᵢ − b)² for binary64 inputs: the normal equations
 * of [X 1] in rational arithmetic (BigInt fractions), solved by elimination, each number rounded
 * to binary64 at the end. What the kit's tests measure every method's error against.
 */
export function exactLeastSquares(X: readonly (readonly number[])[], y: readonly number[]): LinearModel {
  const rows = X.map((row) => [...row.map(exactly), [1n, 1n] as Fraction]);
  const targets = y.map(exactly);
  const m = X[0].length + 1;
  const zero: Fraction = [0n, 1n];
  const sum = (terms: Fraction[]) => terms.reduce((s, t) => minus(s, times([-1n, 1n], t)), zero);
  const a: Fraction[][] = Array.from({ length: m }, (_, j) => [
    ...Array.from({ length: m }, (_, k) => sum(rows.map((r) => times(r[j], r[k])))),
    sum(rows.map((r, i) => times(r[j], targets[i]))),
  ]);
  for (let k = 0; k < m; k++)
    for (let i = k + 1; i < m; i++) {
      const f = over(a[i][k], a[k][k]);
      for (let c = k; c <= m; c++) a[i][c] = minus(a[i][c], times(f, a[k][c]));
    }
  const theta: Fraction[] = new Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let s = a[i][m];
    for (let j = i + 1; j < m; j++) s = minus(s, times(a[i][j], theta[j]));
    theta[i] = over(s, a[i][i]);
  }
  return { w: theta.slice(0, -1).map(toNumber), b: toNumber(theta[m - 1]) };
}
