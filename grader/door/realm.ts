import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vm from 'node:vm';

const REALM_KIT_SOURCE = readFileSync(join(__dirname, 'realm-kit.js'), 'utf8');

/** A module ready to run in a realm: its id (`01-cost/cost`), its file name for stack traces, and CommonJS source. */
export interface RealmModule {
  readonly id: string;
  readonly filename: string;
  readonly javascript: string;
}

/** What the realm answered: always a string, which the caller decodes and validates. */
export type RealmAnswer = { readonly kind: 'answer'; readonly text: string } | { readonly kind: 'timeout' } | { readonly kind: 'malformed'; readonly detail: string };

/**
 * A fresh V8 context with no host objects in it: only the language's own intrinsics, the realm kit,
 * and the modules defined into it. Code generation from strings and WebAssembly are off inside it.
 * Everything the host gets back is a primitive string, so no object of the realm ever reaches the host.
 */
export class Realm {
  private readonly context: vm.Context;

  constructor() {
    this.context = vm.createContext(Object.create(null), {
      name: 'submission',
      codeGeneration: { strings: false, wasm: false },
      microtaskMode: 'afterEvaluate',
    });
    vm.runInContext(REALM_KIT_SOURCE, this.context, { filename: 'realm-kit.js' });
  }

  /** Compiles a module without running it; throws the host's SyntaxError when the JavaScript does not parse. */
  define(module: RealmModule): void {
    const source = `__gradeKit.define(${JSON.stringify(module.id)}, (function (exports, require, module) {${module.javascript}\n}));`;
    new vm.Script(source, { filename: module.filename }).runInContext(this.context, { timeout: 1000 });
  }

  /** Evaluates a module (running its top-level code) and lists the functions it exports. */
  load(id: string, timeoutMs: number): RealmAnswer {
    return this.run(`__gradeKit.load(${JSON.stringify(id)})`, timeoutMs);
  }

  /** Calls an export with arguments in wire format; answers with the kit's result in wire format, and the arguments as the call left them when asked. */
  call(id: string, name: string, argsText: string, timeoutMs: number, observeArguments = false): RealmAnswer {
    return this.run(`__gradeKit.call(${JSON.stringify(id)}, ${JSON.stringify(name)}, ${JSON.stringify(argsText)}, ${observeArguments})`, timeoutMs);
  }

  private run(source: string, timeoutMs: number): RealmAnswer {
    try {
      const result: unknown = new vm.Script(source).runInContext(this.context, { timeout: timeoutMs });
      if (typeof result !== 'string') return { kind: 'malformed', detail: `the realm answered with a ${typeof result}` };
      return { kind: 'answer', text: result };
    } catch (error) {
      if (isTimeout(error)) return { kind: 'timeout' };
      return { kind: 'malformed', detail: 'the realm threw outside any student function' };
    }
  }
}

function isTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}
