import { createHash } from 'node:crypto';
import { closeSync, constants as fsConstants, fstatSync, openSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { KIT_ROOT } from '../data/paths';
import { ALL_CHECKS } from '../grading';
import { EXERCISES } from '../shipped/contract/exercises';
import type { CheckDefinition } from '../shipped/checks/check';
import { memoByIdentity } from '../shipped/memo';
import type { InstructorSubmission, SourceListing } from '../shipped/report/student-view';
import type { CheckResult, SubmissionResult } from '../shipped/results/model';
import { MAX_SOURCE_BYTES, type Submission } from '../shipped/submission/read-submission';
import { exportedDeclarations, lineStartsOf } from './_declarations';
import { highlightTypeScript, plainLines } from './_highlight';

/**
 * What the instructor's report shows of a submission beyond its result: each graded exercise's file
 * as it was graded, with where each export is declared; which exports a failing check called; and
 * the folder the replay commands name.
 *
 * The files of exercises that lost points, which the instructor reads against the feedback, are
 * coloured by shiki, and their exports' declarations are found (as are those of any export a
 * failing check calls); the others are shown as plain text. Colouring costs milliseconds a
 * kilobyte and parsing about one a file, and in a class most files pass (grader/report/README.md).
 */
export async function instructorSubmission(
  submission: Submission,
  result: SubmissionResult,
): Promise<InstructorSubmission> {
  const atFault = new Set(
    result.exercises.flatMap((e) => e.checks.filter((c) => c.status !== 'pass').flatMap(exportsAtFault)),
  );
  return {
    path: folderForCommands(submission.root),
    listings: await Promise.all(
      result.exercises.map((graded) => {
        const exercise = EXERCISES.find((e) => e.id === graded.exercise)!;
        const lostPoints = graded.score < graded.maxScore;
        return listingOf(submission, exercise, {
          coloured: lostPoints,
          declarations: lostPoints || exercise.exports.some((fn) => atFault.has(fn)),
        });
      }),
    ),
    exportsAtFault,
  };
}

/**
 * The submission folder as a command run with `npm run` reaches it: npm runs the kit's scripts in
 * the kit's root, so a folder inside the kit is named from there, any other by its absolute path.
 */
function folderForCommands(root: string): string {
  const absolute = resolve(root);
  const inKit = relative(KIT_ROOT, absolute);
  return inKit !== '' && !inKit.startsWith(`..${sep}`) && inKit !== '..' && !isAbsolute(inKit) ? inKit : absolute;
}

async function listingOf(
  submission: Submission,
  exercise: (typeof EXERCISES)[number],
  show: { readonly coloured: boolean; readonly declarations: boolean },
): Promise<SourceListing> {
  const read = gradedSource(submission, exercise.id, exercise.file);
  if (typeof read !== 'string')
    return { exercise: exercise.id, lines: [], declarations: [], unavailable: read.unavailable };
  const highlighted = show.coloured ? await highlightTypeScript(read) : plainLines(read);
  // A file that ends with a line break has no last line to show.
  const lines = highlighted.length > 1 && highlighted.at(-1)!.length === 0 ? highlighted.slice(0, -1) : highlighted;
  return {
    exercise: exercise.id,
    lines,
    declarations: show.declarations ? exportedDeclarations(read, exercise.exports, lineStartsOf(read)) : [],
  };
}

/**
 * The exercise file's text, read again from the submission, but only when its bytes are exactly the
 * ones that were graded (their sha256 is in the submission): what the report shows is what was
 * graded, and a file swapped for a link or another file since then shows nothing. The file is opened
 * without following a link or waiting on a pipe, and never read past the size the grader accepts.
 */
function gradedSource(
  submission: Submission,
  exercise: keyof Submission['files'],
  name: string,
): string | { unavailable: string } {
  const graded = submission.files[exercise];
  if (graded.sha256 === undefined)
    return { unavailable: graded.message ?? `${graded.displayPath} was not graded, so there is no code to show.` };
  const steps = submission.layout === 'handout-checkout' ? ['exercises', exercise, name] : [exercise, name];
  const changed = { unavailable: `${graded.displayPath} changed after it was graded, so it is not shown here.` };
  let fd: number | undefined;
  try {
    fd = openSync(join(submission.root, ...steps), OPEN_FLAGS);
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > MAX_SOURCE_BYTES) return changed;
    const bytes = readFileSync(fd);
    if (createHash('sha256').update(bytes).digest('hex') !== graded.sha256) return changed;
    return decoded(bytes) ?? { unavailable: graded.message ?? `${graded.displayPath} is not text.` };
  } catch {
    return changed;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0);

/** Text by its byte-order mark (UTF-16 either way round), UTF-8 otherwise; undefined for bytes that are not text. */
function decoded(bytes: Buffer): string | undefined {
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  if (encoding === 'utf-8' && bytes.includes(0)) return undefined;
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The exports a check calls, as its plan says: on the failing input when there is one, else on its
 * first example or one drawn input. The ones of the check's own exercise come first.
 */
function exportsAtFault(check: CheckResult): readonly string[] {
  const definition = CHECK_BY_ID.get(check.id);
  if (!definition) return [];
  const input = check.counterexample?.input ?? firstInput(definition);
  let called: string[];
  try {
    called = [...new Set(definition.plan(input as never).map((request) => request.fn as string))];
  } catch {
    called = [...new Set(definition.plan(firstInput(definition) as never).map((request) => request.fn as string))];
  }
  const own = EXERCISES.find((e) => e.id === check.exercise)?.exports as readonly string[] | undefined;
  return [...called.filter((fn) => own?.includes(fn)), ...called.filter((fn) => !own?.includes(fn))];
}

const CHECK_BY_ID = new Map(ALL_CHECKS.map((c) => [c.id, c]));

const firstInput = memoByIdentity(
  (check: CheckDefinition): unknown => check.examples?.[0] ?? fc.sample(check.inputs, { seed: 1, numRuns: 1 })[0],
);
