import { GRADING } from '../grading';
import type { Probe } from '../probes/probe';
import { answerAll, generate, type GeneratedSpace } from '../mistake-space/candidates';
import type { ExerciseId } from '../shipped/contract/exercises';

export { sameAnswer, type Probe } from '../probes/probe';

const batteries = new Map<ExerciseId, readonly Probe[]>();

/** The designed probes of one exercise (its `grading/probes.ts`), built once. */
export function probesOf(exercise: ExerciseId): readonly Probe[] {
  let probes = batteries.get(exercise);
  if (!probes) batteries.set(exercise, (probes = GRADING[exercise].probes()));
  return probes;
}

const spaces = new Map<ExerciseId, GeneratedSpace<unknown> | undefined>();

/**
 * An exercise's mistake space made concrete on its designed probes, duplicates and harmless
 * candidates set aside (the tests' and the confusion matrix's view), built once per process;
 * undefined when it has none.
 */
export function generatedSpaceOf(exercise: ExerciseId): GeneratedSpace<unknown> | undefined {
  if (!spaces.has(exercise)) {
    const space = GRADING[exercise].space;
    spaces.set(exercise, space && generate(space, probesOf(exercise)));
  }
  return spaces.get(exercise);
}

const answered = new Map<ExerciseId, GeneratedSpace<unknown> | undefined>();

/**
 * What the diagnosis matches against: every candidate of an exercise's space with its answers on
 * the designed probes, built once per process; duplicates are set aside only among the fits.
 */
export function diagnosisSpaceOf(exercise: ExerciseId): GeneratedSpace<unknown> | undefined {
  if (!answered.has(exercise)) {
    const space = GRADING[exercise].space;
    answered.set(exercise, space && answerAll(space, probesOf(exercise)));
  }
  return answered.get(exercise);
}
