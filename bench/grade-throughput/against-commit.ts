import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KIT_ROOT } from '../../grader/data/paths';
import { EXERCISES } from '../../grader/shipped/contract/exercises';
import { run } from '../_lib/child';
import { cpuTimes } from '../_lib/proc';
import {
  emitReport,
  fixed,
  isSmoke,
  loadAverage,
  parseFlags,
  runIfMain,
  times,
  type BenchReport,
  type BenchRow,
} from '../_lib/report';
import { median } from '../_lib/stats';
import { countByKind, generateSubmissions, type GeneratedSubmission } from './generate-submissions';

/**
 * `npm run grade` with reports, this checkout's grader against an earlier commit's, side by side in
 * one run: the earlier commit is checked out as a git worktree in a temp folder (sharing this
 * checkout's node_modules through a symbolic link, so nothing is installed), both grade the same
 * generated class, alternately (baseline, current, baseline, …), and the medians are compared.
 *   node -r ts-node/register bench/grade-throughput/against-commit.ts [--baseline <rev>] [--current <rev>]
 *        [--n 200] [--repeats 3] [--seed 7] [--class-seed 1] [--json <file>]
 * Without --current, the current grader is this checkout as it is, uncommitted files included (the
 * report lists them). The exit code is 0 whatever the verdict: this is a measurement, not a test.
 */

/** Issue 16's "today": the last commit before its work began. */
export const DEFAULT_BASELINE = '14103be';
/** Issue 16's bound: grading with reports at least 85 % as fast as the baseline's. */
export const SLOWDOWN_ALLOWED = 0.15;

/** A grader to measure: a folder with the kit in it, and which commit that is. */
interface GraderTree {
  /** `baseline` or `current`. */
  readonly role: Role;
  readonly root: string;
  /** Abbreviated commit hash. */
  readonly commit: string;
  /** Files under grader/, exercises/ or solutions/ that differ from the commit (`git status --porcelain`). */
  readonly uncommitted: readonly string[];
}

type Role = 'baseline' | 'current';

/** One `npm run grade` of the whole class. */
interface GradeRun {
  readonly role: Role;
  /** 1-based, in the order the runs happened. */
  readonly order: number;
  readonly exitCode: number | null;
  /** Spawn to exit of `npm run grade`: npm, ts-node and the grader's start-up included. */
  readonly wallMs: number;
  /** CPU of the whole process tree (npm, the grader and its sandbox children), from getrusage of the reaped children. */
  readonly cpuMs: number;
  /** What the grader printed for its own time ("Graded n/N students in S s"). */
  readonly graderSeconds?: number;
  readonly graded?: number;
  readonly meanScore?: number;
  readonly loadBefore: readonly number[];
  /** Why the run does not count (a non-zero exit other than "some folders not gradable", or students left ungraded). */
  readonly problem?: string;
}

/** Per exercise, over one run's grading.json files: students who lost points there, and students whose mistake was named. */
type FailingExercises = Record<string, { failed: number; named: number }>;

export interface AgainstCommitOptions {
  readonly baseline: string;
  /** undefined: this checkout as it is. */
  readonly current?: string;
  readonly count: number;
  readonly repeats: number;
  /** The grading seed (`npm run grade -- --seed`). */
  readonly seed: number;
  /** The generator's seed: the same class for both graders. */
  readonly classSeed: number;
}

const git = (args: readonly string[], cwd = KIT_ROOT): string =>
  execFileSync('git', [...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** The full hash of `rev`, or undefined when this is no git checkout or the commit is not in it (a shallow clone). */
function resolveCommit(rev: string): string | undefined {
  try {
    return git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]) || undefined;
  } catch {
    return undefined;
  }
}

function uncommittedGraderFiles(root: string): string[] {
  return git(['status', '--porcelain', '--', 'grader', 'exercises', 'solutions'], root).split('\n').filter(Boolean);
}

/** This checkout, as it is. */
function thisCheckout(): GraderTree {
  return {
    role: 'current',
    root: KIT_ROOT,
    commit: git(['rev-parse', '--short', 'HEAD']),
    uncommitted: uncommittedGraderFiles(KIT_ROOT),
  };
}

/** The worktrees made so far, removed by `removeWorktrees` (at the end, after a failure, or on Ctrl-C). */
const worktrees: string[] = [];

/** `commit` checked out (detached) at `folder`, with this checkout's node_modules linked in. */
function materialise(role: Role, commit: string, folder: string): GraderTree {
  git(['worktree', 'add', '--detach', folder, commit]);
  worktrees.push(folder);
  symlinkSync(join(KIT_ROOT, 'node_modules'), join(folder, 'node_modules'), 'dir');
  return { role, root: folder, commit: git(['rev-parse', '--short', 'HEAD'], folder), uncommitted: [] };
}

