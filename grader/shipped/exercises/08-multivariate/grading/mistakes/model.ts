import type {
  LinearModel,
  Matrix,
  ModelGradient,
  MultiDescentOptions,
  MultiDescentResult,
} from '../../../../../../exercises/types';
import type { Implementation } from '../../../../../mistake-space/space';

/**
 * 08-multivariate as four functions with every part a student can get wrong made a setting, and
 * with which function calls which: ŷᵢ = w·xᵢ + b; J = (1/N) Σ (yᵢ − ŷᵢ)²;
 * dw_j = (−2/N) Σ x_ij·(yᵢ − ŷᵢ), db = (−2/N) Σ (yᵢ − ŷᵢ); `iterations` simultaneous steps from
 * `initial`, costs before the first step and after each.
 */
export interface MultivariateModel {
  /** How a row's prediction is written. */
  readonly prediction: Prediction;
  /** Whether computeCostMulti and computeGradientMulti take their predictions from predict, or write ŷ = w·x + b out themselves. */
  readonly predictionReach: Reach;
  readonly cost: CostForm;
  /** Whether the descent records its costs with computeCostMulti, or works them out itself (with predict's predictions). */
  readonly costReach: Reach;
  readonly gradient: GradientForm;
  /** Whether the descent steps with computeGradientMulti, or works the gradient out itself (with predict's predictions). */
  readonly gradientReach: Reach;
  readonly loop: LoopForm;
}

/** `everywhere`: the functions that can call this one do, so its slip shows in them too; `alone`: they write their own, right. */
export type Reach = 'everywhere' | 'alone';

export type Prediction =
  /** Σ_j w_j·x_ij + b */
  | 'w·x + b'
  | 'w·x'
  | 'w·x − b'
  /** Σ_j w_j·X[j][i] + b: rows and columns swapped, as JavaScript reads them (a missing row throws, a missing entry is NaN). */
  | 'transposed'
  /** Σ_j w_i·x_ij + b: the weight indexed by the row. */
  | 'w-by-row'
  /** w₀·x_i0 + b: one feature, as 01's line. */
  | 'first-feature'
  /** Σ_j (w_j·x_ij + b): b added once per feature. */
  | 'b-per-feature';

export interface CostForm {
  readonly error: 'square' | 'absolute' | 'square-of-total';
  readonly denominator: 'N' | '2N' | '1' | 'N-1';
  readonly root: boolean;
}

export interface GradientForm {
  /** (y − ŷ) with −2/N: 1; the residual written ŷ − y with the same −2/N: −1, for both partials or one. */
  readonly dwSign: 1 | -1;
  readonly dbSign: 1 | -1;
  readonly factor: 2 | 1;
  readonly denominator: 'N' | '1' | 'N-1';
  /** What dw_j weights each residual by: x_ij; x_i0 for every j; nothing; or X[j][i] (rows and columns swapped). */
  readonly dwWeight: 'x_ij' | 'x_i0' | '1' | 'transposed';
  /** What db weights each residual by: 1; dw₀'s x_i0; or Σ_j x_ij (db added up inside the loop over features). */
  readonly dbWeight: '1' | 'x_i0' | 'Σ_j x_ij';
}

export interface LoopForm {
  readonly direction: 'down' | 'up';
  /** Simultaneous; all of w first, then b's derivative at the new w; b first; or one parameter at a time, each with a fresh gradient. */
  readonly order: 'simultaneous' | 'w-then-b' | 'b-then-w' | 'one-at-a-time';
  /** Which parameters move: both, the weights only, b only. */
  readonly moves: 'both' | 'w' | 'b';
  /** The rate given, or a constant written into the code. */
  readonly rate: 'given' | 'constant';
  readonly constant: number;
  /** options.initial, or zeros (d weights and b = 0). */
  readonly start: 'initial' | 'zeros';
  /** Each gradient at the current model, or every one at the start. */
  readonly evaluation: 'current' | 'start';
  readonly steps: 'iterations' | 'one-short' | 'one-more';
  readonly initialCost: 'recorded' | 'missing';
  /** The cost each step records: of the model after it, or before it. */
  readonly stepCost: 'after' | 'before';
  readonly returns: 'final' | 'initial';
}

