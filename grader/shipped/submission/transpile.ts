/**
 * The kit's one transpiler, in the grader and in the handout alike, so a file runs the same in both:
 * TypeScript to CommonJS, one file at a time, with oxc (rolldown/utils, which vitest's vite already
 * installs) rather than the TypeScript compiler, whose loading alone costs more than a whole
 * `npm test` should (oxc takes ~0.3 ms a file where `transpileModule` took ~4.4, bench/LOG.md).
 * oxc strips the types; the ES module syntax left is rewritten to CommonJS from oxc's own parse.
 * Nothing outside the file is ever read, so no import can pull another file's source into a
 * submission. The last 1,024 files are remembered by path and content: a class shares many files
 * (untouched stubs, the starter code), and the handout's main process hands its files to the test
 * worker, which then need not load oxc at all.
 */
import { createHash } from 'node:crypto';
import type * as OxcUtils from 'rolldown/utils' with { 'resolution-mode': 'import' };

export interface TranspiledFile {
  readonly javascript: string;
  readonly syntaxErrors: readonly string[];
}

/** A file transpiled elsewhere (the handout's main process transpiles for its test worker), as [display path, source, result]. */
export type KnownTranspile = readonly [displayPath: string, source: string, file: TranspiledFile];

const REMEMBERED_FILES = 1024;

let oxc: typeof OxcUtils | undefined;
/** The grader loads oxc with `require` when a file first needs it; the handout's runner loads it only with `loadTranspiler`. */
let loadsOnDemand = true;

/** The files transpiled or remembered, least recently used first, by a hash of path and source. */
const transpiled = new Map<string, KnownTranspile>();

/** What `transpileExercise` throws, after `loadTranspilerOnlyWhenAsked`, when a file it has not seen needs oxc and oxc is not loaded. */
export class TranspilerNotLoaded extends Error {
  constructor() {
    super('grader: the transpiler is not loaded yet: await loadTranspiler() before reading a submission');
    this.name = 'TranspilerNotLoaded';
  }
}

/** Loads oxc once per process, without blocking. */
export async function loadTranspiler(): Promise<void> {
  oxc ??= await import('rolldown/utils');
}

/**
 * From now on oxc is loaded only by `loadTranspiler`: a file this process has not seen throws
 * `TranspilerNotLoaded` until it is. The handout's test worker, which is usually handed every file
 * it needs, so loads no transpiler at all.
 */
export function loadTranspilerOnlyWhenAsked(): void {
  loadsOnDemand = false;
}

/** Files this process need not transpile again while their source stays the same. */
export function rememberTranspiled(files: readonly KnownTranspile[]): void {
  for (const file of files) remember(keyOf(file[0], file[1]), file);
}

/** Every file transpiled or remembered so far, to hand to another process. */
export function knownTranspiles(): KnownTranspile[] {
  return [...transpiled.values()];
}

export function transpileExercise(source: string, displayPath: string): TranspiledFile {
  const key = keyOf(displayPath, source);
  const known = transpiled.get(key);
  if (known) return remember(key, known);
  if (!oxc && !loadsOnDemand) throw new TranspilerNotLoaded();
  // An ES module without top-level await, which `require` loads on Node 20.19 and later.
  oxc ??= require('rolldown/utils') as typeof OxcUtils;
  return remember(key, [displayPath, source, transpileWithOxc(oxc, source, displayPath)]);
}

function keyOf(displayPath: string, source: string): string {
  return createHash('sha256').update(displayPath).update('\0').update(source).digest('base64');
}

/** Keeps the file as the most recently used, forgetting the least recently used beyond REMEMBERED_FILES. */
function remember(key: string, file: KnownTranspile): TranspiledFile {
  transpiled.delete(key);
  transpiled.set(key, file);
  if (transpiled.size > REMEMBERED_FILES) transpiled.delete(transpiled.keys().next().value!);
  return file[2];
}

/** One file, TypeScript to CommonJS, with the oxc given. */
export function transpileWithOxc(utils: typeof OxcUtils, source: string, displayPath: string): TranspiledFile {
  const stripped = utils.transformSync(displayPath, source, { lang: 'ts', sourceType: 'module', target: 'es2022' });
  if (stripped.errors.length)
    return { javascript: '', syntaxErrors: stripped.errors.map((e) => formatError(e, displayPath)) };
  const parsed = utils.parseSync(displayPath.replace(/\.ts$/, '.js'), stripped.code, {
    lang: 'js',
    sourceType: 'module',
  });
  if (parsed.errors.length)
    return { javascript: '', syntaxErrors: parsed.errors.map((e) => formatError(e as unknown as Error, displayPath)) };
  const awaited = findTopLevelAwait(parsed.program.body as unknown as readonly EsNode[]);
  if (awaited)
    return {
      javascript: '',
      syntaxErrors: [
        `  ${displayPath} a top-level \`await\` is not available in the exercises: each file runs as a plain function body, so await only inside an async function`,
      ],
    };
  if (findModuleLoading(parsed.program))
    return { javascript: '', syntaxErrors: moduleLoadingErrors(utils, source, displayPath) };
  const javascript = toCommonJs(stripped.code, parsed.program.body as unknown as readonly EsNode[]);
  // The realm compiles the JavaScript as a function body, not as a module: look at it exactly as V8 will, so no
  // difference between the two grammars (a regular expression in one is a division in the other) can hide an import().
  const asCompiled = utils.parseSync(displayPath.replace(/\.ts$/, '.cjs'), moduleFunctionSource(javascript), {
    lang: 'js',
    sourceType: 'script',
  });
  if (asCompiled.errors.length)
    return {
      javascript: '',
      syntaxErrors: [
        `  ${displayPath} does not compile as a function body, as the exercises run: ${formatError(asCompiled.errors[0] as unknown as Error, displayPath).trim()}`,
      ],
    };
  if (findModuleLoading(asCompiled.program))
    return { javascript: '', syntaxErrors: moduleLoadingErrors(utils, source, displayPath) };
  return { javascript, syntaxErrors: [] };
}

