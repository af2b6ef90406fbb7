import type { CallErrorKind } from '../door/port';
import type { CheckResult, ExerciseResult, SubmissionResult } from './model';

declare const STUDENT_FACING: unique symbol;

/**
 * A grading result as a student may see it: `forStudent` made it, and every student-facing writer
 * (report.html, report.md, junit.xml, results.json, the terminal summaries) reads only this. The
 * brand exists only for the type checker: a `SubmissionResult` cannot be passed where a
 * `StudentResult` is expected, so a writer cannot be handed the full result by mistake.
 */
export type StudentResult = SubmissionResult & { readonly [STUDENT_FACING]: true };

/**
 * The one boundary between what the grader knows and what a student sees. A hidden check keeps
 * what its definition says (id, title, kind, points, status), the kind of call error, and why the
 * rubric held its points back (`heldBack` names exports and checks, never inputs); its message becomes a fixed sentence chosen by its status, kind and error kind alone; its inputs,
 * expected value, the student's answer, tolerance and observed error, its replay path and command
 * and its own seed are dropped (it carries the run's seed, which the report prints anyway). The
 * student's own thrown message on a hidden input is dropped too: the code that threw it had seen
 * the input, and could have written it into the message.
 *
 * Everything else passes unchanged: public checks, the diagnosis (named from the handout's own
 * probes), the root cause and observations (texts the kit writes without any check's input or
 * message), and the plot data (fixed public inputs). Applying it twice gives the same result.
 */
export function forStudent(result: SubmissionResult): StudentResult {
  const shown: SubmissionResult = {
    ...result,
    exercises: result.exercises.map((e) => exerciseForStudent(e, result.seed)),
  };
  return shown as StudentResult;
}

function exerciseForStudent(exercise: ExerciseResult, runSeed: number): ExerciseResult {
  if (exercise.checks.every((c) => c.visibility === 'public')) return exercise;
  return {
    ...exercise,
    checks: exercise.checks.map((c) => (c.visibility === 'public' ? c : hiddenCheckForStudent(c, runSeed))),
  };
}

/** A hidden check, reduced to what its definition and outcome say. Fields are listed, not removed, so a field added to `CheckResult` later stays out until someone decides otherwise. */
function hiddenCheckForStudent(check: CheckResult, runSeed: number): CheckResult {
  const { id, exercise, title, kind, visibility, status, points, maxPoints, runs, callError, heldBack } = check;
  return {
    id,
    exercise,
    title,
    kind,
    visibility,
    status,
    points,
    maxPoints,
    seed: runSeed,
    runs,
    message: hiddenCheckMessage(check),
    ...(callError ? { callError } : {}),
    ...(heldBack ? { heldBack } : {}),
  };
}

/** What a hidden check's outcome may say, by error kind: never the input, the answer or the student's own words. */
const HIDDEN_CALL_ERRORS: Readonly<Record<CallErrorKind, string>> = {
  'not-implemented': 'not implemented yet',
  threw:
    'Your code threw an error on one of this hidden check’s inputs. Its message is not shown here: it could reveal the input.',
  timeout: 'Your code did not finish in time on one of this hidden check’s inputs.',
  'wrong-type': 'Your code returned a value of the wrong type or shape on one of this hidden check’s inputs.',
  'not-finite': 'Your code returned NaN or an infinite number on one of this hidden check’s inputs.',
  'missing-export': 'This hidden check could not run: the function it calls is not exported from your file.',
  'missing-file': 'This hidden check could not run: your exercise file is missing.',
  'load-failed': 'This hidden check could not run: your exercise file could not be loaded (see the exercise’s notice).',
  crashed: 'This hidden check could not run: your code crashed the process that ran it.',
};

/** The fixed sentence a hidden check shows for its outcome; exported for the tests, which check it is all a student sees. */
export function hiddenCheckMessage(check: Pick<CheckResult, 'status' | 'kind' | 'callError'>): string {
  if (check.status === 'pass') return 'passed';
  if (check.status === 'not-implemented') return HIDDEN_CALL_ERRORS['not-implemented'];
  if (check.callError) return HIDDEN_CALL_ERRORS[check.callError];
  if (check.status === 'error') return 'This hidden check could not run.';
  return check.kind === 'reference'
    ? 'On one of this hidden check’s inputs your answer differs from the reference’s by more than the tolerance. The input and the answers are not shown.'
    : 'The property in this hidden check’s title does not hold on one of its inputs. The input and your answer are not shown.';
}
