import { existsSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import ts from 'typescript';
import { KIT_ROOT } from '../data/paths';
import { KitError } from '../shipped/errors';

/** Everything that ships to students lives under this folder, and nothing the kit needs lives outside it. */
export const SHIPPED_DIR = 'grader/shipped';

/** An exercise's grader-only material: inside the shipped folder, beside what the exercise ships, and never shipped. */
const GRADING_ONLY = /^grader\/shipped\/exercises\/[^/]+\/grading\//;

/**
 * The student runner's entry points: the tests' suite, the reporter, the type check (vitest's global
 * setup) and `npm run check`; everything they import comes along.
 */
export const KIT_ENTRIES = [
  `${SHIPPED_DIR}/student/suite.ts`,
  `${SHIPPED_DIR}/student/reporter.ts`,
  `${SHIPPED_DIR}/student/type-check.ts`,
  `${SHIPPED_DIR}/student/check-command.ts`,
] as const;

/** Files the modules read at run time, next to themselves. */
export const KIT_ASSETS = [
  `${SHIPPED_DIR}/door/realm-kit.js`,
  `${SHIPPED_DIR}/report/templates/student.html.hbs`,
  `${SHIPPED_DIR}/report/templates/report.css`,
] as const;

/** Packages the kit may require: each must be a dependency of the handout (typescript: the type check before the checks). */
export const KIT_PACKAGES = ['fast-check', 'picocolors', 'handlebars', 'rolldown', 'typescript'] as const;

/** The contract's types, which the kit's declarations refer to (its modules import them for types only). */
const CONTRACT_TYPES = 'exercises/types.ts';

export interface KitModule {
  /** Path in the repository, e.g. `grader/shipped/checks/verdicts.ts`. */
  readonly source: string;
  /** Path in the kit, e.g. `grader/shipped/checks/verdicts.js`. */
  readonly target: string;
  readonly javascript: string;
}

/**
 * The kit's modules: the closure of its entries' imports, each transpiled on its own to CommonJS
 * (dynamic `import()` kept, for rolldown's ES modules). Refuses to build, naming the import chain,
 * when the closure reaches a file outside the shipped folder (or in an exercise's grading/), or a package that
 * is not one of KIT_PACKAGES.
 */
export function kitModules(entries: readonly string[] = KIT_ENTRIES, root = KIT_ROOT): KitModule[] {
  const modules = new Map<string, KitModule>();
  const queue: { source: string; chain: readonly string[] }[] = entries.map((source) => ({ source, chain: [source] }));
  while (queue.length) {
    const { source, chain } = queue.shift()!;
    if (modules.has(source)) continue;
    refuseOutsideShipped(source, chain);
    const text = readFileSync(join(root, source), 'utf8');
    const javascript = source.endsWith('.ts') ? transpile(text, source) : text;
    modules.set(source, { source, target: targetOf(source), javascript });
    for (const specifier of importsOf(javascript)) {
      if (specifier.startsWith('node:')) continue;
      if (!specifier.startsWith('.')) {
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
        if (!(KIT_PACKAGES as readonly string[]).includes(name))
          throw new KitError(
            'handout-leak',
            `grader: the handout's kit would need the package "${name}" (${chain.join(' → ')}), which the handout does not install: add it to KIT_PACKAGES and the handout's dependencies, or avoid it`,
          );
        continue;
      }
      queue.push({ source: resolveModule(root, source, specifier, chain), chain: [...chain, specifier] });
    }
  }
  return [...modules.values()];
}

/** Whether a repository file is one the handout may carry. */
export function isShipped(source: string): boolean {
  return source.startsWith(`${SHIPPED_DIR}/`) && !GRADING_ONLY.test(source);
}

function refuseOutsideShipped(source: string, chain: readonly string[]): void {
  if (isShipped(source)) return;
  const where = GRADING_ONLY.test(source) ? `an exercise's grader-only material (grading/)` : `outside ${SHIPPED_DIR}/`;
  throw new KitError(
    'handout-leak',
    `grader: the handout's kit would include ${source}, which is ${where} (imported through ${chain.join(' → ')}): everything that ships to students lives under ${SHIPPED_DIR}/ outside any grading/ folder; move what the kit needs there, or stop importing it`,
  );
}

function transpile(text: string, source: string): string {
  return ts.transpileModule(text, {
    fileName: source,
    compilerOptions: {
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      sourceMap: false,
      inlineSourceMap: false,
      removeComments: false,
    },
  }).outputText;
}

/** Specifiers of `require("…")` and `import("…")` in transpiled output. */
function importsOf(javascript: string): string[] {
  return [...javascript.matchAll(/\b(?:require|import)\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
}

function resolveModule(root: string, from: string, specifier: string, chain: readonly string[]): string {
  const base = posix.join(posix.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.js`, `${base}.json`, `${base}/index.ts`]) {
    if (/\.(ts|js|json)$/.test(candidate) && existsSync(join(root, candidate))) return candidate;
  }
  throw new KitError(
    'handout-leak',
    `grader: ${from} imports "${specifier}", which is not a file of the kit (${chain.join(' → ')})`,
  );
}

function targetOf(source: string): string {
  return source.replace(/\.ts$/, '.js');
}

/** The assets, as [path in the kit, text]. */
export function kitAssets(): [string, string][] {
  return KIT_ASSETS.map((path) => [path, readFileSync(join(KIT_ROOT, path), 'utf8')]);
}

/**
 * Type declarations of the kit's modules, for editors: the tests import the runner from JavaScript,
 * and these keep its types. One program over the kit's TypeScript sources, declarations only.
 */
export function kitDeclarations(modules: readonly KitModule[], root = KIT_ROOT): [string, string][] {
  const sources = modules.filter((m) => m.source.endsWith('.ts')).map((m) => join(root, m.source));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    strict: true,
    esModuleInterop: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    declaration: true,
    emitDeclarationOnly: true,
    noEmit: false,
    rootDir: root,
    outDir: join(root, '.handout-declarations'),
    types: ['node'],
  };
  const program = ts.createProgram(sources, options);
  const out: [string, string][] = [];
  // Every declaration the kit's types reach (type-only modules such as results/model too); a type from outside the shipped folder is refused.
  program.emit(undefined, (fileName, text) => {
    const path = relative(options.outDir!, fileName).split('\\').join('/');
    if (!path.endsWith('.d.ts')) return;
    const source = path.replace(/\.d\.ts$/, '.ts');
    if (source !== CONTRACT_TYPES && !isShipped(source)) {
      throw new KitError(
        'handout-leak',
        `grader: the handout's kit would need the types of ${source}, which is outside ${SHIPPED_DIR}/ (a shipped module imports it, for types at least): move those types under ${SHIPPED_DIR}/`,
      );
    }
    out.push([path, text]);
  });
  return out;
}
