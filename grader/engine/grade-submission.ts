import { performance } from 'node:perf_hooks';
import { CHECKS } from '../grading';
import type { CheckDefinition, CheckInput } from '../shipped/checks/check';
import type { ModuleStatus, SubmissionPort } from '../shipped/door/port';
import type { World } from '../shipped/door/submission-realms';
import { explainSubmission } from '../diagnosis';
import { EXERCISES, type ExerciseId } from '../shipped/contract/exercises';
import type { CheckResult, ExerciseResult, SubmissionResult } from '../shipped/results/model';
import { replayCommandOf } from '../shipped/results/replay';
import type { Submission } from '../shipped/submission/read-submission';
import { GRADER_VERSION } from '../version';
import { kitDefaultAssignment } from '../assignment/read-assignment';
import { collectPlotData } from './plot-data';
import { applyRubric, exportsCalled, vouches } from './rubric';
import { CallCache, inputsOf, runCheck } from '../shipped/checks/run-check';
import { freshSeed, inputSeed } from '../shipped/checks/seeds';

export interface GradeOptions {
  /** The run's seed; each check derives its own from it. Default: a fresh one (`freshSeed`), printed in the result. */
  readonly seed?: number;
  /** Only these checks (by id), for replaying one case; the checks that vouch for their exports run too, unreported, so that the rubric decides as in the whole run. */
  readonly onlyChecks?: readonly string[];
  /** fast-check's replay path, with `onlyChecks` naming one check. */
  readonly path?: string;
  /** Run the student's code once more for the report's plots (default true). */
  readonly plots?: boolean;
  /** Every check's calls in this world; `isolated` runs each exercise's own file with the reference in place of the others. */
  readonly world?: World;
  /** Diagnosis, root causes and observations after grading (default true; never when `onlyChecks` replays a case). */
  readonly explain?: boolean;
  /** The exercises graded: the assignment's (default: the kit's default assignment, `assignments/seeds.json`). */
  readonly exercises?: readonly ExerciseId[];
  /** A grader other than the kit's own (`CHECKS`, `GRADER_VERSION`): how a test grades under a changed grader. */
  readonly grader?: Grader;
}

/** What grades: every exercise's checks, and the version the result names them by. */
export interface Grader {
  readonly version: string;
  readonly checks: Readonly<Record<ExerciseId, readonly CheckDefinition[]>>;
}

/** Grades every exercise of one submission through its port: data in, data out. */
export async function gradeSubmission(
  submission: Submission,
  port: SubmissionPort,
  options: GradeOptions = {},
): Promise<SubmissionResult> {
  const started = performance.now();
  const seed = options.seed ?? freshSeed();
  const statuses = await port.modules();
  const cache = new CallCache(port);
  const exercises: ExerciseResult[] = [];
  const checks = options.grader?.checks ?? CHECKS;
  const grade = (id: ExerciseId, reported: readonly CheckDefinition[], world = options.world) =>
    gradeExercise(submission, statuses, cache, id, reported, seed, { ...options, world });
  const assigned = new Set(options.exercises ?? kitDefaultAssignment().exercises);
  for (const { id } of EXERCISES) {
    if (!assigned.has(id)) continue;
    const reported = checks[id].filter((c) => !options.onlyChecks || options.onlyChecks.includes(c.id));
    if (!reported.length) continue;
    exercises.push(await grade(id, reported));
  }
  const explained =
    options.explain === false || options.onlyChecks || options.world
      ? exercises
      : await explainSubmission({
          submission,
          port: cache.asPort(),
          results: exercises,
          gradeIsolated: (id) => grade(id, checks[id], 'isolated'),
        });
  const plots = options.plots === false ? undefined : await collectPlotData(cache, [...assigned]);
  return {
    studentId: submission.studentId,
    seed,
    graderVersion: options.grader?.version ?? GRADER_VERSION,
    score: sum(explained.map((e) => e.score)),
    maxScore: sum(explained.map((e) => e.maxScore)),
    exercises: explained,
    isolation: port.isolation,
    contentHash: submission.contentHash,
    plots,
    executionTime: Math.round(performance.now() - started) / 1000,
  };
}

/**
 * Runs the `reported` checks of one exercise, and the checks that vouch for the exports they call
 * (grader/engine/rubric.ts), then applies the rubric: a passing check that does not vouch pays only
 * when each export it calls is vouched for.
 */
async function gradeExercise(
  submission: Submission,
  statuses: readonly ModuleStatus[],
  cache: CallCache,
  id: ExerciseId,
  reported: readonly CheckDefinition[],
  seed: number,
  options: GradeOptions,
): Promise<ExerciseResult> {
  const world = options.world;
  const inWorld = (check: CheckDefinition): CheckDefinition =>
    world
      ? { ...check, plan: (input: CheckInput) => check.plan(input).map((request) => ({ ...request, world })) }
      : check;
  const exportsOf = (check: CheckDefinition) => exportsCalled(check, inputsOf(check, inputSeed(seed, check)));
  const needed = new Set(reported.flatMap(exportsOf));
  const checks = (options.grader?.checks ?? CHECKS)[id].filter(
    (check) => reported.includes(check) || (vouches(check) && exportsOf(check).some((fn) => needed.has(fn))),
  );
  const planned = checks.map(inWorld);
  await prefetch(planned, cache, seed);
  const graded = [];
  for (const [i, check] of planned.entries()) {
    const result = await runCheck(check, cache, inputSeed(seed, check), {
      path: reported.includes(checks[i]) ? options.path : undefined,
    });
    graded.push({
      check,
      exports: exportsOf(check),
      result:
        result.status === 'fail' || result.status === 'error'
          ? { ...result, replay: replayCommand(result, seed, world) }
          : result,
    });
  }
  const results = applyRubric(graded).filter((_, i) => reported.includes(checks[i]));
  return {
    exercise: id,
    file: submission.files[id].displayPath,
    module: statuses.find((s) => s.exercise === id)!,
    score: sum(results.map((r) => r.points)),
    maxScore: sum(results.map((r) => r.maxPoints)),
    checks: results,
  };
}

/**
 * The one command line that reruns exactly this case, with `<submission>` in place of the folder
 * (`SUBMISSION_PLACEHOLDER`): a result holds no path of the grader's disk, and each report puts in
 * the folder its reader has (`replayCommandFor`).
 */
function replayCommand(result: CheckResult, runSeed: number, world: World | undefined): string {
  return replayCommandOf(result.id, runSeed, {
    path: result.path,
    world: world && world !== 'student' ? world : undefined,
  });
}

/** One batch per exercise: every call its checks will make on their planned inputs crosses the door at once. */
async function prefetch(checks: readonly CheckDefinition[], cache: CallCache, seed: number): Promise<void> {
  await cache.callMany(
    checks.flatMap((check) => inputsOf(check, inputSeed(seed, check)).flatMap((input) => check.plan(input))),
  );
}

function sum(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0);
}
