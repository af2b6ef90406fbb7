import { stringify } from 'csv-stringify/sync';
import { printable } from '../shipped/output/printable';
import type { CheckStatus } from '../shipped/results/model';
import { formatPoints, plural, type TextFormat } from '../shipped/report/text';

/** A score out of a maximum. */
export interface Score {
  readonly score: number;
  readonly maxScore: number;
}

/** Which grader graded a student, and when: one side of a regrade. */
export interface GradingStamp extends Score {
  readonly graderVersion: string;
  readonly seed: number;
  /** When the work was handed in (ISO 8601), as the journal kept it; absent when it was not kept. */
  readonly submittedAt?: string;
  /** When the grading was written (ISO 8601). */
  readonly gradedAt?: string;
}

/** One check's outcome: its status and the points it paid (a pass may pay nothing when the rubric held its points back). */
export interface CheckOutcome {
  readonly status: CheckStatus;
  readonly points: number;
  readonly maxPoints: number;
}

/** A check whose outcome differs between the two gradings; `before` or `after` is absent for a check that only one grader has. */
export interface CheckChange {
  readonly id: string;
  readonly title: string;
  readonly before?: CheckOutcome;
  readonly after?: CheckOutcome;
}

/** One exercise before and after, with the checks that changed; a side is absent when that grading did not grade the exercise. */
export interface ExerciseChange {
  readonly exercise: string;
  readonly before?: Score;
  readonly after?: Score;
  readonly checks: readonly CheckChange[];
}

/** One student of a regrade preview. */
export interface StudentRegrade {
  readonly studentId: string;
  /** The earlier grading; absent for a student graded for the first time. */
  readonly before?: GradingStamp;
  readonly after: GradingStamp;
  /** The submission's files differ from the ones the earlier grading read: not every change is the grader's. */
  readonly submissionChanged: boolean;
  /** Every exercise of either grading, in the kit's order. */
  readonly exercises: readonly ExerciseChange[];
}

/** What a regrade would change, student by student, before anything is replaced (grader/batch/regrade.ts). */
export interface RegradePreview {
  readonly students: readonly StudentRegrade[];
  /** The one command that accepts it. */
  readonly acceptCommand: string;
}

/** A student's name and the link to their (previewed) report. */
export interface StudentLink {
  readonly name: string;
  readonly href: string;
}

/** The regrade section of the class summary. */
export interface RegradeView {
  readonly overview: string;
  readonly versions: string;
  readonly acceptCommand: string;
  readonly changed: readonly RegradeRow[];
  readonly hasChanged: boolean;
  readonly unchanged: string;
}

export interface RegradeRow extends StudentLink {
  readonly before: string;
  readonly after: string;
  readonly change: string;
  /** "gained", "lost", "new", "same total": said in words, never by colour alone. */
  readonly direction: string;
  readonly flagged: boolean;
  readonly flag: string;
  readonly exercises: readonly { readonly exercise: string; readonly scores: string; readonly checks: string }[];
  readonly hasExercises: boolean;
}

/** The regrade section's view model: who gains or loses what, which checks flipped, both graders. */
export function regradeView(
  preview: RegradePreview,
  fmt: TextFormat,
  link: (studentId: string) => StudentLink,
): RegradeView {
  const changed = preview.students.filter((s) => hasChanges(s) || s.submissionChanged);
  const count = (direction: string) => changed.filter((s) => directionOf(s) === direction).length;
  const firstTime = count('graded for the first time');
  const sameTotal = changed.filter((s) => directionOf(s) === 'same total' && hasChanges(s)).length;
  const flagged = preview.students.filter((s) => s.submissionChanged).length;
  const before = unique(preview.students.flatMap((s) => (s.before ? [s.before.graderVersion] : [])));
  const after = unique(preview.students.map((s) => s.after.graderVersion));
  const unchanged = preview.students.filter((s) => !hasChanges(s)).length;
  return {
    overview: fmt.text(
      `Nothing has been replaced yet. Of ${plural(preview.students.length, 'student')} graded again, ` +
        `${agreeing(count('gains'), 'gains', 'gain')} points, ${agreeing(count('loses'), 'loses', 'lose')} points` +
        (sameTotal ? `, ${agreeing(sameTotal, 'keeps', 'keep')} the same total with other checks changed` : '') +
        (firstTime ? `, ${agreeing(firstTime, 'is', 'are')} graded for the first time` : '') +
        ` and ${agreeing(unchanged, 'keeps', 'keep')} every result.` +
        (flagged
          ? ` ${plural(flagged, 'submission')} changed since ${flagged === 1 ? 'its' : 'their'} last grading (flagged): not all of ${flagged === 1 ? 'that change' : 'those changes'} is the grader's.`
          : ''),
    ),
    versions: fmt.text(`Grader ${before.join(', ') || '(none)'} → ${after.join(', ')}.`),
    acceptCommand: fmt.code(preview.acceptCommand),
    changed: changed.map((s) => ({
      ...link(s.studentId),
      before: s.before ? `${formatPoints(s.before.score)} / ${formatPoints(s.before.maxScore)}` : '—',
      after: `${formatPoints(s.after.score)} / ${formatPoints(s.after.maxScore)}`,
      change: s.before ? signed(s.after.score - s.before.score) : '—',
      direction: directionOf(s),
      flagged: s.submissionChanged,
      flag: s.submissionChanged
        ? fmt.text(
            `submission changed since its last grading (handed in ${s.before?.submittedAt ?? 'at an unknown time'}, now ${s.after.submittedAt ?? 'at an unknown time'})`,
          )
        : '',
      hasExercises: s.exercises.some(exerciseChanged),
      exercises: s.exercises.filter(exerciseChanged).map((e) => ({
        exercise: fmt.text(e.exercise),
        scores: `${scoreOf(e.before)} → ${scoreOf(e.after)}`,
        checks: fmt.text(e.checks.map(describeCheckChange).join('; ')),
      })),
    })),
    hasChanged: changed.length > 0,
    unchanged: fmt.text(
      preview.students
        .filter((s) => !hasChanges(s) && !s.submissionChanged)
        .map((s) => s.studentId)
        .join(', ') || 'none',
    ),
  };
}

