import { performance } from 'node:perf_hooks';
import { CHECKS } from '../checks';
import type { CheckDefinition } from '../checks/check';
import type { SubmissionPort } from '../door/port';
import { EXERCISES } from '../exercises';
import type { ExerciseResult, SubmissionResult } from '../results/model';
import type { Submission } from '../submission/read-submission';
import { GRADER_VERSION } from '../version';
import { collectPlotData } from './plot-data';
import { CallCache, inputsOf, runCheck } from './run-check';
import { checkSeed, DEFAULT_SEED } from './seeds';

export interface GradeOptions {
  /** The run's seed; each check derives its own from it. */
  readonly seed?: number;
  /** Only these checks (by id), for replaying one case. */
  readonly onlyChecks?: readonly string[];
  /** fast-check's replay path, with `onlyChecks` naming one check. */
  readonly path?: string;
  /** Run the student's code once more for the report's plots (default true). */
  readonly plots?: boolean;
}

/** Grades every exercise of one submission through its port: data in, data out. */
export async function gradeSubmission(submission: Submission, port: SubmissionPort, options: GradeOptions = {}): Promise<SubmissionResult> {
  const started = performance.now();
  const seed = options.seed ?? DEFAULT_SEED;
  const statuses = await port.modules();
  const cache = new CallCache(port);
  const exercises: ExerciseResult[] = [];
  for (const { id } of EXERCISES) {
    const checks = CHECKS[id].filter((c) => !options.onlyChecks || options.onlyChecks.includes(c.id));
    if (!checks.length) continue;
    await prefetch(checks, cache, seed);
    const results = [];
    for (const check of checks) results.push(await runCheck(check, cache, checkSeed(seed, check.id), { path: options.path }));
    exercises.push({
      exercise: id,
      file: submission.files[id].displayPath,
      module: statuses.find((s) => s.exercise === id)!,
      score: sum(results.map((r) => r.points)),
      maxScore: sum(results.map((r) => r.maxPoints)),
      checks: results,
    });
  }
  const plots = options.plots === false ? undefined : await collectPlotData(cache);
  return {
    studentId: submission.studentId,
    seed,
    graderVersion: GRADER_VERSION,
    score: sum(exercises.map((e) => e.score)),
    maxScore: sum(exercises.map((e) => e.maxScore)),
    exercises,
    isolation: port.isolation,
    contentHash: submission.contentHash,
    plots,
    executionTime: Math.round(performance.now() - started) / 1000,
  };
}

/** One batch per exercise: every call its checks will make on their planned inputs crosses the door at once. */
async function prefetch(checks: readonly CheckDefinition[], cache: CallCache, seed: number): Promise<void> {
  await cache.callMany(checks.flatMap((check) => inputsOf(check, checkSeed(seed, check.id)).flatMap((input) => check.plan(input))));
}

function sum(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0);
}

