import { Command } from 'commander';
import { relative } from 'node:path';
import { readAssignment } from '../assignment/read-assignment';
import { buildClassroom50Bundle, DEFAULT_IMAGE } from '../classroom50/build-bundle';
import { CLASSROOM50_OUTPUTS, runClassroom50 } from '../classroom50/run-classroom50';
import { renderConsoleSummary } from '../report';
import { printable } from '../shipped/output/printable';
import { withHandoutReplays } from '../shipped/student/handout-command';
import { EXIT } from './exit-codes';
import { ASSIGNMENT_OPTION, numberFlag, PRINTABLE_OUTPUT, runCommand } from './run-command';

/**
 * `npm run classroom50 -- --out <dir>` builds the assignment's Classroom 50 autograder bundle.
 * Inside Classroom 50, the bundle's autograder.py calls `classroom50 run`: grade the student's
 * checkout and write result.json and release-body.md into it.
 */
export async function main(argv: readonly string[]): Promise<number> {
  return argv[0] === 'run' ? run(argv.slice(1)) : build(argv);
}

async function build(argv: readonly string[]): Promise<number> {
  const program = new Command('classroom50')
    .description(
      "Build the assignment's Classroom 50 autograder bundle: autograder.py, the grader under kit/, runtime.json and the Dockerfile of the image it names.",
    )
    .requiredOption('--out <dir>', 'the folder to write (new or empty)')
    .option('--force', 'replace everything in --out', false)
    .option(
      '--image <name>',
      'the image the assignment is graded in, without a tag (the lockfile hash is the tag)',
      DEFAULT_IMAGE,
    )
    .option(...ASSIGNMENT_OPTION)
    .configureOutput(PRINTABLE_OUTPUT)
    .exitOverride()
    .parse(argv, { from: 'user' });
  const options = program.opts<{ out: string; force: boolean; image: string; assignment?: string }>();
  const bundle = buildClassroom50Bundle({
    out: options.out,
    force: options.force,
    image: options.image,
    assignment: readAssignment(options.assignment),
  });
  const nearby = relative(process.cwd(), bundle.out);
  const shown = nearby && !nearby.startsWith('..') ? nearby : bundle.out;
  process.stdout.write(
    [
      `Wrote ${shown}/ (${bundle.files} files, about ${(bundle.packedBytes / 1024).toFixed(0)} KiB packed; Classroom 50 fetches up to 10 MiB).`,
      `1. docker build -t ${bundle.image} -f ${shown}/Dockerfile ${shown}/kit && docker push ${bundle.image}, and make the image public.`,
      `2. Put ${shown}/ at <classroom>/autograders/<assignment>/ in your classroom50 repository.`,
      `3. gh teacher assignment add … --runtime ${shown}/runtime.json (it names the image).`,
      ...(options.image === DEFAULT_IMAGE
        ? [`The image is named ${DEFAULT_IMAGE}: pass --image <registry>/<your-org>/<name> to name your own.`]
        : []),
      '',
    ].join('\n'),
  );
  return EXIT.OK;
}

async function run(argv: readonly string[]): Promise<number> {
  const program = new Command('classroom50 run')
    .description(
      "Grade the student's checkout and write result.json and release-body.md into it (what the bundle's autograder.py does on Classroom 50).",
    )
    .option('--checkout <dir>', "the student's checkout", process.cwd())
    .option(
      '--seed <n>',
      'seed of the random checks (default: a fresh one per submission, in release-body.md)',
      numberFlag('--seed', 0, true),
    )
    .configureOutput(PRINTABLE_OUTPUT)
    .exitOverride()
    .parse(argv, { from: 'user' });
  const options = program.opts<{ checkout: string; seed?: number }>();
  const graded = await runClassroom50(options.checkout, { seed: options.seed });
  if (graded.missing.length)
    process.stderr.write(
      `Not run by Classroom 50's runner (${graded.missing.join(', ')} unset): result.json names stand-ins such as "local".\n`,
    );
  const { result, upload } = graded;
  const report =
    'result' in upload
      ? renderConsoleSummary(withHandoutReplays(upload.result), { color: false })
      : upload.nothingToGrade;
  process.stdout.write(
    `${printable(report, { keepNewlines: true })}\n\nWrote ${CLASSROOM50_OUTPUTS.result} (${result.score}/${result['max-score']}) and ${CLASSROOM50_OUTPUTS.releaseBody} in ${printable(options.checkout)}\n`,
  );
  return EXIT.OK;
}

if (require.main === module) runCommand('classroom50', main);