export const REFERENCE_MODEL: MultivariateModel = {
  prediction: 'w·x + b',
  predictionReach: 'everywhere',
  cost: { error: 'square', denominator: 'N', root: false },
  costReach: 'everywhere',
  gradient: { dwSign: 1, dbSign: 1, factor: 2, denominator: 'N', dwWeight: 'x_ij', dbWeight: '1' },
  gradientReach: 'everywhere',
  loop: {
    direction: 'down',
    order: 'simultaneous',
    moves: 'both',
    rate: 'given',
    constant: 1e-4,
    start: 'initial',
    evaluation: 'current',
    steps: 'iterations',
    initialCost: 'recorded',
    stepCost: 'after',
    returns: 'final',
  },
};

type Predict = (X: Matrix, model: LinearModel) => number[];
type Cost = (X: Matrix, y: readonly number[], model: LinearModel) => number;
type GradientFn = (X: Matrix, y: readonly number[], model: LinearModel) => ModelGradient;

/** A row's prediction, as written: plain JavaScript, so that a swapped index fails as a student's does. */
function predictionOf(form: Prediction, X: Matrix, i: number, model: LinearModel): number {
  const row = X[i];
  const d = row.length;
  let sum = 0;
  switch (form) {
    case 'w·x + b':
    case 'w·x':
    case 'w·x − b':
      for (let j = 0; j < d; j++) sum += model.w[j] * row[j];
      return form === 'w·x + b' ? sum + model.b : form === 'w·x' ? sum : sum - model.b;
    case 'transposed':
      for (let j = 0; j < d; j++) sum += model.w[j] * X[j][i];
      return sum + model.b;
    case 'w-by-row':
      for (let j = 0; j < d; j++) sum += model.w[i] * row[j];
      return sum + model.b;
    case 'first-feature':
      return model.w[0] * row[0] + model.b;
    case 'b-per-feature':
      for (let j = 0; j < d; j++) sum += model.w[j] * row[j] + model.b;
      return sum;
  }
}

const predictWith =
  (form: Prediction): Predict =>
  (X, model) =>
    X.map((_, i) => predictionOf(form, X, i, model));

const referencePredict = predictWith('w·x + b');

function costWith(form: CostForm, predict: Predict): Cost {
  return (X, y, model) => {
    const predictions = predict(X, model);
    const n = X.length;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const r = y[i] - predictions[i];
      total += form.error === 'square' ? r * r : form.error === 'absolute' ? Math.abs(r) : r;
    }
    if (form.error === 'square-of-total') total *= total;
    const denominator = { N: n, '2N': 2 * n, '1': 1, 'N-1': n - 1 }[form.denominator];
    const mean = total / denominator;
    return form.root ? Math.sqrt(mean) : mean;
  };
}

/** What dw_j weights row i's residual by, read as JavaScript reads it (a swapped index past the last row throws). */
function weightOf(weight: GradientForm['dwWeight'], X: Matrix, i: number, j: number): number {
  switch (weight) {
    case 'x_ij':
      return X[i][j];
    case 'x_i0':
      return X[i][0];
    case '1':
      return 1;
    case 'transposed':
      return X[j][i];
  }
}

function gradientWith(form: GradientForm, predict: Predict): GradientFn {
  return (X, y, model) => {
    const predictions = predict(X, model);
    const n = X.length;
    const d = model.w.length;
    const dw = new Array<number>(d).fill(0);
    let db = 0;
    for (let i = 0; i < n; i++) {
      const r = y[i] - predictions[i];
      for (let j = 0; j < d; j++) {
        dw[j] += weightOf(form.dwWeight, X, i, j) * r;
        if (form.dbWeight === 'Σ_j x_ij') db += X[i][j] * r;
      }
      if (form.dbWeight !== 'Σ_j x_ij') db += (form.dbWeight === '1' ? 1 : X[i][0]) * r;
    }
    const scale = (-form.factor / { N: n, '1': 1, 'N-1': n - 1 }[form.denominator]) as number;
    return { dw: dw.map((s) => form.dwSign * scale * s), db: form.dbSign * scale * db };
  };
}

