import { format } from '../shipped/checks/verdicts';
import { printable } from '../shipped/output/printable';
import { forStudent } from '../shipped/results/for-student';
import { withHandoutReplays } from '../shipped/student/handout-command';
import type { CheckResult, ExerciseResult, SubmissionResult } from '../shipped/results/model';

/** One test of Gradescope's autograder results format. */
export interface GradescopeTest {
  readonly name: string;
  readonly score: number;
  readonly max_score: number;
  readonly status: 'passed' | 'failed';
  readonly output: string;
  readonly visibility: 'visible' | 'hidden' | 'after_due_date' | 'after_published';
  readonly tags: readonly string[];
  readonly extra_data?: Readonly<Record<string, unknown>>;
}

/** Gradescope's results.json (see CONTRACT.md, "Grading output"). */
export interface GradescopeResults {
  readonly score: number;
  readonly execution_time: number;
  readonly output: string;
  readonly tests: readonly GradescopeTest[];
  readonly extra_data: Readonly<Record<string, unknown>>;
}

/**
 * Gradescope shows every test of results.json to the student, hidden ones once grades are
 * published, so the file is written from the student's view of the result (`forStudent`): a
 * hidden check says which property failed and the named mistake, never its inputs or messages.
 * Gradescope shows a test's output as text: any control character a submission put in a message
 * is escaped visibly (grader/shipped/output/printable.ts). A failing public check's replay command
 * is the one the student runs in their handout checkout (`withHandoutReplays`).
 */
export function toGradescope(full: SubmissionResult): GradescopeResults {
  const result = forStudent(withHandoutReplays(full));
  return {
    score: result.score,
    execution_time: result.executionTime,
    output: summaryLine(result),
    tests: result.exercises.flatMap((exercise) => exercise.checks.map((check) => testOf(exercise, check))),
    extra_data: {
      student: result.studentId,
      seed: result.seed,
      grader_version: result.graderVersion,
      content_hash: result.contentHash,
      max_score: result.maxScore,
      isolation: result.isolation,
      exercises: result.exercises.map((e) => ({
        exercise: e.exercise,
        score: e.score,
        max_score: e.maxScore,
        module: e.module.state,
        diagnosis: e.diagnosis?.id,
        root_cause: e.rootCause?.brokenDependency,
      })),
    },
  };
}

function summaryLine(result: SubmissionResult): string {
  const parts = result.exercises.map((e) => `${e.exercise} ${e.score}/${e.maxScore}`);
  const off = result.isolation.filter((l) => !l.active).map((l) => l.name);
  return `${result.score}/${result.maxScore} (seed ${result.seed}): ${parts.join(', ')}.${off.length ? ` Sandbox layers off: ${off.join(', ')}.` : ''}`;
}

function testOf(exercise: ExerciseResult, check: CheckResult): GradescopeTest {
  const hidden = check.visibility === 'hidden';
  return {
    name: `${exercise.exercise}: ${check.title}`,
    score: check.points,
    max_score: check.maxPoints,
    status: check.status === 'pass' ? 'passed' : 'failed',
    output: printable(checkOutput(exercise, check), { keepNewlines: true }),
    visibility: hidden ? 'after_published' : 'visible',
    tags: [
      exercise.exercise,
      check.kind,
      check.visibility,
      ...(exercise.diagnosis && check.status !== 'pass' ? [exercise.diagnosis.id] : []),
    ],
    extra_data: { check: check.id, status: check.status, seed: check.seed, ...(hidden ? {} : { path: check.path }) },
  };
}

/** What a check says to the student: its message, the mistake named, the root cause, and for a public check its smallest failing input and replay. */
export function checkOutput(exercise: ExerciseResult, check: CheckResult): string {
  if (check.status === 'pass') return check.heldBack ? check.heldBack.message : 'Passed.';
  const lines = [check.message];
  if (exercise.diagnosis) lines.push(`Likely mistake: ${exercise.diagnosis.name}. ${exercise.diagnosis.hint}`);
  if (exercise.rootCause) lines.push(exercise.rootCause.message);
  if (check.visibility === 'public' && check.counterexample) {
    lines.push(`Smallest failing input: ${format(check.counterexample.input)}`);
    if (check.tolerance !== undefined)
      lines.push(`Tolerance ${check.tolerance.toPrecision(3)}, observed error ${check.observedError?.toPrecision(3)}.`);
  }
  if (check.visibility === 'public' && check.replay) lines.push(`Rerun it in your handout checkout: ${check.replay}`);
  return lines.join('\n');
}
