import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { KIT_ROOT } from '../../grader/data/paths';

/** The environment of a student's shell: none of the variables this test run's own vitest sets. */
export function studentEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^VITEST|^TEST$|^NODE_ENV$|^FORCE_COLOR$/.test(key)),
  );
  return { ...env, NO_COLOR: '1' };
}

/** `npm test` in the handout, as a student runs it. */
export function npmTest(folder: string, args: readonly string[] = []) {
  const run = spawnSync('npm', ['test', ...(args.length ? ['--', ...args] : [])], {
    cwd: folder,
    encoding: 'utf8',
    env: studentEnv(),
    timeout: 120_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Every file under a folder, node_modules left out, as paths relative to it. */
export function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(folder, join(e.parentPath ?? e.path, e.name)))
    .filter((path) => !path.split('/').includes('node_modules'));
}

/** Copies the reference's exercise files over a folder's exercises (either layout of the contract). */
export function copySolutions(exercisesDir: string): void {
  for (const entry of readdirSync(join(KIT_ROOT, 'solutions'), { withFileTypes: true })) {
    cpSync(join(KIT_ROOT, 'solutions', entry.name), join(exercisesDir, entry.name), { recursive: true });
  }
}

/** A submission in exercise folders: the reference, with one file replaced by a catalogue variant. */
export function variantSubmission(folder: string, exercise: string, file: string, variantPath: string): string {
  mkdirSync(folder, { recursive: true });
  copySolutions(folder);
  cpSync(variantPath, join(folder, exercise, file));
  return folder;
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