/** Unlinks node_modules first, so that nothing can follow the link into this checkout's packages. */
function removeWorktrees(): void {
  for (const folder of worktrees.splice(0)) {
    try {
      unlinkSync(join(folder, 'node_modules'));
    } catch {
      // never linked, or already gone
    }
    try {
      git(['worktree', 'remove', '--force', folder]);
    } catch {
      rmSync(folder, { recursive: true, force: true });
      try {
        git(['worktree', 'prune']);
      } catch {
        // git itself is unusable: the folder is gone, which is all that matters here
      }
    }
  }
}

/** The `npm run grade` running now, stopped on Ctrl-C before its worktree is removed. */
let gradingNow: number | undefined;

const GRADED_LINE = /^Graded (\d+)\/(\d+) students in ([\d.]+) s: mean ([\d.]+)\//;

/** `npm run grade -- <class> --out <out> --seed <seed> --fresh` in `tree`, with reports (the default). */
async function gradeOnce(
  tree: GraderTree,
  classDir: string,
  outDir: string,
  seed: number,
  count: number,
  order: number,
): Promise<GradeRun> {
  const loadBefore = loadAverage();
  let graded: RegExpExecArray | null = null;
  const cpuBefore = cpuTimes('self');
  const finished = await run(
    'npm',
    ['run', 'grade', '--', classDir, '--out', outDir, '--seed', String(seed), '--fresh'],
    {
      cwd: tree.root,
      onLine: (line) => (graded = GRADED_LINE.exec(line) ?? graded),
      onStart: (pid) => (gradingNow = pid),
    },
  );
  gradingNow = undefined;
  const cpuAfter = cpuTimes('self');
  const cpuMs =
    cpuAfter.childrenUserMs + cpuAfter.childrenSystemMs - cpuBefore.childrenUserMs - cpuBefore.childrenSystemMs;
  const summary = graded as RegExpExecArray | null;
  const gradedCount = summary ? Number(summary[1]) : undefined;
  const problem =
    finished.code !== 0 && finished.code !== 3
      ? `npm run grade exited with ${finished.code ?? finished.signal}: ${finished.stderr.trim().slice(-400)}`
      : gradedCount !== count
        ? `graded ${gradedCount ?? 'no'} of ${count} students${finished.stderr.trim() ? `: ${finished.stderr.trim().split('\n')[0].slice(0, 300)}` : ''}`
        : undefined;
  return {
    role: tree.role,
    order,
    exitCode: finished.code,
    wallMs: finished.wallMs,
    cpuMs,
    graderSeconds: summary ? Number(summary[3]) : undefined,
    graded: gradedCount,
    meanScore: summary ? Number(summary[4]) : undefined,
    loadBefore,
    problem,
  };
}

/** Reads every student's grading.json in `outDir`: per exercise, who lost points there and whose mistake was named. */
function failingExercises(outDir: string): FailingExercises {
  const counts: FailingExercises = Object.fromEntries(EXERCISES.map((e) => [e.id, { failed: 0, named: 0 }]));
  if (!existsSync(outDir)) return counts;
  for (const student of readdirSync(outDir, { withFileTypes: true })) {
    const file = join(outDir, student.name, 'grading.json');
    if (!student.isDirectory() || !existsSync(file)) continue;
    const grading = JSON.parse(readFileSync(file, 'utf8')) as {
      exercises?: { exercise: string; score: number; maxScore: number; diagnosis?: unknown }[];
    };
    for (const exercise of grading.exercises ?? []) {
      const tally = (counts[exercise.exercise] ??= { failed: 0, named: 0 });
      if (exercise.score < exercise.maxScore) tally.failed++;
      if (exercise.diagnosis) tally.named++;
    }
  }
  return counts;
}

