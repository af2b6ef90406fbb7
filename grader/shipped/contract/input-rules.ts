import type { ExportName } from './exercises';

/**
 * The contract's input rules, as the grader keeps them: every call it makes has finite numbers, at
 * least one point (two distinct x for 06 and 11), a whole number of iterations, and for 07–10 a
 * table X of N ≥ 1 rows of the same length d ≥ 1 with N targets (N > d and full column rank once
 * centred for 09), a model and a scaler of d entries; for 10 a batch size ≥ 1 and an order that is
 * a permutation of the rows for every epoch; for 11 a momentum in [0, 1). A student's function may assume all of it (each
 * README says so); `CallCache` refuses to send a call that breaks a rule, as a bug of the kit.
 */
export function inputProblem(fn: ExportName, args: readonly unknown[]): string | undefined {
  const [first, second, third] = args;
  switch (fn) {
    case 'computeCost':
    case 'computeGradient':
      return pointsProblem(first, 1) ?? lineProblem(second);
    case 'step':
      return pointsProblem(first, 1) ?? lineProblem(second) ?? finiteProblem(third, 'learningRate');
    case 'gradientDescent':
      return pointsProblem(first, 1) ?? descentOptionsProblem(second, (o) => lineProblem(o.initial));
    case 'valley':
    case 'valleyGradient':
      return vecProblem(first, 'p');
    case 'descend':
      return (
        gradientProblem(first) ??
        vecProblem(second, 'start') ??
        finiteProblem(third, 'learningRate') ??
        countProblem(args[3], 'iterations')
      );
    case 'leastSquares':
    case 'maxStableLearningRate':
      return pointsProblem(first, 2);
    case 'fitScaler':
      return matrixProblem(first);
    case 'scaleFeatures':
      return matrixProblem(first) ?? scalerProblem(second, columnsOf(first));
    case 'unscaleModel': {
      const d = Array.isArray((first as { w?: unknown })?.w) ? (first as { w: unknown[] }).w.length : 0;
      return modelProblem(first, d) ?? scalerProblem(second, d);
    }
    case 'predict':
      return matrixProblem(first) ?? modelProblem(second, columnsOf(first));
    case 'computeCostMulti':
    case 'computeGradientMulti':
      return tableProblem(first, second) ?? modelProblem(third, columnsOf(first));
    case 'gradientDescentMulti':
      return (
        tableProblem(first, second) ?? descentOptionsProblem(third, (o) => modelProblem(o.initial, columnsOf(first)))
      );
    case 'normalEquation':
      return tableProblem(first, second) ?? fullRankProblem(first as number[][]);
    case 'miniBatchGradientDescent':
      return (
        tableProblem(first, second) ?? miniBatchOptionsProblem(third, (first as unknown[]).length, columnsOf(first))
      );
    case 'descendWithMomentum':
      return (
        gradientProblem(first) ??
        vecProblem(second, 'start') ??
        finiteProblem(third, 'learningRate') ??
        momentumProblem(args[3]) ??
        countProblem(args[4], 'iterations')
      );
    case 'maxStableMomentumRate':
      return pointsProblem(first, 2) ?? momentumProblem(second);
  }
}

function momentumProblem(value: unknown): string | undefined {
  return isFinite(value) && value >= 0 && value < 1 ? undefined : 'momentum is not in [0, 1)';
}

/** 10's options: a model of d weights, a finite rate, whole epochs, a batch of at least one row, and an order for every epoch that is a permutation of the N rows. */
function miniBatchOptionsProblem(value: unknown, n: number, d: number): string | undefined {
  if (!isRecord(value)) return 'options is not an object';
  const problem =
    modelProblem(value.initial, d) ??
    finiteProblem(value.learningRate, 'learningRate') ??
    countProblem(value.epochs, 'epochs') ??
    (Number.isSafeInteger(value.batchSize) && (value.batchSize as number) >= 1
      ? undefined
      : 'batchSize is not a whole number ≥ 1');
  if (problem) return problem;
  const order = value.order;
  if (typeof order === 'function') return undefined;
  const permutations = isRecord(order) && isRecord(order.$order) ? order.$order.permutations : undefined;
  if (!Array.isArray(permutations) || permutations.length < Math.max(1, value.epochs as number))
    return 'order does not give a permutation for every epoch';
  for (const permutation of permutations) {
    const seen = new Set(permutation as unknown[]);
    const isPermutation =
      Array.isArray(permutation) &&
      permutation.length === n &&
      seen.size === n &&
      permutation.every((i) => Number.isInteger(i) && i >= 0 && i < n);
    if (!isPermutation) return `order gives something that is not a permutation of 0 … ${n - 1}`;
  }
  return undefined;
}

