import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_JOBS } from '../../grader/batch/grade-class';
import { cleanEnv, runWorker } from '../_lib/child';
import { descendants, processesWhoseCommandContains, rssBytes } from '../_lib/proc';
import {
  fixed,
  isSmoke,
  loadAverage,
  mib,
  parseFlags,
  times,
  type BenchReport,
  type BenchRow,
  emitReport,
  runIfMain,
} from '../_lib/report';
import { linearFit } from '../_lib/stats';
import { generateSubmissions, countByKind } from '../grade-throughput/generate-submissions';
import type { GradeRunResult, GradeRunSpec } from '../grade-throughput/grade-run';
import { GRADE_RUN } from '../grade-throughput/run-throughput';
import { timePerSubmissionProcess } from './per-submission-process';

const SAMPLE_EVERY_MS = 500;

export interface ScaleOptions {
  readonly count: number;
  readonly seed: number;
  readonly jobs: number;
  /** Report time per this many submissions (500), memory per `memoryBucket` (1,000). */
  readonly timeBucket: number;
  readonly memoryBucket: number;
  /** Submissions also graded one process each, as Gradescope's run_autograder does. */
  readonly perProcessRuns: number;
}

interface Sample {
  readonly ms: number;
  readonly done: number;
  readonly graderRss: number;
  /** Sandbox children alive at that moment, and their RSS together. */
  readonly children: number;
  readonly childrenRss: number;
}

/**
 * One gradeClass run over `count` generated submissions as `npm run grade -- --no-reports` does it, in its
 * own process: the grader's RSS sampled from outside every 500 ms, and after the run the sandbox
 * processes left, counted by the pool and in /proc (each run gets its own TMPDIR, so its sandbox
 * runner path, which every child's command line names, is unique to it).
 */
