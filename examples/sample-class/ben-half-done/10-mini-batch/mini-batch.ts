import type { Matrix, MiniBatchOptions, MultiDescentResult } from '../types';

/**
 * Mini-batch gradient descent: for each epoch e, the rows in the order `options.order(e)` gives,
 * cut into consecutive batches of `batchSize` rows (the last may be smaller); for each batch, one
 * simultaneous step w ← w − η·∇J_batch, b ← b − η·∂J_batch/∂b with the gradient of that batch's own
 * mean squared error (08's gradient on the batch's rows alone).
 *
 * @param X - N rows of d features; do not change it
 * @param y - the N targets
 * @param options - `initial` model, `learningRate` η, `epochs`, `batchSize` ≥ 1, and `order(e)`,
 *   a permutation of 0 … N−1 for each epoch: call it once per epoch
 * @returns the model after the last epoch, and `costs`: J on ALL rows before the first epoch and
 *   after each epoch (`costs.length === epochs + 1`)
 * @example with batchSize ≥ N this is 08's gradientDescentMulti, one step per epoch
 */
export function miniBatchGradientDescent(X: Matrix, y: readonly number[], options: MiniBatchOptions): MultiDescentResult {
  throw new Error('not implemented yet: miniBatchGradientDescent in 10-mini-batch/mini-batch.ts');
}