/** The text a realm compiles for a module (grader/shipped/door/realm.ts wraps it the same way, as the body of a function of `exports, require, module`). */
export function moduleFunctionSource(javascript: string): string {
  return `(function (exports, require, module) {${javascript}\n})`;
}

/** An `await` outside any function at the top of a module (oxc accepts it in a module; the realm runs the file as a function body, where it is a name). */
function findTopLevelAwait(body: readonly EsNode[]): EsNode | undefined {
  return findNode(
    body,
    (n) => n.type === 'AwaitExpression' || (n.type === 'ForOfStatement' && n.await === true),
    (n) => !/Function|^ClassBody$|^StaticBlock$/.test(n.type),
  );
}

/**
 * `import(…)` and `import.meta` anywhere in a file: the exercises load their siblings with static
 * imports only. Refused when the file is read, because a dynamic import inside a realm is answered
 * by the host's module loader with objects made outside the realm, which every realm of the
 * process could reach.
 */
function findModuleLoading(node: unknown): EsNode | undefined {
  return findNode(
    node,
    (n) =>
      n.type === 'ImportExpression' || (n.type === 'MetaProperty' && (n.meta as Named | undefined)?.name === 'import'),
  );
}

/** The first node, depth first, that `matches`; `enters` says which nodes to look inside (all of them unless told). */
function findNode(
  node: unknown,
  matches: (node: EsNode) => boolean,
  enters: (node: EsNode) => boolean = () => true,
): EsNode | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findNode(child, matches, enters);
      if (found) return found;
    }
    return undefined;
  }
  const esNode = node as EsNode;
  if (matches(esNode)) return esNode;
  if (!enters(esNode)) return undefined;
  for (const key in esNode) {
    if (key === 'type' || key === 'start' || key === 'end') continue;
    const found = findNode(esNode[key], matches, enters);
    if (found) return found;
  }
  return undefined;
}

/** Where the student wrote a dynamic import, found in their own TypeScript, and what to write instead. */
function moduleLoadingErrors(utils: typeof OxcUtils, source: string, displayPath: string): string[] {
  const found = findModuleLoading(utils.parseSync(displayPath, source, { lang: 'ts', sourceType: 'module' }).program);
  const where = found ? `${displayPath}:${lineAndColumn(source, found.start)}` : displayPath;
  const what = found?.type === 'MetaProperty' ? '`import.meta`' : 'a dynamic `import()`';
  return [
    `  ${where} ${what} is not available in the exercises: import a sibling exercise with a static import at the top of the file, for example \`import { … } from '../02-gradient/gradient'\``,
  ];
}

