import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { computeCost, costOfColumns } from '../../solutions/01-cost/cost';
import { computeGradient, gradientOfColumns } from '../../solutions/02-gradient/gradient';
import { pointsOf } from '../../grader/data/point-columns';
import { streamPointsCsv } from '../../grader/data/stream-points';
import { run } from '../_lib/child';
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
import { medianMs } from '../_lib/stats';
import { generateCsv } from './generate-csv';
import { KIT_ROOT } from '../../grader/data/paths';

/** Two float64 per point: what a pass must read at the least, and what the train command's columns hold. */
export const LOGICAL_BYTES_PER_POINT = 16;

/** Untimed calls before the timed ones, the same number on both sides: V8 optimises the kernels in these. */
export const WARM_UP_CALLS = 5;

export interface NumericsReport {
  readonly rows: number;
  readonly loadMs: number;
  /** `costOfColumns` and `gradientOfColumns` on the columns `streamPointsCsv` returns: what `npm run train` runs. */
  readonly kitCostMs: number;
  readonly kitGradientMs: number;
  /** `computeCost` and `computeGradient` on the same points as `{ x, y }` objects (the contract's `Point[]`). */
  readonly pointsCostMs: number;
  readonly pointsGradientMs: number;
  /** Whether the contract's functions on `Point[]` return the same bits as the columnar ones. */
  readonly sameBits: boolean;
  /** Bytes per point of the loaded columns and of the same points as `Point[]` (measured: heap and array-buffer growth, after GC), when --expose-gc is on. */
  readonly columnBytesPerPoint?: number;
  readonly pointBytesPerPoint?: number;
  readonly numpy?: {
    readonly costMs: number;
    readonly gradientMs: number;
    readonly streamGBps: number;
    readonly version: string;
    readonly costAgreement: number;
    readonly gradientAgreement: number;
  };
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

/** Bytes of JavaScript heap and array buffers in use, after a full GC when --expose-gc is on. */
function bytesInUse(): number | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

function perPoint(before: number | undefined, after: number | undefined, points: number): number | undefined {
  if (before === undefined || after === undefined) return undefined;
  const bytes = (after - before) / points;
  // Below 8 B the growth is lost in the heap's own noise (smoke sizes).
  return bytes >= 8 ? bytes : undefined;
}

const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

/** The reference cost and gradient against numpy's vectorised ones, on the same CSV read through the train command's data path, in one run. */
export async function runNumerics(rows: number, repeats: number): Promise<NumericsReport> {
  const csv = csvOf(rows);
  if (!existsSync(csv)) await generateCsv(csv, rows);
  const beforeLoad = bytesInUse();
  const loadStart = performance.now();
  const columns = await streamPointsCsv(csv);
  const loadMs = performance.now() - loadStart;
  const columnBytesPerPoint = perPoint(beforeLoad, bytesInUse(), columns.x.length);
  const { x, y } = columns;
  const line = { m: 1.3, b: 7.9 };
  const kitCostMs = medianMs(() => costOfColumns(x, y, line), repeats, WARM_UP_CALLS);
  const kitGradientMs = medianMs(() => gradientOfColumns(x, y, line), repeats, WARM_UP_CALLS);
  const kitCost = costOfColumns(x, y, line);
  const kitGradient = gradientOfColumns(x, y, line);

  const beforePoints = bytesInUse();
  const points = pointsOf(columns);
  const pointBytesPerPoint = perPoint(beforePoints, bytesInUse(), points.length);
  const pointsCostMs = medianMs(() => computeCost(points, line), repeats, WARM_UP_CALLS);
  const pointsGradientMs = medianMs(() => computeGradient(points, line), repeats, WARM_UP_CALLS);
  const pointsGradient = computeGradient(points, line);
  const sameBits =
    Object.is(computeCost(points, line), kitCost) &&
    Object.is(pointsGradient.dm, kitGradient.dm) &&
    Object.is(pointsGradient.db, kitGradient.db);

  let numpy: NumericsReport['numpy'];
  let numpyMissing: string | undefined;
  try {
    const answer = JSON.parse(
      execFileSync('python3', [join(__dirname, 'numpy_numerics.py'), csv, String(repeats), String(WARM_UP_CALLS)], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    ) as {
      cost_ms: number;
      gradient_ms: number;
      cost: number;
      gradient: [number, number];
      stream_gbps: number;
      numpy: string;
    };
    numpy = {
      costMs: answer.cost_ms,
      gradientMs: answer.gradient_ms,
      streamGBps: answer.stream_gbps,
      version: answer.numpy,
      costAgreement: relativeError(kitCost, answer.cost),
      gradientAgreement: Math.max(
        relativeError(kitGradient.dm, answer.gradient[0]),
        relativeError(kitGradient.db, answer.gradient[1]),
      ),
    };
  } catch (error) {
    numpyMissing = `python3 with numpy is not available here (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
  return {
    rows,
    loadMs,
    kitCostMs,
    kitGradientMs,
    pointsCostMs,
    pointsGradientMs,
    sameBits,
    columnBytesPerPoint,
    pointBytesPerPoint,
    numpy,
    numpyMissing,
  };
}

/** `npm run train -- --data <csv>` from the command to its exit, on a pseudo-terminal (util-linux `script`) so that cli-progress draws its bar. */
export async function timeTrain(rows: number): Promise<TrainTiming> {
  const csv = csvOf(rows);
  if (!existsSync(csv)) await generateCsv(csv, rows);
  const log = join(KIT_ROOT, 'bench', 'out', `train-${rows}.log`);
  const command = `/usr/bin/time -f 'maxrss_kb=%M' npm run train -- --data ${csv}`;
  const hasScript = existsSync('/usr/bin/script');
  const hasTime = existsSync('/usr/bin/time');
  const inner = hasTime ? command : command.replace("/usr/bin/time -f 'maxrss_kb=%M' ", '');
  const finished = hasScript
    ? await run('/usr/bin/script', ['-qec', inner, log])
    : await run('sh', ['-c', `${inner} > ${log} 2>&1`]);
  if (finished.code !== 0)
    throw new Error(`bench: npm run train failed (${finished.code}):\n${finished.stderr.slice(-2000)}`);
  const text = readFileSync(log, 'utf8');
  const maxRss = /maxrss_kb=(\d+)/.exec(text);
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('After'));
  return {
    rows,
    wallMs: finished.wallMs,
    progressFrames: (text.match(/reading \S*/g) ?? []).length,
    maxRssBytes: maxRss ? Number(maxRss[1]) * 1024 : undefined,
    lastLine: lines.at(-1) ?? '',
  };
}

export async function runNumericsBench(rows: number, repeats: number, trainRows: number): Promise<BenchReport> {
  const before = loadAverage();
  const r = await runNumerics(rows, repeats);
  const train = await timeTrain(trainRows);
  const gbps = (bytesPerPoint: number, ms: number) => (r.rows * bytesPerPoint) / (ms / 1000) / 1e9;
  const rowsFor = (pass: string, kitMs: number, numpyMs: number | undefined): BenchRow => ({
    name: `numerics: reference ${pass} over ${r.rows.toLocaleString('en')} streamed points (columns)`,
    measured: `${fixed(kitMs, 2)} ms`,
    baseline: numpyMs === undefined ? 'numpy n/a' : `${fixed(numpyMs, 2)} ms (numpy ${r.numpy!.version})`,
    ratio: numpyMs === undefined ? 'n/a' : `${times(numpyMs / kitMs, 2)} numpy's time`,
    target: '≥ 1× (no slower)',
    met: numpyMs === undefined ? undefined : numpyMs / kitMs >= 1,
    note: r.numpyMissing,
  });
  const bytes = (b: number | undefined) => (b === undefined ? 'n/a' : `${fixed(b, 1)} B/pt`);
  const table: BenchRow[] = [
    rowsFor('cost', r.kitCostMs, r.numpy?.costMs),
    rowsFor('gradient', r.kitGradientMs, r.numpy?.gradientMs),
    {
      name: `numerics: gradient pass, bandwidth (columns: ${LOGICAL_BYTES_PER_POINT} B/pt; measured ${bytes(r.columnBytesPerPoint)})`,
      measured: `${fixed(gbps(LOGICAL_BYTES_PER_POINT, r.kitGradientMs), 2)} GB/s`,
      baseline: r.numpy ? `${fixed(r.numpy.streamGBps, 1)} GB/s (memory: numpy copy of 128 MiB, read + write)` : 'n/a',
      ratio: r.numpy
        ? `${fixed((100 * gbps(LOGICAL_BYTES_PER_POINT, r.kitGradientMs)) / r.numpy.streamGBps, 0)}% of it`
        : 'n/a',
      target: '',
      met: undefined,
    },
    {
      name: `numerics: computeCost | computeGradient on the same points as Point[] (${bytes(r.pointBytesPerPoint)})`,
      measured: `${fixed(r.pointsCostMs, 2)} | ${fixed(r.pointsGradientMs, 2)} ms`,
      baseline: r.numpy ? `${fixed(r.numpy.costMs, 2)} | ${fixed(r.numpy.gradientMs, 2)} ms (numpy)` : 'n/a',
      ratio: r.numpy
        ? `${times(r.numpy.costMs / r.pointsCostMs, 2)} | ${times(r.numpy.gradientMs / r.pointsGradientMs, 2)}`
        : 'n/a',
      target: 'same bits as the columns',
      met: r.sameBits,
    },
    {
      name: `numerics: load ${r.rows.toLocaleString('en')} rows (streamPointsCsv)`,
      measured: `${fixed(r.loadMs, 0)} ms`,
      baseline: '',
      ratio: '',
      target: '',
      met: undefined,
    },
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
  return { bench: 'numerics', rows: table, details: { ...r, train }, load: { before, after: loadAverage() } };
}

export async function main(argv: readonly string[]): Promise<BenchReport> {
  const { flags, positional } = parseFlags(argv);
  const smoke = isSmoke(flags);
  const rows = Number(flags.get('rows') ?? positional[0] ?? (smoke ? 10_000 : 1_000_000));
  const report = await runNumericsBench(
    rows,
    Number(flags.get('repeats') ?? (smoke ? 5 : 21)),
    Number(flags.get('train-rows') ?? rows),
  );
  return emitReport(report, flags);
}

runIfMain(module, main);
