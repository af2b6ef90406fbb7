import { createHash } from 'node:crypto';
import {
  closeSync,
  constants as fsConstants,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  realpathSync,
  type Stats,
} from 'node:fs';
import { basename, isAbsolute, join, relative, sep } from 'node:path';
import * as vm from 'node:vm';
import { EXERCISES, moduleIdOf, type ExerciseId } from '../contract/exercises';
import { moduleFunctionSource, transpileExercise } from './transpile';

/** A module ready to run in a realm: its id (`01-cost/cost`), its file name for stack traces, and CommonJS source. */
export interface RealmModule {
  readonly id: string;
  readonly filename: string;
  readonly javascript: string;
}
/** Files larger than this are not student code: refused with a message, never read whole. */
export const MAX_SOURCE_BYTES = 256 * 1024;

/** One exercise file of a submission, as read and compiled by the trusted side. */
export interface SubmissionFile {
  readonly exercise: ExerciseId;
  /** `<submission>/01-cost/cost.ts`: never an absolute path, so reports leak nothing of the grader's disk. */
  readonly displayPath: string;
  readonly state: 'found' | 'missing' | 'unreadable' | 'syntax-error';
  readonly message?: string;
  readonly module?: RealmModule;
  readonly sha256?: string;
}

export interface Submission {
  readonly studentId: string;
  readonly root: string;
  readonly layout: 'exercise-folders' | 'handout-checkout';
  readonly files: Record<ExerciseId, SubmissionFile>;
  /** Hash of every exercise file's bytes: what the grading journal keys results by. */
  readonly contentHash: string;
}

/** What is at a path, without following a link: `missing` when nothing is. */
export type EntryKind =
  'missing' | 'folder' | 'file' | 'symbolic link' | 'named pipe' | 'socket' | 'device' | 'unknown';

/** The kind of what is at `path`, from lstat: a link is reported as a link, never as what it points to. */
export function entryKind(path: string | Buffer): EntryKind {
  try {
    // "link/" would make lstat look through the link: the separator at the end is not part of the entry.
    return kindOf(lstatSync(typeof path === 'string' ? withoutTrailingSeparator(path) : path));
  } catch {
    return 'missing';
  }
}

function kindOf(stats: Stats): EntryKind {
  if (stats.isSymbolicLink()) return 'symbolic link';
  if (stats.isDirectory()) return 'folder';
  if (stats.isFile()) return 'file';
  if (stats.isFIFO()) return 'named pipe';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'device';
  return 'unknown';
}

/**
 * Why `path` cannot be read as a submission folder ("is a symbolic link, …", "is not there"), or
 * undefined when it is a folder. The folder itself is looked at without following a link too.
 */
export function notASubmissionFolder(path: string): string | undefined {
  const kind = entryKind(path);
  if (kind === 'folder') return undefined;
  if (kind === 'symbolic link')
    return 'is a symbolic link, and a submission is never read through a link: use the folder itself';
  return kind === 'missing' ? 'is not there' : `is ${describeKind(kind)}, not a folder`;
}

/** "a folder", "a named pipe": for messages. */
export function describeKind(kind: EntryKind): string {
  return kind === 'unknown' ? 'something other than a file or a folder' : `a ${kind}`;
}

/**
 * Which layout of the contract a folder uses, or undefined when it holds no exercise at all (or is
 * not a folder). No link is followed: an exercise folder or an `exercises/` that is a link still
 * decides the layout, so that reading the submission names the link instead of saying nothing was found.
 * A folder that has both takes the layout that holds more exercise files.
 */
