import {
  accessSync,
  constants as fsConstants,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import type { SubmissionPort } from '../shipped/door/port';
import { GradeOptions, gradeSubmission } from '../engine/grade-submission';
import { freshSeed } from '../shipped/checks/seeds';
import { kitDefaultAssignment } from '../assignment/read-assignment';
import { exerciseRange, type Assignment } from '../shipped/contract/assignment';
import { KitError } from '../shipped/errors';
import { ensureDirectory, writeFileAtomic } from '../shipped/output/atomic-write';
import { printableJson } from '../shipped/output/printable';
import { studentFolders } from '../output/student-folder';
import type {
  CheckResult,
  ExerciseResult,
  SubmissionResult,
  SummaryCheck,
  SummaryExercise,
  SummaryResult,
} from '../shipped/results/model';
import { fullResultRecord } from './full-result';
import { toGradescope } from '../gradescope/results-json';
import {
  describeKind,
  detectLayout,
  entryKind,
  readSubmission,
  type Submission,
} from '../shipped/submission/read-submission';
import { GRADER_VERSION } from '../version';
import { GradingJournal, gradingKey, JOURNAL_FILE } from './journal';
import { submissionTime } from './submission-time';

/** A student folder that could not be graded at all, and why. */
export interface StudentFailure {
  readonly studentId: string;
  readonly message: string;
}

export interface ClassRunOptions {
  readonly submissionsDir: string;
  readonly outDir: string;
  /** The run's seed. Default: the seed of the run the journal says was interrupted, or else a fresh one (never with `fresh`). */
  readonly seed?: number;
  /** A seed of their own for some students, in place of the run's: a regrade grades each student with the seed of their earlier grading. */
  readonly studentSeeds?: ReadonlyMap<string, number>;
  /** Submissions graded at once; default `DEFAULT_JOBS`. */
  readonly jobs?: number;
  /** Ignore the journal and grade everyone again. */
  readonly fresh?: boolean;
  readonly openPort: (submission: Submission) => Promise<SubmissionPort>;
  /** Writes the human-readable reports of one student (results.json and grading.json are written here). */
  readonly writeReports?: (result: SubmissionResult, studentDir: string, submission: Submission) => Promise<void>;
  readonly onStudentDone?: (progress: { done: number; total: number; studentId: string; reused: boolean }) => void;
  /** Stops scheduling new students; the ones in flight finish or are abandoned by the caller. */
  readonly signal?: AbortSignal;
  readonly gradeOptions?: Omit<GradeOptions, 'seed' | 'exercises'>;
  /** What is graded: the assignment's exercises, and its title in the gradebook (default: `assignments/seeds.json`). */
  readonly assignment?: Assignment;
}

export interface ClassRun {
  /** The seed every student of the run was graded with, but those given `studentSeeds`. */
  readonly seed: number;
  /** What the class summary needs of each graded student, in folder order; whole results stay in each student's grading.json. */
  readonly results: readonly SummaryResult[];
  /** Every entry that could not be graded, with why: folders that failed, and entries that are not folders. */
  readonly failures: readonly StudentFailure[];
  readonly reused: number;
  /** Every entry of the submissions folder, graded or not. */
  readonly total: number;
}

/**
 * One submission per core, plus one: each submission's sandbox child works while the grader judges
 * another's answers, so with one per core a core would idle whenever the grader is busy.
 */
export const DEFAULT_JOBS = availableParallelism() + 1;

/** The file that keeps a student's whole result, so that a resumed batch can rebuild the class summary; instructor only (it says so in its first field). */
export const FULL_RESULT_FILE = 'grading.json';

/** The files the class summary writes at the top of the output folder. */
export const CLASS_FILES = ['summary.html', 'summary.md', 'gradebook.csv'] as const;

/** What a submissions folder holds: the folders to grade, and every other entry with why it cannot be graded. */
export interface ClassEntries {
  readonly students: readonly string[];
  readonly refused: readonly StudentFailure[];
}

/**
 * Checks the folders before anything is written; every problem names the folder and the fix.
 * Every entry of the submissions folder is accounted for: a folder (whatever its name) is graded,
 * anything else (a link, which is never followed, a file, a pipe, a name that is not UTF-8) is
 * refused with its reason.
 */
export function validateFolders(submissionsDir: string, outDir: string): ClassEntries {
  const input = resolve(submissionsDir);
  // The submissions folder is the instructor's own choice, so it may be reached through a link; the entries inside it may not.
  const inputKind = isFolderOrLinkToOne(input) ? 'folder' : entryKind(input);
  if (inputKind === 'missing' || inputKind === 'symbolic link')
    throw new KitError(
      'input-missing',
      `${submissionsDir} does not exist: pass the folder that holds one folder per student`,
    );
  if (inputKind !== 'folder')
    throw new KitError(
      'input-missing',
      `${submissionsDir} is ${describeKind(inputKind)}: pass the folder that holds one folder per student`,
    );
  const entries = listEntries(input);
  if (!entries.students.length && !entries.refused.length)
    throw new KitError(
      'input-empty',
      `${submissionsDir} has no student folders: put each student's work in its own folder inside it`,
    );
  const output = resolve(outDir);
  const realInput = realpathSync(input);
  const realOutput = entryKind(output) === 'missing' ? output : realpathSync(output);
  if (isInside(realOutput, realInput)) {
    throw new KitError(
      'output-inside-input',
      `--out ${outDir} is inside the submissions folder ${submissionsDir}: it would be graded as a student next time; choose a folder outside it`,
    );
  }
  if (isInside(realInput, realOutput) || realInput === realOutput) {
    throw new KitError(
      'output-inside-input',
      `the submissions folder ${submissionsDir} is inside --out ${outDir}: a student's outputs could be written among the submissions; choose an --out that does not hold them`,
    );
  }
  try {
    ensureDirectory(output);
    const probe = join(output, `.write-probe-${process.pid}`);
    writeFileAtomic(probe, '');
    rmSync(probe);
  } catch (cause) {
    throw new KitError('output-unwritable', `cannot write to ${outDir}: choose a folder you can write to with --out`, {
      cause,
    });
  }
  for (const name of [...CLASS_FILES, JOURNAL_FILE]) {
    const kind = entryKind(join(output, name));
    if (kind !== 'missing' && kind !== 'file') {
      throw new KitError(
        'output-unwritable',
        `${join(outDir, name)} is ${describeKind(kind)}, where the class's ${name} goes (an older grader may have made it for a student of that name): remove it, or choose another --out`,
      );
    }
  }
  return entries;
}

function listEntries(input: string): ClassEntries {
  const students: string[] = [];
  const refused: StudentFailure[] = [];
  for (const bytes of readdirSync(input, { encoding: 'buffer' })) {
    const name = bytes.toString('utf8');
    if (!Buffer.from(name, 'utf8').equals(bytes)) {
      refused.push({
        studentId: name,
        message: `${name} has a name that is not UTF-8 text, so it cannot be named in the reports: rename it`,
      });
      continue;
    }
    const kind = entryKind(join(input, name));
    if (kind === 'folder') students.push(name);
    else refused.push({ studentId: name, message: notAStudentFolder(name, kind) });
  }
  return { students: students.sort(compareIds), refused };
}

function notAStudentFolder(name: string, kind: ReturnType<typeof entryKind>): string {
  if (kind === 'symbolic link')
    return `${name} is a symbolic link, and links are never followed or graded: put the student's folder itself in the submissions folder`;
  if (kind === 'file') return `${name} is a file, not a student folder: put each student's work in a folder of its own`;
  if (kind === 'missing')
    return `${name} disappeared while the submissions folder was read: run the same command again`;
  return `${name} is ${describeKind(kind)}, not a student folder: put each student's work in a folder of its own`;
}

function isFolderOrLinkToOne(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isInside(child: string, parent: string): boolean {
  const path = relative(parent, child);
  return path === '' || (!path.startsWith('..') && !path.startsWith(sep) && path !== '..');
}

/**
 * Grades every student folder, `jobs` at a time, writing each student's files atomically and
 * journalling them, so that a batch interrupted at any point resumes where it stopped.
 */
export async function gradeClass(options: ClassRunOptions): Promise<ClassRun> {
  const { students, refused } = validateFolders(options.submissionsDir, options.outDir);
  // Over every entry, as the class summary computes it for its links (graded students and failures).
  const folders = studentFolders([...students, ...refused.map((r) => r.studentId)]);
  const journal = new GradingJournal(options.outDir);
  const assignment = options.assignment ?? kitDefaultAssignment();
  const seed = options.seed ?? (options.fresh ? undefined : journal.unfinishedRunSeed) ?? freshSeed();
  if (journal.unfinishedRunSeed !== seed) journal.mark('started', seed);
  const results = new Map<string, SummaryResult>();
  const summarise = summariser();
  const failures: StudentFailure[] = [...refused];
  let reused = 0;
  let done = 0;
  let next = 0;

  const gradeOne = async (studentId: string): Promise<void> => {
    const root = join(options.submissionsDir, studentId);
    const studentDir = join(options.outDir, folders.get(studentId)!);
    const unlistable = unlistableFolder(root);
    if (unlistable) {
      failures.push({ studentId, message: `${studentId}/ could not be read (${unlistable}): check its permissions` });
      return;
    }
    if (!detectLayout(root)) {
      failures.push({
        studentId,
        message: `${studentId}/ has no exercise folder (${exerciseRange(assignment)}), neither directly nor under exercises/: ask the student to hand in the exercise folders`,
      });
      return;
    }
    const submission = readSubmission(root, studentId);
    const studentSeed = options.studentSeeds?.get(studentId) ?? seed;
    const key = gradingKey(
      submission.contentHash,
      `${options.gradeOptions?.grader?.version ?? GRADER_VERSION} ${assignment.exercises.join(',')}`,
      studentSeed,
      options.writeReports ? 'reports' : 'results',
    );
    const previous = !options.fresh && journal.isDone(studentId, key) ? readPrevious(studentDir) : undefined;
    if (previous) {
      results.set(studentId, summarise(previous));
      reused++;
      return;
    }
    const port = await options.openPort(submission);
    let result: SubmissionResult;
    try {
      result = await gradeSubmission(submission, port, {
        ...options.gradeOptions,
        seed: studentSeed,
        exercises: assignment.exercises,
      });
    } finally {
      await port.close();
    }
    ensureDirectory(studentDir);
    writeFileAtomic(join(studentDir, 'results.json'), `${printableJson(toGradescope(result), 2)}\n`);
    writeFileAtomic(join(studentDir, FULL_RESULT_FILE), `${printableJson(fullResultRecord(result))}\n`);
    await options.writeReports?.(result, studentDir, submission);
    journal.record({
      student: studentId,
      key,
      score: result.score,
      graderVersion: result.graderVersion,
      seed: studentSeed,
      contentHash: submission.contentHash,
      submittedAt: submissionTime(submission),
      gradedAt: new Date().toISOString(),
    });
    results.set(studentId, summarise(result));
  };

  const worker = async (): Promise<void> => {
    while (next < students.length && !options.signal?.aborted) {
      const studentId = students[next++];
      const before = reused;
      try {
        await gradeOne(studentId);
      } catch (error) {
        if (error instanceof KitError && error.code === 'sandbox-interrupted' && options.signal?.aborted) return;
        failures.push({
          studentId,
          message: `${studentId}/ could not be graded: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
      options.onStudentDone?.({ done: ++done, total: students.length, studentId, reused: reused > before });
    }
  };
  const jobs = Math.max(1, Math.min(options.jobs ?? DEFAULT_JOBS, students.length));
  await Promise.all(Array.from({ length: jobs }, worker));
  if (!options.signal?.aborted) journal.mark('finished', seed);
  return {
    seed,
    results: students.filter((s) => results.has(s)).map((s) => results.get(s)!),
    failures: failures.sort((a, b) => compareIds(a.studentId, b.studentId)),
    reused,
    total: students.length + refused.length,
  };
}

/**
 * What the class summary needs of a student: scores, check outcomes and named mistakes. A check's
 * outcome is one shared object for every student with the same outcome, so a batch keeps about a
 * kilobyte per student and its memory stays flat as the class grows.
 */
export function summariser(): (result: SubmissionResult) => SummaryResult {
  const outcomes = new Map<string, SummaryCheck>();
  const summaryCheck = ({ id, title, status, points, maxPoints, visibility }: CheckResult): SummaryCheck => {
    const key = `${id}|${status}|${points}|${maxPoints}|${visibility}|${title}`;
    let check = outcomes.get(key);
    if (!check) outcomes.set(key, (check = Object.freeze({ id, title, status, points, maxPoints, visibility })));
    return check;
  };
  const summaryExercise = (e: ExerciseResult): SummaryExercise => ({
    exercise: e.exercise,
    score: e.score,
    maxScore: e.maxScore,
    ...(e.diagnosis ? { diagnosis: { id: e.diagnosis.id, name: e.diagnosis.name } } : {}),
    ...(e.unrecognised ? { unrecognised: e.unrecognised } : {}),
    checks: e.checks.map(summaryCheck),
  });
  return (result) => ({
    studentId: result.studentId,
    score: result.score,
    maxScore: result.maxScore,
    exercises: result.exercises.map(summaryExercise),
  });
}

/** A student's grading.json in `studentDir`, or undefined when there is none that parses. */
export function readPrevious(studentDir: string): SubmissionResult | undefined {
  try {
    return JSON.parse(readFileSync(join(studentDir, FULL_RESULT_FILE), 'utf8')) as SubmissionResult;
  } catch {
    return undefined;
  }
}

/** The error code (EACCES, …) when the grader may not list a student's folder, or look inside it; undefined when it may. */
function unlistableFolder(root: string): string | undefined {
  try {
    readdirSync(root);
    accessSync(root, fsConstants.X_OK);
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'error';
  }
}
