import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { studentFolders, REGRADE_FOLDER } from '../output/student-folder';
import {
  regradeCsv,
  writeClassSummary,
  type CheckChange,
  type ExerciseChange,
  type GradingStamp,
  type RegradePreview,
  type StudentRegrade,
} from '../report';
import { EXERCISE_IDS } from '../shipped/contract/exercises';
import { KitError } from '../shipped/errors';
import { ensureDirectory, writeFileAtomic } from '../shipped/output/atomic-write';
import { printableJson } from '../shipped/output/printable';
import type { SummaryCheck, SummaryExercise, SummaryResult } from '../shipped/results/model';
import { describeKind, entryKind } from '../shipped/submission/read-submission';
import {
  FULL_RESULT_FILE,
  gradeClass,
  readPrevious,
  summariser,
  validateFolders,
  type ClassRun,
  type ClassRunOptions,
  type StudentFailure,
} from './grade-class';
import { GradingJournal, type JournalEntry } from './journal';

/** What `--regrade` writes into `<out>/regrade/` beside the previewed students' folders. */
export const CHANGES_FILE = 'changes.csv';
/** Written last: a regrade preview is pending exactly when this file is there. */
export const PREVIEW_FILE = 'preview.json';
const REPLACED_FOLDER = '.replaced';
const ACCEPTED_PREFIX = '.regrade-accepted-';

/** One previewed student, as `--accept-regrade` needs them. */
interface PreviewedStudent {
  readonly studentId: string;
  /** sha256 of the student's grading.json in `--out` when the preview was made; absent when there was none. */
  readonly before?: string;
  /** sha256 of the previewed grading.json. */
  readonly after: string;
  /** The journal line that records the previewed grading once it is accepted. */
  readonly entry: JournalEntry;
}

/** preview.json: what accepting moves, and what the class summary is rebuilt from afterwards. */
interface PreviewManifest {
  readonly kind: 'regrade-preview';
  /** Every entry of the submissions folder, graded or not: the student folders are named over all of them. */
  readonly entries: readonly string[];
  readonly failures: readonly StudentFailure[];
  readonly students: readonly PreviewedStudent[];
}

export interface RegradeRun extends ClassRun {
  /** `<out>/regrade`, where the preview is. */
  readonly previewDir: string;
  /** Absent when the run was interrupted before the preview was written. */
  readonly preview?: RegradePreview;
}

/**
 * Grades the class again under the current grader into `<out>/regrade/`, and compares each
 * student with their earlier grading in `--out`, replacing nothing there: `changes.csv` and a class
 * summary that opens with the changes (old and new scores per exercise, the checks that changed,
 * both graders' versions, the submission's and the grading's times), and the previewed students'
 * own folders. Each student keeps the seed of their earlier grading unless `seed` is given, so that
 * what changes is the grader's doing (or the submission's, which is flagged). An interrupted
 * preview resumes from its own journal; a preview is pending only once `preview.json` is written.
 */
