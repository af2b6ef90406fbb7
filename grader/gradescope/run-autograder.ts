import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SOLUTIONS_DIR } from '../data/paths';
import { openSubmissionPort } from '../door/open-port';
import { gradeSubmission } from '../engine/grade-submission';
import { freshSeed } from '../engine/seeds';
import { KitError } from '../errors';
import { EXERCISES } from '../exercises';
import { writeFileAtomic } from '../output/atomic-write';
import { renderConsoleSummary, validateGradescopeResults } from '../report';
import { toGradescope, type GradescopeResults } from '../results/gradescope';
import { detectLayout, readSubmission } from '../submission/read-submission';

/** Gradescope's folders under its root (/autograder, or AUTOGRADER_ROOT). */
export function autograderPaths(root: string) {
  return { submission: join(root, 'submission'), results: join(root, 'results', 'results.json') };
}

/** Where the exercises are in an upload: as the contract lays them out, in the one folder of a zipped checkout, or as loose files. */
interface Located {
  readonly dir: string;
  /** A folder made for loose files, removed after grading. */
  readonly staged?: string;
}

function locate(uploaded: string): Located {
  if (!existsSync(uploaded)) throw new KitError('input-missing', `no submission folder at ${uploaded}`);
  if (detectLayout(uploaded)) return { dir: uploaded };
  const folders = readdirSync(uploaded, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== '__MACOSX');
  if (folders.length === 1 && detectLayout(join(uploaded, folders[0].name))) return { dir: join(uploaded, folders[0].name) };
  const loose = EXERCISES.filter((e) => existsSync(join(uploaded, e.file)) && lstatSync(join(uploaded, e.file)).isFile());
  if (!loose.length) {
    throw new KitError('no-exercise', `No exercise was found in your submission. Upload your exercises folder (with 01-cost/cost.ts, 02-gradient/gradient.ts, …), your whole handout, or the exercise files themselves (cost.ts, gradient.ts, …).`);
  }
  const staged = mkdtempSync(join(tmpdir(), 'gradescope-submission-'));
  for (const exercise of loose) {
    mkdirSync(join(staged, exercise.id));
    copyFileSync(join(uploaded, exercise.file), join(staged, exercise.id, exercise.file));
  }
  return { dir: staged, staged };
}

/** results.json for an upload with nothing to grade: no points, and what to upload instead. */
function nothingToGrade(message: string, seconds: number, seed: number): GradescopeResults {
  return { score: 0, execution_time: seconds, output: message, tests: [], extra_data: { seed, error: 'no-exercise' } };
}

/**
 * Grades the submission under `root` with the kit's grader (through `openSubmissionPort`, the
 * sandbox) and writes Gradescope's results.json. Students' own mistakes (nothing recognisable
 * uploaded) give a results.json that says so; a fault of the kit gives none, so that Gradescope
 * reports the autograder as failed instead of a zero. Each submission is graded with a fresh seed
 * unless `seed` is given; results.json names it, and `--seed` with it replays the grading.
 */
export async function runAutograder(root: string, options: { seed?: number } = {}): Promise<GradescopeResults> {
  const paths = autograderPaths(root);
  const started = Date.now();
  const seed = options.seed ?? freshSeed();
  let results: GradescopeResults;
  let located: Located | undefined;
  try {
    located = locate(paths.submission);
    const submission = readSubmission(located.dir, 'submission');
    const port = await openSubmissionPort(submission, readSubmission(SOLUTIONS_DIR, 'reference'));
    try {
      const result = await gradeSubmission(submission, port, { seed, plots: false });
      const graded = toGradescope(result);
      results = { ...graded, output: `${graded.output}\n\n${renderConsoleSummary(result, { color: false })}` };
    } finally {
      await port.close();
    }
  } catch (error) {
    if (!(error instanceof KitError) || error.code !== 'no-exercise') throw error;
    results = nothingToGrade(error.message, (Date.now() - started) / 1000, seed);
  } finally {
    if (located?.staged) rmSync(located.staged, { recursive: true, force: true });
  }
  const problems = validateGradescopeResults(results);
  if (problems.length) throw new Error(`the results do not follow Gradescope's format: ${problems.join('; ')}`);
  mkdirSync(join(root, 'results'), { recursive: true });
  writeFileAtomic(paths.results, `${JSON.stringify(results, null, 2)}\n`);
  return results;
}
