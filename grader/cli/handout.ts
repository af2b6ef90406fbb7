import { Command } from 'commander';
import { relative } from 'node:path';
import { HANDOUT_SEED } from '../shipped/checks/seeds';
import { buildHandout } from '../handout/build-handout';
import { EXIT } from './exit-codes';
import { ASSIGNMENT_OPTION, numberFlag, PRINTABLE_OUTPUT, runCommand } from './run-command';
import { readAssignment } from '../assignment/read-assignment';

/** `npm run handout -- --out <dir>`: builds the student handout, with the public checks and without the reference. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('handout')
    .description(
      'Build the student handout into --out: the exercises, their public checks and the kit that runs them, without the reference, the hidden checks or the catalogue.',
    )
    .requiredOption('--out <dir>', 'a new or empty folder for the handout')
    .option('--force', 'replace everything in --out when it is not empty', false)
    .option(
      '--seed <n>',
      "seed of the public checks' inputs that the handout ships (grading draws its own)",
      numberFlag('--seed', 0, true),
      HANDOUT_SEED,
    )
    .option(...ASSIGNMENT_OPTION)
    .configureOutput(PRINTABLE_OUTPUT)
    .exitOverride()
    .parse(argv, { from: 'user' });
  const options = program.opts<{ out: string; force: boolean; seed: number; assignment?: string }>();
  const built = await buildHandout({
    out: options.out,
    force: options.force,
    seed: options.seed,
    assignment: readAssignment(options.assignment),
  });
  const where = relative(process.cwd(), built.out) || '.';
  process.stdout.write(
    `Built the handout in ${where} (${built.files} files, lockfile ${built.lockfile}): ${built.publicChecks} public checks worth ${built.publicPoints} points travel with it; ` +
      `${built.hiddenChecks} hidden checks worth ${built.hiddenPoints} points stay in the grader.\nTry it: cd ${where} && npm ci && npm test\n`,
  );
  return EXIT.OK;
}

if (require.main === module) runCommand('handout', main);
