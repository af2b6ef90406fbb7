import { GRADING } from '../grading';
import type { Probe } from '../probes/probe';
import type { ExerciseId } from '../shipped/contract/exercises';

export { sameAnswer, type Probe } from '../probes/probe';

const batteries = new Map<ExerciseId, readonly Probe[]>();

/** The designed probes of one exercise (its `grading/probes.ts`), built once. */
export function probesOf(exercise: ExerciseId): readonly Probe[] {
  let probes = batteries.get(exercise);
  if (!probes) batteries.set(exercise, (probes = GRADING[exercise].probes()));
  return probes;
}
