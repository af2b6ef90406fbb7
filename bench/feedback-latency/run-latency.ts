import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { KIT_ROOT, SOLUTIONS_DIR } from '../../grader/data/paths';
import { EXERCISES } from '../../grader/shipped/contract/exercises';
import { cleanEnv, run } from '../_lib/child';
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
import { median } from '../_lib/stats';

const TARGET = 1.5;
const FLOOR_FOLDER = '_bench-floor';
/** The kit's reporter as a module vitest's `--reporter=<path>` can load, so that the breakdown runs keep it next to vitest's default reporter. */
const KIT_REPORTER = '_bench-kit-reporter.mjs';
const KIT_REPORTER_SOURCE =
  "import { createRequire } from 'node:module';\n\nexport default createRequire(import.meta.url)('./exercises/_kit/reporter.js').StudentReporter;\n";

interface Timed {
  /** From the spawn to the last line of output (the last line of feedback the student reads). */
  readonly lastLineMs: number;
  /** From the spawn to the exit of npm. */
  readonly exitMs: number;
  readonly code: number | null;
  readonly output: string;
}

/** One command in `cwd`, timed to its last line of output and to its exit. */
function timeCommand(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let lastLineMs = 0;
    let output = '';
    const child = spawn(command, [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const take = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      if (text.trim()) lastLineMs = performance.now() - start;
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
    child.on('close', (code) => resolve({ lastLineMs, exitMs: performance.now() - start, code, output }));
  });
}

