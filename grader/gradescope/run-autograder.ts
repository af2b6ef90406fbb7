import {
  constants as fsConstants,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KIT_ROOT, SOLUTIONS_DIR } from '../data/paths';
import { kitDefaultAssignment, readAssignment } from '../assignment/read-assignment';
import type { Assignment } from '../shipped/contract/assignment';
import { GRADED_ASSIGNMENT_FILE } from './build-zip';
import { openSubmissionPort } from '../sandbox/open-port';
import { gradeSubmission } from '../engine/grade-submission';
import { freshSeed } from '../shipped/checks/seeds';
import { KitError } from '../shipped/errors';
import { EXERCISES } from '../shipped/contract/exercises';
import { writeFileAtomic } from '../shipped/output/atomic-write';
import { printableJson } from '../shipped/output/printable';
import { renderConsoleSummary } from '../report';
import { validateGradescopeResults } from './results-schema';
import { toGradescope, type GradescopeResults } from './results-json';
import { withHandoutReplays } from '../shipped/student/handout-command';
import type { SubmissionResult } from '../shipped/results/model';
import {
  describeKind,
  detectLayout,
  entryKind,
  notASubmissionFolder,
  readSubmission,
} from '../shipped/submission/read-submission';

/** Gradescope's folders under its root (/autograder, or AUTOGRADER_ROOT). */
export function autograderPaths(root: string) {
  return { submission: join(root, 'submission'), results: join(root, 'results', 'results.json') };
}

/** Where the exercises are in an upload: as the contract lays them out, in the one folder of a zipped checkout, or as loose files. */
interface Located {
  readonly dir: string;
  /** A folder made for loose files, removed after grading. */
  readonly staged?: string;
  /** What was left out, and why (a link, which is never followed; a pipe): said at the top of the output. */
  readonly notes: readonly string[];
}

/**
 * Finds the exercises in an upload without following a link anywhere: a link (or a pipe, a device)
 * where a folder or an exercise file could be is named in the output and left out, never read.
 */
function locate(uploaded: string): Located {
  const problem = notASubmissionFolder(uploaded);
  if (problem === 'is not there') throw new KitError('input-missing', `no submission folder at ${uploaded}`);
  if (problem)
    throw new KitError(
      'no-exercise',
      `Your submission could not be read: it ${problem}. Upload your exercise files themselves.`,
    );
  if (detectLayout(uploaded)) return { dir: uploaded, notes: [] };
  const entries = readdirSync(uploaded).map((name) => ({ name, kind: entryKind(join(uploaded, name)) }));
  const folders = entries.filter((e) => e.kind === 'folder' && !e.name.startsWith('.') && e.name !== '__MACOSX');
  if (folders.length === 1 && detectLayout(join(uploaded, folders[0].name)))
    return { dir: join(uploaded, folders[0].name), notes: [] };
  const links = entries
    .filter((e) => e.kind === 'symbolic link')
    .map(
      (e) => `${e.name} is a symbolic link, and links are never followed or graded: upload the folder or file itself.`,
    );
  const loose = EXERCISES.flatMap((exercise) => {
    const kind = entryKind(join(uploaded, exercise.file));
    return kind === 'missing' || kind === 'symbolic link' ? [] : [{ exercise, kind }];
  });
  const refused = loose
    .filter((l) => l.kind !== 'file')
    .map(
      (l) => `${l.exercise.file} is ${describeKind(l.kind)}, not a regular file: upload the TypeScript file itself.`,
    );
  const files = loose.filter((l) => l.kind === 'file').map((l) => l.exercise);
  if (!files.length) {
    throw new KitError(
      'no-exercise',
      [
        `No exercise was found in your submission. Upload your exercises folder (with 01-cost/cost.ts, 02-gradient/gradient.ts, …), your whole handout, or the exercise files themselves (cost.ts, gradient.ts, …).`,
        ...links,
        ...refused,
      ].join('\n'),
    );
  }
  const staged = mkdtempSync(join(tmpdir(), 'gradescope-submission-'));
  for (const exercise of files) {
    mkdirSync(join(staged, exercise.id));
    // COPYFILE_EXCL on a fresh folder, from a path just seen by lstat to be a regular file; readSubmission checks the copy again.
    copyFileSync(join(uploaded, exercise.file), join(staged, exercise.id, exercise.file), fsConstants.COPYFILE_EXCL);
  }
  return { dir: staged, staged, notes: [...links, ...refused] };
}