export async function previewRegrade(
  options: ClassRunOptions & { readonly acceptCommand: string },
): Promise<RegradeRun> {
  const { outDir } = options;
  const previewDir = join(outDir, REGRADE_FOLDER);
  const { students, refused } = earlierClass(options);
  const entries = [...students, ...refused.map((r) => r.studentId)];
  const folders = studentFolders(entries);
  const earlierJournal = new GradingJournal(outDir);
  const before = new Map<string, Side>();
  for (const studentId of students) {
    const side = sideOf(join(outDir, folders.get(studentId)!), earlierJournal.entryOf(studentId));
    if (side) before.set(studentId, side);
  }
  if (!before.size)
    throw new KitError(
      'usage',
      `--regrade: ${outDir} holds no earlier grading of the students in ${options.submissionsDir} (no <student>/${FULL_RESULT_FILE}), so there is nothing to compare against: grade the class first with ${gradeCommand(options.submissionsDir, outDir)}`,
    );
  preparePreviewFolder(previewDir);

  const run = await gradeClass({
    ...options,
    outDir: previewDir,
    studentSeeds:
      options.seed === undefined ? new Map([...before].map(([id, side]) => [id, side.stamp.seed])) : undefined,
  });
  if (options.signal?.aborted) return { ...run, previewDir };

  const journal = new GradingJournal(previewDir);
  const changes: StudentRegrade[] = [];
  const previewed: PreviewedStudent[] = [];
  for (const { studentId } of run.results) {
    const entry = journal.entryOf(studentId);
    const after = entry && sideOf(join(previewDir, folders.get(studentId)!), entry);
    if (!entry || !after) continue;
    const earlier = before.get(studentId);
    changes.push(compareGradings(studentId, earlier, after));
    previewed.push({ studentId, before: earlier?.fileHash, after: after.fileHash, entry });
  }
  const preview: RegradePreview = { students: changes, acceptCommand: options.acceptCommand };
  writeFileAtomic(join(previewDir, CHANGES_FILE), regradeCsv(preview));
  await writeClassSummary(run.results, previewDir, {
    failures: run.failures,
    regrade: preview,
    title: options.assignment?.title,
  });
  const manifest: PreviewManifest = { kind: 'regrade-preview', entries, failures: run.failures, students: previewed };
  writeFileAtomic(join(previewDir, PREVIEW_FILE), `${printableJson(manifest)}\n`);
  return { ...run, previewDir, preview };
}

/** True when `--out` holds a regrade preview that waits to be accepted. */
export function regradePending(outDir: string): boolean {
  return entryKind(join(outDir, REGRADE_FOLDER, PREVIEW_FILE)) === 'file';
}

export interface RegradeAcceptance {
  /** The students whose previewed results are now in place. */
  readonly accepted: readonly string[];
  /** Students left as they were, with why; the preview stays pending while there are any. */
  readonly skipped: readonly StudentFailure[];
  /** The class as the rebuilt summary shows it (empty while students were skipped). */
  readonly results: readonly SummaryResult[];
  readonly failures: readonly StudentFailure[];
}

/**
 * Moves every previewed student's folder into place, one student at a time: the old folder is
 * moved aside and the previewed one renamed into its place (two renames on one disk), then the
 * journal records the new grading and the old folder is deleted. Every step can be interrupted
 * and the command run again: a student already in place is recognised by their grading.json. A
 * student whose results in `--out` changed after the preview was made is left as it is, and named.
 * Once every student is in place, the class summary and gradebook are rebuilt and the preview removed.
 */
