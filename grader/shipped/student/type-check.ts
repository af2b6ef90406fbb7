/**
 * The handout's type check: the TypeScript compiler of the handout's own lockfile, on the program
 * its tsconfig.json describes (the exercise files and types.ts). It runs before any public check
 * (vitest's global setup, and `npm run check`), prints every error as `file:line:col - error TSnnnn:
 * message`, and an exercise whose own file has a type error is not checked at all: its checks
 * report the error instead of a misleading NaN (a typo such as `line.mm` is `undefined` at run time).
 */
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type * as TS from 'typescript';
import { EXERCISES, type ExerciseId } from '../contract/exercises';
import { HANDOUT_LAYOUT, kitPaths } from './layout';
import { TYPE_ERRORS_KEY } from './meta';

/** At most this many errors of one file are listed; the rest are counted. */
const ERRORS_SHOWN_PER_FILE = 8;

/** One error, as the compiler words it: `exercises/01-cost/cost.ts:4:30 - error TS2551: Property 'mm' …`. */
export interface CompilerError {
  /** The file it is in, from the handout's root; absent for an error of the settings. */
  readonly file?: string;
  readonly text: string;
}

/** What the type check found. */
export interface TypeCheck {
  /** Every error, in the compiler's order. */
  readonly errors: readonly CompilerError[];
  /** The errors in each exercise's own file, for the exercises that do not type-check: their checks do not run. */
  readonly byExercise: Readonly<Partial<Record<ExerciseId, readonly string[]>>>;
  /** Set when the compiler could not run at all (TypeScript not installed): why, and the fix. */
  readonly unavailable?: string;
}

/**
 * The handout's tsconfig.json (grader/handout writes it from this): strict, on the exercise files and
 * types.ts, with the realm's globals (`REALM_GLOBALS`). The tests and a scratch test are vitest's,
 * not graded, and left out. The type check falls back on it when a student's tsconfig.json is
 * missing or broken.
 */
/**
 * The globals the exercises' realm has beyond ES2022, declared for the type check, relative to the
 * kit: a V8 context's own `console`, which prints nothing there, so that a `console.log` left in an
 * exercise file type-checks as it runs.
 */
export const REALM_GLOBALS = {
  path: 'realm-globals.d.ts',
  text: `// What an exercise file can use beyond ES2022 when its checks run (a sealed realm): the realm's own console, which prints nothing there.
interface RealmConsole {
${['assert(condition?: boolean, ...data: unknown[]): void;', ...['log', 'info', 'debug', 'warn', 'error', 'trace', 'dir', 'table', 'group', 'groupCollapsed', 'groupEnd', 'count', 'countReset', 'time', 'timeEnd', 'timeLog'].map((m) => `${m}(...data: unknown[]): void;`)].map((line) => `  ${line}`).join('\n')}
}
declare var console: RealmConsole;
`,
} as const;

export const HANDOUT_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'node16',
    moduleResolution: 'node16',
    lib: ['ES2022'],
    types: [],
    strict: true,
    noFallthroughCasesInSwitch: true,
    noEmit: true,
    skipLibCheck: true,
  },
  files: [`${HANDOUT_LAYOUT.kit}/${REALM_GLOBALS.path}`],
  include: ['exercises/**/*.ts'],
  exclude: ['node_modules', HANDOUT_LAYOUT.kit, 'exercises/**/*.test.ts'],
};

/**
 * Type-checks the handout at `root`. Syntax errors are listed but stop nothing here: the kit's own
 * reading of the file reports them as it always has ("does not compile"), with the checks of the
 * files that do compile.
 */
export function typeCheckHandout(root: string): TypeCheck {
  let ts: typeof TS;
  try {
    ts = require('typescript') as typeof TS;
  } catch {
    return {
      errors: [],
      byExercise: {},
      unavailable:
        'TypeScript is not installed in this folder: run `npm ci` (it installs the versions of package-lock.json)',
    };
  }
  const { fileNames, options, configErrors } = programConfig(ts, root);
  const program = ts.createProgram({ rootNames: fileNames, options });
  const diagnostics = [...configErrors, ...ts.getPreEmitDiagnostics(program)].filter(
    (d) => d.category === ts.DiagnosticCategory.Error,
  );
  const syntaxBroken = new Set(
    program
      .getSourceFiles()
      .filter((f) => program.getSyntacticDiagnostics(f).length > 0)
      .map((f) => f.fileName),
  );
  const errors: CompilerError[] = [];
  const byExercise: Partial<Record<ExerciseId, string[]>> = {};
  for (const diagnostic of diagnostics) {
    const fileName = diagnostic.file?.fileName;
    const error = {
      file: fileName === undefined ? undefined : relativePath(root, fileName),
      text: describe(ts, diagnostic, root),
    };
    errors.push(error);
    const exercise = error.file === undefined ? undefined : exerciseOf(error.file);
    if (exercise && !syntaxBroken.has(fileName!)) (byExercise[exercise] ??= []).push(error.text);
  }
  return { errors, byExercise };
}

