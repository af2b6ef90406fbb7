import { Command } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { relative } from 'node:path';
import { DEFAULT_JOBS, gradeClass } from '../batch/grade-class';
import { DEFAULT_REPORTS_DIR, SAMPLE_CLASS_DIR, SOLUTIONS_DIR } from '../data/paths';
import { openSubmissionPort } from '../sandbox/open-port';
import { printable } from '../shipped/output/printable';
import { writeClassSummary, writeStudentReport } from '../report';
import { readSubmission } from '../shipped/submission/read-submission';
import { EXIT } from './exit-codes';
import { numberFlag, PRINTABLE_OUTPUT, runCommand } from './run-command';

/** `npm run grade -- <submissions> --out <dir>`: grades a whole class; with no arguments, the sample class into reports/. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('grade')
    .description(
      'Grade every student folder in <submissions> (default: the sample class) into --out (default: reports/).',
    )
    .argument('[submissions]', 'a folder with one folder per student', SAMPLE_CLASS_DIR)
    .option('--out <dir>', 'where results.json, the reports and the class summary go', DEFAULT_REPORTS_DIR)
    .option(
      '--seed <n>',
      'seed of every random check, printed in every report (default: a fresh one per run; a resumed run keeps its own)',
      numberFlag('--seed', 0, true),
    )
    .option(
      '--jobs <n>',
      'submissions graded at once (default: one per core, plus one)',
      numberFlag('--jobs', 1, true),
      DEFAULT_JOBS,
    )
    .option('--fresh', 'grade everyone again, ignoring the journal of finished students', false)
    .option('--no-plots', 'skip the extra runs behind the report plots')
    .option(
      '--no-reports',
      'write results.json, the class summary and the gradebook, but no report.html, report.md or junit.xml per student (implies --no-plots)',
    )
    .configureOutput(PRINTABLE_OUTPUT)
    .exitOverride()
    .parse(argv, { from: 'user' });
  const [submissionsDir] = program.processedArgs as [string];
  const options = program.opts<{
    out: string;
    seed?: number;
    jobs: number;
    fresh: boolean;
    plots: boolean;
    reports: boolean;
  }>();

  const reference = readSubmission(SOLUTIONS_DIR, 'reference');
  const abort = new AbortController();
  const interrupt = () => abort.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const started = Date.now();
  const bar = process.stderr.isTTY
    ? new SingleBar(
        { format: 'grading {bar} {value}/{total} students | {student} | ETA {eta_formatted}', hideCursor: true },
        Presets.shades_classic,
      )
    : undefined;
  let barStarted = false;
  const run = await gradeClass({
    submissionsDir,
    outDir: options.out,
    seed: options.seed,
    jobs: options.jobs,
    fresh: options.fresh,
    signal: abort.signal,
    openPort: (submission) => openSubmissionPort(submission, reference),
    gradeOptions: { plots: options.plots && options.reports },
    writeReports: options.reports ? writeStudentReport : undefined,
    onStudentDone: ({ done, total, studentId }) => {
      if (!bar) return;
      if (!barStarted) bar.start(total, 0, { student: '' });
      barStarted = true;
      bar.update(done, { student: printable(studentId) });
    },
  });
  bar?.stop();
  process.off('SIGINT', interrupt);
  process.off('SIGTERM', interrupt);

  if (!abort.signal.aborted) await writeClassSummary(run.results, options.out, { failures: run.failures });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const mean = run.results.length ? run.results.reduce((s, r) => s + r.score, 0) / run.results.length : 0;
  const max = run.results[0]?.maxScore ?? 100;
  for (const failure of run.failures) process.stderr.write(`grade: ${printable(failure.message)}\n`);
  const where = printable(relative(process.cwd(), options.out) || '.');
  process.stdout.write(
    `Graded ${run.results.length}/${run.total} students in ${seconds} s` +
      (run.reused ? ` (${run.reused} unchanged, kept from the journal)` : '') +
      `: mean ${mean.toFixed(1)}/${max}, seed ${run.seed}` +
      (run.failures.length ? `, ${run.failures.length} not gradable` : '') +
      `. Class summary: ${where}/summary.html\n`,
  );
  if (abort.signal.aborted) {
    process.stderr.write('grade: interrupted; run the same command again to finish the remaining students.\n');
    return EXIT.INTERRUPTED;
  }
  return run.failures.length ? EXIT.PARTIAL : EXIT.OK;
}

if (require.main === module) runCommand('grade', main);