export function detectLayout(root: string): Submission['layout'] | undefined {
  if (entryKind(root) !== 'folder') return undefined;
  const handout = entryKind(join(root, 'exercises'));
  const topLevel = EXERCISES.some((e) => entryKind(join(root, e.id)) !== 'missing');
  const checkout =
    handout === 'symbolic link' ||
    (handout === 'folder' && EXERCISES.some((e) => entryKind(join(root, 'exercises', e.id)) !== 'missing'));
  if (topLevel && checkout) {
    // Both: the one that holds more exercise files is the student's work (a stray empty `05-valley/` beside a checkout is not).
    const filesUnder = (base: string) =>
      EXERCISES.filter((e) => entryKind(join(base, e.id, e.file)) !== 'missing').length;
    return filesUnder(join(root, 'exercises')) > filesUnder(root) ? 'handout-checkout' : 'exercise-folders';
  }
  if (topLevel) return 'exercise-folders';
  return checkout ? 'handout-checkout' : undefined;
}

/**
 * Reads, checks and transpiles every exercise file of a submission. Never throws for a student's mistake.
 *
 * Only regular files inside the student's own folder are read: every step of the way, from the
 * folder itself through `exercises/` and the exercise folder to the file, is looked at with lstat,
 * and a link anywhere on it (even one to another file of the same submission) is refused with a
 * message that names it. The file is then opened without following a link and without waiting on a
 * pipe, checked to be the very file that was looked at, and its real path must lie inside the folder.
 */
export function readSubmission(root: string, studentId = basename(root)): Submission {
  const layout = detectLayout(root) ?? 'exercise-folders';
  const steps = layout === 'handout-checkout' ? ['exercises'] : [];
  const realRoot = realpathOrUndefined(root);
  const hash = createHash('sha256');
  const files = {} as Record<ExerciseId, SubmissionFile>;
  for (const exercise of EXERCISES) {
    const file = readExerciseFile(root, realRoot, [...steps, exercise.id, exercise.file], exercise.id);
    // A refused file has no bytes to hash: what was refused (its message names the link or the kind) keys it instead.
    hash.update(`${exercise.id}:${file.state}:${file.sha256 ?? (file.state === 'unreadable' ? file.message : '')}\n`);
    files[exercise.id] = file;
  }
  return { studentId, root, layout, files, contentHash: hash.digest('hex') };
}

const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0);

