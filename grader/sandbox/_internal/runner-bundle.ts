import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { KitError } from '../../shipped/errors';
import { KIT_ROOT } from '../../data/paths';

/** The child's own code: these modules (without extension) and nothing else; the bundler refuses any other import. */
const RUNNER_MODULES = [
  'grader/sandbox/_runner/sandbox-runner',
  'grader/sandbox/_internal/protocol',
  'grader/shipped/door/submission-realms',
  'grader/shipped/door/realm',
  'grader/shipped/contract/exercises',
] as const;
const RUNNER_ENTRY = RUNNER_MODULES[0];
/** Files the modules read at start-up, served from memory inside the child, which may read nothing but its own file. */
const EMBEDDED_FILES = ['grader/shipped/door/realm-kit.js'] as const;
/** node:util is loaded by Node's own bootstrap, so requiring it costs the child nothing (node:v8, say, would load the streams modules). */
const BUILTINS = ['node:fs', 'node:path', 'node:util', 'node:vm'] as const;
/** Where the bundled modules believe they live, so `join(__dirname, 'realm-kit.js')` finds the embedded copy. */
const VIRTUAL_ROOT = '/gd-kit-runner';
/** This file: how the bundle is put together (the builtins it requires, the loader it writes) is part of what a cached runner must match. */
const BUNDLER = 'grader/sandbox/_internal/runner-bundle';

/** The runner file and the empty, unwritable folder the children start in. */
export interface RunnerFiles {
  readonly runnerPath: string;
  readonly workingDirectory: string;
}

interface SourceFile {
  readonly id: string;
  readonly path: string;
  readonly text: string;
}

const built = new Map<string, RunnerFiles>();

/**
 * Writes (once per content) the child's code as one CommonJS file in a cache folder under the OS
 * temp dir, so that a child starts plain `node` on it without TypeScript. The folder must belong to
 * this user and be writable by no one else; otherwise a private fresh folder is used.
 */
export function runnerFiles(preamble = ''): RunnerFiles {
  const sources = RUNNER_MODULES.map(readModuleSource);
  const embedded = EMBEDDED_FILES.map((id) => ({
    id,
    path: join(KIT_ROOT, id),
    text: readFileSync(join(KIT_ROOT, id), 'utf8'),
  }));
  const hash = createHash('sha256');
  hash.update(`node ${process.version}\npreamble ${preamble}\n`);
  for (const file of [readModuleSource(BUNDLER), ...sources, ...embedded]) hash.update(`${file.id}\n${file.text}\n`);
  const digest = hash.digest('hex').slice(0, 24);
  const known = built.get(digest);
  if (known && existsSync(known.runnerPath)) return known;

  // The permission model matches --allow-fs-read against real paths: no symbolic link in the way.
  const folder = ownedFolder(join(realpathSync(tmpdir()), `gd-kit-sandbox-${digest}`));
  const runnerPath = join(folder, 'runner.cjs');
  const workingDirectory = join(folder, 'cwd');
  if (runnerPath.includes(','))
    throw new KitError(
      'sandbox-runner',
      `grader: the sandbox runner path ${runnerPath} contains a comma, which --allow-fs-read cannot take; set TMPDIR to a folder without one.`,
    );
  const marker = `//# gd-kit-sandbox-runner ${digest}\n`;
  if (!isTrustedFile(runnerPath) || !readFileSync(runnerPath, 'utf8').endsWith(marker)) {
    writeAtomically(runnerPath, bundle(sources, embedded, preamble) + marker);
  }
  mkdirSync(workingDirectory, { recursive: true, mode: 0o555 });
  chmodSync(workingDirectory, 0o555);
  const files = { runnerPath, workingDirectory };
  built.set(digest, files);
  return files;
}

function readModuleSource(id: string): SourceFile {
  for (const extension of ['.ts', '.js']) {
    const path = join(KIT_ROOT, id + extension);
    if (existsSync(path)) return { id, path, text: readFileSync(path, 'utf8') };
  }
  throw new KitError(
    'sandbox-runner',
    `grader: the sandbox runner needs ${id}.ts, which is missing under ${KIT_ROOT}.`,
  );
}

