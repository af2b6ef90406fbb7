import { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { detectLayout, notASubmissionFolder, readSubmission } from '../shipped/submission/read-submission';
import { SEED_DATA_CSV, SOLUTIONS_DIR } from '../data/paths';
import { streamPointsCsv } from '../data/stream-points';
import { KitError } from '../shipped/errors';
import { describeRun, SEED_RUN, trainWithReference, trainWithSubmission, type TrainRun } from '../train/train';
import { openSubmissionPort } from '../sandbox/open-port';
import { EXIT } from './exit-codes';
import { numberFlag, PRINTABLE_OUTPUT, runCommand } from './run-command';

/** `npm run train`: seed 000's `run()` on a CSV of x,y rows, with the reference or a submission's own code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('train')
    .description(
      "Gradient descent on a CSV of x,y rows, as seed 000's run(): prints the start error and the final b, m and error.",
    )
    .option('--data <csv>', 'x,y rows, no header', SEED_DATA_CSV)
    .option('--lr <rate>', 'learning rate', numberFlag('--lr', 0), SEED_RUN.learningRate)
    .option('--iterations <n>', 'number of steps', numberFlag('--iterations', 0, true), SEED_RUN.iterations)
    .option('--from <source>', '"solutions" (the reference) or a submission folder', 'solutions')
    .configureOutput(PRINTABLE_OUTPUT)
    .exitOverride()
    .parse(argv, { from: 'user' });
  const options = program.opts<{ data: string; lr: number; iterations: number; from: string }>();
  const progress = process.stderr.isTTY
    ? new SingleBar(
        { format: 'reading {bar} {percentage}% | {value}/{total} bytes | ETA {eta}s', clearOnComplete: true },
        Presets.shades_classic,
      )
    : undefined;
  progress?.start(1, 0);
  const points = await streamPointsCsv(options.data, (read, total) => {
    progress?.setTotal(total);
    progress?.update(read);
  });
  progress?.stop();
  const train = { learningRate: options.lr, iterations: options.iterations, initial: SEED_RUN.initial };
  const run =
    options.from === 'solutions'
      ? trainWithReference(points, train)
      : await trainWithSubmissionFolder(options.from, points, train);
  const [start, end] = describeRun(run, train.iterations, train.initial);
  process.stdout.write(`${start}\nRunning...\n${end}\n`);
  return EXIT.OK;
}

async function trainWithSubmissionFolder(
  dir: string,
  points: Parameters<typeof trainWithReference>[0],
  train: typeof SEED_RUN,
): Promise<TrainRun> {
  const problem = notASubmissionFolder(dir);
  if (problem) throw new KitError('input-missing', `--from ${dir} ${problem}: pass "solutions" or a submission folder`);
  if (!detectLayout(dir))
    throw new KitError(
      'no-exercise',
      `--from ${dir}: no exercise folder (01-cost … 06-learning-rate) found in it or in its exercises/ folder`,
    );
  const submission = readSubmission(dir);
  const port = await openSubmissionPort(submission, readSubmission(SOLUTIONS_DIR, 'reference'));
  try {
    return await trainWithSubmission(port, points, train);
  } catch (error) {
    throw new KitError(
      'input-missing',
      `--from ${dir}: its gradientDescent could not run: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    await port.close();
  }
}

if (require.main === module) runCommand('train', main);