function readExerciseFile(
  root: string,
  realRoot: string | undefined,
  steps: readonly string[],
  exercise: ExerciseId,
): SubmissionFile {
  const displayPath = ['<submission>', ...steps].join('/');
  const unreadable = (message: string): SubmissionFile => ({ exercise, displayPath, state: 'unreadable', message });
  const missing: SubmissionFile = {
    exercise,
    displayPath,
    state: 'missing',
    message: `${displayPath} was not found: create it from the handout's stub, keeping its folder and file name.`,
  };

  let path = withoutTrailingSeparator(root);
  let shown = '<submission>';
  let stats: Stats | undefined;
  for (let i = -1; i < steps.length; i++) {
    if (i >= 0) {
      path = join(path, steps[i]);
      shown = `${shown}/${steps[i]}`;
    }
    const isFile = i === steps.length - 1;
    try {
      stats = lstatSync(path);
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? missing
        : unreadable(
            `${shown} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): check its permissions.`,
          );
    }
    const kind = kindOf(stats);
    if (kind === 'symbolic link') {
      return unreadable(
        `${shown} is a symbolic link, and links are never followed or graded: replace the link with the ${isFile ? 'file' : 'folder'} itself.`,
      );
    }
    if (!isFile && kind !== 'folder')
      return unreadable(
        `${shown} is ${describeKind(kind)}, not a folder: ${displayPath} goes in a folder of that name.`,
      );
    if (isFile && kind !== 'file')
      return unreadable(`${shown} is ${describeKind(kind)}, not a regular file: submit the TypeScript file itself.`);
    if (isFile && stats.nlink > 1)
      return unreadable(
        `${shown} is a hard link (the same file has ${stats.nlink} names on this disk), and links are never graded: replace it with a copy of the file.`,
      );
  }

  let bytes: Buffer;
  let fd: number | undefined;
  try {
    fd = openSync(path, OPEN_FLAGS);
    const opened = fstatSync(fd);
    if (!opened.isFile() || opened.ino !== stats!.ino || opened.dev !== stats!.dev)
      return unreadable(`${displayPath} changed while it was being read: submit it again.`);
    if (realRoot === undefined || !isInside(realpathSync(path), realRoot))
      return unreadable(`${displayPath} does not lie inside the submission folder: submit the file itself.`);
    if (opened.size > MAX_SOURCE_BYTES)
      return unreadable(
        `${displayPath} is larger than ${MAX_SOURCE_BYTES / 1024} KiB: submit only your TypeScript source.`,
      );
    bytes = readFileSync(fd);
  } catch (error) {
    return unreadable(
      `${displayPath} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): check its permissions.`,
    );
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (bytes.length > MAX_SOURCE_BYTES)
    return unreadable(
      `${displayPath} is larger than ${MAX_SOURCE_BYTES / 1024} KiB: submit only your TypeScript source.`,
    );
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const decoded = decodeSource(bytes);
  if (typeof decoded !== 'string') return { ...unreadable(`${displayPath} ${decoded.problem}`), sha256 };
  const source = decoded;
  const compiled = transpileExercise(source, displayPath);
  if (compiled.syntaxErrors.length) {
    return {
      exercise,
      displayPath,
      state: 'syntax-error',
      sha256,
      message: `${displayPath} does not compile:\n${compiled.syntaxErrors.slice(0, 5).join('\n')}`,
    };
  }
  const module: RealmModule = { id: moduleIdOf(exercise), filename: displayPath, javascript: compiled.javascript };
  const parseError = javascriptParseError(module);
  if (parseError)
    return {
      exercise,
      displayPath,
      state: 'syntax-error',
      sha256,
      message: `${displayPath} does not compile: ${parseError}`,
    };
  return { exercise, displayPath, state: 'found', module, sha256 };
}

/** The byte-order marks of UTF-16 (little- and big-endian), which Windows editors and PowerShell's `>` write. */
const UTF16_BOMS = [
  { bom: [0xff, 0xfe], encoding: 'UTF-16LE', swap: false },
  { bom: [0xfe, 0xff], encoding: 'UTF-16BE', swap: true },
] as const;

/**
 * A source file's text: UTF-8 (a byte-order mark is dropped), or UTF-16 of either byte order when
 * it starts with its byte-order mark, as Windows tools save it. Anything else is refused with what
 * it is and the fix: a file with NUL bytes is binary (or UTF-16 without a mark), other bytes are
 * not UTF-8.
 */
export function decodeSource(bytes: Uint8Array): string | { readonly problem: string } {
  const utf16 = UTF16_BOMS.find(({ bom }) => bytes[0] === bom[0] && bytes[1] === bom[1]);
  if (utf16) {
    const units = Buffer.from(bytes.subarray(2));
    if (units.length % 2)
      return {
        problem: `is ${utf16.encoding} text cut off in the middle of a character: save it as UTF-8 and submit it again.`,
      };
    if (utf16.swap) units.swap16();
    try {
      return new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(units);
    } catch {
      return { problem: `is not valid ${utf16.encoding} text: save it as UTF-8 and submit it again.` };
    }
  }
  if (bytes.includes(0))
    return {
      problem:
        'is a binary file, not TypeScript (it holds NUL bytes; if it is text saved as UTF-16 without a byte-order mark, save it as UTF-8): submit the .ts source file.',
    };
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: 'is not valid UTF-8 text: save it as UTF-8 and submit it again.' };
  }
}

function withoutTrailingSeparator(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  return trimmed === '' ? path.slice(0, 1) : trimmed;
}

function realpathOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** Compiles without running, so the realm never meets a file V8 cannot parse. */
function javascriptParseError(module: RealmModule): string | undefined {
  try {
    new vm.Script(moduleFunctionSource(module.javascript), { filename: module.filename });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
