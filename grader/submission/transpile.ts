import { createHash } from 'node:crypto';
import type * as OxcUtils from 'rolldown/utils' with { 'resolution-mode': 'import' };
import { memoRecent } from '../checks/memo';
import { transpileWithOxc, type TranspiledFile } from '../student/transpile-with-oxc';

export type { TranspiledFile };
export { moduleFunctionSource } from '../student/transpile-with-oxc';

/**
 * TypeScript to CommonJS, one file at a time, with oxc's transform (the handout's transpiler too,
 * so a file runs the same in the grader as on the student's machine): nothing outside the file is
 * ever read, so no import can pull another file's source into the submission. The last 1,024 files
 * are remembered by content: a class shares many files (untouched stubs, the starter code), and a
 * file's JavaScript depends on nothing else. oxc takes ~0.3 ms a file where TypeScript's
 * `transpileModule` took ~4.4 (bench/README.md).
 */
export const transpileExercise: (source: string, displayPath: string) => TranspiledFile = memoRecent(
  1024,
  (source: string, displayPath: string) => createHash('sha256').update(displayPath).update('\0').update(source).digest('base64'),
  (source: string, displayPath: string) => transpileWithOxc(oxc(), source, displayPath),
);

let loaded: typeof OxcUtils | undefined;

/** rolldown's oxc bindings, loaded on first use: an ES module without top-level await, which `require` loads on Node 20.19 and later. */
function oxc(): typeof OxcUtils {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('rolldown/utils') as typeof OxcUtils;
  return loaded;
}
