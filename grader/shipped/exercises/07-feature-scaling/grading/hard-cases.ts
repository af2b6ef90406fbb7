/** Offsets of about 1 around 0, decimal fractions (so that neither x nor x² is exact): a column's spread. */
const WOBBLE = [0, 0.1, 0.2, 0.3, 0.5, 0.7, 1.1, -0.4, 0.9, -0.3, 0.6, 1.3, -0.7, 0.45, 0.15, -0.55];

/** A column of `n` values centre + spread·wobble, the wobble read from `start` on. */
function column(centre: number, spread: number, n: number, start: number): number[] {
  return Array.from({ length: n }, (_, i) => centre + spread * WOBBLE[(start + 3 * i) % WOBBLE.length]);
}

/** The rows of a table given as columns. */
const rows = (columns: readonly number[][]): number[][] => columns[0].map((_, i) => columns.map((c) => c[i]));

/**
 * Tables whose columns sit far from 0 with a spread of about 1 (and one ordinary column beside
 * them): mean x² and x̄² agree in their first 12 to 16 digits, so the one-pass E[x²] − E[x]² (or
 * (Σx² − (Σx)²/N)/N) loses about u·x̄²/var of the variance, thousands to tens of thousands of times
 * the scaler's tolerance, while two passes (the mean, then the squared deviations from it) keep
 * every digit. Sizes from 7 to 40 rows, one to three columns.
 */
export const FAR_FROM_ORIGIN: readonly { X: number[][] }[] = [
  { X: rows([column(1e6, 1, 7, 0)]) },
  { X: rows([column(1e7, 1, 9, 1), column(3, 2, 9, 5)]) },
  { X: rows([column(-3e7, 1.5, 12, 2), column(1e8, 0.5, 12, 7), column(-40, 10, 12, 4)]) },
  { X: rows([column(2.5e7, 2, 40, 3), column(-1e8, 1, 40, 9)]) },
  { X: rows([column(4e6, 0.25, 16, 6), column(7e7, 3, 16, 11)]) },
];

/** A column of `n` copies of `value` beside a varying one (0, 1, 2, … scaled by 0.75). */
const constantBeside = (value: number, n: number): number[][] =>
  Array.from({ length: n }, (_, i) => [0.75 * i - 2, value]);

/**
 * Tables with a constant column whose values, added up and divided by N (or divided by N and then
 * added up), do not give the value back: 0.1 over 7 rows, 0.3 and 0.7 over 10, 1.1 and 2.2 over 11,
 * 5.49 over 7. A deviation computed from either mean is a speck above 0 (10⁻¹⁷ to 10⁻¹⁵), so code
 * that tells a constant column by comparing a computed deviation with 0 keeps the speck as its std,
 * and its scaled column is rounding noise blown up to about ±1; the contract's std is 1, told by
 * the values. Sums of multiples of 1/4 (the other checks' constant columns) stay exact.
 */
export const ROUNDED_CONSTANT_COLUMNS: readonly { X: number[][] }[] = [
  { X: constantBeside(0.1, 7) },
  { X: constantBeside(0.3, 10) },
  { X: constantBeside(0.7, 10) },
  { X: constantBeside(1.1, 11) },
  { X: constantBeside(2.2, 11) },
  { X: constantBeside(5.49, 7) },
];
