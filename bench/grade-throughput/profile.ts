import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SOLUTIONS_DIR } from '../../grader/data/paths';
import type { CallRequest } from '../../grader/shipped/door/port';
import { SandboxPool } from '../../grader/sandbox';
import { readSubmission } from '../../grader/shipped/submission/read-submission';
import { runWorker } from '../_lib/child';
import { categorise, type Classifier } from '../_lib/cpu-profile';
import type { PhaseTotal } from '../_lib/phase-timer';
import { cpuTimes } from '../_lib/proc';
import {
  fixed,
  isSmoke,
  loadAverage,
  parseFlags,
  type BenchReport,
  type BenchRow,
  emitReport,
  runIfMain,
} from '../_lib/report';
import { generateSubmissions } from './generate-submissions';
import type { GradeRunResult } from './grade-run';
import { GRADE_RUN } from './run-throughput';

/** Where the parent's CPU goes, by what the sampled stack was doing (first rule that matches). */
const has = (fragment: string) => (stack: readonly { url: string }[]) => stack.some((f) => f.url.includes(fragment));
const leaf = (name: string) => (stack: readonly { functionName: string }[]) => stack[0]?.functionName === name;
const RULES: readonly Classifier[] = [
  (s) => (leaf('(idle)')(s) ? 'idle: waiting for a sandbox child or the disk' : undefined),
  (s) => (leaf('(garbage collector)')(s) ? 'garbage collection' : undefined),
  (s) =>
    has('/node_modules/ts-node/')(s) ? 'loading modules (ts-node compiling the grader, vega loaded lazily)' : undefined,
  (s) =>
    has('/grader/report/')(s) || has('/node_modules/vega')(s) || has('/node_modules/handlebars/')(s)
      ? 'report rendering (vega plots, handlebars)'
      : undefined,
  (s) => (has('/grader/submission/')(s) ? 'reading and transpiling submissions (TypeScript)' : undefined),
  (s) => (has('/node_modules/fast-check/')(s) ? 'fast-check (sampling inputs, shrinking)' : undefined),
  (s) => (has('/grader/diagnosis/')(s) ? 'diagnosis (probes, catalogue answers, observations)' : undefined),
  (s) =>
    has('/grader/sandbox/')(s) || has('/grader/door/')(s) || has('/grader/wire/')(s)
      ? 'door, parent side (encode calls, parse and validate answers)'
      : undefined,
  (s) =>
    has('/grader/checks/')(s) || has('/grader/engine/')(s) || has('/solutions/')(s)
      ? 'checks: judging answers against the reference'
      : undefined,
  (s) =>
    has('/grader/batch/')(s) || has('/grader/results/')(s) || has('/grader/output/')(s)
      ? 'results.json, grading.json, journal'
      : undefined,
  (s) => (leaf('(program)')(s) ? 'V8 and native code outside JavaScript (program)' : undefined),
  (s) => (s.some((f) => f.url.startsWith('node:')) ? 'Node internals (child processes, pipes, fs, timers)' : undefined),
];

/** The wall-time breakdown's groups, from a phase path (see grade-run's instrument()). */
function groupOf(path: string): string {
  const last = path.split(' > ').at(-1)!;
  const inExplain = path.includes('explain (');
  if (last.startsWith('checks: shrinking')) return 'shrinking failures (fast-check, one door batch per candidate)';
  if (last.startsWith('fast-check')) return 'fast-check: sampling inputs';
  if (last.startsWith('checks: judging') || last.startsWith('gradeSubmission'))
    return inExplain
      ? 'isolation regrading (checks again with the reference beneath)'
      : 'grading the checks (prefetch batches, judging)';
  if (last.startsWith('explain (')) return 'isolation regrading (checks again with the reference beneath)';
  if (last.startsWith('diagnosis: naming')) return 'diagnosis: naming the mistake (probes)';
  if (last.startsWith('diagnosis: against own cost')) return 'diagnosis: gradient against own cost';
  if (last.startsWith('diagnosis: learning-rate')) return 'diagnosis: learning-rate advice (2 descents on data.csv)';
  if (last.startsWith('read and transpile')) return 'reading and transpiling the submission';
  if (last.startsWith('sandbox: child ready')) return 'sandbox: waiting for the child, sending sources, imports';
  if (last.startsWith('sandbox: kill')) return 'sandbox: killing and reaping the child';
  if (last.startsWith('plots:')) return 'plots: the student runs behind them (door)';
  if (last.startsWith('report: vega')) return 'report: vega plots to SVG';
  if (last.startsWith('report: handlebars')) return 'report: handlebars templates';
  if (last.startsWith('report: junit')) return 'report: junit.xml';
  if (last.startsWith('report: render')) return 'report: view models and file writes';
  if (last.startsWith('atomic file writes') || last.startsWith('results'))
    return path.includes('report: ') ? 'report: view models and file writes' : 'results.json and grading.json';
  return last;
}

