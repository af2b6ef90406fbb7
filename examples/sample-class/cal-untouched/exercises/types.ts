/** A data point: `x` is the feature (hours studied), `y` the target (test score). */
export interface Point { readonly x: number; readonly y: number }

/** A straight line y = m·x + b: `m` is the slope, `b` the intercept. */
export interface Line { readonly m: number; readonly b: number }

/** The partial derivatives of the cost: `dm` = ∂J/∂m, `db` = ∂J/∂b. */
export interface Gradient { readonly dm: number; readonly db: number }

/** A point (or a direction) in the plane of the valley f(x, y). */
export interface Vec2 { readonly x: number; readonly y: number }

/** Where gradient descent starts, how big its steps are, and how many it takes. */
export interface DescentOptions { readonly initial: Line; readonly learningRate: number; readonly iterations: number }

/** The line gradient descent ended on, and the cost before the first step and after every step. */
export interface DescentResult { readonly line: Line; readonly costs: number[] }

/** Rows of features: `X[i][j]` is feature j of example i; every row has the same length d ≥ 1. */
export type Matrix = readonly (readonly number[])[];

/** A linear model ŷ = w·x + b: one weight per feature, and the intercept. */
export interface LinearModel { readonly w: readonly number[]; readonly b: number }

/** The partial derivatives of the cost: `dw[j]` = ∂J/∂w_j, `db` = ∂J/∂b. */
export interface ModelGradient { readonly dw: readonly number[]; readonly db: number }

/** Each column's mean and population standard deviation, which scaling subtracts and divides by. */
export interface Scaler { readonly mean: readonly number[]; readonly std: readonly number[] }

/** Where descent on several features starts, how big its steps are, and how many it takes. */
export interface MultiDescentOptions { readonly initial: LinearModel; readonly learningRate: number; readonly iterations: number }

/** The model descent ended on, and the cost before the first step and after every step. */
export interface MultiDescentResult { readonly model: LinearModel; readonly costs: number[] }

/** Mini-batch descent: where it starts, its step size, how many passes over the data, and how they are cut into batches. */
export interface MiniBatchOptions {
  readonly initial: LinearModel;
  readonly learningRate: number;
  readonly epochs: number;
  readonly batchSize: number;
  /** The order in which epoch e visits the rows: a permutation of 0 … N−1. */
  readonly order: (epoch: number) => readonly number[];
}