export async function acceptRegrade(options: {
  readonly outDir: string;
  /** Named in the commands that messages print. */
  readonly submissionsDir: string;
  /** Called after each student is in place (a test interrupts here). */
  readonly onStudentAccepted?: (studentId: string) => void;
  /** The assignment's title, for the gradebook's total column. */
  readonly title?: string;
}): Promise<RegradeAcceptance> {
  const { outDir } = options;
  const previewDir = join(outDir, REGRADE_FOLDER);
  const regradeAgain = gradeCommand(options.submissionsDir, outDir, '--regrade');
  const manifest = readManifest(previewDir, outDir, regradeAgain);
  const folders = studentFolders(manifest.entries);
  const journal = new GradingJournal(outDir);
  const accepted: string[] = [];
  const skipped: StudentFailure[] = [];
  for (const student of manifest.students) {
    const folder = folders.get(student.studentId)!;
    const live = join(outDir, folder);
    const staged = join(previewDir, folder);
    const replaced = join(previewDir, REPLACED_FOLDER, folder);
    if (entryKind(staged) === 'folder') {
      const current = existsSync(live) ? gradingHash(live) : gradingHash(replaced);
      if (current !== student.before) {
        skipped.push({
          studentId: student.studentId,
          message: `${student.studentId}: ${join(outDir, folder, FULL_RESULT_FILE)} changed after the preview was made (graded again since?): preview the class as it is now with ${regradeAgain}`,
        });
        continue;
      }
      if (existsSync(live)) {
        rmSync(replaced, { recursive: true, force: true });
        ensureDirectory(dirname(replaced));
        renameSync(live, replaced);
      }
      renameSync(staged, live);
    } else if (gradingHash(live) !== student.after) {
      skipped.push({
        studentId: student.studentId,
        message: `${student.studentId}: the previewed results in ${staged} are gone, and ${live} does not hold them: preview again with ${regradeAgain}`,
      });
      continue;
    }
    if (!journal.isDone(student.studentId, student.entry.key)) journal.record(student.entry);
    rmSync(replaced, { recursive: true, force: true });
    accepted.push(student.studentId);
    options.onStudentAccepted?.(student.studentId);
  }
  if (skipped.length) return { accepted, skipped, results: [], failures: [] };

  const summarise = summariser();
  const results: SummaryResult[] = [];
  const failures: StudentFailure[] = [];
  for (const studentId of [...manifest.entries].sort(compareIds)) {
    const result = readPrevious(join(outDir, folders.get(studentId)!));
    const failure = manifest.failures.find((f) => f.studentId === studentId);
    if (result && result.studentId === studentId) results.push(summarise(result));
    else if (failure) failures.push(failure);
  }
  await writeClassSummary(results, outDir, { failures, title: options.title });
  const discarded = join(outDir, `${ACCEPTED_PREFIX}${randomBytes(4).toString('hex')}`);
  renameSync(previewDir, discarded);
  rmSync(discarded, { recursive: true, force: true });
  return { accepted, skipped, results, failures };
}

/** One side of the comparison: the grading's stamp, the submission it graded, what the summary reads of it, and its grading.json's hash. */
interface Side {
  readonly stamp: GradingStamp;
  readonly contentHash: string;
  readonly summary: SummaryResult;
  readonly fileHash: string;
}

function sideOf(studentDir: string, entry: JournalEntry | undefined): Side | undefined {
  const result = readPrevious(studentDir);
  if (!result || typeof result.seed !== 'number' || typeof result.graderVersion !== 'string') return undefined;
  return {
    stamp: {
      graderVersion: result.graderVersion,
      seed: result.seed,
      score: result.score,
      maxScore: result.maxScore,
      submittedAt: entry?.submittedAt,
      gradedAt: entry?.gradedAt ?? modifiedAt(join(studentDir, FULL_RESULT_FILE)),
    },
    contentHash: result.contentHash,
    summary: summariser()(result),
    fileHash: gradingHash(studentDir)!,
  };
}

/** What changed for one student: every exercise of either grading, with the checks whose status or points differ. */
function compareGradings(studentId: string, before: Side | undefined, after: Side): StudentRegrade {
  const exercises = EXERCISE_IDS.flatMap((id): ExerciseChange[] => {
    const old = before?.summary.exercises.find((e) => e.exercise === id);
    const now = after.summary.exercises.find((e) => e.exercise === id);
    if (!old && !now) return [];
    return [{ exercise: id, before: scoreOf(old), after: scoreOf(now), checks: checkChanges(old, now) }];
  });
  return {
    studentId,
    before: before?.stamp,
    after: after.stamp,
    submissionChanged: before !== undefined && before.contentHash !== after.contentHash,
    exercises,
  };
}

function checkChanges(old: SummaryExercise | undefined, now: SummaryExercise | undefined): CheckChange[] {
  const oldChecks = new Map((old?.checks ?? []).map((c) => [c.id, c]));
  const newChecks = new Map((now?.checks ?? []).map((c) => [c.id, c]));
  const ids = [...new Set([...newChecks.keys(), ...oldChecks.keys()])];
  return ids.flatMap((id): CheckChange[] => {
    const a = oldChecks.get(id);
    const b = newChecks.get(id);
    if (a && b && a.status === b.status && a.points === b.points && a.maxPoints === b.maxPoints) return [];
    return [{ id, title: (b ?? a)!.title, before: outcomeOf(a), after: outcomeOf(b) }];
  });
}