/**
 * changes.csv: one row per student for the total, then one per exercise, with the old and new
 * scores, the change, the checks that changed (by title and id), whether the submission changed,
 * both graders' versions and seeds, and the submission's and the grading's times on each side.
 * Numbers are written as numbers; text from a submission is printable, and a cell that would start
 * a spreadsheet formula gets a leading `'`.
 */
export function regradeCsv(preview: RegradePreview): string {
  const header = [
    'Student',
    'Exercise',
    'Old score',
    'Old max',
    'New score',
    'New max',
    'Change',
    'Checks changed',
    'Submission changed',
    'Old grader',
    'New grader',
    'Old seed',
    'New seed',
    'Submitted (old grading)',
    'Submitted (new grading)',
    'Graded (old)',
    'Graded (new)',
  ];
  const rows = preview.students.flatMap((s) => {
    const both = [
      s.before ? (s.submissionChanged ? 'yes' : 'no') : '',
      s.before?.graderVersion ?? '',
      s.after.graderVersion,
      s.before?.seed ?? '',
      s.after.seed,
      s.before?.submittedAt ?? '',
      s.after.submittedAt ?? '',
      s.before?.gradedAt ?? '',
      s.after.gradedAt ?? '',
    ];
    const row = (exercise: string, before: Score | undefined, after: Score | undefined, checks: string) => [
      printable(s.studentId),
      exercise,
      before ? round(before.score) : '',
      before ? round(before.maxScore) : '',
      after ? round(after.score) : '',
      after ? round(after.maxScore) : '',
      before && after ? round(after.score - before.score) : '',
      checks,
      ...both,
    ];
    const changedChecks = s.exercises.reduce((n, e) => n + e.checks.length, 0);
    return [
      row('total', s.before, s.after, changedChecks ? plural(changedChecks, 'check') : ''),
      ...s.exercises.map((e) => row(e.exercise, e.before, e.after, e.checks.map(describeCheckChange).join('; '))),
    ];
  });
  return stringify([header, ...rows], { escape_formulas: true, record_delimiter: '\r\n' });
}

/** "Cost matches the reference [01-cost/matches-reference]: failed → passed (+4)". */
export function describeCheckChange(change: CheckChange): string {
  const delta = (change.after?.points ?? 0) - (change.before?.points ?? 0);
  return (
    `${printable(change.title)} [${printable(change.id)}]: ${outcomeOf(change.before, 'not in the old grading')} → ` +
    `${outcomeOf(change.after, 'not in the new grading')}${delta ? ` (${signed(delta)})` : ''}`
  );
}

function outcomeOf(outcome: CheckOutcome | undefined, absent: string): string {
  if (!outcome) return absent;
  if (outcome.status === 'pass') return outcome.points < outcome.maxPoints ? 'passed, points held back' : 'passed';
  return outcome.status === 'fail' ? 'failed' : outcome.status === 'error' ? 'error' : 'not implemented';
}

function hasChanges(student: StudentRegrade): boolean {
  return (
    !student.before ||
    student.before.score !== student.after.score ||
    student.before.maxScore !== student.after.maxScore ||
    student.exercises.some(exerciseChanged)
  );
}

function exerciseChanged(exercise: ExerciseChange): boolean {
  return exercise.checks.length > 0 || scoreOf(exercise.before) !== scoreOf(exercise.after);
}

function directionOf(student: StudentRegrade): string {
  if (!student.before) return 'graded for the first time';
  const delta = student.after.score - student.before.score;
  return delta > 0 ? 'gains' : delta < 0 ? 'loses' : 'same total';
}

function scoreOf(score: Score | undefined): string {
  return score ? `${formatPoints(score.score)} / ${formatPoints(score.maxScore)}` : '—';
}

function signed(delta: number): string {
  const rounded = round(delta);
  return rounded > 0 ? `+${formatPoints(rounded)}` : rounded < 0 ? `−${formatPoints(-rounded)}` : '±0';
}

function round(points: number): number {
  return Math.round(points * 1000) / 1000;
}

/** "1 gains", "3 gain": a count and its verb. */
function agreeing(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
