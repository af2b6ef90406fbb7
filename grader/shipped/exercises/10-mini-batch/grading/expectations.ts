/**
 * What the reference expects of 10-mini-batch for an input, with its tolerance: worked out once
 * per input (inputs are shared by every submission of a run).
 */
import type { LinearModel } from '../../../../../exercises/types';
import { computeCostMulti, computeGradientMulti } from '../../../../../solutions/08-multivariate/multivariate';
import { memoByIdentity } from '../../../memo';
import { multiCostTolerance, multiStepTolerance, termsTolerance } from '../../../checks/tolerance';
import { epochOrder, type ExpectedMiniBatch, type MiniBatchInput } from '../public-checks';

/**
 * A whole run, as the reference makes it (08's cost and gradient, batch by batch). Below
 * `miniBatchStableRate` a batch's step I − η·H_B has no eigenvalue outside [−1, 1], so it does not
 * amplify the error of the model it starts from in the Euclidean norm of (w, b): after k steps
 * every entry is within the sum of the k one-step bounds (each the rounding of 08's gradient of
 * that batch and of the subtraction, over all entries). Each cost's bound adds what that error can
 * move it: |∂J/∂θ| times the bound, summed over the parameters.
 */
export const miniBatchExpectation = memoByIdentity((i: MiniBatchInput): ExpectedMiniBatch => {
  const { X, y, learningRate, batchSize } = i;
  const order = epochOrder({ permutations: i.orders });
  const costs: number[] = [];
  const costBounds: number[] = [];
  let model: LinearModel = { w: [...i.initial.w], b: i.initial.b };
  let error = 0;
  const record = () => {
    const cost = computeCostMulti(X, y, model);
    const slope = computeGradientMulti(X, y, model);
    costs.push(cost);
    costBounds.push(
      multiCostTolerance(X, y, model, cost) +
        (slope.dw.reduce((s, g) => s + Math.abs(g), 0) + Math.abs(slope.db)) * error,
    );
  };
  record();
  for (let epoch = 0; epoch < i.epochs; epoch++) {
    const rows = order(epoch);
    for (let start = 0; start < rows.length; start += batchSize) {
      const batch = rows.slice(start, start + batchSize);
      const Xb = batch.map((r) => X[r]);
      const yb = batch.map((r) => y[r]);
      const g = computeGradientMulti(Xb, yb, model);
      const step = multiStepTolerance(Xb, yb, model, learningRate, g);
      error += step.w.reduce((s, t) => s + t, step.b);
      model = { w: model.w.map((v, j) => v - learningRate * g.dw[j]), b: model.b - learningRate * g.db };
    }
    record();
  }
  return {
    costs,
    costBounds,
    model,
    modelTolerance:
      error > 0
        ? { w: model.w.map(() => error), b: error }
        : { w: model.w.map((v) => termsTolerance(v)), b: termsTolerance(model.b) },
  };
});