/** results.json for an upload with nothing to grade: no points, and what to upload instead. */
function nothingToGrade(message: string, seconds: number, seed: number): GradescopeResults {
  return { score: 0, execution_time: seconds, output: message, tests: [], extra_data: { seed, error: 'no-exercise' } };
}

/** The assignment the bundle was built for (`GRADED_ASSIGNMENT_FILE`), or the kit's default outside a bundle. */
export function gradedAssignment(): Assignment {
  const bundled = join(KIT_ROOT, GRADED_ASSIGNMENT_FILE);
  return existsSync(bundled) ? readAssignment(bundled) : kitDefaultAssignment();
}

/** What grading an upload gave: the grader's result, or why there was nothing to grade. */
export type GradedUpload =
  | {
      readonly result: SubmissionResult;
      /** What was left out of the upload, and why (a link, a pipe): said at the top of the output. */
      readonly notes: readonly string[];
    }
  | { readonly nothingToGrade: string; readonly seed: number; readonly seconds: number };

/**
 * Grades the exercises found in `uploaded` (the exercise folders, a whole handout, also inside one
 * top folder, or the loose exercise files) with the kit's grader, through `openSubmissionPort`
 * (the sandbox), on the assignment the bundle was built for. An upload with nothing recognisable
 * in it gives `nothingToGrade`, the message saying what to upload; a fault of the kit throws. Each
 * upload is graded with a fresh seed unless `seed` is given.
 */
export async function gradeUpload(uploaded: string, options: { seed?: number } = {}): Promise<GradedUpload> {
  const started = Date.now();
  const seed = options.seed ?? freshSeed();
  let located: Located | undefined;
  try {
    located = locate(uploaded);
    const submission = readSubmission(located.dir, 'submission');
    const port = await openSubmissionPort(submission, readSubmission(SOLUTIONS_DIR, 'reference'));
    try {
      const result = await gradeSubmission(submission, port, {
        seed,
        plots: false,
        exercises: gradedAssignment().exercises,
      });
      return { result, notes: located.notes };
    } finally {
      await port.close();
    }
  } catch (error) {
    if (!(error instanceof KitError) || error.code !== 'no-exercise') throw error;
    return { nothingToGrade: error.message, seed, seconds: (Date.now() - started) / 1000 };
  } finally {
    if (located?.staged) rmSync(located.staged, { recursive: true, force: true });
  }
}

/**
 * Grades the submission under `root` (`gradeUpload`) and writes Gradescope's results.json.
 * Students' own mistakes (nothing recognisable uploaded) give a results.json that says so; a fault
 * of the kit gives none, so that Gradescope reports the autograder as failed instead of a zero.
 * results.json names the seed, and `--seed` with it replays the grading.
 */
export async function runAutograder(root: string, options: { seed?: number } = {}): Promise<GradescopeResults> {
  const paths = autograderPaths(root);
  const upload = await gradeUpload(paths.submission, options);
  let results: GradescopeResults;
  if ('result' in upload) {
    const graded = toGradescope(upload.result);
    const notes = upload.notes.length ? `${upload.notes.join('\n')}\n\n` : '';
    results = {
      ...graded,
      output: `${notes}${graded.output}\n\n${renderConsoleSummary(withHandoutReplays(upload.result), { color: false })}`,
    };
  } else results = nothingToGrade(upload.nothingToGrade, upload.seconds, upload.seed);
  const problems = validateGradescopeResults(results);
  if (problems.length) throw new Error(`the results do not follow Gradescope's format: ${problems.join('; ')}`);
  mkdirSync(join(root, 'results'), { recursive: true });
  writeFileAtomic(paths.results, `${printableJson(results, 2)}\n`);
  return results;
}
