import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ExerciseId } from '../../grader/shipped/contract/exercises';
import type { CallOutcome, CallRequest, ModuleStatus } from '../../grader/shipped/door/port';
import { readSubmission, type Submission } from '../../grader/shipped/submission/read-submission';
import type { SandboxDiagnostics, SandboxPool } from '../../grader/sandbox';
import { encodeWire } from '../../grader/shipped/wire/wire';
import { KIT_ROOT } from '../../grader/data/paths';

export const HOSTILE_DIR = join(KIT_ROOT, 'tests', 'fixtures', 'hostile');
export const reference = readSubmission(join(KIT_ROOT, 'solutions'), 'reference');

/** The reference copied to `scratch/name` with some files replaced by the given sources: the replaced ones are the student's, the rest a correct submission. */
export function referenceWithFiles(scratch: string, name: string, files: Record<string, string>): Submission {
  const root = join(scratch, name);
  cpSync(join(KIT_ROOT, 'solutions'), root, { recursive: true });
  for (const [path, source] of Object.entries(files)) writeFileSync(join(root, path), source);
  return readSubmission(root, name);
}

/** Limits small enough that the hostile corpus runs in seconds, large enough for every correct call. */
export const FAST_LIMITS = { callTimeoutMs: 200, importTimeoutMs: 200 } as const;

const P4 = [
  { x: 1, y: 2 },
  { x: 2, y: 3 },
  { x: 3, y: 5 },
  { x: 4, y: 4 },
];
const P7 = [
  { x: -3, y: 1.5 },
  { x: -1, y: 0.25 },
  { x: 0, y: 2 },
  { x: 2, y: -1 },
  { x: 5, y: 7.5 },
  { x: 6, y: 3 },
  { x: 8, y: 10 },
];
const L1 = { m: 1, b: 0 };
const L2 = { m: -0.5, b: 2 };
const VALLEY = {
  $gradient: {
    hessian: [
      [2, 1],
      [1, 2],
    ],
    center: [0, 0],
  },
};

/** One call per export and world (plus a few more inputs): what every comparison with the baseline is made on. */
export const BATTERY: readonly CallRequest[] = (['student', 'isolated'] as const).flatMap(
  (world) =>
    [
      { exercise: '01-cost', fn: 'computeCost', args: [P4, L1], world },
      { exercise: '01-cost', fn: 'computeCost', args: [P7, L2], world, observeArguments: true },
      { exercise: '02-gradient', fn: 'computeGradient', args: [P4, L1], world },
      { exercise: '02-gradient', fn: 'computeGradient', args: [P7, L2], world, observeArguments: true },
      { exercise: '03-step', fn: 'step', args: [P4, L1, 0.05], world },
      { exercise: '03-step', fn: 'step', args: [P7, L2, 0.01], world },
      {
        exercise: '04-descent',
        fn: 'gradientDescent',
        args: [P4, { initial: L2, learningRate: 0.02, iterations: 20 }],
        world,
      },
      {
        exercise: '04-descent',
        fn: 'gradientDescent',
        args: [P7, { initial: L1, learningRate: 0.005, iterations: 50 }],
        world,
        observeArguments: true,
      },
      { exercise: '05-valley', fn: 'valley', args: [{ x: 1, y: -2 }], world },
      { exercise: '05-valley', fn: 'valleyGradient', args: [{ x: 1.5, y: -2 }], world },
      { exercise: '05-valley', fn: 'descend', args: [VALLEY, { x: 1, y: 2 }, 0.1, 10], world },
      { exercise: '06-learning-rate', fn: 'leastSquares', args: [P7], world },
      { exercise: '06-learning-rate', fn: 'maxStableLearningRate', args: [P7], world },
    ] satisfies CallRequest[],
);

export interface Graded {
  readonly modules: readonly ModuleStatus[];
  readonly outcomes: readonly CallOutcome[];
  readonly diagnostics: SandboxDiagnostics;
}

/** Opens a port on the pool, asks for the modules and the battery (or other calls), and closes it. */
export async function grade(
  pool: SandboxPool,
  submission: Submission,
  calls: readonly CallRequest[] = BATTERY,
): Promise<Graded> {
  const port = pool.open(submission, reference);
  try {
    const modules = await port.modules();
    const outcomes = await port.callMany(calls);
    return { modules, outcomes, diagnostics: port.diagnostics() };
  } finally {
    await port.close();
  }
}

/** Exact text of an outcome: NaN, −0 and ±Infinity included, so that two gradings can be compared exactly. */
export function exactly(value: unknown): string {
  return encodeWire(value);
}

/** The battery's outcomes for one exercise, as exact text. */
export function outcomesOf(graded: Graded, exercise: ExerciseId, calls: readonly CallRequest[] = BATTERY): string[] {
  return calls.flatMap((call, i) => (call.exercise === exercise ? [exactly(graded.outcomes[i])] : []));
}

/** Files named like the corpus's attempts, left in the temp folder. */
export function pwnedFiles(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('pwned'));
}

/** A fingerprint of a folder tree: every entry's path, type, size, mode, mtime and content. */
export function treeFingerprint(root: string): string {
  const hash = createHash('sha256');
  const walk = (path: string) => {
    const stats = lstatSync(path);
    hash.update(`${path}|${stats.mode}|${stats.size}|${stats.mtimeMs}\n`);
    if (stats.isSymbolicLink()) hash.update(readlinkSync(path));
    else if (stats.isDirectory()) for (const name of readdirSync(path).sort()) walk(join(path, name));
    else if (stats.isFile()) hash.update(readFileSync(path));
  };
  if (existsSync(root)) walk(root);
  return hash.digest('hex');
}

/** Live processes started by `parentPid` whose command line runs `runnerPath`: what is really alive, from the OS. */
export function runnerProcesses(runnerPath: string, parentPid = process.pid): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const [state, ppid] = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ');
      if (cmdline.includes(runnerPath) && state !== 'Z' && Number(ppid) === parentPid) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

export function isAlive(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    return state !== undefined && state !== 'Z';
  } catch {
    return false;
  }
}

/** JavaScript for `SandboxOptions.testing.runnerPreamble`: runs `onMarked(kind)` when the child starts a chunk holding a call whose arguments contain `marker`. */
export function markerPreamble(marker: number, onMarked: string): string {
  return `
{
  const fs = require('node:fs');
  const realParse = JSON.parse;
  const realWriteSync = fs.writeSync;
  let marked = new Set();
  JSON.parse = function (text, reviver) {
    const value = realParse(text, reviver);
    if (value && value.t === 'batch') {
      marked = new Set();
      value.ops.forEach((op, i) => { if (op.k === 'call' && op.argsText.includes(${JSON.stringify(String(marker))})) marked.add(i); });
    }
    return value;
  };
  fs.writeSync = function (fd, buffer, ...rest) {
    if (fd === 3) {
      const text = Buffer.isBuffer(buffer) ? buffer.toString('utf8') : String(buffer);
      const chunk = /"t":"chunk","id":"[0-9a-f]+","i":(\\d+),"n":(\\d+)/.exec(text);
      if (chunk) {
        const first = Number(chunk[1]);
        const count = Number(chunk[2]);
        for (let i = first; i < first + count; i++) {
          if (marked.has(i)) {
            realWriteSync(fd, buffer, ...rest);
            (${onMarked})();
          }
        }
      }
    }
    return realWriteSync(fd, buffer, ...rest);
  };
}
`;
}
