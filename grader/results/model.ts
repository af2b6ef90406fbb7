import type { ExerciseId } from '../exercises';
import type { CallErrorKind, IsolationLayer, ModuleStatus } from '../door/port';

export type CheckStatus = 'pass' | 'fail' | 'error' | 'not-implemented';
export type Visibility = 'public' | 'hidden';
export type CheckKind = 'property' | 'reference';

/** The input a failing check was given, as the student would write it, after fast-check shrank it. */
export interface Counterexample {
  readonly input: Readonly<Record<string, unknown>>;
  /** How many times fast-check shrank the first failing input to reach this one. */
  readonly shrinks: number;
}

/** Everything a reporter needs about one check, as plain data. Reporters read it and decide nothing. */
export interface CheckResult {
  readonly id: string;
  readonly exercise: ExerciseId;
  readonly title: string;
  readonly kind: CheckKind;
  readonly visibility: Visibility;
  readonly status: CheckStatus;
  readonly points: number;
  readonly maxPoints: number;
  readonly seed: number;
  /** fast-check's replay path of the failing case; with the seed, it reruns exactly that case. */
  readonly path?: string;
  readonly runs: number;
  readonly message: string;
  readonly counterexample?: Counterexample;
  readonly expected?: unknown;
  readonly actual?: unknown;
  readonly tolerance?: number;
  readonly observedError?: number;
  readonly callError?: CallErrorKind;
}

export interface ExerciseResult {
  readonly exercise: ExerciseId;
  readonly file: string;
  readonly module: ModuleStatus;
  readonly score: number;
  readonly maxScore: number;
  readonly checks: readonly CheckResult[];
}

export interface SubmissionResult {
  readonly studentId: string;
  readonly seed: number;
  readonly graderVersion: string;
  readonly score: number;
  readonly maxScore: number;
  readonly exercises: readonly ExerciseResult[];
  readonly isolation: readonly IsolationLayer[];
  readonly contentHash: string;
  /** Wall time of grading, in seconds; the only field that may differ between two runs with the same seed. */
  readonly executionTime: number;
}