/** The program of the handout's tsconfig.json, or of the options it sets when it is missing or broken (said among the errors). */
function programConfig(
  ts: typeof TS,
  root: string,
): { fileNames: string[]; options: TS.CompilerOptions; configErrors: TS.Diagnostic[] } {
  const path = join(root, 'tsconfig.json');
  const unrecoverable: TS.Diagnostic[] = [];
  const host: TS.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => unrecoverable.push(d),
  };
  const parsed = existsSync(path) ? ts.getParsedCommandLineOfConfigFile(path, {}, host) : undefined;
  if (parsed && parsed.fileNames.length && !parsed.errors.length)
    return { fileNames: parsed.fileNames, options: parsed.options, configErrors: [] };
  const fallback = ts.parseJsonConfigFileContent(HANDOUT_TSCONFIG, ts.sys, root);
  const why: TS.Diagnostic = {
    file: undefined,
    start: undefined,
    length: undefined,
    code: 0,
    category: ts.DiagnosticCategory.Error,
    messageText: `tsconfig.json ${existsSync(path) ? 'could not be used' : 'is missing'}: the exercises were type-checked with the handout's own settings; restore tsconfig.json from the handout`,
  };
  return {
    fileNames: fallback.fileNames,
    options: fallback.options,
    configErrors: [why, ...unrecoverable, ...(parsed?.errors ?? [])],
  };
}

/** `exercises/01-cost/cost.ts:4:30 - error TS2551: Property 'mm' does not exist on type 'Line'. Did you mean 'm'?` */
function describe(ts: typeof TS, diagnostic: TS.Diagnostic, root: string): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n').replace(/\n/g, '\n    ');
  const code = diagnostic.code ? ` TS${diagnostic.code}` : '';
  if (!diagnostic.file || diagnostic.start === undefined) return `error${code}: ${message}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${relativePath(root, diagnostic.file.fileName)}:${line + 1}:${character + 1} - error${code}: ${message}`;
}

function relativePath(root: string, fileName: string): string {
  return relative(root, fileName).split(sep).join('/');
}

/** The exercise whose own file this is (`exercises/<id>/<file>`), if any. */
function exerciseOf(path: string): ExerciseId | undefined {
  return EXERCISES.find((e) => path === `exercises/${e.id}/${e.file}`)?.id;
}

/** The type check's report, printed before the checks run: nothing when every file type-checks. */
export function typeCheckReport(check: TypeCheck): string {
  if (check.unavailable) return `The type check could not run: ${check.unavailable}. The checks run without it.\n\n`;
  if (!check.errors.length) return '';
  const stopped = Object.keys(check.byExercise);
  const lines = [
    `TypeScript found ${check.errors.length === 1 ? 'a type error' : `${check.errors.length} type errors`} before any check ran:`,
    ...shownPerFile(check.errors).map((e) => `  ${e}`),
    stopped.length
      ? `The checks of ${stopped.join(', ')} do not run until ${stopped.length === 1 ? 'its file type-checks' : 'their files type-check'}.`
      : 'They are outside the exercise files, so every check runs.',
  ];
  return `${lines.join('\n')}\n\n`;
}

/** At most ERRORS_SHOWN_PER_FILE errors of each file, then how many more it has. */
export function shownPerFile(errors: readonly CompilerError[]): string[] {
  const seen = new Map<string, number>();
  const shown: string[] = [];
  for (const error of errors) {
    const count = (seen.get(error.file ?? '') ?? 0) + 1;
    seen.set(error.file ?? '', count);
    if (count <= ERRORS_SHOWN_PER_FILE) shown.push(error.text);
  }
  for (const [file, count] of seen)
    if (count > ERRORS_SHOWN_PER_FILE)
      shown.push(`… and ${count - ERRORS_SHOWN_PER_FILE} more in ${file || 'the settings'}`);
  return shown;
}

/** The little of vitest's TestProject a global setup uses. */
interface SetupProject {
  provide(key: string, value: unknown): void;
  onTestsRerun?(callback: () => void | Promise<void>): void;
}

/**
 * Vitest's global setup in the handout (`exercises/_kit/type-check.mjs`): type-checks before the
 * first run and before every rerun of watch mode, prints what it found, and hands each exercise's
 * errors to the test workers (`TYPE_ERRORS_KEY`), where the suite reports them instead of checking.
 */
export function typeCheckSetup(project: SetupProject, write: (text: string) => void = (t) => process.stdout.write(t)) {
  const run = () => {
    const check = typeCheckHandout(kitPaths().root);
    write(typeCheckReport(check));
    project.provide(TYPE_ERRORS_KEY, check.byExercise);
  };
  run();
  project.onTestsRerun?.(run);
}
