import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { ZipFile } from 'yazl';
import { KIT_ROOT } from '../data/paths';
import type { Assignment } from '../shipped/contract/assignment';
import { kitDefaultAssignment } from '../assignment/read-assignment';
import { KitError } from '../shipped/errors';

/** What the autograder needs from the kit: the grader (checks, catalogue, sandbox, reports), the reference, the data, and the package files. */
export const AUTOGRADER_SOURCES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'grader',
  'solutions',
  'data',
  'exercises/types.ts',
  'assignments',
] as const;

/** Where a bundle carries the assignment it grades, relative to the kit: the autograder reads it in place of the default. */
export const GRADED_ASSIGNMENT_FILE = 'assignments/graded.json';

/** Gradescope's two entry points, at the zip's root (its contents become /autograder/source). */
export const AUTOGRADER_SCRIPTS = ['setup.sh', 'run_autograder'] as const;

/** A fixed time for every entry, so that the same sources make the same zip. */
const ZIP_TIME = new Date('2020-01-01T00:00:00Z');

export interface BuildZipOptions {
  readonly out: string;
  readonly force?: boolean;
  /** The assignment the autograder grades (default: the kit's default, `assignments/seeds.json`). */
  readonly assignment?: Assignment;
}

export interface ZipSummary {
  readonly out: string;
  readonly files: number;
  readonly bytes: number;
}

/** The files of the autograder, as paths relative to the kit (node_modules, tests and examples are never among them). */
export function autograderFiles(): string[] {
  const files: string[] = [];
  const walk = (path: string) => {
    const absolute = join(KIT_ROOT, path);
    if (!existsSync(absolute))
      throw new KitError('input-missing', `the autograder needs ${path}, which is missing from ${KIT_ROOT}`);
    if (statSync(absolute).isDirectory()) {
      for (const entry of readdirSync(absolute).sort())
        if (entry !== 'node_modules' && !entry.startsWith('.')) walk(`${path}/${entry}`);
    } else files.push(path);
  };
  for (const source of AUTOGRADER_SOURCES) walk(source);
  return files;
}

/**
 * Builds Gradescope's autograder zip: setup.sh and run_autograder at the root, next to the kit's
 * sources (no node_modules: setup.sh installs the locked dependencies). Written to a temporary file
 * beside --out, then renamed.
 */
export async function buildGradescopeZip(options: BuildZipOptions): Promise<ZipSummary> {
  const out = resolve(options.out);
  if (existsSync(out)) {
    if (statSync(out).isDirectory())
      throw new KitError(
        'output-unwritable',
        `--out ${out} is a folder: name the zip file to write, for example --out ${join(out, 'autograder.zip')}`,
      );
    if (!options.force)
      throw new KitError(
        'output-exists',
        `--out ${out} already exists: pass --force to replace it, or choose another file name`,
      );
  }
  if ((out + sep).startsWith(join(KIT_ROOT, 'grader') + sep))
    throw new KitError(
      'output-unwritable',
      `--out ${out} is inside grader/, which the zip contains: write it elsewhere`,
    );
  mkdirSync(dirname(out), { recursive: true });
  const zip = new ZipFile();
  for (const script of AUTOGRADER_SCRIPTS)
    zip.addBuffer(readFileSync(join(__dirname, script)), script, { mode: 0o100755, mtime: ZIP_TIME });
  const files = autograderFiles();
  for (const file of files)
    zip.addBuffer(readFileSync(join(KIT_ROOT, file)), file, { mode: 0o100644, mtime: ZIP_TIME });
  zip.addBuffer(Buffer.from(assignmentJson(options.assignment ?? kitDefaultAssignment())), GRADED_ASSIGNMENT_FILE, {
    mode: 0o100644,
    mtime: ZIP_TIME,
  });
  const temporary = `${out}.${process.pid}.tmp`;
  try {
    await new Promise<void>((done, fail) => {
      const stream = createWriteStream(temporary);
      zip.outputStream.pipe(stream).on('close', done).on('error', fail);
      zip.outputStream.on('error', fail);
      zip.end();
    });
    renameSync(temporary, out);
  } catch (cause) {
    rmSync(temporary, { force: true });
    throw new KitError('output-unwritable', `cannot write ${out}: check that its folder is writable`, { cause });
  }
  return { out, files: files.length + AUTOGRADER_SCRIPTS.length + 1, bytes: statSync(out).size };
}

/** An assignment as the JSON file `readAssignment` reads. */
export function assignmentJson(assignment: Assignment): string {
  return `${JSON.stringify({ title: assignment.title, exercises: assignment.exercises }, null, 2)}\n`;
}
