import type { ExerciseId } from '../../grader/shipped/contract/exercises';
import { MUTATION_KINDS } from './mutations';

/** A slip as slips.json lists it. */
export interface ClassifiedSlip {
  readonly id: string;
  readonly exercise: ExerciseId;
  readonly base: string;
  readonly mutations: readonly string[];
  readonly kinds: readonly string[];
  readonly equivalent: boolean;
  readonly firstDifference?: string;
}

/** Two tables: slips and equivalent ones per exercise, and mutations per kind (a slip with two counts in both of its kinds). */
export function summary(slips: readonly ClassifiedSlip[]): string {
  const exercises = [...new Set(slips.map((s) => s.exercise))];
  const perExercise = [
    ['exercise', 'slips', 'equivalent', 'two mutations'],
    ...exercises.map((exercise) => {
      const of = slips.filter((s) => s.exercise === exercise);
      return [exercise, of.length, of.filter((s) => s.equivalent).length, of.filter((s) => s.kinds.length > 1).length];
    }),
    ['all', slips.length, slips.filter((s) => s.equivalent).length, slips.filter((s) => s.kinds.length > 1).length],
  ];
  const perKind = [
    ['kind', 'mutations', 'in equivalent slips'],
    ...MUTATION_KINDS.map((kind) => [
      kind,
      slips.reduce((n, s) => n + s.kinds.filter((k) => k === kind).length, 0),
      slips.filter((s) => s.equivalent).reduce((n, s) => n + s.kinds.filter((k) => k === kind).length, 0),
    ]),
  ];
  return `${table(perExercise)}\n\n${table(perKind)}`;
}

function table(rows: readonly (readonly (string | number)[])[]): string {
  const cells = rows.map((r) => r.map(String));
  const widths = cells[0].map((_, c) => Math.max(...cells.map((r) => r[c].length)));
  return cells
    .map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '))
    .join('\n');
}