export interface Breakdown {
  readonly group: string;
  readonly msPerSubmission: number;
  readonly share: number;
  readonly doorCallsPerSubmission: number;
  readonly doorMsPerSubmission: number;
}

function breakdown(phases: Record<string, PhaseTotal>, run: GradeRunResult): Breakdown[] {
  const n = run.students;
  const groups = new Map<string, { ms: number; calls: number; doorMs: number }>();
  const add = (group: string, ms: number, calls: number, doorMs: number) => {
    const g = groups.get(group) ?? { ms: 0, calls: 0, doorMs: 0 };
    groups.set(group, { ms: g.ms + ms, calls: g.calls + calls, doorMs: g.doorMs + doorMs });
  };
  let topLevel = 0;
  for (const [path, total] of Object.entries(phases)) {
    if (path === '(no phase)') continue;
    add(groupOf(path), total.selfMs, total.doorCalls, total.doorMs);
    if (!path.includes(' > ')) topLevel += total.ms;
  }
  add('gradeClass itself (scheduling, mkdir, journal, JSON.stringify)', Math.max(0, run.gradeMs - topLevel), 0, 0);
  add('class summary (summary.html/md, gradebook.csv)', run.summaryMs, 0, 0);
  const wall = run.gradeMs + run.summaryMs;
  return [...groups]
    .map(([group, g]) => ({
      group,
      msPerSubmission: g.ms / n,
      share: g.ms / wall,
      doorCallsPerSubmission: g.calls / n,
      doorMsPerSubmission: g.doorMs / n,
    }))
    .sort((a, b) => b.msPerSubmission - a.msPerSubmission);
}

/** What a sandbox child costs on its own: start, sources, imports and exit; and the door's bare call rate. */
async function childCosts(cycles: number, calls: number) {
  const pool = new SandboxPool();
  const reference = readSubmission(SOLUTIONS_DIR, 'reference');
  const before = cpuTimes('self');
  const start = performance.now();
  for (let i = 0; i < cycles; i++) {
    const port = pool.open(reference, reference);
    await port.modules();
    await port.close();
  }
  const cycleWall = (performance.now() - start) / cycles;
  const middle = cpuTimes('self');
  const points = Array.from({ length: 10 }, (_, i) => ({ x: i / 4, y: i / 8 }));
  const requests: CallRequest[] = Array.from({ length: calls }, (_, i) => ({
    exercise: '01-cost',
    fn: 'computeCost',
    args: [points, { m: i / 8, b: 1 }],
  }));
  const port = pool.open(reference, reference);
  await port.modules();
  const callStart = performance.now();
  await port.callMany(requests);
  const callWall = performance.now() - callStart;
  await port.close();
  await pool.close();
  const after = cpuTimes('self');
  const child = (a: typeof before, b: typeof before) =>
    b.childrenUserMs + b.childrenSystemMs - (a.childrenUserMs + a.childrenSystemMs);
  const parent = (a: typeof before, b: typeof before) => b.userMs + b.systemMs - (a.userMs + a.systemMs);
  return {
    cycles,
    wallMsPerChild: cycleWall,
    childCpuMsPerChild: child(before, middle) / cycles,
    /** The grader's side of a cycle: spawning (a fork of the grader), sending the sources, reading the answers, reaping. */
    parentCpuMsPerChild: parent(before, middle) / cycles,
    bareCalls: calls,
    bareCallsPerSecond: calls / (callWall / 1000),
    childCpuMsForBareCalls: child(middle, after) - child(before, middle) / cycles,
  };
}

