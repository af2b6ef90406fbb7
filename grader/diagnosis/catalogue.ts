import { join } from 'node:path';
import { EXERCISES_GRADER_DIR } from '../data/paths';
import { GRADING } from '../grading';
import { EXERCISE_IDS, type ExerciseId } from '../shipped/contract/exercises';

/**
 * A known mistake: a buggy variant of one exercise file, kept as real TypeScript under
 * `grader/shipped/exercises/<exercise>/grading/mistakes/<exercise>/<slug>.ts`, with its text in that
 * folder's index.ts. The kit's tests prove that each one fails
 * and is named as itself, and that the designed probes tell every two of them apart.
 */
export interface CatalogueEntry {
  /** `02-gradient/missing-factor-2`: the exercise, then the variant file's name. */
  readonly id: string;
  readonly exercise: ExerciseId;
  /** What a student understands. */
  readonly name: string;
  /** Two sentences: what the code does, and why that is wrong. */
  readonly explanation: string;
  /** Where to look, without the answer. */
  readonly hint: string;
}

/** Every known mistake, in exercise order. */
export const CATALOGUE: readonly CatalogueEntry[] = EXERCISE_IDS.flatMap((exercise) =>
  Object.entries(GRADING[exercise].mistakes).map(([slug, text]) => ({ id: `${exercise}/${slug}`, exercise, ...text })),
);

export function catalogueOf(exercise: ExerciseId): readonly CatalogueEntry[] {
  return CATALOGUE.filter((e) => e.exercise === exercise);
}

/** The variant's source file: `grader/shipped/exercises/<exercise>/grading/mistakes/<exercise>/<slug>.ts`. */
export function entryFile(entry: CatalogueEntry): string {
  return join(EXERCISES_GRADER_DIR, entry.exercise, 'grading', 'mistakes', `${entry.id}.ts`);
}
