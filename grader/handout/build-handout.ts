import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { HANDOUT_SEED } from '../shipped/checks/seeds';
import { EXERCISES_DIR, KIT_ROOT, SEED_DATA_CSV } from '../data/paths';
import { KitError } from '../shipped/errors';
import { EXERCISE_IDS } from '../shipped/contract/exercises';
import type { Assignment } from '../shipped/contract/assignment';
import { kitDefaultAssignment } from '../assignment/read-assignment';
import { encodeManifest } from '../shipped/student/manifest';
import { HANDOUT_LAYOUT } from '../shipped/student/layout';
import {
  checksWorkflow,
  DATA_README,
  GITIGNORE,
  packageJson,
  studentReadme,
  tsconfig,
  vitestConfig,
} from './handout-files';
import { kitEntryFiles } from './kit-entries';
import { sampleRun, typeErrorSample } from './readme-sample';
import { kitAssets, kitDeclarations, kitModules } from './kit-modules';
import { writeLockfile } from './lockfile';
import { publicData } from './public-data';
import { precompiledStudentPage } from './student-page';

export interface BuildHandoutOptions {
  /** Where the handout goes: a new or empty folder, or any folder with `force`. */
  readonly out: string;
  /** Replace the contents of a folder that is not empty. */
  readonly force?: boolean;
  /** The seed of the public checks' inputs that the handout ships (default `HANDOUT_SEED`); grading draws its own. */
  readonly seed?: number;
  /** The exercises handed out (default: the kit's default assignment, `assignments/seeds.json`). */
  readonly assignment?: Assignment;
}

export interface HandoutSummary {
  readonly out: string;
  readonly files: number;
  readonly publicChecks: number;
  readonly publicPoints: number;
  readonly hiddenChecks: number;
  readonly hiddenPoints: number;
  readonly lockfile: string;
}

/**
 * The exercise tests' entry (the repository's is a stub for type-checking only): the one module of
 * the kit that vitest transforms and runs itself. It hands vitest's functions to the suite, which
 * Node loads as CommonJS with the rest of the kit (grader/shipped/student/suite.ts).
 */
const KIT_INDEX = `// The public checks' entry for the exercise tests: the kit's suite (grader/shipped/student/suite.ts), given this vitest.
import { createRequire } from 'node:module';
import { beforeAll, describe, inject, test } from 'vitest';

export const checkExercise = createRequire(import.meta.url)('./grader/shipped/student/suite.js').exerciseSuite({ beforeAll, describe, inject, test });
`;
const KIT_INDEX_TYPES = `import type { ExerciseId } from './grader/shipped/student/runner';

/** Declares the public checks of one exercise as vitest tests. */
export declare function checkExercise(exercise: ExerciseId): void;
`;
const KIT_ENTRY = (module: string) =>
  `"use strict";\nmodule.exports = require('./grader/shipped/student/${module}.js');\n`;
const KIT_ENTRY_TYPES = (module: string) => `export * from './grader/shipped/student/${module}';\n`;

/**
 * Builds the student handout: the exercises with their stubs, READMEs and public-check tests, the
 * kit that runs those checks (the student runner, the grader modules it uses, and the public data
 * computed from the reference now), a package.json with its lockfile, a README, and a GitHub
 * Actions workflow that runs the public checks. Built in a sibling folder and moved into place,
 * so a failed build leaves nothing half-written.
 */
