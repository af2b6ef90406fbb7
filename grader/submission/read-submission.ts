import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as vm from 'node:vm';
import { EXERCISES, moduleIdOf, type ExerciseId } from '../exercises';
import type { RealmModule } from '../door/realm';
import { transpileExercise } from './transpile';

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

/** Which layout of the contract a folder uses, or undefined when it holds no exercise at all. */
export function detectLayout(root: string): Submission['layout'] | undefined {
  const has = (base: string) => EXERCISES.some((e) => existsSync(join(base, e.id)));
  if (has(root)) return 'exercise-folders';
  if (has(join(root, 'exercises'))) return 'handout-checkout';
  return undefined;
}

/** Reads, checks and transpiles every exercise file of a submission. Never throws for a student's mistake. */
export function readSubmission(root: string, studentId = basename(root)): Submission {
  const layout = detectLayout(root) ?? 'exercise-folders';
  const base = layout === 'handout-checkout' ? join(root, 'exercises') : root;
  const prefix = layout === 'handout-checkout' ? '<submission>/exercises' : '<submission>';
  const hash = createHash('sha256');
  const files = {} as Record<ExerciseId, SubmissionFile>;
  for (const exercise of EXERCISES) {
    const file = readExerciseFile(join(base, exercise.id, exercise.file), `${prefix}/${exercise.id}/${exercise.file}`, exercise.id);
    hash.update(`${exercise.id}:${file.state}:${file.sha256 ?? ''}\n`);
    files[exercise.id] = file;
  }
  return { studentId, root, layout, files, contentHash: hash.digest('hex') };
}

function readExerciseFile(path: string, displayPath: string, exercise: ExerciseId): SubmissionFile {
  const unreadable = (message: string): SubmissionFile => ({ exercise, displayPath, state: 'unreadable', message });
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return { exercise, displayPath, state: 'missing', message: `${displayPath} was not found: create it from the handout's stub, keeping its folder and file name.` };
  }
  if (stats.isSymbolicLink()) return unreadable(`${displayPath} is a symbolic link: submit the file itself.`);
  if (!stats.isFile()) return unreadable(`${displayPath} is not a regular file: submit the TypeScript file itself.`);
  if (statSync(path).size > MAX_SOURCE_BYTES) return unreadable(`${displayPath} is larger than ${MAX_SOURCE_BYTES / 1024} KiB: submit only your TypeScript source.`);
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (bytes.includes(0)) return { ...unreadable(`${displayPath} is a binary file, not TypeScript: submit the .ts source file.`), sha256 };
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ...unreadable(`${displayPath} is not valid UTF-8 text: save it as UTF-8 and submit it again.`), sha256 };
  }
  const compiled = transpileExercise(source, displayPath);
  if (compiled.syntaxErrors.length) {
    return { exercise, displayPath, state: 'syntax-error', sha256, message: `${displayPath} does not compile:\n${compiled.syntaxErrors.slice(0, 5).join('\n')}` };
  }
  const module: RealmModule = { id: moduleIdOf(exercise), filename: displayPath, javascript: compiled.javascript };
  const parseError = javascriptParseError(module);
  if (parseError) return { exercise, displayPath, state: 'syntax-error', sha256, message: `${displayPath} does not compile: ${parseError}` };
  return { exercise, displayPath, state: 'found', module, sha256 };
}

/** Compiles without running, so the realm never meets a file V8 cannot parse. */
function javascriptParseError(module: RealmModule): string | undefined {
  try {
    new vm.Script(`(function (exports, require, module) {${module.javascript}\n})`, { filename: module.filename });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
