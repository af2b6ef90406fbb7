import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_JOBS } from '../../grader/batch/grade-class';
import { runWorker } from '../_lib/child';
import {
  fixed,
  isSmoke,
  loadAverage,
  parseFlags,
  times,
  type BenchReport,
  type BenchRow,
  emitReport,
  runIfMain,
} from '../_lib/report';
import { linearFit, median } from '../_lib/stats';
import { KIT_ROOT } from '../../grader/data/paths';
import { prepareClassroom, runClassroom, type ClassroomRun } from './classroom-baseline';
import { countByKind, generateSubmissions } from './generate-submissions';
import type { GradeRunResult, GradeRunSpec } from './grade-run';

export const GRADE_RUN = join(__dirname, 'grade-run.ts');
/** The assignment with exercises 07–11, graded beside the default six in the same run. */
const BEYOND_THE_SEEDS = join(KIT_ROOT, 'assignments', 'beyond-the-seeds.json');
const TARGET_RATIO = 10;

export interface ThroughputOptions {
  readonly count: number;
  readonly seed: number;
  /** gradeClass runs per variant; the median is quoted. */
  readonly repeats: number;
  /** Our submissions at once: `npm run grade`'s default (one per core, plus one) unless --jobs says otherwise. */
  readonly jobs: number;
  /** `npm test` runs at once: one per core, as a runner with this many cores would. */
  readonly baselineJobs: number;
  /** Submissions graded by the classroom baseline (the first so many): all of them unless the run is a smoke test. */
  readonly baselineCount: number;
  /** Also time the single-test-file starter. */
  readonly singleFile: boolean;
}

/**
 * N generated submissions graded by gradeClass as `npm run grade` does (sandboxed, a fresh child
 * each, its default jobs), with reports and without (`--no-reports`), against one warm `npm test`
 * per submission, one per core at a time, in one run.
 */
