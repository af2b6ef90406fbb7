import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/** One line of the benchmark table that `npm run bench` prints. */
export interface BenchRow {
  readonly name: string;
  readonly measured: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly target: string;
  /** undefined: no target, or the benchmark could not run here (the note says why). */
  readonly met: boolean | undefined;
  readonly note?: string;
}

/** What one benchmark hands to run-all: its rows for the table, and its details for bench/out/results.json. */
export interface BenchReport {
  readonly bench: string;
  readonly rows: readonly BenchRow[];
  readonly details: unknown;
  /** Load average of the machine before and after: the machine is shared, so numbers move with it. */
  readonly load: { readonly before: readonly number[]; readonly after: readonly number[] };
}

export function loadAverage(): number[] {
  return loadavg().map((x) => Math.round(x * 100) / 100);
}

export const fixed = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
export const times = (x: number, digits = 1) => (Number.isFinite(x) ? `${x.toFixed(digits)}×` : 'n/a');
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** The table, aligned for a terminal or as Markdown. */
export function renderTable(rows: readonly BenchRow[], markdown = false): string {
  const header = ['benchmark', 'measured', 'baseline', 'ratio', 'target', 'met?'];
  const cells = rows.map((r) => [
    r.name,
    r.measured,
    r.baseline,
    r.ratio,
    r.target,
    r.met === undefined ? '—' : r.met ? 'yes' : 'NO',
  ]);
  if (markdown) {
    const cell = (text: string) => text.replace(/\|/g, '\\|');
    return [
      `| ${header.join(' | ')} |`,
      `| ${header.map(() => '---').join(' | ')} |`,
      ...cells.map((c) => `| ${c.map(cell).join(' | ')} |`),
    ].join('\n');
  }
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: readonly string[]) =>
    c
      .map((x, i) => x.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** Parses `--name value` and `--flag` arguments. */
export function parseFlags(argv: readonly string[]): { flags: Map<string, string>; positional: string[] } {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2);
    if (inline !== undefined) flags.set(name, inline);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) flags.set(name, argv[++i]);
    else flags.set(name, 'true');
  }
  return { flags, positional };
}

/** Smoke size: `--smoke`, or BENCH_SMOKE=1 in the environment. */
export function isSmoke(flags: Map<string, string>): boolean {
  return flags.get('smoke') === 'true' || process.env.BENCH_SMOKE === '1';
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** A benchmark's output: its report into --json's file when that flag is given, and its table on stdout. */
export function emitReport(report: BenchReport, flags: Map<string, string>): BenchReport {
  if (flags.has('json')) writeFileSync(flags.get('json')!, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${renderTable(report.rows)}\n`);
  return report;
}

/** Runs `main` on the command line's arguments when `entry` is the file node was started with; a failure is printed and exits 1. */
export function runIfMain(entry: NodeModule, main: (argv: readonly string[]) => Promise<unknown>): void {
  if (require.main !== entry) return;
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