function lineAndColumn(source: string, offset: number): string {
  const before = source.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

function formatError(error: Error & { loc?: { line?: number; column?: number } }, displayPath: string): string {
  const firstLine = String(error.message ?? error)
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')[0]
    .replace(/^\[[A-Z_]+\]\s*/, '');
  const where = error.loc?.line ? `${displayPath}:${error.loc.line}:${(error.loc.column ?? 0) + 1}` : displayPath;
  return `  ${where} ${firstLine}`;
}

/** The few ESTree shapes the rewrite reads. */
interface EsNode {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly [key: string]: unknown;
}
interface Named {
  readonly name?: string;
  readonly value?: string;
  readonly type: string;
}

const nameOf = (node: unknown): string => {
  const n = node as Named;
  return n.type === 'Literal' ? String(n.value) : String(n.name);
};

/** Every name a declaration pattern binds: `a`, `[a, b]`, `{ a, b: c, ...d }`. */
function boundNames(pattern: EsNode | null | undefined): string[] {
  if (!pattern) return [];
  switch (pattern.type) {
    case 'Identifier':
      return [String(pattern.name)];
    case 'ArrayPattern':
      return (pattern.elements as (EsNode | null)[]).flatMap((e) => boundNames(e));
    case 'ObjectPattern':
      return (pattern.properties as EsNode[]).flatMap((p) =>
        boundNames((p.type === 'RestElement' ? p.argument : p.value) as EsNode),
      );
    case 'AssignmentPattern':
      return boundNames(pattern.left as EsNode);
    case 'RestElement':
      return boundNames(pattern.argument as EsNode);
    default:
      return [];
  }
}

/**
 * ES module syntax at the top level to CommonJS, as TypeScript's `module: commonjs` does it in
 * effect: imports become `require` calls (named imports read once, when the file is loaded),
 * exports become properties of `exports`, function exports before anything runs.
 */
function toCommonJs(code: string, body: readonly EsNode[]): string {
  const edits: { start: number; end: number; text: string }[] = [];
  const hoisted: string[] = [];
  const atEnd: string[] = [];
  let counter = 0;
  const temporary = (what: string) => `__kit_${what}_${counter++}__`;
  const exportLine = (exported: string, local: string) => `exports[${JSON.stringify(exported)}] = ${local};`;
  const getterLine = (exported: string, from: string) =>
    `Object.defineProperty(exports, ${JSON.stringify(exported)}, { enumerable: true, configurable: true, get: function () { return ${from}; } });`;

  for (const node of body) {
    if (node.type === 'ImportDeclaration') {
      const required = `require(${JSON.stringify(nameOf(node.source))})`;
      const specifiers = node.specifiers as EsNode[];
      if (!specifiers.length) {
        edits.push({ start: node.start, end: node.end, text: `${required};` });
        continue;
      }
      const module = temporary('import');
      const lines = [`const ${module} = ${required};`];
      for (const s of specifiers) {
        const local = nameOf(s.local);
        if (s.type === 'ImportNamespaceSpecifier') lines.push(`const ${local} = ${module};`);
        else if (s.type === 'ImportDefaultSpecifier') lines.push(`const ${local} = ${module}.default;`);
        else lines.push(`const ${local} = ${module}[${JSON.stringify(nameOf(s.imported))}];`);
      }
      edits.push({ start: node.start, end: node.end, text: lines.join(' ') });
    } else if (node.type === 'ExportNamedDeclaration') {
      const declaration = node.declaration as EsNode | null;
      if (declaration) {
        edits.push({ start: node.start, end: declaration.start, text: '' });
        if (declaration.type === 'FunctionDeclaration')
          hoisted.push(exportLine(nameOf(declaration.id), nameOf(declaration.id)));
        else {
          const names =
            declaration.type === 'VariableDeclaration'
              ? (declaration.declarations as EsNode[]).flatMap((d) => boundNames(d.id as EsNode))
              : [nameOf(declaration.id)];
          edits.push({ start: node.end, end: node.end, text: ` ${names.map((n) => exportLine(n, n)).join(' ')}` });
        }
        continue;
      }
      const specifiers = node.specifiers as EsNode[];
      if (node.source) {
        const module = temporary('reexport');
        const lines = [
          `const ${module} = require(${JSON.stringify(nameOf(node.source))});`,
          ...specifiers.map((s) => getterLine(nameOf(s.exported), `${module}[${JSON.stringify(nameOf(s.local))}]`)),
        ];
        edits.push({ start: node.start, end: node.end, text: lines.join(' ') });
      } else {
        edits.push({ start: node.start, end: node.end, text: '' });
        atEnd.push(...specifiers.map((s) => exportLine(nameOf(s.exported), nameOf(s.local))));
      }
    } else if (node.type === 'ExportDefaultDeclaration') {
      const declaration = node.declaration as EsNode;
      const named =
        (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && declaration.id;
      if (named) {
        edits.push({ start: node.start, end: declaration.start, text: '' });
        const line = exportLine('default', nameOf(declaration.id));
        if (declaration.type === 'FunctionDeclaration') hoisted.push(line);
        else edits.push({ start: node.end, end: node.end, text: ` ${line}` });
      } else {
        edits.push({ start: node.start, end: declaration.start, text: 'exports.default = (' });
        edits.push({ start: declaration.end, end: node.end, text: ');' });
      }
    } else if (node.type === 'ExportAllDeclaration') {
      const required = `require(${JSON.stringify(nameOf(node.source))})`;
      const text = node.exported
        ? exportLine(nameOf(node.exported), required)
        : `(function (m) { Object.keys(m).forEach(function (k) { if (k !== 'default' && !Object.prototype.hasOwnProperty.call(exports, k)) Object.defineProperty(exports, k, { enumerable: true, configurable: true, get: function () { return m[k]; } }); }); })(${required});`;
      edits.push({ start: node.start, end: node.end, text });
    }
  }

  let out = '';
  let last = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start || a.end - b.end)) {
    out += code.slice(last, edit.start) + edit.text;
    last = edit.end;
  }
  out += code.slice(last);
  return `"use strict";\n${hoisted.join('\n')}${hoisted.length ? '\n' : ''}${out}${atEnd.length ? `\n${atEnd.join('\n')}` : ''}\n`;
}
