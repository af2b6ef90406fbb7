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