type Options = { initial?: unknown; learningRate?: unknown; iterations?: unknown };

const isFinite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';

function finiteProblem(value: unknown, name: string): string | undefined {
  return isFinite(value) ? undefined : `${name} is not a finite number`;
}

function countProblem(value: unknown, name: string): string | undefined {
  return Number.isSafeInteger(value) && (value as number) >= 0 ? undefined : `${name} is not a whole number ≥ 0`;
}

function pointsProblem(value: unknown, distinctX: number): string | undefined {
  if (!Array.isArray(value) || value.length < 1) return 'points is not a non-empty array';
  if (!value.every((p) => isRecord(p) && isFinite(p.x) && isFinite(p.y))) return 'a point is not { x, y } finite';
  if (new Set(value.map((p: { x: number }) => p.x)).size < distinctX)
    return `points has fewer than ${distinctX} distinct x`;
  return undefined;
}

function lineProblem(value: unknown): string | undefined {
  return isRecord(value) && isFinite(value.m) && isFinite(value.b) ? undefined : 'the line is not { m, b } finite';
}

function vecProblem(value: unknown, name: string): string | undefined {
  return isRecord(value) && isFinite(value.x) && isFinite(value.y) ? undefined : `${name} is not { x, y } finite`;
}

function gradientProblem(value: unknown): string | undefined {
  return typeof value === 'function' || (isRecord(value) && isRecord(value.$gradient))
    ? undefined
    : 'gradient is not a function';
}

function descentOptionsProblem(value: unknown, initial: (options: Options) => string | undefined): string | undefined {
  if (!isRecord(value)) return 'options is not an object';
  return (
    initial(value) ?? finiteProblem(value.learningRate, 'learningRate') ?? countProblem(value.iterations, 'iterations')
  );
}

function columnsOf(value: unknown): number {
  return Array.isArray(value) && Array.isArray(value[0]) ? value[0].length : 0;
}

function numbersProblem(value: unknown, length: number, name: string): string | undefined {
  if (!Array.isArray(value) || value.length !== length) return `${name} does not have ${length} entries`;
  return value.every(isFinite) ? undefined : `${name} has a value that is not a finite number`;
}

function matrixProblem(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length < 1) return 'X has no rows';
  const d = columnsOf(value);
  if (d < 1) return 'X has no columns';
  for (let i = 0; i < value.length; i++) {
    const problem = numbersProblem(value[i], d, `X[${i}]`);
    if (problem) return problem;
  }
  return undefined;
}

function tableProblem(X: unknown, y: unknown): string | undefined {
  return matrixProblem(X) ?? numbersProblem(y, (X as unknown[]).length, 'y');
}

function modelProblem(value: unknown, d: number): string | undefined {
  if (!isRecord(value)) return 'the model is not { w, b }';
  return numbersProblem(value.w, d, 'model.w') ?? finiteProblem(value.b, 'model.b');
}

function scalerProblem(value: unknown, d: number): string | undefined {
  if (!isRecord(value)) return 'the scaler is not { mean, std }';
  const problem = numbersProblem(value.mean, d, 'scaler.mean') ?? numbersProblem(value.std, d, 'scaler.std');
  if (problem) return problem;
  return (value.std as number[]).every((s) => s > 0) ? undefined : 'scaler.std has an entry that is not > 0';
}

/**
 * 09's rule: N > d, and the centred columns independent. Checked by Gram–Schmidt on the centred
 * columns, each scaled to unit length first: a column left with less than 1e-10 of its length
 * once the others are taken out is dependent on them, as far as double precision can tell.
 */
function fullRankProblem(X: number[][]): string | undefined {
  const n = X.length;
  const d = X[0].length;
  if (n <= d) return `X has ${n} rows for ${d} columns: 09 needs N > d`;
  const basis: number[][] = [];
  for (let j = 0; j < d; j++) {
    const mean = X.reduce((s, row) => s + row[j], 0) / n;
    let column = X.map((row) => row[j] - mean);
    const length = Math.hypot(...column);
    if (length === 0) return `column ${j} of X is constant: 09 needs full column rank once centred`;
    column = column.map((v) => v / length);
    for (const q of basis) {
      const along = column.reduce((s, v, i) => s + v * q[i], 0);
      column = column.map((v, i) => v - along * q[i]);
    }
    const left = Math.hypot(...column);
    if (left < 1e-10) return `column ${j} of X depends on the others once centred: 09 needs full column rank`;
    basis.push(column.map((v) => v / left));
  }
  return undefined;
}
