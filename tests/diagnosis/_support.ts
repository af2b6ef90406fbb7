import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KIT_ROOT } from '../../grader/data/paths';
import { InProcessPort } from '../../grader/shipped/door/in-process-port';
import { gradeSubmission, type GradeOptions } from '../../grader/engine/grade-submission';
import { CATALOGUE, entryFile, type CatalogueEntry } from '../../grader/diagnosis/catalogue';
import { entrySubmission, referenceSubmission, withExerciseSource } from '../../grader/diagnosis/variant-submission';
import type { ExerciseId } from '../../grader/shipped/contract/exercises';
import type { ExerciseResult, SubmissionResult } from '../../grader/shipped/results/model';
import { readSubmission, type Submission } from '../../grader/shipped/submission/read-submission';
import { TEST_SEED } from '../kit/support';

export const CORRECT_DIR = join(KIT_ROOT, 'tests', 'fixtures', 'correct');
export const PURPOSE_BUILT_DIR = join(__dirname, '..', 'fixtures', 'purpose-built');

/** Every correct variant: a whole submission per style folder. */
export const CORRECT_STYLES: readonly string[] = readdirSync(CORRECT_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

/** A purpose-built fixture: one exercise file (under purpose-built/<exercise>/) over the reference. */
export interface PurposeBuilt {
  readonly id: string;
  readonly exercise: ExerciseId;
  submission(): Submission;
}

export const PURPOSE_BUILT: readonly PurposeBuilt[] = readdirSync(PURPOSE_BUILT_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(PURPOSE_BUILT_DIR, d.name))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => {
        const exercise = d.name as ExerciseId;
        const id = `purpose-built/${exercise}/${f.replace(/\.ts$/, '')}`;
        return {
          id,
          exercise,
          submission: () =>
            withExerciseSource(
              referenceSubmission(),
              exercise,
              readFileSync(join(PURPOSE_BUILT_DIR, d.name, f), 'utf8'),
              id.replaceAll('/', '--'),
            ),
        };
      }),
  );

export async function grade(submission: Submission, options: GradeOptions = {}): Promise<SubmissionResult> {
  const port = new InProcessPort(submission, referenceSubmission());
  try {
    return await gradeSubmission(submission, port, { plots: false, seed: TEST_SEED, ...options });
  } finally {
    await port.close();
  }
}

export const gradeEntry = (entry: CatalogueEntry, options: GradeOptions = {}) => grade(entrySubmission(entry), options);
export const gradeCorrect = (style: string) => grade(readSubmission(join(CORRECT_DIR, style), `correct-${style}`));

export function exerciseOf(result: SubmissionResult, exercise: ExerciseId): ExerciseResult {
  const found = result.exercises.find((e) => e.exercise === exercise);
  if (!found) throw new Error(`no result for ${exercise}`);
  return found;
}

/** A submission made of the reference with some exercise files replaced by the given sources. */
export function submissionWith(studentId: string, files: Partial<Record<ExerciseId, string>>): Submission {
  return Object.entries(files).reduce(
    (s, [exercise, source]) => withExerciseSource(s, exercise as ExerciseId, source!, studentId),
    referenceSubmission(),
  );
}

export const catalogueSource = (id: string) =>
  readFileSync(entryFile(CATALOGUE.find((entry) => entry.id === id)!), 'utf8');

/** The exercises that build on each of 01–03 in the reference: 02 → 03 → 04, and 01 → 04. */
export const DEPENDENTS: Partial<Record<ExerciseId, readonly ExerciseId[]>> = {
  '01-cost': ['04-descent'],
  '02-gradient': ['03-step', '04-descent'],
  '03-step': ['04-descent'],
};