export async function runThroughput(options: ThroughputOptions): Promise<BenchReport> {
  const before = loadAverage();
  const work = mkdtempSync(join(tmpdir(), 'gd-bench-throughput-'));
  try {
    const submissionsDir = join(work, 'submissions');
    const made = generateSubmissions(submissionsDir, options.count, options.seed);
    const ids = made.map((s) => s.id);
    const baselineIds = ids.slice(0, options.baselineCount);
    const perExercise = prepareClassroom(submissionsDir, baselineIds, join(work, 'classroom'), 'per-exercise');
    const singleFile = options.singleFile
      ? prepareClassroom(submissionsDir, baselineIds, join(work, 'classroom-single'), 'single-file')
      : [];

    const ours = { off: [] as GradeRunResult[], on: [] as GradeRunResult[] };
    const beyond = { off: [] as GradeRunResult[], on: [] as GradeRunResult[] };
    const grade = (reports: boolean, round: number, assignment?: string) => {
      const spec: GradeRunSpec = {
        submissionsDir,
        outDir: join(work, `out-${reports ? 'reports' : 'results'}-${assignment ? 'beyond' : 'seeds'}-${round}`),
        jobs: options.jobs,
        reports,
        assignment,
      };
      return runWorker<GradeRunResult>(GRADE_RUN, [JSON.stringify(spec)]);
    };
    let classroom: ClassroomRun | undefined;
    let classroomSingle: ClassroomRun | undefined;
    for (let round = 0; round < options.repeats; round++) {
      ours.off.push(await grade(false, round));
      beyond.off.push(await grade(false, round, BEYOND_THE_SEEDS));
      ours.on.push(await grade(true, round));
      beyond.on.push(await grade(true, round, BEYOND_THE_SEEDS));
      if (round === 0) {
        classroom = await runClassroom(perExercise, 'per-exercise', options.baselineJobs);
        if (options.singleFile) classroomSingle = await runClassroom(singleFile, 'single-file', options.baselineJobs);
      }
    }
    const summarise = (runs: GradeRunResult[]) => ({
      submissionsPerSecond: median(runs.map((r) => r.submissionsPerSecond)),
      range: [
        Math.min(...runs.map((r) => r.submissionsPerSecond)),
        Math.max(...runs.map((r) => r.submissionsPerSecond)),
      ],
      withStartup: median(runs.map((r) => r.students / ((r.startupMs + r.gradeMs + r.summaryMs) / 1000))),
      startupMs: median(runs.map((r) => r.startupMs)),
      gradeMs: median(runs.map((r) => r.gradeMs)),
      summaryMs: median(runs.map((r) => r.summaryMs)),
      parentCpuMsPerSubmission: median(runs.map((r) => r.cpu.parentMs / r.students)),
      childCpuMsPerSubmission: median(runs.map((r) => r.cpu.childrenMs / r.students)),
      doorCallsPerSubmission: median(runs.map((r) => r.door.calls / r.students)),
      peakRssBytes: Math.max(...runs.map((r) => r.peakRssBytes)),
      fullMarks: runs[0].fullMarks,
      meanScore: runs[0].meanScore,
      failures: runs[0].failures,
      allLayersOn: runs.every((r) => r.allLayersOn),
      isolation: runs[0].isolation,
      childrenStarted: runs.map((r) => r.sandbox.childrenStarted),
      leftAfterClose: runs.map((r) => r.sandbox.liveChildrenAfterClose + r.sandbox.procDescendantsAfterClose.length),
    });
    const off = summarise(ours.off);
    const on = summarise(ours.on);
    const beyondOff = summarise(beyond.off);
    const beyondOn = summarise(beyond.on);
    const beyondRow = (name: string, nine: number, six: number, runs: GradeRunResult[]): BenchRow => {
      const fit = linearFit(
        runs[0].doneAtMs.map((_, i) => i + 1),
        runs[0].doneAtMs,
      );
      return {
        name,
        measured: `${fixed(nine, 2)} subs/s, finish times linear in the student (R² ${fixed(fit.r2, 4)})`,
        baseline: `${fixed(six, 2)} subs/s (assignments/seeds.json, 01–06, same run)`,
        ratio: times(nine / six),
        target: 'linear (R² ≥ 0.99)',
        met: fit.r2 >= 0.99,
      };
    };
    const base = classroom!;
    const single = classroomSingle;
    const layers = off.allLayersOn && on.allLayersOn ? 'all 7 isolation layers on' : 'SOME ISOLATION LAYERS OFF';
    const row = (name: string, ourRate: number, baseline: ClassroomRun, label: string): BenchRow => ({
      name,
      measured: `${fixed(ourRate, 2)} subs/s`,
      baseline: `${fixed(baseline.submissionsPerSecond, 2)} subs/s (${label})`,
      ratio: times(ourRate / baseline.submissionsPerSecond),
      target: `≥ ${TARGET_RATIO}×`,
      met: ourRate / baseline.submissionsPerSecond >= TARGET_RATIO,
    });
    const rows: BenchRow[] = [
      row(
        `grade-throughput: npm run grade -- --no-reports (N=${options.count}, jobs ${options.jobs}, ${layers})`,
        off.submissionsPerSecond,
        base,
        `npm test per submission, ${options.baselineJobs} at a time`,
      ),
      row(
        `grade-throughput: npm run grade, with reports (writeStudentReport + summary)`,
        on.submissionsPerSecond,
        base,
        `npm test per submission, ${options.baselineJobs} at a time`,
      ),
      beyondRow(
        `grade-throughput: 01–11 (assignments/beyond-the-seeds.json), --no-reports, against 01–06`,
        beyondOff.submissionsPerSecond,
        off.submissionsPerSecond,
        beyond.off,
      ),
      beyondRow(
        `grade-throughput: 01–11 (assignments/beyond-the-seeds.json), with reports, against 01–06`,
        beyondOn.submissionsPerSecond,
        on.submissionsPerSecond,
        beyond.on,
      ),
      ...(single
        ? [
            row(
              `grade-throughput: npm run grade -- --no-reports, vs single-test-file npm test`,
              off.submissionsPerSecond,
              single,
              'one test file per repo',
            ),
          ]
        : []),
    ];
    const details = {
      options,
      mix: countByKind(made),
      layouts: { handoutCheckout: made.filter((s) => s.layout === 'handout-checkout').length },
      resultsOnly: off,
      withReports: on,
      beyondTheSeeds: { resultsOnly: beyondOff, withReports: beyondOn },
      runs: {
        resultsOnly: ours.off.map(strip),
        withReports: ours.on.map(strip),
        beyondResultsOnly: beyond.off.map(strip),
        beyondWithReports: beyond.on.map(strip),
      },
      classroom: base,
      classroomSingleFile: single,
    };
    return { bench: 'grade-throughput', rows, details, load: { before, after: loadAverage() } };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function strip(run: GradeRunResult & { processWallMs?: number }) {
  const { doneAtMs, spec, ...rest } = run;
  return { ...rest, reports: spec.reports, firstDoneMs: doneAtMs[0] };
}

export async function main(argv: readonly string[]): Promise<BenchReport> {
  const { flags } = parseFlags(argv);
  const smoke = isSmoke(flags);
  const report = await runThroughput({
    count: Number(flags.get('n') ?? (smoke ? 6 : 200)),
    seed: Number(flags.get('seed') ?? 1),
    repeats: Number(flags.get('repeats') ?? (smoke ? 1 : 3)),
    jobs: Number(flags.get('jobs') ?? DEFAULT_JOBS),
    baselineJobs: Number(flags.get('baseline-jobs') ?? availableParallelism()),
    baselineCount: Number(flags.get('baseline-n') ?? (smoke ? 2 : Number.POSITIVE_INFINITY)),
    singleFile: !smoke,
  });
  return emitReport(report, flags);
}

runIfMain(module, main);