function ownedFolder(preferred: string): string {
  try {
    mkdirSync(preferred, { mode: 0o755 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
      throw new KitError(
        'sandbox-runner',
        `grader: cannot create the sandbox cache folder ${preferred}: check that the temp folder is writable, or set TMPDIR`,
        { cause: error },
      );
  }
  if (isTrusted(preferred, 'directory')) return preferred;
  const fresh = mkdtempSync(join(realpathSync(tmpdir()), 'gd-kit-sandbox-'));
  chmodSync(fresh, 0o755);
  return fresh;
}

function isTrustedFile(path: string): boolean {
  return existsSync(path) && isTrusted(path, 'file');
}

/** Ours, not a link, and writable by no other user: nobody else can have put code in it. */
function isTrusted(path: string, kind: 'file' | 'directory'): boolean {
  const stats = lstatSync(path);
  const rightKind = kind === 'file' ? stats.isFile() : stats.isDirectory();
  return rightKind && !stats.isSymbolicLink() && stats.uid === process.getuid?.() && (stats.mode & 0o022) === 0;
}

function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(temporary, text, { mode: 0o644, flag: 'wx' });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new KitError(
      'sandbox-runner',
      `grader: cannot write the sandbox runner ${path}: check that the temp folder is writable, or set TMPDIR`,
      { cause: error },
    );
  }
}

/** One file: a tiny module table over the transpiled modules, with every import resolved now. */
function bundle(sources: readonly SourceFile[], embedded: readonly SourceFile[], preamble: string): string {
  // Loaded only when a runner has to be written: the children themselves never load TypeScript.
  const ts = require('typescript') as typeof import('typescript');
  const ids = new Set(sources.map((s) => s.id));
  const factories: string[] = [];
  const links: Record<string, Record<string, string>> = {};
  for (const source of sources) {
    const output = ts.transpileModule(source.text, {
      fileName: source.path,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: false,
        sourceMap: false,
        inlineSourceMap: false,
        importHelpers: false,
        removeComments: true,
      },
    }).outputText;
    links[source.id] = {};
    for (const [, specifier] of output.matchAll(/\brequire\("([^"]+)"\)/g)) {
      links[source.id][specifier] = resolveImport(source.id, specifier, ids);
    }
    const virtualDir = posix.join(VIRTUAL_ROOT, posix.dirname(source.id));
    factories.push(
      `${JSON.stringify(source.id)}: [${JSON.stringify(virtualDir)}, function (exports, require, module, __filename, __dirname) {\n${output}\n}]`,
    );
  }
  const files: Record<string, string> = {};
  for (const file of embedded) files[posix.join(VIRTUAL_ROOT, file.id)] = file.text;
  return `'use strict';
// Generated by grader/sandbox/_internal/runner-bundle.ts from ${sources.map((s) => s.id).join(', ')}. Do not edit.
${preamble}
(function () {
  const builtins = { ${BUILTINS.map((b) => `${JSON.stringify(b)}: require(${JSON.stringify(b)})`).join(', ')} };
  const embedded = ${JSON.stringify(files)};
  const realReadFileSync = builtins['node:fs'].readFileSync;
  // Inherits from fs rather than copying it: a copy reads fs's lazy getters, and ReadStream's loads the streams modules (about 6 ms a child).
  builtins['node:fs'] = Object.freeze(Object.create(builtins['node:fs'], {
    readFileSync: {
      value(path, options) {
        if (typeof path === 'string' && Object.prototype.hasOwnProperty.call(embedded, path)) return embedded[path];
        return realReadFileSync(path, options);
      },
    },
  }));
  const factories = {
${factories.join(',\n')}
  };
  const links = ${JSON.stringify(links)};
  const instances = Object.create(null);
  function load(id) {
    if (id in builtins) return builtins[id];
    if (id in instances) return instances[id].exports;
    const module = { exports: {} };
    instances[id] = module;
    const [dir, factory] = factories[id];
    factory.call(module.exports, module.exports, (specifier) => load(links[id][specifier]), module, dir + '/module.js', dir);
    return module.exports;
  }
  load(${JSON.stringify(RUNNER_ENTRY)});
})();
`;
}

function resolveImport(from: string, specifier: string, ids: ReadonlySet<string>): string {
  if ((BUILTINS as readonly string[]).includes(specifier)) return specifier;
  if (specifier.startsWith('.')) {
    const target = posix.normalize(posix.join(posix.dirname(from), specifier)).replace(/\.(ts|js)$/, '');
    if (ids.has(target)) return target;
  }
  throw new KitError(
    'sandbox-runner',
    `grader: the sandbox runner module ${from} imports "${specifier}", which is not bundled; add it to RUNNER_MODULES (or BUILTINS) in ${dirname(__filename)}/runner-bundle.ts.`,
  );
}