export async function buildHandout(options: BuildHandoutOptions): Promise<HandoutSummary> {
  const out = resolve(options.out);
  checkOutput(out, options.force ?? false);
  mkdirSync(dirname(out), { recursive: true });
  const staging = mkdtempSync(join(dirname(out), `.${basename(out)}.building-`));
  try {
    const assignment = options.assignment ?? kitDefaultAssignment();
    const { manifests, summary } = await publicData(options.seed ?? HANDOUT_SEED, assignment.exercises);
    const write = (path: string, text: string) => {
      const target = join(staging, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    };
    cpSync(EXERCISES_DIR, join(staging, 'exercises'), {
      recursive: true,
      filter: (source) => handedOut(relative(EXERCISES_DIR, source).split(sep)[0], assignment),
    });
    write('exercises/README.md', exercisesReadme(readFileSync(join(EXERCISES_DIR, 'README.md'), 'utf8'), assignment));
    const kit = HANDOUT_LAYOUT.kit;
    const modules = kitModules();
    for (const module of modules) write(`${kit}/${module.target}`, module.javascript);
    for (const [path, text] of [...kitAssets(), precompiledStudentPage(), ...kitDeclarations(modules)])
      write(`${kit}/${path}`, text);
    write(`${kit}/index.mjs`, KIT_INDEX);
    write(`${kit}/index.d.ts`, KIT_INDEX_TYPES);
    write(`${kit}/reporter.js`, KIT_ENTRY('reporter'));
    write(`${kit}/reporter.d.ts`, KIT_ENTRY_TYPES('reporter'));
    for (const [path, text] of kitEntryFiles()) write(`${kit}/${path}`, text);
    for (const manifest of manifests)
      write(`${kit}/${HANDOUT_LAYOUT.manifests}/${manifest.exercise}.json`, encodeManifest(manifest));
    write(`${kit}/${HANDOUT_LAYOUT.manifests}/kit.json`, encodeManifest(summary));
    write('data/data.csv', readFileSync(SEED_DATA_CSV, 'utf8'));
    write('data/README.md', DATA_README);
    write('package.json', packageJson(assignment.exercises));
    write('vitest.config.mts', vitestConfig());
    write('tsconfig.json', tsconfig());
    write('.gitignore', GITIGNORE);
    write(
      'README.md',
      studentReadme(summary, {
        folder: basename(out),
        run: await sampleRun(summary, join(staging, kit, HANDOUT_LAYOUT.manifests), basename(out)),
        typo: typeErrorSample(summary.exercises.map((e) => e.exercise)),
      }),
    );
    write('.github/workflows/checks.yml', checksWorkflow());
    const lockfile = writeLockfile(staging);
    chmodSync(staging, 0o777 & ~process.umask());
    if (existsSync(out)) rmSync(out, { recursive: true, force: true });
    renameSync(staging, out);
    const total = (key: 'publicChecks' | 'publicPoints' | 'hiddenChecks' | 'hiddenPoints') =>
      summary.exercises.reduce((s, e) => s + e[key], 0);
    return {
      out,
      files: countFiles(out),
      publicChecks: total('publicChecks'),
      publicPoints: total('publicPoints'),
      hiddenChecks: total('hiddenChecks'),
      hiddenPoints: total('hiddenPoints'),
      lockfile,
    };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Whether a top-level entry of exercises/ goes into the handout: the shared files, and the assignment's exercise folders. */
function handedOut(entry: string, assignment: Assignment): boolean {
  if (entry === basename(HANDOUT_LAYOUT.kit)) return false;
  return (
    !(EXERCISE_IDS as readonly string[]).includes(entry) || (assignment.exercises as readonly string[]).includes(entry)
  );
}

/** exercises/README.md without the table rows of exercises the assignment leaves out. */
export function exercisesReadme(text: string, assignment: Assignment): string {
  const leftOut = EXERCISE_IDS.filter((id) => !assignment.exercises.includes(id));
  return text
    .split('\n')
    .filter((line) => !leftOut.some((id) => line.startsWith('|') && line.includes(`[\`${id}\`]`)))
    .join('\n');
}

/** An output folder we may fill: new, empty, or (with force) one that holds neither the kit nor a home folder. */
function checkOutput(out: string, force: boolean): void {
  const within = (parent: string, child: string) => child === parent || child.startsWith(parent + sep);
  if (within(out, KIT_ROOT) || within(EXERCISES_DIR, out) || out === homedir()) {
    throw new KitError(
      'output-unwritable',
      `--out ${out} is the kit, contains it, is inside its exercises/ or is your home folder: choose a new folder, for example --out ../handout`,
    );
  }
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory())
    throw new KitError('output-unwritable', `--out ${out} is a file, not a folder: choose a new or empty folder`);
  if (readdirSync(out).length && !force)
    throw new KitError(
      'output-exists',
      `--out ${out} exists and is not empty: choose a new or empty folder, or pass --force to replace everything in it`,
    );
}

function countFiles(folder: string): number {
  return readdirSync(folder, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}
