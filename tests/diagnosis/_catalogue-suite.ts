import { beforeAll, describe, expect, it } from 'vitest';
import { catalogueOf, type CatalogueEntry } from '../../grader/diagnosis/catalogue';
import type { ExerciseId } from '../../grader/shipped/contract/exercises';
import type { SubmissionResult } from '../../grader/shipped/results/model';
import { DEPENDENTS, exerciseOf, gradeEntry } from './_support';

/**
 * Grades every catalogue entry of the given exercises as a whole submission (its variant file
 * over the reference) through the real engine, once, and proves: each is failed and named as
 * itself; and for 01–03, every exercise built on it points to it as the root cause and, being
 * correct itself, keeps full marks when graded in isolation.
 */
export function catalogueSuite(exercises: readonly ExerciseId[]): void {
  const entries: CatalogueEntry[] = exercises.flatMap((id) => [...catalogueOf(id)]);
  const results = new Map<string, SubmissionResult>();

  beforeAll(async () => {
    for (const entry of entries) results.set(entry.id, await gradeEntry(entry));
  });

  describe.each(exercises)('%s catalogue', (exercise) => {
    it.each(catalogueOf(exercise).map((e) => [e.id, e] as const))('%s is failed and named as itself', (_, entry) => {
      const result = results.get(entry.id)!;
      const own = exerciseOf(result, entry.exercise);
      expect(own.score).toBeLessThan(own.maxScore);
      expect(result.score).toBeLessThan(result.maxScore);
      expect(own.unrecognised).toBeUndefined();
      expect(own.diagnosis?.id).toBe(entry.id);
      expect(own.diagnosis?.evidence).toMatch(/designed probes/);
      for (const other of result.exercises)
        if (other.exercise !== entry.exercise) expect(other.diagnosis, other.exercise).toBeUndefined();
    });

    const dependents = DEPENDENTS[exercise];
    if (dependents) {
      it.each(catalogueOf(exercise).map((e) => [e.id, e] as const))(
        '%s: the exercises built on it point to it, and keep full marks in isolation',
        (_, entry) => {
          const result = results.get(entry.id)!;
          for (const dependent of dependents) {
            const graded = exerciseOf(result, dependent);
            expect(graded.rootCause?.brokenDependency, dependent).toBe(entry.exercise);
            expect(graded.rootCause?.gradedInIsolation, dependent).toBe(true);
            expect(graded.rootCause?.message, dependent).toContain(entry.id);
            expect(graded.rootCause?.message, dependent).toMatch(/graded in isolation/);
            expect(graded.score, dependent).toBe(graded.maxScore);
            expect(
              graded.checks.every((c) => c.status === 'pass'),
              dependent,
            ).toBe(true);
          }
        },
      );
    }
  });
}
