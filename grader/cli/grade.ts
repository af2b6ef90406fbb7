import { Command, Option } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { relative } from 'node:path';
import { DEFAULT_JOBS, gradeClass, type ClassRunOptions } from '../batch/grade-class';
import { acceptRegrade, CHANGES_FILE, gradeCommand, previewRegrade, regradePending } from '../batch/regrade';
import { DEFAULT_REPORTS_DIR, SAMPLE_CLASS_DIR, SOLUTIONS_DIR } from '../data/paths';
import { openSubmissionPort } from '../sandbox/open-port';
import { printable } from '../shipped/output/printable';
import { plural } from '../shipped/report/text';
import { writeClassSummary, writeStudentReport, type RegradePreview } from '../report';
import { readSubmission } from '../shipped/submission/read-submission';
import { EXIT } from './exit-codes';
import { ASSIGNMENT_OPTION, numberFlag, PRINTABLE_OUTPUT, runCommand } from './run-command';
import { readAssignment } from '../assignment/read-assignment';

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
    .option(...ASSIGNMENT_OPTION)
    .option(
      '--regrade',
      'grade again under the current grader into <out>/regrade/ and preview who gains or loses what, replacing nothing (each student keeps the seed of their earlier grading unless --seed is given)',
      false,
    )
    .addOption(
      new Option(
        '--accept-regrade',
        'put the pending regrade preview in place, student by student, and rebuild the class summary',
      ).conflicts(['regrade', 'seed', 'fresh']),
    )
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
    regrade: boolean;
    acceptRegrade?: boolean;
    assignment?: string;
  }>();
  const assignment = readAssignment(options.assignment);

  if (options.acceptRegrade) return accept(submissionsDir, options.out, assignment.title);

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
  const classRun: ClassRunOptions = {
    submissionsDir,
    outDir: options.out,
    seed: options.seed,
    jobs: options.jobs,
    fresh: options.fresh,
    signal: abort.signal,
    openPort: (submission) => openSubmissionPort(submission, reference),
    assignment,
    gradeOptions: { plots: options.plots && options.reports },
    writeReports: options.reports ? writeStudentReport : undefined,
    onStudentDone: ({ done, total, studentId }) => {
      if (!bar) return;
      if (!barStarted) bar.start(total, 0, { student: '' });
      barStarted = true;
      bar.update(done, { student: printable(studentId) });
    },
  };
  const preview = options.regrade
    ? await previewRegrade({
        ...classRun,
        acceptCommand: gradeCommand(submissionsDir, options.out, '--accept-regrade'),
      })
    : undefined;
  const run = preview ?? (await gradeClass(classRun));
  bar?.stop();
  process.off('SIGINT', interrupt);
  process.off('SIGTERM', interrupt);

  if (!abort.signal.aborted && !preview)
    await writeClassSummary(run.results, options.out, { failures: run.failures, title: assignment.title });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const mean = run.results.length ? run.results.reduce((s, r) => s + r.score, 0) / run.results.length : 0;
  const max = run.results[0]?.maxScore ?? 100;
  for (const failure of run.failures) process.stderr.write(`grade: ${printable(failure.message)}\n`);
  const where = printable(relative(process.cwd(), options.out) || '.');
  process.stdout.write(
    `${preview ? 'Regraded' : 'Graded'} ${run.results.length}/${run.total} students in ${seconds} s` +
      (run.reused ? ` (${run.reused} unchanged, kept from the journal)` : '') +
      `: mean ${mean.toFixed(1)}/${max}, ${preview && options.seed === undefined ? 'each with the seed of their earlier grading' : `seed ${run.seed}`}` +
      (run.failures.length ? `, ${run.failures.length} not gradable` : '') +
      (preview ? '.\n' : `. Class summary: ${where}/summary.html\n`),
  );
  if (preview?.preview)
    process.stdout.write(previewLines(preview.preview, printable(relative(process.cwd(), preview.previewDir))));
  else if (!preview && regradePending(options.out))
    process.stderr.write(
      `grade: a regrade preview is pending in ${where}/regrade, made against the results this run replaced: preview again with ${printable(gradeCommand(submissionsDir, options.out, '--regrade'))} before accepting it.\n`,
    );
  if (abort.signal.aborted) {
    process.stderr.write('grade: interrupted; run the same command again to finish the remaining students.\n');
    return EXIT.INTERRUPTED;
  }
  return run.failures.length ? EXIT.PARTIAL : EXIT.OK;
}

/** `--accept-regrade`: the pending preview put in place, and what became of each student. */
async function accept(submissionsDir: string, outDir: string, title: string): Promise<number> {
  const acceptance = await acceptRegrade({ submissionsDir, outDir, title });
  for (const skipped of acceptance.skipped) process.stderr.write(`grade: ${printable(skipped.message)}\n`);
  const where = printable(relative(process.cwd(), outDir) || '.');
  process.stdout.write(
    `Accepted the regrade of ${acceptance.accepted.length} students` +
      (acceptance.skipped.length
        ? `; ${acceptance.skipped.length} left as they were (named above), so the preview stays pending.\n`
        : `. Class summary: ${where}/summary.html\n`),
  );
  return acceptance.skipped.length ? EXIT.PARTIAL : EXIT.OK;
}

/** What a regrade preview changes, in a few lines, and where to read it all. */
function previewLines(preview: RegradePreview, where: string): string {
  const moved = (sign: number) =>
    preview.students.filter((s) => s.before && Math.sign(s.after.score - s.before.score) === sign).length;
  const flagged = preview.students.filter((s) => s.submissionChanged).length;
  const fresh = preview.students.filter((s) => !s.before).length;
  return (
    `Nothing is replaced yet: ${moved(1)} gain points, ${moved(-1)} lose points, ${moved(0)} keep their total` +
    (fresh ? `, ${fresh} graded for the first time` : '') +
    (flagged ? `; ${plural(flagged, 'submission')} changed since the last grading (flagged)` : '') +
    `.\nPreview: ${where}/summary.html and ${where}/${CHANGES_FILE}\nAccept it: ${printable(preview.acceptCommand)}\n`
  );
}

if (require.main === module) runCommand('grade', main);