function outcomeOf(check: SummaryCheck | undefined) {
  return check && { status: check.status, points: check.points, maxPoints: check.maxPoints };
}

function scoreOf(exercise: SummaryExercise | undefined) {
  return exercise && { score: exercise.score, maxScore: exercise.maxScore };
}

/** The class as the submissions folder lists it, refusing an `--out` that never graded it or a `regrade` entry that is not the kit's. */
function earlierClass(options: ClassRunOptions): ReturnType<typeof validateFolders> {
  if (entryKind(options.outDir) !== 'folder')
    throw new KitError(
      'usage',
      `--regrade: ${options.outDir} is not a folder of earlier results, so there is nothing to compare against: grade the class first with ${gradeCommand(options.submissionsDir, options.outDir)}`,
    );
  return validateFolders(options.submissionsDir, options.outDir);
}

/** Makes `<out>/regrade` ready for a new preview: any pending one is withdrawn (its students' folders stay, for the journal to reuse). */
function preparePreviewFolder(previewDir: string): void {
  const kind = entryKind(previewDir);
  if (kind !== 'missing' && kind !== 'folder')
    throw new KitError(
      'output-unwritable',
      `${previewDir} is ${describeKind(kind)}, where the regrade preview goes: remove it, or choose another --out`,
    );
  if (kind === 'folder' && existsSync(join(previewDir, FULL_RESULT_FILE)))
    throw new KitError(
      'output-unwritable',
      `${previewDir} holds a student's results (an older kit named a student's folder so), where the regrade preview goes: move it out of ${dirname(previewDir)}, or choose another --out`,
    );
  rmSync(join(previewDir, PREVIEW_FILE), { force: true });
  for (const name of existsSync(dirname(previewDir)) ? readdirSync(dirname(previewDir)) : [])
    if (name.startsWith(ACCEPTED_PREFIX)) rmSync(join(dirname(previewDir), name), { recursive: true, force: true });
}

function readManifest(previewDir: string, outDir: string, regradeAgain: string): PreviewManifest {
  const path = join(previewDir, PREVIEW_FILE);
  if (!regradePending(outDir))
    throw new KitError(
      'usage',
      `--accept-regrade: no regrade preview is pending in ${outDir} (${path} is not there): preview one first with ${regradeAgain}`,
    );
  let manifest: Partial<PreviewManifest>;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as Partial<PreviewManifest>;
  } catch {
    manifest = {};
  }
  if (
    manifest.kind !== 'regrade-preview' ||
    !Array.isArray(manifest.entries) ||
    !Array.isArray(manifest.failures) ||
    !Array.isArray(manifest.students) ||
    !manifest.students.every((s) => manifest.entries!.includes(s?.studentId) && typeof s.entry?.key === 'string')
  )
    throw new KitError(
      'usage',
      `--accept-regrade: ${path} is damaged, so the preview cannot be accepted: preview again with ${regradeAgain}`,
    );
  return manifest as PreviewManifest;
}

/** sha256 of a student folder's grading.json: which grading the folder holds. */
function gradingHash(studentDir: string): string | undefined {
  try {
    return createHash('sha256')
      .update(readFileSync(join(studentDir, FULL_RESULT_FILE)))
      .digest('hex');
  } catch {
    return undefined;
  }
}

function modifiedAt(path: string): string | undefined {
  try {
    return statSync(path).mtime.toISOString();
  } catch {
    return undefined;
  }
}

/** A `grade` command line as it can be pasted into a shell. */
export function gradeCommand(submissionsDir: string, outDir: string, ...flags: string[]): string {
  return ['npm', 'run', 'grade', '--', submissionsDir, '--out', outDir, ...flags].map(shellWord).join(' ');
}

function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
