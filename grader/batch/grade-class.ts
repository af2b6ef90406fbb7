import { existsSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import type { SubmissionPort } from '../door/port';
import { GradeOptions, gradeSubmission } from '../engine/grade-submission';
import { DEFAULT_SEED } from '../engine/seeds';
import { KitError } from '../errors';
import { ensureDirectory, writeFileAtomic } from '../output/atomic-write';
import type { CheckResult, ExerciseResult, SubmissionResult, SummaryCheck, SummaryExercise, SummaryResult } from '../results/model';
import { fullResultRecord } from '../results/full-result';
import { toGradescope } from '../results/gradescope';
import { detectLayout, readSubmission, type Submission } from '../submission/read-submission';
import { GRADER_VERSION } from '../version';
import { GradingJournal, gradingKey } from './journal';

/** A student folder that could not be graded at all, and why. */
export interface StudentFailure {
  readonly studentId: string;
  readonly message: string;
}

export interface ClassRunOptions {
  readonly submissionsDir: string;
  readonly outDir: string;
  readonly seed?: number;
  /** Submissions graded at once; default `DEFAULT_JOBS`. */
  readonly jobs?: number;
  /** Ignore the journal and grade everyone again. */
  readonly fresh?: boolean;
  readonly openPort: (submission: Submission) => Promise<SubmissionPort>;
  /** Writes the human-readable reports of one student (results.json and grading.json are written here). */
  readonly writeReports?: (result: SubmissionResult, studentDir: string) => Promise<void>;
  readonly onStudentDone?: (progress: { done: number; total: number; studentId: string; reused: boolean }) => void;
  /** Stops scheduling new students; the ones in flight finish or are abandoned by the caller. */
  readonly signal?: AbortSignal;
  readonly gradeOptions?: Omit<GradeOptions, 'seed'>;
}

export interface ClassRun {
  /** What the class summary needs of each graded student, in folder order; whole results stay in each student's grading.json. */
  readonly results: readonly SummaryResult[];
  readonly failures: readonly StudentFailure[];
  readonly reused: number;
  readonly total: number;
}

/**
 * One submission per core, plus one: each submission's sandbox child works while the grader judges
 * another's answers, so with one per core a core would idle whenever the grader is busy.
 */
export const DEFAULT_JOBS = availableParallelism() + 1;

/** The file that keeps a student's whole result, so that a resumed batch can rebuild the class summary; instructor only (it says so in its first field). */
export const FULL_RESULT_FILE = 'grading.json';

/** Checks the folders before anything is written; every problem names the folder and the fix. */
export function validateFolders(submissionsDir: string, outDir: string): string[] {
  const input = resolve(submissionsDir);
  if (!existsSync(input)) throw new KitError('input-missing', `${submissionsDir} does not exist: pass the folder that holds one folder per student`);
  if (!statSync(input).isDirectory()) throw new KitError('input-missing', `${submissionsDir} is a file: pass the folder that holds one folder per student`);
  const students = readdirSync(input, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  if (!students.length) throw new KitError('input-empty', `${submissionsDir} has no student folders: put each student's work in its own folder inside it`);
  const output = resolve(outDir);
  const realInput = realpathSync(input);
  const realOutput = existsSync(output) ? realpathSync(output) : output;
  if (isInside(realOutput, realInput)) {
    throw new KitError('output-inside-input', `--out ${outDir} is inside the submissions folder ${submissionsDir}: it would be graded as a student next time; choose a folder outside it`);
  }
  try {
    ensureDirectory(output);
    const probe = join(output, `.write-probe-${process.pid}`);
    writeFileAtomic(probe, '');
    rmSync(probe);
  } catch (cause) {
    throw new KitError('output-unwritable', `cannot write to ${outDir}: choose a folder you can write to with --out`, { cause });
  }
  return students;
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
  const students = validateFolders(options.submissionsDir, options.outDir);
  const seed = options.seed ?? DEFAULT_SEED;
  const journal = new GradingJournal(options.outDir);
  const results = new Map<string, SummaryResult>();
  const summarise = summariser();
  const failures: StudentFailure[] = [];
  let reused = 0;
  let done = 0;
  let next = 0;

  const gradeOne = async (studentId: string): Promise<void> => {
    const root = join(options.submissionsDir, studentId);
    const studentDir = join(options.outDir, studentId);
    if (!detectLayout(root)) {
      failures.push({ studentId, message: `${studentId}/ has no exercise folder (01-cost … 06-learning-rate), neither directly nor under exercises/: ask the student to hand in the exercise folders` });
      return;
    }
    const submission = readSubmission(root, studentId);
    const key = gradingKey(submission.contentHash, GRADER_VERSION, seed, options.writeReports ? 'reports' : 'results');
    const previous = !options.fresh && journal.isDone(studentId, key) ? readPrevious(studentDir) : undefined;
    if (previous) {
      results.set(studentId, summarise(previous));
      reused++;
      return;
    }
    const port = await options.openPort(submission);
    let result: SubmissionResult;
    try {
      result = await gradeSubmission(submission, port, { ...options.gradeOptions, seed });
    } finally {
      await port.close();
    }
    ensureDirectory(studentDir);
    writeFileAtomic(join(studentDir, 'results.json'), `${JSON.stringify(toGradescope(result), null, 2)}\n`);
    writeFileAtomic(join(studentDir, FULL_RESULT_FILE), `${JSON.stringify(fullResultRecord(result))}\n`);
    await options.writeReports?.(result, studentDir);
    journal.record({ student: studentId, key, score: result.score });
    results.set(studentId, summarise(result));
  };

  const worker = async (): Promise<void> => {
    while (next < students.length && !options.signal?.aborted) {
      const studentId = students[next++];
      const before = reused;
      try {
        await gradeOne(studentId);
      } catch (error) {
        if (error instanceof KitError && error.code === 'sandbox-interrupted') return;
        failures.push({ studentId, message: `${studentId}/ could not be graded: ${error instanceof Error ? error.message : String(error)}` });
      }
      options.onStudentDone?.({ done: ++done, total: students.length, studentId, reused: reused > before });
    }
  };
  const jobs = Math.max(1, Math.min(options.jobs ?? DEFAULT_JOBS, students.length));
  await Promise.all(Array.from({ length: jobs }, worker));
  return {
    results: students.filter((s) => results.has(s)).map((s) => results.get(s)!),
    failures: failures.sort((a, b) => a.studentId.localeCompare(b.studentId)),
    reused,
    total: students.length,
  };
}

/**
 * What the class summary needs of a student: scores, check outcomes and named mistakes. A check's
 * outcome is one shared object for every student with the same outcome, so a batch keeps about a
 * kilobyte per student and its memory stays flat as the class grows.
 */
function summariser(): (result: SubmissionResult) => SummaryResult {
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
  return (result) => ({ studentId: result.studentId, score: result.score, maxScore: result.maxScore, exercises: result.exercises.map(summaryExercise) });
}

function readPrevious(studentDir: string): SubmissionResult | undefined {
  try {
    return JSON.parse(readFileSync(join(studentDir, FULL_RESULT_FILE), 'utf8')) as SubmissionResult;
  } catch {
    return undefined;
  }
}