export async function runScale(options: ScaleOptions): Promise<BenchReport> {
  const before = loadAverage();
  const work = mkdtempSync(join(tmpdir(), 'gd-bench-scale-'));
  // Its own TMPDIR, where the pool writes the runner file; the children's uids must be able to reach it.
  chmodSync(work, 0o755);
  const privateTmp = join(work, 'tmp');
  mkdirSync(privateTmp);
  chmodSync(privateTmp, 0o755);
  try {
    const submissionsDir = join(work, 'submissions');
    const generateStart = performance.now();
    const made = generateSubmissions(submissionsDir, options.count, options.seed);
    const generateMs = performance.now() - generateStart;

    const samples: Sample[] = [];
    let done = 0;
    let graderPid: number | undefined;
    const started = performance.now();
    const sample = () => {
      if (graderPid === undefined) return;
      const graderRss = rssBytes(graderPid);
      if (graderRss === undefined) return;
      const children = descendants(graderPid);
      const childrenRss = children.reduce((s, pid) => s + (rssBytes(pid) ?? 0), 0);
      samples.push({
        ms: Math.round(performance.now() - started),
        done,
        graderRss,
        children: children.length,
        childrenRss,
      });
    };
    const sampler = setInterval(sample, SAMPLE_EVERY_MS);
    const spec: GradeRunSpec = {
      submissionsDir,
      outDir: join(work, 'out'),
      jobs: options.jobs,
      reports: false,
      progressEvery: Math.max(1, Math.floor(options.count / 200)),
    };
    let result: GradeRunResult & { processWallMs: number };
    try {
      result = await runWorker<GradeRunResult>(GRADE_RUN, [JSON.stringify(spec)], {
        env: cleanEnv({ TMPDIR: privateTmp }),
        onStart: (pid) => (graderPid = pid),
        onLine: (line) => {
          try {
            const message = JSON.parse(line) as { t?: string; done?: number };
            if (message.t === 'progress' && typeof message.done === 'number') done = message.done;
          } catch {
            // Not a progress line.
          }
        },
      });
    } finally {
      clearInterval(sampler);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const leftInProc = processesWhoseCommandContains(privateTmp);
    // The other way to run a course: one grading process per submission (a Gradescope container's command).
    const perProcess = await timePerSubmissionProcess(
      submissionsDir,
      made.slice(0, options.perProcessRuns).map((s) => s.id),
    );

    // Time per bucket of `timeBucket` submissions, in the order they finished.
    const at = result.doneAtMs;
    const buckets: { upTo: number; seconds: number; perSecond: number }[] = [];
    for (let end = options.timeBucket; end <= at.length; end += options.timeBucket) {
      const seconds = (at[end - 1] - (end === options.timeBucket ? 0 : at[end - options.timeBucket - 1])) / 1000;
      buckets.push({ upTo: end, seconds: Math.round(seconds * 10) / 10, perSecond: options.timeBucket / seconds });
    }
    const fit = linearFit(
      at.map((_, i) => i + 1),
      at.map((ms) => ms / 1000),
    );
    const memory: { upTo: number; peakGraderRss: number; peakChildrenRss: number; maxChildren: number }[] = [];
    for (let start = 0; start < options.count; start += options.memoryBucket) {
      const inBucket = samples.filter((s) => s.done >= start && s.done < start + options.memoryBucket);
      if (!inBucket.length) continue;
      memory.push({
        upTo: Math.min(options.count, start + options.memoryBucket),
        peakGraderRss: Math.max(...inBucket.map((s) => s.graderRss)),
        peakChildrenRss: Math.max(...inBucket.map((s) => s.childrenRss)),
        maxChildren: Math.max(...inBucket.map((s) => s.children)),
      });
    }
    const peakRss = Math.max(0, ...samples.map((s) => s.graderRss));
    const first = buckets[0]?.perSecond ?? Number.NaN;
    const last = buckets.at(-1)?.perSecond ?? Number.NaN;
    const memoryGrowth = memory.length >= 2 ? memory.at(-1)!.peakGraderRss / memory[0].peakGraderRss : Number.NaN;
    const left =
      result.sandbox.liveChildrenAfterClose +
      result.sandbox.childPidsAfterClose.length +
      result.sandbox.procDescendantsAfterClose.length +
      leftInProc.length;
    const rows: BenchRow[] = [
      {
        name: `scale: npm run grade -- --no-reports over N=${options.count} (jobs ${options.jobs})`,
        measured: `${fixed(result.submissionsPerSecond, 2)} subs/s, ${result.graded}/${result.students} graded`,
        baseline: '',
        ratio: '',
        target: 'every student graded',
        met: result.graded === result.students && result.failures.length === 0,
      },
      {
        name: `scale: rate in the last ${options.timeBucket} vs the first ${options.timeBucket}`,
        measured: `${fixed(last, 2)} subs/s`,
        baseline: `${fixed(first, 2)} subs/s`,
        ratio: times(last / first, 2),
        target: '≥ 0.8× (linear)',
        met: last / first >= 0.8,
      },
      {
        name: 'scale: linear fit of finish time against submissions',
        measured: `${fixed(fit.slope * 1000, 0)} ms/sub, R² ${fixed(fit.r2, 4)}`,
        baseline: '',
        ratio: '',
        target: 'R² ≥ 0.99',
        met: fit.r2 >= 0.99,
      },
      {
        name: `scale: grader peak RSS, last ${options.memoryBucket} vs first ${options.memoryBucket}`,
        measured: mib(memory.at(-1)?.peakGraderRss ?? Number.NaN),
        baseline: mib(memory[0]?.peakGraderRss ?? Number.NaN),
        ratio: times(memoryGrowth, 2),
        target: '≤ 1.2× (flat)',
        met: Number.isFinite(memoryGrowth) ? memoryGrowth <= 1.2 : undefined,
      },
      {
        name: 'scale: sandbox processes left after the run (pool + /proc)',
        measured: String(left),
        baseline: '',
        ratio: '',
        target: '0',
        met: left === 0,
      },
      {
        name: 'scale: one process per submission (gradescope run), against the batch',
        measured:
          perProcess.skipped && !perProcess.runs
            ? 'n/a'
            : `${fixed(perProcess.medianMs / 1000, 2)} s/sub (median of ${perProcess.runs})`,
        baseline: `${fixed(1 / result.submissionsPerSecond, 2)} s/sub in the batch`,
        ratio: times(perProcess.medianMs / 1000 / (1 / result.submissionsPerSecond)),
        target: '',
        met: undefined,
        note: perProcess.skipped,
      },
    ];
    return {
      bench: 'scale',
      rows,
      details: {
        options,
        mix: countByKind(made),
        generateMs: Math.round(generateMs),
        submissionsPerSecond: result.submissionsPerSecond,
        startupMs: result.startupMs,
        gradeMs: result.gradeMs,
        processWallMs: Math.round(result.processWallMs),
        peakRssBytes: peakRss,
        internalPeakRssBytes: result.peakRssBytes,
        buckets,
        fit,
        memory,
        samples: samples.length,
        childrenStarted: result.sandbox.childrenStarted,
        restarts: result.sandbox.restarts,
        left: {
          poolLive: result.sandbox.liveChildrenAfterClose,
          poolPids: result.sandbox.childPidsAfterClose,
          procDescendants: result.sandbox.procDescendantsAfterClose,
          procByRunnerPath: leftInProc,
        },
        allLayersOn: result.allLayersOn,
        fullMarks: result.fullMarks,
        failures: result.failures.length,
        perProcess,
        cpu: result.cpu,
        door: result.door,
      },
      load: { before, after: loadAverage() },
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function main(argv: readonly string[]): Promise<BenchReport> {
  const { flags, positional } = parseFlags(argv);
  const smoke = isSmoke(flags);
  const count = Number(flags.get('n') ?? positional[0] ?? (smoke ? 20 : 5000));
  const report = await runScale({
    count,
    seed: Number(flags.get('seed') ?? 2),
    jobs: Number(flags.get('jobs') ?? DEFAULT_JOBS),
    timeBucket: Number(flags.get('time-bucket') ?? (smoke ? 5 : 500)),
    memoryBucket: Number(flags.get('memory-bucket') ?? (smoke ? 10 : 1000)),
    perProcessRuns: Number(flags.get('per-process') ?? (smoke ? 1 : 5)),
  });
  return emitReport(report, flags);
}

runIfMain(module, main);
