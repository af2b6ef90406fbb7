import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { gradeClass } from '../../grader/batch/grade-class';
import { readAssignment } from '../../grader/assignment/read-assignment';
import { SOLUTIONS_DIR } from '../../grader/data/paths';
import type { SubmissionPort } from '../../grader/shipped/door/port';
import { writeClassSummary, writeStudentReport } from '../../grader/report';
import { SandboxPool } from '../../grader/sandbox';
import { readSubmission } from '../../grader/shipped/submission/read-submission';
import { PhaseTimer, type PhaseTotal } from '../_lib/phase-timer';
import { cpuTimes, descendants, rssBytes } from '../_lib/proc';
import { median } from '../_lib/stats';

/**
 * One `gradeClass` run in its own process, as `npm run grade` does it: every isolation layer the
 * machine offers, a fresh sandbox child per submission, `jobs` submissions at once. Run by the
 * throughput, scale and profile benchmarks:
 *   node -r ts-node/register bench/grade-throughput/grade-run.ts '<GradeRunSpec as JSON>' <result.json>
 */
export interface GradeRunSpec {
  readonly submissionsDir: string;
  readonly outDir: string;
  readonly jobs: number;
  /** true: as `npm run grade` (plots collected, writeStudentReport, class summary); false: as `npm run grade -- --no-reports` (results.json, grading.json, class summary). */
  readonly reports: boolean;
  readonly seed?: number;
  /** Print `{"t":"progress","done":n,"ms":…}` on stdout every so many students. */
  readonly progressEvery?: number;
  /** Time the grader's phases by wrapping its exported functions (meaningful with jobs = 1). */
  readonly phases?: boolean;
  /** The assignment file graded (default: the kit's default, assignments/seeds.json). */
  readonly assignment?: string;
}

export interface GradeRunResult {
  readonly spec: GradeRunSpec;
  readonly students: number;
  readonly graded: number;
  readonly failures: readonly string[];
  readonly meanScore: number;
  readonly fullMarks: number;
  /** Node start, ts-node and the grader's modules loaded: before the first student. */
  readonly startupMs: number;
  readonly gradeMs: number;
  readonly summaryMs: number;
  readonly submissionsPerSecond: number;
  /** Elapsed ms (from the start of gradeClass) when each student was done, in order of completion. */
  readonly doneAtMs: readonly number[];
  readonly isolation: readonly { name: string; active: boolean }[];
  readonly allLayersOn: boolean;
  readonly sandbox: {
    readonly ports: number;
    readonly childrenStarted: number;
    readonly restarts: number;
    readonly childStartupMsMedian: number;
    readonly liveChildrenAfterClose: number;
    readonly childPidsAfterClose: readonly number[];
    readonly procDescendantsAfterClose: readonly number[];
  };
  readonly door: {
    readonly calls: number;
    readonly batches: number;
    readonly ms: number;
    readonly firstAnswerMs: number;
  };
  readonly cpu: { readonly parentMs: number; readonly childrenMs: number };
  readonly peakRssBytes: number;
  readonly phases?: Record<string, PhaseTotal>;
}