export async function runProfile(count: number, seed: number, cycles: number): Promise<BenchReport> {
  const before = loadAverage();
  const work = mkdtempSync(join(tmpdir(), 'gd-bench-profile-'));
  try {
    const submissionsDir = join(work, 'submissions');
    generateSubmissions(submissionsDir, count, seed);
    const profileDir = join(work, 'cpu-profile');
    const run = await runWorker<GradeRunResult>(
      GRADE_RUN,
      [JSON.stringify({ submissionsDir, outDir: join(work, 'out'), jobs: 1, reports: true, phases: true })],
      {
        nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
      },
    );
    const profiles = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
    const cpu = profiles.length ? categorise(join(profileDir, profiles[0]), RULES) : { totalMs: 0, byCategory: {} };
    const child = await childCosts(cycles, cycles * 100);
    const parts = breakdown(run.phases ?? {}, run);
    const n = run.students;
    const childCpuPerSubmission = run.cpu.childrenMs / n;
    const startupShare = child.childCpuMsPerChild / childCpuPerSubmission;
    const startupCpuMs = child.childCpuMsPerChild + child.parentCpuMsPerChild;
    const cores = availableParallelism();
    const rows: BenchRow[] = [
      {
        name: `profile (jobs 1, reports on, N=${n}): wall per submission`,
        measured: `${fixed((run.gradeMs + run.summaryMs) / n, 0)} ms`,
        baseline: '',
        ratio: '',
        target: '',
        met: undefined,
      },
      {
        name: 'profile: CPU per submission, grader (parent) / sandbox child',
        measured: `${fixed(run.cpu.parentMs / n, 0)} ms / ${fixed(childCpuPerSubmission, 0)} ms`,
        baseline: '',
        ratio: '',
        target: '',
        met: undefined,
      },
      {
        name: 'profile: child start-up + imports + exit (CPU, share of the child)',
        measured: `${fixed(child.childCpuMsPerChild, 0)} ms (${fixed(100 * startupShare, 0)}%)`,
        baseline: '',
        ratio: '',
        target: '',
        met: undefined,
      },
      {
        name: `profile: the start-up bound: a fresh sandbox that only starts, imports and exits (child + grader CPU), on ${cores} cores`,
        measured: `${fixed(startupCpuMs, 0)} ms → at most ${fixed((cores * 1000) / startupCpuMs, 0)} subs/s`,
        baseline: '',
        ratio: '',
        target: '',
        met: undefined,
      },
      {
        name: 'profile: door calls per submission, and rate inside a grading run',
        measured: `${fixed(run.door.calls / n, 0)} calls, ${fixed(run.door.calls / (run.door.ms / 1000), 0)} calls/s`,
        baseline: `bare: ${fixed(child.bareCallsPerSecond, 0)} calls/s`,
        ratio: '',
        target: '',
        met: undefined,
      },
      ...parts.slice(0, 6).map((p) => ({
        name: `profile: ${p.group}`,
        measured: `${fixed(p.msPerSubmission, 1)} ms/sub (${fixed(100 * p.share, 0)}%)`,
        baseline: '',
        ratio: '',
        target: '',
        met: undefined,
      })),
    ];
    const cpuTable = Object.entries(cpu.byCategory)
      .map(([category, ms]) => ({ category, msPerSubmission: ms / n, share: ms / cpu.totalMs }))
      .sort((a, b) => b.msPerSubmission - a.msPerSubmission);
    return {
      bench: 'grade-profile',
      rows,
      details: {
        count: n,
        run: { ...run, doneAtMs: undefined },
        wallBreakdown: parts,
        parentCpu: { profiledMs: cpu.totalMs, byCategory: cpuTable },
        child,
      },
      load: { before, after: loadAverage() },
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function main(argv: readonly string[]): Promise<BenchReport> {
  const { flags } = parseFlags(argv);
  const smoke = isSmoke(flags);
  const report = await runProfile(
    Number(flags.get('n') ?? (smoke ? 6 : 200)),
    Number(flags.get('seed') ?? 1),
    smoke ? 3 : 30,
  );
  return emitReport(report, flags);
}

runIfMain(module, main);