function handoutAvailable(): boolean {
  const pkg = JSON.parse(readFileSync(join(KIT_ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  return Boolean(pkg.scripts?.handout);
}

/** vitest's own account of a run (`Duration 1.20s (transform 80ms, setup 0ms, import 300ms, tests 400ms, environment 0ms)`), in ms. */
function vitestDurations(output: string): Record<string, number> | undefined {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const match = /Duration\s+([\d.]+)(m?s)\s*\(([^)]*)\)/.exec(plain);
  if (!match) return undefined;
  const toMs = (value: string, unit: string) => Number(value) * (unit === 's' ? 1000 : 1);
  const parts: Record<string, number> = { total: toMs(match[1], match[2]) };
  for (const part of match[3].split(',')) {
    const m = /(\w+)\s+([\d.]+)(m?s)/.exec(part.trim());
    if (m) parts[m[1]] = toMs(m[2], m[3]);
  }
  return parts;
}

/**
 * The handout's `npm test` on a complete submission (the reference copied in), from the command
 * to the last line of feedback, against vitest's floor in the same project (one trivial test file,
 * the same config and reporter), interleaved, median of `repeats` each.
 */
export async function runLatency(repeats: number, breakdown = true): Promise<BenchReport> {
  const before = loadAverage();
  if (!handoutAvailable()) {
    return {
      bench: 'feedback-latency',
      rows: [
        {
          name: 'feedback-latency: handout npm test vs vitest floor',
          measured: 'n/a',
          baseline: 'n/a',
          ratio: 'n/a',
          target: `≤ ${TARGET}×`,
          met: undefined,
          note: 'npm run handout does not exist yet: this bench runs once it does',
        },
      ],
      details: { skipped: 'no handout script in package.json' },
      load: { before, after: loadAverage() },
    };
  }
  const work = mkdtempSync(join(tmpdir(), 'gd-bench-latency-'));
  try {
    const handout = join(work, 'handout');
    const build = await run('npm', ['run', 'handout', '--', '--out', handout]);
    if (build.code !== 0)
      throw new Error(`bench: npm run handout failed (${build.code}):\n${build.stderr.slice(-3000)}`);
    const install = await run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: handout });
    if (install.code !== 0)
      throw new Error(`bench: npm ci in the handout failed (${install.code}):\n${install.stderr.slice(-3000)}`);
    const base = existsSync(join(handout, 'exercises')) ? join(handout, 'exercises') : handout;
    for (const e of EXERCISES) cpSync(join(SOLUTIONS_DIR, e.id, e.file), join(base, e.id, e.file));

    const env = cleanEnv({ CI: 'true' });
    const floorDir = join(base, FLOOR_FOLDER);
    const floorOn = () => {
      mkdirSync(floorDir, { recursive: true });
      writeFileSync(
        join(floorDir, 'floor.test.ts'),
        "import { it } from 'vitest';\n\nit('is the floor: one trivial test', () => {});\n",
      );
    };
    const floorOff = () => rmSync(floorDir, { recursive: true, force: true });

    if (breakdown) {
      // One unmeasured run of each: the first run after npm ci warms the disk cache and vitest's.
      await timeCommand('npm', ['test'], handout, env);
      floorOn();
      await timeCommand('npm', ['test', '--', FLOOR_FOLDER], handout, env);
      floorOff();
    }

    const full: Timed[] = [];
    const floor: Timed[] = [];
    for (let i = 0; i < repeats; i++) {
      full.push(await timeCommand('npm', ['test'], handout, env));
      floorOn();
      floor.push(await timeCommand('npm', ['test', '--', FLOOR_FOLDER], handout, env));
      floorOff();
    }
    // Where the time goes: vitest's own phases, with its default reporter next to the kit's (which also hands the test worker its transpiles); and without npm.
    let phases: Record<string, unknown> | undefined;
    if (breakdown) {
      writeFileSync(join(handout, KIT_REPORTER), KIT_REPORTER_SOURCE);
      const reporters = ['--reporter=default', `--reporter=./${KIT_REPORTER}`];
      const listing = await timeCommand('npm', ['test', '--', ...reporters], handout, env);
      floorOn();
      const floorListing = await timeCommand('npm', ['test', '--', FLOOR_FOLDER, ...reporters], handout, env);
      floorOff();
      rmSync(join(handout, KIT_REPORTER), { force: true });
      const bareVitest = await timeCommand(
        process.execPath,
        [join(handout, 'node_modules', 'vitest', 'vitest.mjs'), 'run'],
        handout,
        env,
      );
      phases = {
        full: vitestDurations(listing.output),
        fullWallMs: Math.round(listing.exitMs),
        floor: vitestDurations(floorListing.output),
        floorWallMs: Math.round(floorListing.exitMs),
        withoutNpmMs: Math.round(bareVitest.exitMs),
      };
    }

    const fullMs = median(full.map((t) => t.lastLineMs));
    const floorMs = median(floor.map((t) => t.lastLineMs));
    const ratio = fullMs / floorMs;
    const rows: BenchRow[] = [
      {
        name: `feedback-latency: handout npm test (reference in), to the last line (median of ${repeats})`,
        measured: `${fixed(fullMs, 0)} ms`,
        baseline: `${fixed(floorMs, 0)} ms (one trivial test, same project)`,
        ratio: times(ratio, 2),
        target: `≤ ${TARGET}×`,
        met: ratio <= TARGET,
      },
    ];
    return {
      bench: 'feedback-latency',
      rows,
      details: {
        repeats,
        buildMs: Math.round(build.wallMs),
        npmCiMs: Math.round(install.wallMs),
        full: full.map((t) => ({ lastLineMs: Math.round(t.lastLineMs), exitMs: Math.round(t.exitMs), code: t.code })),
        floor: floor.map((t) => ({ lastLineMs: Math.round(t.lastLineMs), exitMs: Math.round(t.exitMs), code: t.code })),
        fullExitMsMedian: median(full.map((t) => t.exitMs)),
        floorExitMsMedian: median(floor.map((t) => t.exitMs)),
        lastOutput: full.at(-1)?.output.split('\n').slice(-14).join('\n'),
        floorOutput: floor.at(-1)?.output.split('\n').slice(-8).join('\n'),
        vitestPhases: phases,
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
  const report = await runLatency(Number(flags.get('repeats') ?? (smoke ? 1 : 7)), !smoke);
  return emitReport(report, flags);
}

runIfMain(module, main);
