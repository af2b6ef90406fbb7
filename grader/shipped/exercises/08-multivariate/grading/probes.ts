import type { LinearModel, Matrix, ModelGradient, MultiDescentResult } from '../../../../../exercises/types';
import { computeGradientMulti } from '../../../../../solutions/08-multivariate/multivariate';
import { near, probe, sameLength, worst, type Probe } from '../../../../probes/probe';
import {
  multiCostTolerance,
  multiGradientTolerance,
  multiPredictionTolerance,
  multiStepTolerance,
} from '../../../checks/tolerance';

/** A table of the probes: its rows, its targets, and how a person reads it. */
interface Table {
  readonly X: number[][];
  readonly y: number[];
  readonly text: string;
}

/** The README's four rows of two features (N > d). */
export const T4: Table = {
  X: [
    [1, 2],
    [2, 0],
    [3, 1],
    [4, 3],
  ],
  y: [3, 2, 4, 7],
  text: '4 rows of 2 features',
};
/** Three rows of three features (N = d): rows and columns swapped still read numbers. */
export const T3: Table = {
  X: [
    [1, 2, 0],
    [0, 1, 3],
    [2, -1, 1],
  ],
  y: [4, 5, 1],
  text: '3 rows of 3 features',
};
/** Two rows of three features (N < d): a weight indexed by the row still reads numbers. */
export const T2: Table = {
  X: [
    [2, -1, 0.5],
    [1, 3, -2],
  ],
  y: [3, -1],
  text: '2 rows of 3 features',
};
/** One row (a sum equals a mean, N − 1 is 0). */
export const T1: Table = { X: [[2, -1, 0.5]], y: [3], text: '1 row of 3 features' };
/** Seven rows of one feature with Σx = 11: 01's and 02's D7. */
export const T7: Table = {
  X: [[-2], [-1], [0], [1], [3], [4], [6]],
  y: [1, 3, 2, 6, 5, 9, 8],
  text: '7 rows of 1 feature',
};
/** Five rows of three features whose scales differ (x₁ in the tens). */
export const T5: Table = {
  X: [
    [1, 10, -2],
    [0.5, 20, 1],
    [-1, 15, 0],
    [2, 30, 3],
    [1.5, 25, -1],
  ],
  y: [4, 6.5, 2, 11, 7],
  text: '5 rows of 3 features',
};

const modelText = (m: LinearModel) => `w = [${m.w.join(', ')}], b = ${m.b}`;

function predictProbe(t: Table, model: LinearModel): Probe {
  return probe('08-multivariate', 'predict', `predict on ${t.text} at ${modelText(model)}`, [t.X, model], (a, e) => {
    const [actual, expected] = [a as number[], e as number[]];
    const tolerance = multiPredictionTolerance(t.X, model, expected);
    return sameLength(actual, expected) ?? worst(expected.map((v, i) => near(actual[i], v, tolerance[i])));
  });
}

function costProbe(t: Table, model: LinearModel): Probe {
  const label = `computeCostMulti on ${t.text} at ${modelText(model)}`;
  return probe('08-multivariate', 'computeCostMulti', label, [t.X, t.y, model], (a, e) =>
    near(a as number, e as number, multiCostTolerance(t.X, t.y, model, e as number)),
  );
}

function gradientProbe(t: Table, model: LinearModel): Probe {
  const label = `computeGradientMulti on ${t.text} at ${modelText(model)}`;
  return probe('08-multivariate', 'computeGradientMulti', label, [t.X, t.y, model], (a, e) => {
    const [actual, expected] = [a as ModelGradient, e as ModelGradient];
    const tolerance = multiGradientTolerance(t.X, t.y, model, expected);
    return (
      sameLength(actual.dw, expected.dw) ??
      worst([
        ...expected.dw.map((v, j) => near(actual.dw[j], v, tolerance.dw[j])),
        near(actual.db, expected.db, tolerance.db),
      ])
    );
  });
}

/** A run's bound grows with the step count, as in the checks: rounding adds up below the stability limit. */
function descentProbe(t: Table, initial: LinearModel, learningRate: number, iterations: number): Probe {
  const label = `gradientDescentMulti on ${t.text} from ${modelText(initial)}, η = ${learningRate}, ${iterations} iterations`;
  const args = [t.X, t.y, { initial, learningRate, iterations }];
  return probe('08-multivariate', 'gradientDescentMulti', label, args, (a, e) => {
    const [actual, expected] = [a as MultiDescentResult, e as MultiDescentResult];
    const lengths = sameLength(actual.costs, expected.costs) ?? sameLength(actual.model.w, expected.model.w);
    if (lengths) return lengths;
    const oneStep = multiStepTolerance(t.X, t.y, initial, learningRate, computeGradientMulti(t.X, t.y, initial));
    const steps = iterations + 1;
    return worst([
      ...expected.costs.map((cost, k) =>
        near(actual.costs[k], cost, (k + 1) * multiCostTolerance(t.X, t.y, initial, cost)),
      ),
      ...expected.model.w.map((w, j) => near(actual.model.w[j], w, steps * oneStep.w[j])),
      near(actual.model.b, expected.model.b, steps * oneStep.b),
    ]);
  });
}

const M4: LinearModel = { w: [1, 0.5], b: 0.5 };
const M3: LinearModel = { w: [0.5, 1, -1], b: 1 };
const M2: LinearModel = { w: [1, 2, -0.5], b: 0.25 };
const M7: LinearModel = { w: [0.5], b: 1 };
const M5: LinearModel = { w: [1, 0, -1], b: 2 };

/** Every table of the probes at the model it is probed at (the cost and the gradient are also probed at each descent's start). */
const PROBED: readonly [Table, LinearModel][] = [
  [T4, M4],
  [T3, M3],
  [T2, M2],
  [T1, M2],
  [T7, M7],
  [T5, M5],
];

/** Where the probes' descents start: the tables the diagnosis reads a step of against the student's own cost and gradient. */
export const DESCENT_STARTS: readonly { table: Table; initial: LinearModel }[] = PROBED.map(([table, initial]) => ({
  table,
  initial,
}));

/**
 * The designed probes of 08-multivariate: inputs on which every two of its generated mistakes, and
 * each mistake and the reference, answer apart. Tables with more rows than features, as many, and
 * fewer (a swapped index reads numbers on some and fails on others), one row, one feature, and
 * features of different scales; descents of 0, 1, 2, 3 and 5 steps (a run a step short or long
 * still has a probe of one step, where a rate written into the code is read off), one at a rate
 * that is not a power of 2. Each descent starts where the cost and the gradient are probed too.
 */
export function multivariateProbes(): Probe[] {
  return [
    predictProbe(T4, M4),
    predictProbe(T3, M3),
    predictProbe(T2, M2),
    predictProbe(T7, M7),
    predictProbe(T5, M5),
    ...PROBED.map(([t, m]) => costProbe(t, m)),
    ...PROBED.map(([t, m]) => gradientProbe(t, m)),
    descentProbe(T4, M4, 0.0625, 2),
    descentProbe(T7, M7, 0.015625, 3),
    descentProbe(T5, M5, 0.0009765625, 1),
    descentProbe(T4, { w: [2, -1], b: 1 }, 0.03125, 0),
    descentProbe(T3, M3, 0.1, 5),
    descentProbe(T2, M2, 0.0625, 1),
  ];
}
