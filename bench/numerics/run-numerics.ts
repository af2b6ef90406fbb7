import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { computeCost } from '../../solutions/01-cost/cost';
import { computeGradient } from '../../solutions/02-gradient/gradient';
import { streamPointsCsv } from '../../grader/data/stream-points';
import { KIT, run } from '../_lib/child';
import { fixed, isSmoke, loadAverage, mib, parseFlags, renderTable, times, type BenchReport, type BenchRow } from '../_lib/report';
import { medianMs } from '../_lib/stats';
import { generateCsv } from './generate-csv';

/** Two float64 per point: what a pass must read at the least. */
export const LOGICAL_BYTES_PER_POINT = 16;

export interface NumericsReport {
  readonly rows: number;
  readonly loadMs: number;
  readonly kitCostMs: number;
  readonly kitGradientMs: number;
  /** Heap bytes per point as V8 lays out `{ x, y }[]` (measured: heap growth over the load, after GC), when --expose-gc is on. */
  readonly heapBytesPerPoint?: number;
  readonly numpy?: { readonly costMs: number; readonly gradientMs: number; readonly streamGBps: number; readonly version: string; readonly costAgreement: number };
  readonly numpyMissing?: string;
}

export interface TrainTiming {
  readonly rows: number;
  readonly wallMs: number;
  /** Progress-bar frames seen on the terminal (the run had a pseudo-terminal, as a student's has). */
  readonly progressFrames: number;
  readonly maxRssBytes?: number;
  readonly lastLine: string;
}

export function csvOf(rows: number): string {
  const dir = join(__dirname, '..', 'out');
  mkdirSync(dir, { recursive: true });
  return join(dir, `points-${rows}.csv`);
}

