import { EXERCISES, EXERCISE_IDS, moduleIdOf, type ExerciseId } from '../contract/exercises';
import type { Submission } from './read-submission';

/** What each exercise exports that a later one may build on, for messages. */
export const EXPORTED_NAMES: Record<ExerciseId, string> = Object.fromEntries(
  EXERCISES.map((e) => [e.id, e.exports.join('/')]),
) as Record<ExerciseId, string>;

const REQUIRE = /\brequire\(\s*(["'])([^"'\n]+)\1\s*\)/g;

/** The sibling exercises a file imports, resolved the way the realm resolves them (`../02-gradient/gradient`, with or without an extension). */
export function directImports(submission: Submission, exercise: ExerciseId): ExerciseId[] {
  const javascript = submission.files[exercise].module?.javascript ?? '';
  const found = new Set<ExerciseId>();
  for (const [, , specifier] of javascript.matchAll(REQUIRE)) {
    const target = resolve(moduleIdOf(exercise), specifier);
    const id = EXERCISE_IDS.find((e) => moduleIdOf(e) === target);
    if (id && id !== exercise) found.add(id);
  }
  return EXERCISE_IDS.filter((id) => found.has(id));
}

function resolve(fromId: string, specifier: string): string | undefined {
  const parts = specifier.replace(/\.(ts|js|mjs|cjs)$/, '').split('/');
  if (parts[0] !== '.' && parts[0] !== '..') return undefined;
  const base = fromId.split('/').slice(0, -1);
  for (const part of parts) {
    if (part === '.') continue;
    if (part === '..') {
      if (!base.length) return undefined;
      base.pop();
    } else base.push(part);
  }
  return base.join('/');
}

/** Every exercise a file builds on, directly or through another exercise, lowest first; each with the chain that leads to it. */
export function dependencyChains(submission: Submission, exercise: ExerciseId): Map<ExerciseId, ExerciseId[]> {
  const chains = new Map<ExerciseId, ExerciseId[]>();
  const visit = (from: ExerciseId, chain: ExerciseId[]) => {
    for (const next of directImports(submission, from)) {
      if (next === exercise || chains.has(next)) continue;
      chains.set(next, [...chain, next]);
      visit(next, [...chain, next]);
    }
  };
  visit(exercise, []);
  return new Map(EXERCISE_IDS.filter((id) => chains.has(id)).map((id) => [id, chains.get(id)!]));
}
