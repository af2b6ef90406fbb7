import type { Vec2 } from '../../exercises/types';
import type { ExerciseId } from '../shipped/contract/exercises';
import type { PlotComparison, SubmissionResult } from '../shipped/results/model';

/**
 * What a plot's words may say about the exercise behind it and about the student's answer, from the
 * grading result alone: a caption never contradicts the exercise's score, its root cause or the
 * comparison of the answer with the reference's. Pure functions; `_plots.ts` writes the captions.
 */

/** Where the exercise behind a plot stands, as the rest of the report says it. */
export type Standing =
  | { readonly kind: 'not-graded' }
  | { readonly kind: 'passed' }
  /** Full marks, but only with the reference in place of `dependency`: the student's own run calls their broken one. */
  | { readonly kind: 'passed-in-isolation'; readonly dependency: ExerciseId }
  | { readonly kind: 'lost-points'; readonly dependency?: ExerciseId; readonly mistake?: string };

export function standingOf(result: SubmissionResult, exercise: ExerciseId): Standing {
  const graded = result.exercises.find((e) => e.exercise === exercise);
  if (!graded) return { kind: 'not-graded' };
  // A root cause inside the exercise itself (08's descent over its own gradient) is its own loss, not a dependency's.
  const dependency = graded.rootCause?.brokenDependency === exercise ? undefined : graded.rootCause?.brokenDependency;
  if (graded.score >= graded.maxScore)
    return dependency && graded.rootCause?.gradedInIsolation
      ? { kind: 'passed-in-isolation', dependency }
      : { kind: 'passed' };
  return { kind: 'lost-points', dependency, mistake: graded.diagnosis?.name };
}

/**
 * One sentence on how the student's run of `fn` relates to the exercise's grade, or '' when the run
 * is simply the code that was graded and passed.
 */
export function standingSentence(standing: Standing, exercise: ExerciseId, fn: string): string {
  switch (standing.kind) {
    case 'not-graded':
    case 'passed':
      return '';
    case 'passed-in-isolation':
      return `This run calls your own ${standing.dependency}, which lost points, so it is not the code ${exercise} was graded on: ${exercise} was graded with the reference ${standing.dependency} in place of yours, and passes (see ${exercise}).`;
    case 'lost-points':
      return standing.dependency
        ? `This run calls your own ${standing.dependency}, which lost points, and ${exercise} lost points too (see ${exercise}).`
        : `${exercise} lost points${standing.mistake ? `, recognised as “${standing.mistake}”` : ''}: see its section for where your ${fn} goes wrong.`;
  }
}

/** How the student's answer compares with the reference's, in words that claim "the same" only when the check's comparison says so. */
export function comparisonSentence(comparison: PlotComparison | undefined, same: string): string {
  if (!comparison) return '';
  return comparison.matches ? same : `It differs from the reference's: ${comparison.difference ?? 'see the checks.'}`;
}

/** What is wrong with a path's shape, as the student can see it on the plot. */
export interface PathShape {
  /** Each position the path visits more than once, with how many of its points sit there. */
  readonly repeats: readonly { readonly at: Vec2; readonly count: number }[];
  /** Every point is one and the same position (and there are at least two). */
  readonly allTheSame: boolean;
  /** How many points are not finite numbers (they cannot be drawn). */
  readonly notFinite: number;
  /** The first point is not the start. */
  readonly startMissing: boolean;
  /** The number of points, against the number there should be. */
  readonly length: { readonly actual: number; readonly expected: number };
}

export function pathShape(path: readonly Vec2[], start: Vec2, expectedLength: number): PathShape {
  const counts = new Map<string, { at: Vec2; count: number }>();
  let notFinite = 0;
  for (const p of path) {
    if (!(Number.isFinite(p.x) && Number.isFinite(p.y))) {
      notFinite++;
      continue;
    }
    const key = `${p.x},${p.y}`;
    const seen = counts.get(key);
    if (seen) seen.count++;
    else counts.set(key, { at: { x: p.x, y: p.y }, count: 1 });
  }
  const repeats = [...counts.values()].filter((r) => r.count > 1);
  return {
    repeats,
    allTheSame: path.length > 1 && notFinite === 0 && counts.size === 1,
    notFinite,
    startMissing: path.length > 0 && !(path[0].x === start.x && path[0].y === start.y),
    length: { actual: path.length, expected: expectedLength },
  };
}

/** The shape errors of a path, as sentences; empty when its shape is right. */
export function pathShapeSentences(shape: PathShape, start: Vec2, vec: (p: Vec2) => string): string[] {
  const sentences: string[] = [];
  const { actual, expected } = shape.length;
  if (actual !== expected)
    sentences.push(
      `Your path has ${actual} point${actual === 1 ? '' : 's'}; it should have ${expected}: the start, then one point per step.`,
    );
  if (shape.allTheSame)
    sentences.push(
      `All ${actual} points of your path are the same point ${vec(shape.repeats[0].at)}, so it is drawn as one point (circled, with its count).`,
    );
  else if (shape.repeats.length) {
    const repeated = shape.repeats.reduce((s, r) => s + r.count, 0);
    sentences.push(
      `${repeated} of its ${actual} points share ${shape.repeats.length === 1 ? 'one position' : `${shape.repeats.length} positions`} (circled, with their counts): ${shape.repeats.map((r) => `${r.count} at ${vec(r.at)}`).join(', ')}.`,
    );
  }
  if (shape.startMissing && actual > 0 && !shape.allTheSame)
    sentences.push(`Its first point is not the start ${vec(start)}.`);
  else if (shape.startMissing && shape.allTheSame) sentences.push(`That point is not the start ${vec(start)}.`);
  if (shape.notFinite)
    sentences.push(
      `${shape.notFinite} of its points ${shape.notFinite === 1 ? 'is not a finite number' : 'are not finite numbers'} and cannot be drawn.`,
    );
  return sentences;
}
