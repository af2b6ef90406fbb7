/**
 * The exercise tests of the handout: one vitest test per public check of an exercise. The exercise is
 * graded once, by the kit's runner (student code runs in vm realms, never in vitest's own), and each
 * test reports its own check; the graded exercise goes to the reporter through the file's meta.
 * Built into the kit as CommonJS like the runner, so that vitest transforms none of it: the handout's
 * entry (exercises/_kit/index.mjs) hands it vitest's own functions.
 */
import { TRANSPILED_KEY, TYPE_ERRORS_KEY } from './meta';
import {
  failureText,
  forgetGrades,
  gradeOwnExercise,
  metaOf,
  publicChecksOf,
  STUDENT_META_KEY,
  type ExerciseId,
} from './runner';
import { loadTranspilerOnlyWhenAsked, rememberTranspiled, type KnownTranspile } from '../submission/transpile';

/** The little of vitest the suite uses, as the handout's entry passes it. */
export interface SuiteApi {
  describe(name: string, body: () => void): void;
  beforeAll(hook: () => void): void;
  test(
    name: string,
    body: (context: { readonly task: { readonly file: { readonly meta: object } } }) => Promise<void>,
  ): void;
  inject(key: string): unknown;
}

/** `checkExercise(exercise)`, which declares the public checks of one exercise as tests of the given vitest. */
export function exerciseSuite(vitest: SuiteApi): (exercise: ExerciseId) => void {
  return (exercise) => {
    vitest.describe(exercise, () => {
      let typeErrors: readonly string[] | undefined;
      vitest.beforeAll(() => {
        forgetGrades();
        loadTranspilerOnlyWhenAsked();
        rememberTranspiled(providedTranspiles(vitest.inject(TRANSPILED_KEY)));
        typeErrors = providedTypeErrors(vitest.inject(TYPE_ERRORS_KEY), exercise);
      });
      for (const { id, title } of publicChecksOf(exercise)) {
        vitest.test(title, async ({ task }) => {
          const graded = await gradeOwnExercise(exercise, typeErrors);
          (task.file.meta as Record<string, unknown>)[STUDENT_META_KEY] = metaOf(graded);
          const check = graded.result.checks.find((c) => c.id === id)!;
          if (check.status === 'pass') return;
          const failure = new Error(failureText(check, graded.result));
          failure.stack = failure.message;
          throw failure;
        });
      }
    });
  };
}

/** The main process's transpiles, when it sent any (the reporter does, at the start of each run). */
function providedTranspiles(provided: unknown): KnownTranspile[] {
  if (!Array.isArray(provided)) return [];
  return provided.filter(
    (f): f is KnownTranspile =>
      Array.isArray(f) &&
      typeof f[0] === 'string' &&
      typeof f[1] === 'string' &&
      typeof f[2]?.javascript === 'string' &&
      Array.isArray(f[2]?.syntaxErrors),
  );
}

/** The type errors of the exercise's own file, when the type check (vitest's global setup) found any. */
function providedTypeErrors(provided: unknown, exercise: ExerciseId): readonly string[] | undefined {
  if (provided === null || typeof provided !== 'object') return undefined;
  const errors: unknown = (provided as Record<string, unknown>)[exercise];
  return Array.isArray(errors) && errors.every((e) => typeof e === 'string') && errors.length ? errors : undefined;
}
