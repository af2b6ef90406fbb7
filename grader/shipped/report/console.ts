import pc from 'picocolors';
import { printable } from '../output/printable';
import { forStudent } from '../results/for-student';
import type { CheckResult, ExerciseResult, SubmissionResult } from '../results/model';
import { publicStatus, statusSentence, type PendingHidden } from './status';
import { describeCounterexample } from './student-view';
import { formatPoints } from './text';

const MAX_LINE = 240;

export interface ConsoleOptions {
  readonly color: boolean;
  /**
   * Set when the result is a run of the public checks alone (the students' `npm test`): the score
   * is then public points only, the summary says so, and it ends with the status sentence
   * (`statusSentence`) instead of any word of completion.
   */
  readonly pendingHidden?: PendingHidden;
}

/**
 * The summary `npm run check` and the students' `npm test` print: the score per exercise with the
 * named misconception, then where to look. Without colour it is the same text, with no escape codes.
 * It prints the student's view of the result (`forStudent`): nothing of a hidden check but its outcome.
 */
export function renderConsoleSummary(full: SubmissionResult, options: ConsoleOptions): string {
  const result = forStudent(full);
  const c = pc.createColors(options.color);
  const pending = options.pendingHidden;
  const width = Math.max(...result.exercises.map((e) => e.exercise.length));
  const total = `${pending ? 'public ' : ''}${formatPoints(result.score)}/${formatPoints(result.maxScore)}`;
  const lines = [
    `${c.bold(`Gradient descent: ${printable(result.studentId)}`)}  ${paint(c, result.score, result.maxScore, total)}  ${c.dim(`seed ${result.seed}`)}`,
  ];
  for (const e of result.exercises) {
    const icon = e.score >= e.maxScore ? '✓' : e.score > 0 ? '◐' : '✗';
    const note = exerciseNote(e);
    const score = `${formatPoints(e.score)}/${formatPoints(e.maxScore)}`.padStart(7);
    lines.push(
      `  ${paint(c, e.score, e.maxScore, icon)} ${e.exercise.padEnd(width)} ${paint(c, e.score, e.maxScore, score)}${note ? `  ${e.diagnosis ? c.yellow(note) : c.dim(note)}` : ''}`,
    );
  }
  lines.push('');
  const failing = result.exercises.flatMap((e) =>
    e.checks.filter((ch) => ch.status !== 'pass').map((ch) => ({ e, ch })),
  );
  const first = firstPublicFailure(result);
  if (!failing.length) {
    if (!pending) lines.push(c.green('All checks pass.'));
  } else if (!first) {
    lines.push(
      `${c.bold('Where to look:')} only hidden checks fail. Test your functions on inputs of your own: several sizes, negative values, points off the line.`,
    );
  } else {
    lines.push(`${c.bold('Where to look:')} ${first.e.exercise} › ${cap(first.ch.title)}`);
    lines.push(
      `  ${first.ch.status === 'not-implemented' ? `${printable(first.e.file)} still throws the stub's error: the exercise's README walks you through it.` : cap(first.ch.message)}`,
    );
    const input = describeCounterexample(first.ch);
    if (input) lines.push(`  ${c.dim('input:')} ${cap(input)}`);
    if (first.ch.replay) lines.push(`  ${c.dim('replay:')} ${printable(first.ch.replay)}`);
  }
  if (pending) {
    if (failing.length) lines.push('');
    lines.push(statusSentence(publicStatus(result, pending)));
  }
  return lines.join('\n');
}

/** The few words after an exercise's score: the named mistake, the exercise to fix first, or why the checks could not judge it. */
export function exerciseNote(e: ExerciseResult): string {
  if (e.diagnosis) return e.diagnosis.name;
  if (e.rootCause)
    return e.rootCause.gradedInIsolation
      ? `graded over the reference ${e.rootCause.brokenDependency}, since yours is broken`
      : `fix ${e.rootCause.brokenDependency} first`;
  if (e.module.state === 'type-error') return 'does not type-check';
  if (e.module.state !== 'loaded') return `file ${e.module.state.replace('-', ' ')}`;
  if (e.checks.every((ch) => ch.status === 'not-implemented')) return 'not implemented yet';
  return e.unrecognised ? 'no known misconception matched' : '';
}

/** Where to look first: the first public check that did not pass, in exercise order. */
export function firstPublicFailure(result: SubmissionResult): { e: ExerciseResult; ch: CheckResult } | undefined {
  for (const e of result.exercises) {
    const ch = e.checks.find((check) => check.status !== 'pass' && check.visibility === 'public');
    if (ch) return { e, ch };
  }
  return undefined;
}

/** Whether a stream should get colours: a TTY, and NO_COLOR unset or empty (https://no-color.org). */
export function shouldUseColor(
  stream: { readonly isTTY?: boolean } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

function paint(c: ReturnType<typeof pc.createColors>, score: number, max: number, text: string): string {
  return score >= max ? c.green(text) : score > 0 ? c.yellow(text) : c.red(text);
}

/** One printable line of at most MAX_LINE characters. */
function cap(text: string): string {
  const flat = printable(text.replace(/\s*\r?\n\s*/g, ' '));
  return flat.length > MAX_LINE ? `${flat.slice(0, MAX_LINE - 1)}…` : flat;
}
