import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { computeCost } from '../../solutions/01-cost/cost';
import { computeGradient } from '../../solutions/02-gradient/gradient';
import { streamPointsCsv } from '../../grader/data/stream-points';
import { generateCsv } from './generate-csv';

export interface NumericsReport {
  readonly rows: number;
  readonly loadMs: number;
  readonly kitCostMs: number;
  readonly kitGradientMs: number;
  readonly numpyCostMs: number;
  readonly numpyGradientMs: number;
  readonly agreement: number;
}

function medianMs(fn: () => unknown, repeats: number): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** The reference cost and gradient against numpy's vectorised ones, on the same CSV, in one run. */
export async function runNumerics(rows: number, repeats: number): Promise<NumericsReport> {
  const dir = join(__dirname, '..', 'out');
  mkdirSync(dir, { recursive: true });
  const csv = join(dir, `points-${rows}.csv`);
  if (!existsSync(csv)) await generateCsv(csv, rows);
  const loadStart = performance.now();
  const points = await streamPointsCsv(csv);
  const loadMs = performance.now() - loadStart;
  const line = { m: 1.3, b: 7.9 };
  const kitCostMs = medianMs(() => computeCost(points, line), repeats);
  const kitGradientMs = medianMs(() => computeGradient(points, line), repeats);
  const numpy = JSON.parse(execFileSync('python3', [join(__dirname, 'numpy_numerics.py'), csv, String(repeats)], { encoding: 'utf8' })) as { cost_ms: number; gradient_ms: number; cost: number };
  return { rows, loadMs, kitCostMs, kitGradientMs, numpyCostMs: numpy.cost_ms, numpyGradientMs: numpy.gradient_ms, agreement: Math.abs(computeCost(points, line) - numpy.cost) / numpy.cost };
}

if (require.main === module) {
  const rows = Number(process.argv[2] ?? 1_000_000);
  runNumerics(rows, 21).then((r) => {
    const bytes = r.rows * 16;
    const gbps = (ms: number) => (bytes / (ms / 1000) / 1e9).toFixed(2);
    console.table([
      { pass: 'cost', kit_ms: r.kitCostMs.toFixed(2), numpy_ms: r.numpyCostMs.toFixed(2), 'numpy/kit': (r.numpyCostMs / r.kitCostMs).toFixed(2), kit_GBps: gbps(r.kitCostMs) },
      { pass: 'gradient', kit_ms: r.kitGradientMs.toFixed(2), numpy_ms: r.numpyGradientMs.toFixed(2), 'numpy/kit': (r.numpyGradientMs / r.kitGradientMs).toFixed(2), kit_GBps: gbps(r.kitGradientMs) },
    ]);
    console.log(`load ${r.rows} rows: ${r.loadMs.toFixed(0)} ms; relative difference of the costs: ${r.agreement.toExponential(2)}`);
  });
}