export async function gradeRun(spec: GradeRunSpec): Promise<GradeRunResult> {
  const startupMs = process.uptime() * 1000;
  const timer = new PhaseTimer();
  if (spec.phases) instrument(timer);
  let peakRssBytes = 0;
  const sampler = setInterval(() => (peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss)), 500);

  const started = performance.now();
  const pool = new SandboxPool();
  const reference = readSubmission(SOLUTIONS_DIR, 'reference');
  const door = { calls: 0, batches: 0, ms: 0, firstAnswerMs: 0 };
  const sandbox = { ports: 0, childrenStarted: 0, restarts: 0, startupMs: [] as number[] };
  const doneAtMs: number[] = [];

  const openPort = async (submission: Parameters<SandboxPool['open']>[0]): Promise<SubmissionPort> => {
    const port = pool.open(submission, reference);
    const opened = performance.now();
    sandbox.ports++;
    let firstAnswer = true;
    return {
      isolation: port.isolation,
      modules: () => {
        const statuses = port.modules().then((answer) => {
          if (firstAnswer) door.firstAnswerMs += performance.now() - opened;
          firstAnswer = false;
          return answer;
        });
        return firstAnswer && spec.phases
          ? timer.time('sandbox: child ready, sources sent, imports run', () => statuses)
          : statuses;
      },
      callMany: async (requests) => {
        const start = performance.now();
        try {
          return await port.callMany(requests);
        } finally {
          const ms = performance.now() - start;
          door.ms += ms;
          door.calls += requests.length;
          if (spec.phases) timer.doorCalls(requests.length, ms);
          door.batches++;
        }
      },
      close: async () => {
        await (spec.phases ? timer.time('sandbox: kill and reap the child', () => port.close()) : port.close());
        const diagnostics = port.diagnostics();
        sandbox.childrenStarted += diagnostics.children;
        sandbox.restarts += diagnostics.restarts;
        sandbox.startupMs.push(...diagnostics.startupMs);
      },
    };
  };

  const writeReports = (...[result, dir, submission]: Parameters<typeof writeStudentReport>) =>
    timer.time('report: render and write (writeStudentReport)', () => writeStudentReport(result, dir, submission));
  const run = await gradeClass({
    submissionsDir: spec.submissionsDir,
    outDir: spec.outDir,
    seed: spec.seed,
    jobs: spec.jobs,
    fresh: true,
    openPort,
    assignment: readAssignment(spec.assignment),
    gradeOptions: { plots: spec.reports },
    writeReports: spec.reports ? writeReports : undefined,
    onStudentDone: ({ done }) => {
      const ms = performance.now() - started;
      doneAtMs.push(Math.round(ms));
      if (spec.progressEvery && done % spec.progressEvery === 0)
        process.stdout.write(
          `${JSON.stringify({ t: 'progress', done, ms: Math.round(ms), rss: rssBytes(process.pid) })}\n`,
        );
    },
  });
  const gradeMs = performance.now() - started;
  const summaryStart = performance.now();
  await writeClassSummary(run.results, spec.outDir, { failures: run.failures });
  const summaryMs = performance.now() - summaryStart;

  await pool.close();
  clearInterval(sampler);
  const cpu = cpuTimes('self');
  const graded = run.results.length;
  return {
    spec,
    students: run.total,
    graded,
    failures: run.failures.map((f) => f.message),
    meanScore: graded ? run.results.reduce((s, r) => s + r.score, 0) / graded : 0,
    fullMarks: run.results.filter((r) => r.score === r.maxScore).length,
    startupMs: Math.round(startupMs),
    gradeMs: Math.round(gradeMs),
    summaryMs: Math.round(summaryMs),
    submissionsPerSecond: run.total / ((gradeMs + summaryMs) / 1000),
    doneAtMs,
    isolation: pool.isolation.map(({ name, active }) => ({ name, active })),
    allLayersOn: pool.isolation.every((layer) => layer.active),
    sandbox: {
      ports: sandbox.ports,
      childrenStarted: sandbox.childrenStarted,
      restarts: sandbox.restarts,
      childStartupMsMedian: median(sandbox.startupMs),
      liveChildrenAfterClose: pool.liveChildren(),
      childPidsAfterClose: pool.childPids(),
      procDescendantsAfterClose: descendants(process.pid),
    },
    door: {
      calls: door.calls,
      batches: door.batches,
      ms: Math.round(door.ms),
      firstAnswerMs: Math.round(door.firstAnswerMs),
    },
    cpu: { parentMs: cpu.userMs + cpu.systemMs, childrenMs: cpu.childrenUserMs + cpu.childrenSystemMs },
    peakRssBytes: Math.max(peakRssBytes, process.memoryUsage().rss),
    phases: spec.phases ? timer.snapshot() : undefined,
  };
}

/** Wraps the grader's phases (see PhaseTimer.wrapExport); nested phases are subtracted by the profile's report. */
function instrument(timer: PhaseTimer): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const load = (path: string) => require(path) as Record<string, unknown>;
  timer.wrapExport(
    load('../../grader/shipped/submission/read-submission'),
    'readSubmission',
    'read and transpile the submission',
  );
  timer.wrapExport(load('../../grader/engine/grade-submission'), 'gradeSubmission', 'gradeSubmission (all of it)');
  timer.wrapExport(
    load('../../grader/shipped/checks/run-check'),
    'inputsOf',
    'fast-check: sampling inputs (memoised per process)',
  );
  timer.wrapExport(
    load('../../grader/shipped/checks/run-check'),
    'runCheck',
    'checks: judging',
    (result: { status: string; counterexample?: unknown; path?: string }, args) => {
      const check = args[0] as { visibility: string; examples?: unknown };
      return check.visibility === 'public' && !check.examples && result.status === 'fail' && result.counterexample
        ? 'checks: shrinking a failure'
        : 'checks: judging';
    },
  );
  timer.wrapExport(
    load('../../grader/diagnosis'),
    'explainSubmission',
    'explain (diagnosis, isolation regrading, observations)',
  );
  timer.wrapExport(
    load('../../grader/diagnosis/diagnose'),
    'diagnoseExercise',
    'diagnosis: naming the mistake (probes)',
  );
  timer.wrapExport(
    load('../../grader/diagnosis/own-cost-consistency'),
    'checkAgainstOwnCost',
    'diagnosis: against own cost',
  );
  timer.wrapExport(
    load('../../grader/diagnosis/learning-rate-feedback'),
    'learningRateObservations',
    'diagnosis: learning-rate advice',
  );
  timer.wrapExport(load('../../grader/engine/plot-data'), 'collectPlotData', 'plots: the student runs behind them');
  timer.wrapExport(load('../../grader/report/_render-plots'), 'renderPlots', 'report: vega plots to SVG');
  timer.wrapExport(load('../../grader/report/_templates'), 'renderTemplate', 'report: handlebars templates');
  timer.wrapExport(load('../../grader/report/_junit'), 'junitXml', 'report: junit.xml');
  timer.wrapExport(load('../../grader/gradescope/results-json'), 'toGradescope', 'results.json: toGradescope');
  timer.wrapExport(load('../../grader/shipped/output/atomic-write'), 'writeFileAtomic', 'atomic file writes');
}

if (require.main === module) {
  const [specJson, resultPath] = process.argv.slice(2);
  const spec = JSON.parse(specJson.startsWith('{') ? specJson : readFileSync(specJson, 'utf8')) as GradeRunSpec;
  gradeRun(spec).then(
    (result) => {
      writeFileSync(resultPath, `${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(
        `bench: grade run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
