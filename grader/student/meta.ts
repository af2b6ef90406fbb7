import type { ExerciseResult } from '../results/model';

/** Where a test file leaves its graded exercise for the reporter: vitest sends a module's `meta` to the main process. */
export const STUDENT_META_KEY = 'gradientDescent';

export interface StudentMeta {
  readonly result: ExerciseResult;
  readonly contentHash: string;
}
