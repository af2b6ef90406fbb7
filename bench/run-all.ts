import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runTs } from './_lib/child';
import { isSmoke, loadAverage, parseFlags, renderTable, type BenchReport, type BenchRow } from './_lib/report';

/**
 * `npm run bench`: every benchmark, one after the other (each uses both cores), each in its own
 * process; one table at the end, and bench/out/results.json with every detail.
 *   npm run bench                      full sizes (about 45 minutes: 5,000 submissions in scale)
 *   npm run bench -- --smoke           smoke sizes, as CI runs them (also BENCH_SMOKE=1)
 *   npm run bench -- --only scale,numerics --scale-n 2000
 *   npm run bench -- --only grade-vs-baseline --baseline 14103be [--current HEAD]
 */
const BENCHES: readonly {
  name: string;
  script: string;
  nodeFlags?: readonly string[];
  args?: (flags: Map<string, string>) => string[];
}[] = [
  {
    name: 'numerics',
    script: 'numerics/run-numerics.ts',
    nodeFlags: ['--expose-gc'],
    args: (f) => (f.has('rows') ? ['--rows', f.get('rows')!] : []),
  },
  { name: 'feedback-latency', script: 'feedback-latency/run-latency.ts' },
  {
    name: 'grade-throughput',
    script: 'grade-throughput/run-throughput.ts',
    args: (f) => (f.has('n') ? ['--n', f.get('n')!] : []),
  },
  {
    name: 'grade-vs-baseline',
    script: 'grade-throughput/against-commit.ts',
    args: (f) =>
      (['n', 'baseline', 'current'] as const).flatMap((name) => (f.has(name) ? [`--${name}`, f.get(name)!] : [])),
  },
  {
    name: 'grade-profile',
    script: 'grade-throughput/profile.ts',
    args: (f) => (f.has('n') ? ['--n', f.get('n')!] : []),
  },
  { name: 'scale', script: 'scale/run-scale.ts', args: (f) => (f.has('scale-n') ? ['--n', f.get('scale-n')!] : []) },
];

/** The commit measured, and whether the grader's files differed from it (other engineers edit the tree while benchmarks run). */
function graderVersion(): { commit: string; uncommitted: string[] } {
  const git = (args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: join(__dirname, '..'), encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  const uncommitted = git(['status', '--porcelain', '--', 'grader', 'exercises', 'solutions'])
    .split('\n')
    .filter(Boolean);
  return { commit: git(['rev-parse', '--short', 'HEAD']), uncommitted };
}

export async function runAll(argv: readonly string[]): Promise<{ reports: BenchReport[]; failed: string[] }> {
  const { flags } = parseFlags(argv);
  const smoke = isSmoke(flags);
  const only = flags.get('only')?.split(',');
  const work = mkdtempSync(join(tmpdir(), 'gd-bench-all-'));
  const reports: BenchReport[] = [];
  const failed: string[] = [];
  const started = performance.now();
  const graderAtStart = graderVersion();
  try {
    for (const bench of BENCHES) {
      if (only && !only.includes(bench.name)) continue;
      process.stderr.write(`bench: ${bench.name}${smoke ? ' (smoke)' : ''} …\n`);
      const json = join(work, `${bench.name}.json`);
      const args = [...(smoke ? ['--smoke'] : []), ...(bench.args?.(flags) ?? []), '--json', json];
      const finished = await runTs(join(__dirname, bench.script), args, {
        nodeFlags: bench.nodeFlags,
        onLine: (line) => process.stderr.write(`  ${line}\n`),
      });
      if (finished.code === 0) {
        reports.push(JSON.parse(readFileSync(json, 'utf8')) as BenchReport);
      } else {
        failed.push(bench.name);
        process.stderr.write(
          `bench: ${bench.name} failed (exit ${finished.code ?? finished.signal}):\n${finished.stderr.slice(-3000)}\n`,
        );
        reports.push({
          bench: bench.name,
          rows: [
            {
              name: `${bench.name}: FAILED`,
              measured: 'n/a',
              baseline: '',
              ratio: '',
              target: '',
              met: false,
              note: finished.stderr.slice(-500),
            },
          ],
          details: {},
          load: { before: [], after: [] },
        });
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const rows: BenchRow[] = reports.flatMap((r) => r.rows);
  const machine = {
    grader: graderVersion(),
    graderAtStart,
    node: process.version,
    cores: availableParallelism(),
    cpu: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverageAtEnd: loadAverage(),
    smoke,
    minutes: Math.round((performance.now() - started) / 6000) / 10,
    date: new Date().toISOString(),
  };
  const out = join(__dirname, 'out');
  mkdirSync(out, { recursive: true });
  const stem = smoke ? 'smoke-results' : 'results';
  writeFileSync(join(out, `${stem}.json`), `${JSON.stringify({ machine, reports }, null, 2)}\n`);
  writeFileSync(join(out, `${stem}.md`), `${renderTable(rows, true)}\n`);
  process.stdout.write(`\n${renderTable(rows)}\n\n`);
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.name}: ${r.note}`);
  if (notes.length) process.stdout.write(`${notes.join('\n')}\n\n`);
  process.stdout.write(
    `Grader at ${machine.grader.commit}${machine.grader.uncommitted.length ? ` with ${machine.grader.uncommitted.length} uncommitted file(s) in grader/, exercises/ or solutions/` : ''}; Node ${machine.node}, ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB; load average now ${machine.loadAverageAtEnd.join(' ')}; ${machine.minutes} min. Details: bench/out/${stem}.json\n`,
  );
  return { reports, failed };
}

if (require.main === module) {
  runAll(process.argv.slice(2)).then(
    ({ failed }) => process.exit(failed.length ? 1 : 0),
    (error: unknown) => {
      process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