/** Per exercise, the mistakes the generator put in (one-mistake and two-mistake students; their detail names catalogue entries). */
function generatedMistakes(made: readonly GeneratedSubmission[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(EXERCISES.map((e) => [e.id, 0]));
  for (const submission of made) {
    if (submission.kind !== 'one-mistake' && submission.kind !== 'two-mistakes') continue;
    for (const entry of submission.detail.split(' + ')) {
      const exercise = entry.split('/')[0];
      counts[exercise] = (counts[exercise] ?? 0) + 1;
    }
  }
  return counts;
}

interface Summary {
  readonly runs: number;
  readonly wallMs: number;
  readonly submissionsPerSecond: number;
  readonly cpuMsPerSubmission: number;
  readonly graderSeconds: number;
  readonly wallRange: readonly [number, number];
}

function summarise(runs: readonly GradeRun[], count: number): Summary | undefined {
  const good = runs.filter((r) => !r.problem);
  if (!good.length) return undefined;
  const wallMs = median(good.map((r) => r.wallMs));
  return {
    runs: good.length,
    wallMs,
    submissionsPerSecond: count / (wallMs / 1000),
    cpuMsPerSubmission: median(good.map((r) => r.cpuMs)) / count,
    graderSeconds: median(good.map((r) => r.graderSeconds ?? Number.NaN)),
    wallRange: [Math.min(...good.map((r) => r.wallMs)), Math.max(...good.map((r) => r.wallMs))],
  };
}

const describeTree = (tree: GraderTree) =>
  `${tree.commit}${tree.uncommitted.length ? ` + ${tree.uncommitted.length} uncommitted grader file(s)` : ''}`;

/** A report of one row that says why nothing was measured. */
function notMeasured(options: AgainstCommitOptions, why: string, before: number[]): BenchReport {
  return {
    bench: 'grade-vs-baseline',
    rows: [
      {
        name: `grade-vs-baseline: npm run grade, with reports, against ${options.baseline}: not measured`,
        measured: 'n/a',
        baseline: '',
        ratio: '',
        target: `≥ ${fixed(1 - SLOWDOWN_ALLOWED, 2)}×`,
        met: undefined,
        note: why,
      },
    ],
    details: { options, notMeasured: why },
    load: { before, after: loadAverage() },
  };
}

/**
 * Grades the same generated class with the baseline commit's grader and the current one,
 * alternately, `repeats` times each, and compares the median wall times.
 */
export async function runAgainstCommit(options: AgainstCommitOptions): Promise<BenchReport> {
  const before = loadAverage();
  const baselineCommit = resolveCommit(options.baseline);
  if (!baselineCommit)
    return notMeasured(
      options,
      `commit ${options.baseline} is not in this clone (not a git checkout, or a shallow clone: fetch more history)`,
      before,
    );
  const currentCommit = options.current === undefined ? undefined : resolveCommit(options.current);
  if (options.current !== undefined && !currentCommit)
    return notMeasured(options, `commit ${options.current} is not in this clone`, before);

  const work = mkdtempSync(join(tmpdir(), 'gd-bench-against-commit-'));
  const interrupted = () => {
    if (gradingNow !== undefined) process.kill(gradingNow, 'SIGTERM');
    removeWorktrees();
    rmSync(work, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    let baseline: GraderTree;
    let current: GraderTree;
    try {
      baseline = materialise('baseline', baselineCommit, join(work, 'baseline'));
      current = currentCommit ? materialise('current', currentCommit, join(work, 'current')) : thisCheckout();
    } catch (error) {
      return notMeasured(options, `git worktree add failed: ${(error as Error).message}`, before);
    }
    const classDir = join(work, 'class');
    const made = generateSubmissions(classDir, options.count, options.classSeed);

    const runs: GradeRun[] = [];
    const lastOut: Partial<Record<Role, string>> = {};
    for (let round = 0; round < options.repeats; round++) {
      for (const tree of [baseline, current]) {
        const outDir = join(work, `out-${tree.role}-${round + 1}`);
        if (lastOut[tree.role]) rmSync(lastOut[tree.role]!, { recursive: true, force: true });
        lastOut[tree.role] = outDir;
        const result = await gradeOnce(tree, classDir, outDir, options.seed, options.count, runs.length + 1);
        runs.push(result);
        process.stdout.write(
          `run ${result.order}/${2 * options.repeats} ${tree.role} (${describeTree(tree)}): ` +
            (result.problem
              ? `FAILED, ${result.problem}\n`
              : `${fixed(result.wallMs / 1000, 1)} s wall, ${fixed(options.count / (result.wallMs / 1000), 2)} subs/s, ` +
                `${fixed(result.cpuMs / options.count, 0)} ms CPU a submission; load before ${result.loadBefore.join(' ')}\n`),
        );
      }
    }
    const failing = {
      baseline: failingExercises(lastOut.baseline!),
      current: failingExercises(lastOut.current!),
    };
    const after = loadAverage();
    return compare(options, { baseline, current }, runs, made, failing, { before, after });
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    removeWorktrees();
    rmSync(work, { recursive: true, force: true });
  }
}

function compare(
  options: AgainstCommitOptions,
  trees: Record<Role, GraderTree>,
  runs: readonly GradeRun[],
  made: readonly GeneratedSubmission[],
  failing: Record<Role, FailingExercises>,
  load: { before: number[]; after: number[] },
): BenchReport {
  const base = summarise(
    runs.filter((r) => r.role === 'baseline'),
    options.count,
  );
  const ours = summarise(
    runs.filter((r) => r.role === 'current'),
    options.count,
  );
  const ratio = base && ours ? ours.submissionsPerSecond / base.submissionsPerSecond : Number.NaN;
  const within = Number.isFinite(ratio) ? ratio >= 1 - SLOWDOWN_ALLOWED : undefined;
  const rate = (s: Summary | undefined) =>
    s
      ? `${fixed(s.submissionsPerSecond, 2)} subs/s (median wall ${fixed(s.wallMs / 1000, 1)} s)`
      : 'n/a (every run failed)';
  const cpu = (s: Summary | undefined) => (s ? `${fixed(s.cpuMsPerSubmission, 0)} ms` : 'n/a');
  const generated = generatedMistakes(made);
  const tally = (role: Role) => {
    const rows = Object.values(failing[role]);
    return `${rows.reduce((s, r) => s + r.failed, 0)} failed, ${rows.reduce((s, r) => s + r.named, 0)} named`;
  };
  const totalGenerated = Object.values(generated).reduce((s, n) => s + n, 0);
  const exercisesWithMistakes = Object.values(generated).filter((n) => n > 0).length;
  const failedRuns = runs.filter((r) => r.problem);
  const rows: BenchRow[] = [
    {
      name: `grade-vs-baseline: npm run grade, with reports (N=${options.count}, seed ${options.seed}, ABAB… ${options.repeats}× each), ${describeTree(trees.current)} against ${trees.baseline.commit}`,
      measured: rate(ours),
      baseline: rate(base),
      ratio: times(ratio, 2),
      target: `≥ ${fixed(1 - SLOWDOWN_ALLOWED, 2)}× (within ${SLOWDOWN_ALLOWED * 100} %)`,
      met: within,
      note: failedRuns.length
        ? `${failedRuns.length} run(s) failed and are left out: ${failedRuns.map((r) => `${r.role} run ${r.order}: ${r.problem}`).join('; ')}`
        : undefined,
    },
    {
      name: 'grade-vs-baseline: CPU a submission (npm, grader and sandbox children)',
      measured: cpu(ours),
      baseline: cpu(base),
      ratio: base && ours ? times(ours.cpuMsPerSubmission / base.cpuMsPerSubmission, 2) : 'n/a',
      target: '',
      met: undefined,
    },
    {
      name: `grade-vs-baseline: the class's exercises lost and mistakes named (${totalGenerated} generated mistakes over ${exercisesWithMistakes} of ${EXERCISES.length} exercises)`,
      measured: tally('current'),
      baseline: tally('baseline'),
      ratio: '',
      target: '',
      met: undefined,
    },
  ];
  const perExercise = EXERCISES.map(
    ({ id }) =>
      `  ${id}: ${generated[id] ?? 0} generated; lost ${failing.baseline[id]?.failed ?? 0} | ${failing.current[id]?.failed ?? 0}, named ${failing.baseline[id]?.named ?? 0} | ${failing.current[id]?.named ?? 0} (baseline | current)`,
  );
  process.stdout.write(
    [
      `Class: ${options.count} submissions (class seed ${options.classSeed}): ${Object.entries(countByKind(made))
        .map(([kind, n]) => `${n} ${kind}`)
        .join(', ')}.`,
      'Mistakes per exercise:',
      ...perExercise,
      `Baseline ${trees.baseline.commit}: median ${rate(base)}; current ${describeTree(trees.current)}: median ${rate(ours)}.`,
      `Ratio current/baseline (submissions/s): ${times(ratio, 3)}; load average ${load.before.join(' ')} before, ${load.after.join(' ')} after.`,
      `within ${SLOWDOWN_ALLOWED * 100} %: ${within === undefined ? 'unknown (no successful run of one of them)' : within ? 'yes' : 'no'}`,
      '',
    ].join('\n'),
  );
  return {
    bench: 'grade-vs-baseline',
    rows,
    details: {
      options,
      trees,
      mix: countByKind(made),
      generatedMistakes: generated,
      failingExercises: failing,
      baseline: base,
      current: ours,
      ratio,
      within,
      runs,
    },
    load,
  };
}

export async function main(argv: readonly string[]): Promise<BenchReport> {
  const { flags } = parseFlags(argv);
  const smoke = isSmoke(flags);
  const whole = (name: string, fallback: number, least = 1): number => {
    const value = Number(flags.get(name) ?? fallback);
    if (!Number.isInteger(value) || value < least)
      throw new Error(`bench: --${name} takes a whole number of at least ${least}, not ${flags.get(name)}`);
    return value;
  };
  const report = await runAgainstCommit({
    baseline: flags.get('baseline') ?? DEFAULT_BASELINE,
    current: flags.get('current'),
    count: whole('n', smoke ? 6 : 200),
    repeats: whole('repeats', smoke ? 1 : 3),
    seed: whole('seed', 7, 0),
    classSeed: whole('class-seed', 1, 0),
  });
  return emitReport(report, flags);
}

runIfMain(module, main);
