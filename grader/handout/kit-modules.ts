import { existsSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import ts from 'typescript';
import { KIT_ROOT } from '../data/paths';
import { KitError } from '../errors';

/** The student runner's entry points: the tests' suite and the reporter; everything they import comes along. */
export const KIT_ENTRIES = ['grader/student/suite.ts', 'grader/student/reporter.ts'] as const;

/**
 * Modules the kit takes in place of others. compare.ts adds the reference's expected values to the
 * reference-free verdicts; only the verdicts travel (grader/report imports `format` from it). The
 * TypeScript transpiler is replaced by oxc, which loads far faster (see transpile-with-oxc.ts).
 */
export const SUBSTITUTES: Readonly<Record<string, string>> = {
  'grader/checks/compare.ts': 'grader/checks/verdicts.ts',
  'grader/submission/transpile.ts': 'grader/student/transpile-with-oxc.ts',
};

/** Files the modules read at run time, next to themselves. */
export const KIT_ASSETS = ['grader/door/realm-kit.js', 'grader/report/templates/student.html.hbs', 'grader/report/templates/report.css'] as const;

/** Packages the kit may require: each must be a dependency of the handout. */
export const KIT_PACKAGES = ['fast-check', 'picocolors', 'handlebars', 'rolldown'] as const;

/** What must never reach the handout, with the reason the build gives. */
const FORBIDDEN: readonly { readonly pattern: RegExp; readonly why: string }[] = [
  { pattern: /^solutions\//, why: 'the reference solutions' },
  { pattern: /^grader\/checks\/(index|[a-z-]+-checks)\.ts$/, why: 'the check lists, with the hidden checks and the reference' },
  { pattern: /^grader\/diagnosis\/(?!dependencies\.ts$)/, why: 'the catalogue and its probes, which run the reference and the buggy variants' },
  { pattern: /^grader\/(sandbox|handout|gradescope|batch|cli|engine\/(grade-submission|plot-data))\b/, why: 'grader-only code' },
  { pattern: /^(tests|examples|exercises)\//, why: 'files that are not the kit' },
];

export interface KitModule {
  /** Path in the repository, e.g. `grader/checks/verdicts.ts`. */
  readonly source: string;
  /** Path in the kit, e.g. `grader/checks/verdicts.js`. */
  readonly target: string;
  readonly javascript: string;
}

/**
 * The kit's modules: the closure of its entries' imports, each transpiled on its own to CommonJS
 * (dynamic `import()` kept, for rolldown's ES modules), with the substitutes in place. Refuses to
 * build, naming the import chain, when the closure reaches anything in FORBIDDEN or a package that
 * is not one of KIT_PACKAGES.
 */
export function kitModules(): KitModule[] {
  const modules = new Map<string, KitModule>();
  const queue: { source: string; chain: readonly string[] }[] = KIT_ENTRIES.map((source) => ({ source, chain: [source] }));
  while (queue.length) {
    const { source, chain } = queue.shift()!;
    if (modules.has(source)) continue;
    refuseForbidden(source, chain);
    const substitute = SUBSTITUTES[source];
    if (substitute) {
      modules.set(source, { source, target: targetOf(source), javascript: `"use strict";\n// In the handout, ${source} is ${substitute} (see grader/handout/kit-modules.ts).\nmodule.exports = require(${JSON.stringify(relativeRequire(source, substitute))});\n` });
      queue.push({ source: substitute, chain: [...chain, substitute] });
      continue;
    }
    const text = readFileSync(join(KIT_ROOT, source), 'utf8');
    const javascript = source.endsWith('.ts') ? transpile(text, source) : text;
    modules.set(source, { source, target: targetOf(source), javascript });
    for (const specifier of importsOf(javascript)) {
      if (specifier.startsWith('node:')) continue;
      if (!specifier.startsWith('.')) {
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
        if (!(KIT_PACKAGES as readonly string[]).includes(name)) throw new KitError('handout-leak', `grader: the handout's kit would need the package "${name}" (${chain.join(' → ')}), which the handout does not install: add it to KIT_PACKAGES and the handout's dependencies, or avoid it`);
        continue;
      }
      queue.push({ source: resolveModule(source, specifier, chain), chain: [...chain, specifier] });
    }
  }
  return [...modules.values()];
}

function refuseForbidden(source: string, chain: readonly string[]): void {
  const rule = FORBIDDEN.find((f) => f.pattern.test(source));
  if (rule) throw new KitError('handout-leak', `grader: the handout's kit would include ${source}, ${rule.why} (imported through ${chain.join(' → ')}): move what the kit needs into a file that does not import it`);
}

function transpile(text: string, source: string): string {
  return ts.transpileModule(text, {
    fileName: source,
    compilerOptions: { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false, inlineSourceMap: false, removeComments: false },
  }).outputText;
}

/** Specifiers of `require("…")` and `import("…")` in transpiled output. */
function importsOf(javascript: string): string[] {
  return [...javascript.matchAll(/\b(?:require|import)\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
}

function resolveModule(from: string, specifier: string, chain: readonly string[]): string {
  const base = posix.join(posix.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.js`, `${base}.json`, `${base}/index.ts`]) {
    if (/\.(ts|js|json)$/.test(candidate) && existsSync(join(KIT_ROOT, candidate))) return candidate;
  }
  throw new KitError('handout-leak', `grader: ${from} imports "${specifier}", which is not a file of the kit (${chain.join(' → ')})`);
}

function targetOf(source: string): string {
  return source.replace(/\.ts$/, '.js');
}

function relativeRequire(from: string, to: string): string {
  const path = posix.relative(posix.dirname(from), targetOf(to));
  return path.startsWith('.') ? path : `./${path}`;
}

/** The assets, as [path in the kit, text]. */
export function kitAssets(): [string, string][] {
  return KIT_ASSETS.map((path) => [path, readFileSync(join(KIT_ROOT, path), 'utf8')]);
}

/**
 * Type declarations of the kit's modules, for editors: the tests import the runner from JavaScript,
 * and these keep its types. One program over the kit's TypeScript sources, declarations only.
 */
export function kitDeclarations(modules: readonly KitModule[]): [string, string][] {
  const sources = modules.filter((m) => m.source.endsWith('.ts') && !SUBSTITUTES[m.source]).map((m) => join(KIT_ROOT, m.source));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, strict: true, esModuleInterop: true, resolveJsonModule: true, skipLibCheck: true,
    declaration: true, emitDeclarationOnly: true, noEmit: false, rootDir: KIT_ROOT, outDir: join(KIT_ROOT, '.handout-declarations'), types: ['node'],
  };
  const program = ts.createProgram(sources, options);
  const out: [string, string][] = [];
  // Every declaration the kit's types reach (type-only modules such as results/model too), but never a forbidden or substituted file's.
  program.emit(undefined, (fileName, text) => {
    const path = relative(options.outDir!, fileName).split('\\').join('/');
    const source = path.replace(/\.d\.ts$/, '.ts');
    if (path.endsWith('.d.ts') && !SUBSTITUTES[source] && (source === 'exercises/types.ts' || !FORBIDDEN.some((f) => f.pattern.test(source)))) out.push([path, text]);
  });
  for (const [source, substitute] of Object.entries(SUBSTITUTES)) {
    if (modules.some((m) => m.source === source)) out.push([source.replace(/\.ts$/, '.d.ts'), `export * from ${JSON.stringify(relativeRequire(source, substitute).replace(/\.js$/, ''))};\n`]);
  }
  return out;
}
