/**
 * 09-normal-equation's inputs for the numerics (docs/grading-notes.md, "09: the conditioning of the
 * centred X"): tables whose columns are nearly collinear and sit far from 0 in their own
 * deviations, drawn for the hidden checks, and designed tables far from the origin on which the
 * normal equations of the uncentred [X 1] lose every digit while the centred ones keep them.
 */
import fc from 'fast-check';
import { evenly } from '../../../checks/arbitraries';
import { centredScale } from '../conditioning';
import type { DataInput } from '../public-checks';

/** The largest κ(centred X) the drawn tables reach: 64·u·(N + d + 2)·κ² is then about 10⁻⁴ of the answer's scale. */
export const LARGEST_DRAWN_KAPPA = 3e4;

/**
 * Realistic tables with moderate conditioning: N from 20 to 120, d from 2 to 4. The columns share a
 * common factor gᵢ: column j is c_j + s_j·(±gᵢ + 10^(−k_j)·e_ij), with k_j drawn evenly in [0, 4],
 * so κ(centred X) runs from about 1 to 10⁴; its centre c_j evenly in [−1000, 1000] and its spread
 * s_j from 0.01 to 1000, so the columns sit from 1 to 10⁵ deviations from 0. y is Σ v_j·(x_j − c_j)/s_j
 * plus an intercept and noise from 10⁻⁶ to 10 times the columns' own scale, so the residual runs
 * from small to large.
 */
export const conditionedData: fc.Arbitrary<DataInput> = fc
  .record({
    n: fc.noBias(fc.integer({ min: 20, max: 120 })),
    d: fc.noBias(fc.integer({ min: 2, max: 4 })),
  })
  .chain(({ n, d }) =>
    fc.record({
      columns: fc.array(
        fc.record({
          centre: evenly(-1000, 1000),
          spread: fc.noBias(fc.integer({ min: -2, max: 3 })),
          collinearity: evenly(0, 4),
          sign: fc.constantFrom(1, -1),
          weight: evenly(-5, 5),
        }),
        { minLength: d, maxLength: d },
      ),
      common: fc.array(evenly(-1, 1), { minLength: n, maxLength: n }),
      own: fc.array(fc.array(evenly(-1, 1), { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
      intercept: evenly(-100, 100),
      noise: evenly(-6, 1),
      errors: fc.array(evenly(-1, 1), { minLength: n, maxLength: n }),
    }),
  )
  .map(({ columns, common, own, intercept, noise, errors }) => {
    const X = common.map((g, i) =>
      columns.map((c, j) => c.centre + 10 ** c.spread * (c.sign * g + 10 ** -c.collinearity * own[i][j])),
    );
    const y = common.map(
      (_, i) =>
        intercept +
        columns.reduce((s, c, j) => s + c.weight * (c.sign * common[i] + 10 ** -c.collinearity * own[i][j]), 0) +
        10 ** noise * errors[i],
    );
    return { X, y };
  })
  .filter(({ X, y }) => centredScale(X, y).kappa <= LARGEST_DRAWN_KAPPA);

/** Rows offset + spread pattern, the targets a plane through them plus a fixed wobble (so the fit is not exact). */
function farFromOrigin(
  offsets: readonly number[],
  rows: readonly (readonly number[])[],
  w: readonly number[],
  b: number,
) {
  const wobble = [0.5, -0.25, 0.125, -1, 0.75, 0, -0.5, 0.375, -0.625, 0.25, -0.125, 1];
  const X = rows.map((row) => row.map((v, j) => offsets[j] + v));
  const y = X.map((row, i) => row.reduce((s, x, j) => s + w[j] * x, b) + wobble[i % wobble.length]);
  return { X, y };
}

/**
 * Columns around 10⁶ to 10⁸ that vary by about 1, in decimal steps (so that x² is rounded), two of
 * them correlated. Centring keeps every digit of these (the rounding of x̄ only shifts a whole
 * column, which b absorbs); the uncentred [X 1]'s Gram matrix has condition about κ²·o² with o
 * around 10⁶ to 10⁸ here, far past 1/u, so its normal equations, however pivoted, lose every digit
 * of w, and a QR of [X 1] keeps about u·o·κ of them (within the tolerance).
 */
export const FAR_FROM_ORIGIN: readonly DataInput[] = [
  farFromOrigin(
    [1e6, -2e6],
    [
      [0, 0.3],
      [0.1, 1.1],
      [0.2, 0.4],
      [0.3, 0.9],
      [0.5, 0.2],
      [0.7, 1.3],
      [1.1, 0.6],
      [1.3, 0.8],
      [1.7, 0.1],
    ],
    [2, -0.5],
    3,
  ),
  farFromOrigin(
    [1e7, 5000],
    [
      [0.3, 1.5],
      [0, 0.25],
      [0.9, 2.75],
      [0.6, 1],
      [1.5, 0.5],
      [1.2, 3.25],
      [2.1, 2],
      [1.8, 0.75],
    ],
    [1.5, 4],
    -7,
  ),
  farFromOrigin(
    [-3e7, 1e6, 250],
    [
      [0.3, 0.2, 1],
      [0, 0.7, 0.5],
      [0.9, 0.1, 1.75],
      [0.6, 0.9, 0.25],
      [1.5, 0.4, 1.5],
      [1.2, 1.3, 0],
      [2.1, 0.6, 2],
      [1.8, 1.1, 0.75],
      [2.7, 0.3, 1.25],
      [2.4, 1.7, 2.5],
      [3.3, 0.8, 0.5],
      [3, 1.4, 1],
    ],
    [-0.5, 2, 0.25],
    1e6,
  ),
  farFromOrigin(
    [1e8, 1e8],
    [
      [0, 0.1],
      [1, 1.2],
      [2, 1.9],
      [3, 3.1],
      [4, 4.3],
      [5, 4.8],
      [6, 6.2],
      [7, 6.9],
      [8, 8.1],
      [9, 9.2],
    ],
    [2, 3],
    5,
  ),
  farFromOrigin([1e7], [[0], [0.1], [0.2], [0.3], [0.5], [0.7], [1.1]], [4], 0.5),
];
