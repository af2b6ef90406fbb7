import type { ExerciseResult } from '../results/model';

/** Where a test file leaves its graded exercise for the reporter: vitest sends a module's `meta` to the main process. */
export const STUDENT_META_KEY = 'gradientDescent';

export interface StudentMeta {
  readonly result: ExerciseResult;
  readonly contentHash: string;
}

/** Where the handout's main process leaves the student's files it transpiled, for the test worker to `inject` (vitest's provide). */
export const TRANSPILED_KEY = 'gradientDescentTranspiled';

/** Where the handout's type check (type-check.ts, vitest's global setup) leaves each exercise's type errors for the test workers. */
export const TYPE_ERRORS_KEY = 'gradientDescentTypeErrors';
