/**
 * The exercise tests of the handout: one vitest test per public check of an exercise. The exercise is
 * graded once, by the kit's runner (student code runs in vm realms, never in vitest's own), and each
 * test reports its own check; the graded exercise goes to the reporter through the file's meta.
 */
import { beforeAll, describe, test } from 'vitest';
import { failureText, forgetGrades, gradeOwnExercise, metaOf, publicChecksOf, STUDENT_META_KEY, type ExerciseId } from './runner';

/** Declares the public checks of one exercise as tests. */
export function checkExercise(exercise: ExerciseId): void {
  describe(exercise, () => {
    beforeAll(() => forgetGrades());
    for (const { id, title } of publicChecksOf(exercise)) {
      test(title, async ({ task }) => {
        const graded = await gradeOwnExercise(exercise);
        (task.file.meta as Record<string, unknown>)[STUDENT_META_KEY] = metaOf(graded);
        const check = graded.result.checks.find((c) => c.id === id)!;
        if (check.status === 'pass') return;
        const failure = new Error(failureText(check, graded.result));
        failure.stack = failure.message;
        throw failure;
      });
    }
  });
}
