import { EXERCISE_IDS, foundationsOf, type ExerciseId } from './exercises';

/** What a course grades: its title, and the exercises it asks for, in the kit's order. */
export interface Assignment {
  /** The assignment's name in the gradebook, the summary and the handout. */
  readonly title: string;
  /** The exercises graded, handed out and scored; every other exercise is left out everywhere. */
  readonly exercises: readonly ExerciseId[];
}

/**
 * The assignment `exercises` names, in the kit's order, or the reasons it cannot be one: an id that
 * is not an exercise, one named twice, or an exercise without an exercise it builds on (04-descent
 * without 03-step: the student's file imports it).
 */
export function assignmentOf(
  title: string,
  exercises: readonly string[],
): { ok: true; assignment: Assignment } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const known = new Set<string>(EXERCISE_IDS);
  const seen = new Set<string>();
  for (const id of exercises) {
    if (!known.has(id)) problems.push(`"${id}" is not an exercise of the kit (${EXERCISE_IDS.join(', ')})`);
    else if (seen.has(id)) problems.push(`"${id}" is named twice`);
    seen.add(id);
  }
  for (const id of EXERCISE_IDS.filter((e) => seen.has(e)))
    for (const foundation of foundationsOf(id))
      if (!seen.has(foundation)) problems.push(`${id} builds on ${foundation}: add "${foundation}" too`);
  if (!seen.size) problems.push('it names no exercise');
  return problems.length
    ? { ok: false, problems }
    : { ok: true, assignment: { title, exercises: EXERCISE_IDS.filter((id) => seen.has(id)) } };
}

/** "01-cost … 06-learning-rate": the assignment's exercise folders, for messages. */
export function exerciseRange(assignment: Assignment): string {
  const { exercises } = assignment;
  return exercises.length === 1 ? exercises[0] : `${exercises[0]} … ${exercises.at(-1)}`;
}
