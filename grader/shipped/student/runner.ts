/**
 * The student-side runner: what a handout's exercise tests call (suite.ts) to grade one exercise of
 * the student's own work on its public checks. Built into the handout's kit as CommonJS, with the
 * grader's own modules it uses; nothing it reaches imports solutions/ (grader/handout checks).
 */
import { EXERCISE_IDS, type ExerciseId } from '../contract/exercises';
import { format } from '../checks/verdicts';
import type { CheckResult, ExerciseResult } from '../results/model';
import { gradeExercise, type GradedExercise } from './grade-exercise';
import { loadManifest } from './kit-data';
import { kitPaths } from './layout';
import { STUDENT_META_KEY, type StudentMeta } from './meta';

export { STUDENT_META_KEY, type StudentMeta, type ExerciseId };

/** The public checks of an exercise, in report order, without running anything. */
export function publicChecksOf(exercise: ExerciseId): readonly { readonly id: string; readonly title: string }[] {
  if (!EXERCISE_IDS.includes(exercise))
    throw new Error(`grader: "${exercise}" is not an exercise (${EXERCISE_IDS.join(', ')})`);
  return loadManifest(kitPaths().manifests, exercise).checks.map(({ id, title }) => ({ id, title }));
}

/**
 * Grades one exercise of the handout this kit is in; the promise is shared by every test of that
 * exercise. With type errors in its file (the type check's, type-check.ts) no check runs.
 */
export function gradeOwnExercise(exercise: ExerciseId, typeErrors?: readonly string[]): Promise<GradedExercise> {
  let graded = pending.get(exercise);
  if (!graded) {
    const paths = kitPaths();
    graded = gradeExercise(exercise, {
      root: paths.root,
      manifestDir: paths.manifests,
      studentId: paths.studentId,
      typeErrors,
    });
    pending.set(exercise, graded);
  }
  return graded;
}

const pending = new Map<ExerciseId, Promise<GradedExercise>>();

/** Forgets earlier results, so that a watch-mode rerun grades the files as they are now. */
export function forgetGrades(): void {
  pending.clear();
}

export function metaOf(graded: GradedExercise): StudentMeta {
  return { result: graded.result, contentHash: graded.contentHash };
}

/** Why a check did not pass, in a few lines: the check's message, the mistake when it is named, the input. */
export function failureText(check: CheckResult, exercise: ExerciseResult): string {
  const lines = [
    check.status === 'not-implemented'
      ? `${exercise.file} is not implemented yet: its function still throws the stub's error.`
      : check.message,
  ];
  if (exercise.diagnosis) lines.push(`Likely mistake: ${exercise.diagnosis.name}. ${exercise.diagnosis.hint}`);
  else if (exercise.rootCause) lines.push(exercise.rootCause.message);
  if (check.counterexample) lines.push(`Input: ${format(check.counterexample.input)}`);
  return lines.join('\n');
}
