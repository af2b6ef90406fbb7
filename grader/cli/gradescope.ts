import { Command } from 'commander';
import { relative } from 'node:path';
import { buildGradescopeZip } from '../gradescope/build-zip';
import { autograderPaths, runAutograder } from '../gradescope/run-autograder';
import { printable } from '../shipped/output/printable';
import { EXIT } from './exit-codes';
import { ASSIGNMENT_OPTION, numberFlag, PRINTABLE_OUTPUT, runCommand } from './run-command';
import { readAssignment } from '../assignment/read-assignment';

/**
 * `npm run gradescope -- --out <zip>` builds Gradescope's autograder zip. Inside Gradescope,
 * run_autograder calls `gradescope run`: grade <root>/submission into <root>/results/results.json,
 * with <root> from --root, else $AUTOGRADER_ROOT, else /autograder.
 */
export async function main(argv: readonly string[]): Promise<number> {
  return argv[0] === 'run' ? run(argv.slice(1)) : build(argv);
}

async function build(argv: readonly string[]): Promise<number> {
  const program = new Command('gradescope')
    .description(
      'Build the Gradescope autograder zip (setup.sh, run_autograder, and the grader with the reference and the catalogue; no node_modules).',
    )
    .requiredOption('--out <zip>', 'the zip file to write')
    .option('--force', 'replace --out if it exists', false)
    .option(...ASSIGNMENT_OPTION)
    .configureOutput(PRINTABLE_OUTPUT)
    .exitOverride()
    .parse(argv, { from: 'user' });
  const options = program.opts<{ out: string; force: boolean; assignment?: string }>();
  const zip = await buildGradescopeZip({
    out: options.out,
    force: options.force,
    assignment: readAssignment(options.assignment),
  });
  process.stdout.write(
    `Wrote ${relative(process.cwd(), zip.out) || zip.out} (${zip.files} files, ${(zip.bytes / 1024).toFixed(0)} KiB). Upload it as the assignment's autograder on Gradescope (Ubuntu base image); setup.sh installs Node.js 24 and the locked dependencies.\n`,
  );
  return EXIT.OK;
}

async function run(argv: readonly string[]): Promise<number> {
  const program = new Command('gradescope run')
    .description(
      'Grade <root>/submission and write <root>/results/results.json (what run_autograder does on Gradescope).',
    )
    .option('--root <dir>', "Gradescope's root folder", process.env.AUTOGRADER_ROOT || '/autograder')
    .option(
      '--seed <n>',
      'seed of the random checks (default: a fresh one per submission, in results.json)',
      numberFlag('--seed', 0, true),
    )
    .configureOutput(PRINTABLE_OUTPUT)
    .exitOverride()
    .parse(argv, { from: 'user' });
  const options = program.opts<{ root: string; seed?: number }>();
  const results = await runAutograder(options.root, { seed: options.seed });
  process.stdout.write(
    `${printable(results.output, { keepNewlines: true })}\n\nWrote ${printable(autograderPaths(options.root).results)}\n`,
  );
  return EXIT.OK;
}

if (require.main === module) runCommand('gradescope', main);