/** The reference cost and gradient against numpy's vectorised ones, on the same CSV read through the train command's data path, in one run. */
export async function runNumerics(rows: number, repeats: number): Promise<NumericsReport> {
  const csv = csvOf(rows);
  if (!existsSync(csv)) await generateCsv(csv, rows);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const loadStart = performance.now();
  const points = await streamPointsCsv(csv);
  const loadMs = performance.now() - loadStart;
  gc?.();
  const heapGrowth = gc ? (process.memoryUsage().heapUsed - heapBefore) / points.length : Number.NaN;
  // Below 16 B the load was too small to see over the heap's own noise (smoke sizes).
  const heapBytesPerPoint = heapGrowth >= LOGICAL_BYTES_PER_POINT ? heapGrowth : undefined;
  const line = { m: 1.3, b: 7.9 };
  const kitCostMs = medianMs(() => computeCost(points, line), repeats);
  const kitGradientMs = medianMs(() => computeGradient(points, line), repeats);
  let numpy: NumericsReport['numpy'];
  let numpyMissing: string | undefined;
  try {
    const answer = JSON.parse(execFileSync('python3', [join(__dirname, 'numpy_numerics.py'), csv, String(repeats)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as { cost_ms: number; gradient_ms: number; cost: number; stream_gbps: number; numpy: string };
    const kitCost = computeCost(points, line);
    numpy = { costMs: answer.cost_ms, gradientMs: answer.gradient_ms, streamGBps: answer.stream_gbps, version: answer.numpy, costAgreement: Math.abs(kitCost - answer.cost) / answer.cost };
  } catch (error) {
    numpyMissing = `python3 with numpy is not available here (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
  return { rows, loadMs, kitCostMs, kitGradientMs, heapBytesPerPoint, numpy, numpyMissing };
}

/** `npm run train -- --data <csv>` from the command to its exit, on a pseudo-terminal (util-linux `script`) so that cli-progress draws its bar. */
export async function timeTrain(rows: number): Promise<TrainTiming> {
  const csv = csvOf(rows);
  if (!existsSync(csv)) await generateCsv(csv, rows);
  const log = join(KIT, 'bench', 'out', `train-${rows}.log`);
  const command = `/usr/bin/time -f 'maxrss_kb=%M' npm run train -- --data ${csv}`;
  const hasScript = existsSync('/usr/bin/script');
  const hasTime = existsSync('/usr/bin/time');
  const inner = hasTime ? command : command.replace("/usr/bin/time -f 'maxrss_kb=%M' ", '');
  const finished = hasScript ? await run('/usr/bin/script', ['-qec', inner, log]) : await run('sh', ['-c', `${inner} > ${log} 2>&1`]);
  if (finished.code !== 0) throw new Error(`bench: npm run train failed (${finished.code}):\n${finished.stderr.slice(-2000)}`);
  const text = readFileSync(log, 'utf8');
  const maxRss = /maxrss_kb=(\d+)/.exec(text);
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.startsWith('After'));
  return { rows, wallMs: finished.wallMs, progressFrames: (text.match(/reading \S*/g) ?? []).length, maxRssBytes: maxRss ? Number(maxRss[1]) * 1024 : undefined, lastLine: lines.at(-1) ?? '' };
}

export async function runNumericsBench(rows: number, repeats: number, trainRows: number): Promise<BenchReport> {
  const before = loadAverage();
  const r = await runNumerics(rows, repeats);
  const train = await timeTrain(trainRows);
  const gbps = (bytesPerPoint: number, ms: number) => (r.rows * bytesPerPoint) / (ms / 1000) / 1e9;
  const v8Bytes = r.heapBytesPerPoint ?? Number.NaN;
  const rowsFor = (pass: string, kitMs: number, numpyMs: number | undefined): BenchRow => ({
    name: `numerics: reference ${pass} over ${r.rows.toLocaleString('en')} streamed points`,
    measured: `${fixed(kitMs, 2)} ms`,
    baseline: numpyMs === undefined ? 'numpy n/a' : `${fixed(numpyMs, 2)} ms (numpy ${r.numpy!.version})`,
    ratio: numpyMs === undefined ? 'n/a' : `${times(numpyMs / kitMs, 2)} numpy's time`,
    target: '≥ 1× (no slower)',
    met: numpyMs === undefined ? undefined : numpyMs / kitMs >= 1,
    note: r.numpyMissing,
  });
  const table: BenchRow[] = [
    rowsFor('cost', r.kitCostMs, r.numpy?.costMs),
    rowsFor('gradient', r.kitGradientMs, r.numpy?.gradientMs),
    {
      name: 'numerics: gradient pass, bandwidth (logical 16 B/pt | V8 heap B/pt)',
      measured: `${fixed(gbps(LOGICAL_BYTES_PER_POINT, r.kitGradientMs), 2)} | ${fixed(gbps(v8Bytes, r.kitGradientMs), 2)} GB/s`,
      baseline: r.numpy ? `${fixed(r.numpy.streamGBps, 1)} GB/s (memory: numpy copy of 128 MiB, read + write)` : 'n/a',
      ratio: r.numpy ? `${fixed((100 * gbps(v8Bytes, r.kitGradientMs)) / r.numpy.streamGBps, 0)}% of it` : 'n/a',
      target: '',
      met: undefined,
    },
    { name: `numerics: load ${r.rows.toLocaleString('en')} rows (streamPointsCsv)`, measured: `${fixed(r.loadMs, 0)} ms`, baseline: '', ratio: '', target: '', met: undefined },
    {
      name: `train: npm run train -- --data <${train.rows.toLocaleString('en')} rows>, wall (TTY)`,
      measured: `${fixed(train.wallMs / 1000, 1)} s`,
      baseline: '',
      ratio: '',
      target: 'streams, shows progress',
      met: train.progressFrames > 0,
      note: `${train.progressFrames} progress frames, max RSS ${train.maxRssBytes ? mib(train.maxRssBytes) : 'n/a'}`,
    },
  ];
  return { bench: 'numerics', rows: table, details: { ...r, v8BytesPerPointMeasured: r.heapBytesPerPoint, train }, load: { before, after: loadAverage() } };
}

export async function main(argv: readonly string[]): Promise<BenchReport> {
  const { flags, positional } = parseFlags(argv);
  const smoke = isSmoke(flags);
  const rows = Number(flags.get('rows') ?? positional[0] ?? (smoke ? 10_000 : 1_000_000));
  const report = await runNumericsBench(rows, Number(flags.get('repeats') ?? (smoke ? 5 : 21)), Number(flags.get('train-rows') ?? rows));
  if (flags.has('json')) writeFileSync(flags.get('json')!, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${renderTable(report.rows)}\n`);
  return report;
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
