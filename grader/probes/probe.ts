import type { Line, Point } from '../../exercises/types';
import { SEED_DATA_CSV } from '../data/paths';
import { readPointsCsv } from '../data/read-points';
import type { ExerciseId, ExportName } from '../shipped/contract/exercises';
import { compareNumbers, RELATIVE_FLOOR, type Comparison } from '../shipped/checks/tolerance';
import type { CallOutcome, CallRequest } from '../shipped/door/port';

/**
 * What a designed probe is, and the parts every exercise's battery is built from. The designed
 * probes (`grader/shipped/exercises/<id>/grading/probes.ts`) are a fixed battery of inputs per exercise on which every two catalogue
 * entries (and each entry and the reference) give answers further apart than the checks'
 * tolerances; the kit's tests prove it. They avoid the blind spots of docs/grading-notes.md: every
 * exercise sees N ≥ 6 with Σx ≠ 0, lines away from the optimum, x ≠ y, a start that is neither
 * (0, 0) nor on an eigenvector, learning rates other than 1e−4, and a bowl other than the valley.
 */
export interface Probe {
  /** What was asked, as a person reads it. */
  readonly label: string;
  /** Always in the isolated world: a probe looks at this exercise's own file. */
  readonly request: CallRequest;
  /** How close two answers of the right shape must be to count as the same. */
  agreement(actual: unknown, expected: unknown): Comparison;
}

/** Seven points with Σx = 11, off every line the probes use. */
export const D7: Point[] = [
  { x: -2, y: 1 },
  { x: -1, y: 3 },
  { x: 0, y: 2 },
  { x: 1, y: 6 },
  { x: 3, y: 5 },
  { x: 4, y: 9 },
  { x: 6, y: 8 },
];
/** Six points with Σx = 19.5 and a fractional x. */
export const D6: Point[] = [
  { x: 0.5, y: 4 },
  { x: 1, y: 2.5 },
  { x: 2, y: 5 },
  { x: 3, y: 4.5 },
  { x: 5, y: 9 },
  { x: 8, y: 10.5 },
];
export const D3: Point[] = [
  { x: 1, y: 2 },
  { x: 2, y: 5 },
  { x: 4, y: 7 },
];
export const D1: Point[] = [{ x: 3, y: -1 }];
/** Six points exactly on y = 2x − 1: the optimum, where Σr = 0. */
export const ON_LINE: Point[] = [-1, 0, 2, 3, 5, 7].map((x) => ({ x, y: 2 * x - 1 }));
/**
 * 160 points, more than the 128 below which the reference sums in one loop: code whose slip is in
 * how partial sums are combined (pairwise, in chunks) shows it only here. Multiples of 1/8 and
 * 1/4, so every sum of them is exact.
 */
export const D160: Point[] = Array.from({ length: 160 }, (_, i) => ({ x: i / 8 - 10, y: ((i * 37) % 101) / 4 - 12 }));
export const TWO: Point[] = [
  { x: 0, y: 1 },
  { x: 1, y: 3 },
];
let seedData: Point[] | undefined;
export const dataCsv = () => (seedData ??= readPointsCsv(SEED_DATA_CSV));

export type Bowl = { hessian: [[number, number], [number, number]]; center: [number, number] };
export const VALLEY_BOWL: Bowl = {
  hessian: [
    [2, 1],
    [1, 2],
  ],
  center: [0, 0],
};
export const OTHER_BOWL: Bowl = {
  hessian: [
    [4, 1],
    [1, 3],
  ],
  center: [1, -2],
};
export const THIRD_BOWL: Bowl = {
  hessian: [
    [3, -1],
    [-1, 2],
  ],
  center: [-1, 0.5],
};

export const sameLength = (actual: readonly unknown[], expected: readonly unknown[]): Comparison | undefined =>
  actual.length === expected.length ? undefined : { ok: false, observedError: Infinity, tolerance: 0 };

/** The worst of several comparisons: the first that fails, else the one closest to its bound. */
export function worst(comparisons: readonly Comparison[]): Comparison {
  let result: Comparison = { ok: true, observedError: 0, tolerance: 0 };
  for (const c of comparisons) {
    if (!c.ok) return c;
    if (c.observedError / (c.tolerance || 1) > result.observedError / (result.tolerance || 1)) result = c;
  }
  return result;
}

/** A scaled bound, never tighter than the relative floor of the value it guards. */
export function near(actual: number, expected: number, tolerance: number): Comparison {
  return compareNumbers(actual, expected, Math.max(tolerance, RELATIVE_FLOOR * Math.abs(expected)));
}

export function probe(
  exercise: ExerciseId,
  fn: ExportName,
  label: string,
  args: unknown[],
  agreement: Probe['agreement'],
): Probe {
  return { label, request: { exercise, fn, args, world: 'isolated' }, agreement };
}

export const lineText = (l: Line) => `m = ${l.m}, b = ${l.b}`;
export const dataText = (points: readonly Point[]) =>
  points === seedData ? 'data.csv' : `${points.length} point${points.length === 1 ? '' : 's'}`;

/**
 * Whether two answers to the same probe count as the same: two values of the right shape within
 * the probe's tolerance, or two failures of the same kind (both not finite, both threw…).
 */
export function sameAnswer(probe: Probe, actual: CallOutcome, expected: CallOutcome): Comparison {
  if (actual.ok && expected.ok) return probe.agreement(actual.value, expected.value);
  const same = !actual.ok && !expected.ok && actual.error.kind === expected.error.kind;
  return { ok: same, observedError: same ? 0 : Infinity, tolerance: 0 };
}
