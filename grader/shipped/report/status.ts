import type { SubmissionResult } from '../results/model';
import { formatPoints, plural } from './text';

/**
 * The hidden checks a run of the public checks alone did not run, per exercise: what the handout's
 * kit data says of them (their number and worth, never their inputs). A result that comes with
 * this is not a grade: its score counts public points only.
 */
export interface PendingHidden {
  readonly exercises: readonly {
    readonly exercise: string;
    readonly hiddenChecks: number;
    readonly hiddenPoints: number;
  }[];
}

/** What the student page says in place of a grade while the hidden checks have not run. */
export interface PendingView {
  /** "Public checks 35/35 passed; hidden checks worth 42 points run when your work is graded." */
  readonly sentence: string;
  /** The hidden points still to come, as the page prints them. */
  readonly points: string;
  /** The score box's words for a screen reader: public points, then what is still to come. */
  readonly spoken: string;
}

/** Where a run of the public checks stands, counted over the exercises it ran. */
export interface PublicStatus {
  readonly passedChecks: number;
  readonly publicChecks: number;
  readonly hiddenChecks: number;
  readonly hiddenPoints: number;
}

/** Counts a result's public checks, and the hidden checks still to run for the exercises it holds. */
export function publicStatus(result: Pick<SubmissionResult, 'exercises'>, pending: PendingHidden): PublicStatus {
  const checks = result.exercises.flatMap((e) => e.checks.filter((c) => c.visibility === 'public'));
  const ran = new Set(result.exercises.map((e) => e.exercise as string));
  const hidden = pending.exercises.filter((e) => ran.has(e.exercise));
  return {
    passedChecks: checks.filter((c) => c.status === 'pass').length,
    publicChecks: checks.length,
    hiddenChecks: hidden.reduce((s, e) => s + e.hiddenChecks, 0),
    hiddenPoints: hidden.reduce((s, e) => s + e.hiddenPoints, 0),
  };
}

/**
 * The one sentence every student-facing output of a public run says (terminal, feedback page, job
 * summary): "public checks 35/35 passed; hidden checks worth 42 points run when your work is graded."
 * Never a percentage, never "well done": the grade is not known until the hidden checks have run.
 */
export function statusSentence(status: PublicStatus): string {
  const passed = `public checks ${status.passedChecks}/${status.publicChecks} passed`;
  return status.hiddenPoints > 0
    ? `${passed}; hidden checks worth ${points(status.hiddenPoints)} run when your work is graded.`
    : `${passed}; grading runs them again on inputs drawn afresh.`;
}

/** The same sentence for one exercise, from its own counts: "All 5 public checks pass; 4 hidden checks worth 7 points run when your work is graded." */
export function exerciseStatusSentence(passed: number, total: number, hiddenChecks: number, hiddenPoints: number) {
  const publicPart =
    passed === total
      ? `All ${plural(total, 'public check')} pass`
      : `${passed} of ${plural(total, 'public check')} pass`;
  return hiddenPoints > 0
    ? `${publicPart}; ${plural(hiddenChecks, 'hidden check')} worth ${points(hiddenPoints)} run when your work is graded.`
    : `${publicPart}.`;
}

function points(count: number): string {
  return `${formatPoints(count)} ${count === 1 ? 'point' : 'points'}`;
}

/** A sentence as it opens a paragraph. */
export function capitalised(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