/** The four functions of a configuration, each calling the others as the configuration says. */
export function functionsOf(c: MultivariateModel): {
  predict: Predict;
  cost: Cost;
  gradient: GradientFn;
  descent: (X: Matrix, y: readonly number[], options: MultiDescentOptions) => MultiDescentResult;
} {
  const predict = predictWith(c.prediction);
  const used = c.predictionReach === 'everywhere' ? predict : referencePredict;
  const cost = costWith(c.cost, used);
  const gradient = gradientWith(c.gradient, used);
  const loopCost = c.costReach === 'everywhere' ? cost : costWith(REFERENCE_MODEL.cost, used);
  const loopGradient = c.gradientReach === 'everywhere' ? gradient : gradientWith(REFERENCE_MODEL.gradient, used);
  return {
    predict,
    cost,
    gradient,
    descent: (X, y, options) => descentWith(c.loop, loopGradient, loopCost, X, y, options),
  };
}

function descentWith(
  loop: LoopForm,
  gradient: GradientFn,
  cost: Cost,
  X: Matrix,
  y: readonly number[],
  options: MultiDescentOptions,
): MultiDescentResult {
  const d = options.initial.w.length;
  const start: LinearModel =
    loop.start === 'initial'
      ? { w: [...options.initial.w], b: options.initial.b }
      : { w: new Array<number>(d).fill(0), b: 0 };
  const eta = (loop.rate === 'given' ? options.learningRate : loop.constant) * (loop.direction === 'down' ? 1 : -1);
  const G = (m: LinearModel) => gradient(X, y, loop.evaluation === 'start' ? start : m);
  const moveW = loop.moves !== 'b';
  const moveB = loop.moves !== 'w';
  const stepFrom = (m: LinearModel): LinearModel => {
    let w = [...m.w];
    let b = m.b;
    switch (loop.order) {
      case 'simultaneous': {
        const g = G(m);
        if (moveW) w = w.map((v, j) => v - eta * g.dw[j]);
        if (moveB) b -= eta * g.db;
        break;
      }
      case 'w-then-b': {
        if (moveW) w = w.map((v, j) => v - eta * G(m).dw[j]);
        if (moveB) b -= eta * G({ w, b }).db;
        break;
      }
      case 'b-then-w': {
        if (moveB) b -= eta * G(m).db;
        if (moveW) w = w.map((v, j) => v - eta * G({ w: m.w, b }).dw[j]);
        break;
      }
      case 'one-at-a-time': {
        if (moveW) for (let j = 0; j < d; j++) w[j] -= eta * G({ w: [...w], b }).dw[j];
        if (moveB) b -= eta * G({ w, b }).db;
        break;
      }
    }
    return { w, b };
  };
  const steps = {
    iterations: options.iterations,
    'one-short': Math.max(0, options.iterations - 1),
    'one-more': options.iterations + 1,
  }[loop.steps];
  const models = [start];
  for (let k = 0; k < steps; k++) models.push(stepFrom(models[k]));
  const J = (m: LinearModel) => cost(X, y, m);
  const perStep = models.slice(1).map((m, k) => J(loop.stepCost === 'after' ? m : models[k]));
  const costs = loop.initialCost === 'recorded' ? [J(start), ...perStep] : perStep;
  const last = models[models.length - 1];
  const returned = loop.returns === 'final' ? last : options.initial;
  return { model: { w: [...returned.w], b: returned.b }, costs };
}

export const implementModel = (c: MultivariateModel): Implementation => {
  const f = functionsOf(c);
  return {
    predict: f.predict,
    computeCostMulti: f.cost,
    computeGradientMulti: f.gradient,
    gradientDescentMulti: f.descent,
  };
};
