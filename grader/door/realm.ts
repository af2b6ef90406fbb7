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

  /**
   * Compiles a module without running it; throws the host's SyntaxError when the JavaScript does not parse.
   * The module sees the language's global names (Math, Number, …) as parameters bound when it is
   * defined: a read of a contextified global goes through Node's interceptors and costs about 20
   * times a local read, which made student loops that call `Math.pow` crawl.
   */
  define(module: RealmModule): void {
    const names = intrinsicNames();
    const source = `__gradeKit.define(${JSON.stringify(module.id)}, (function (${names}) { return function (exports, require, module) {${module.javascript}\n}; })(${names}));`;
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

  /**
   * Many calls in one entry into the realm, which is far cheaper than one entry per call. Every
   * call still gets at least half of `timeoutMs` of its own: the realm stops a batch once half the
   * budget is spent, and a call that the deadline interrupts is rerun alone with the whole budget
   * before it counts as a timeout. After two timeouts of one function, its further calls time out
   * without running.
   */
  callMany(calls: readonly RealmCallSpec[], timeoutMs: number): RealmAnswer[] {
    const answers: RealmAnswer[] = [];
    while (answers.length < calls.length) {
      const rest = calls.slice(answers.length);
      const [first] = rest;
      if (this.hasGivenUp(first)) {
        answers.push({ kind: 'timeout' });
        continue;
      }
      const batch = JSON.stringify(rest.map((c) => [c.id, c.fn, c.argsText, c.observeArguments ?? false]));
      const answer = this.run(`__gradeKit.callBatch(${JSON.stringify(batch)}, ${timeoutMs / 2})`, timeoutMs);
      if (answer.kind === 'answer') {
        const done = parseAnswerList(answer.text);
        if (!done?.length) {
          answers.push({ kind: 'malformed', detail: 'the realm answered a batch with nothing' });
          continue;
        }
        answers.push(...done.slice(0, rest.length).map((text): RealmAnswer => ({ kind: 'answer', text })));
        continue;
      }
      if (answer.kind === 'malformed') {
        answers.push(answer);
        continue;
      }
      const drained = this.run('__gradeKit.drain()', 1000);
      const done = drained.kind === 'answer' ? parseAnswerList(drained.text) ?? [] : [];
      answers.push(...done.slice(0, rest.length).map((text): RealmAnswer => ({ kind: 'answer', text })));
      const interrupted = rest[done.length];
      if (!interrupted) continue;
      const alone = this.call(interrupted.id, interrupted.fn, interrupted.argsText, timeoutMs, interrupted.observeArguments);
      if (alone.kind === 'timeout') this.timeouts.set(keyOf(interrupted), (this.timeouts.get(keyOf(interrupted)) ?? 0) + 1);
      answers.push(alone);
    }
    return answers;
  }

  private readonly timeouts = new Map<string, number>();

  private hasGivenUp(call: RealmCallSpec): boolean {
    return (this.timeouts.get(keyOf(call)) ?? 0) >= MAX_TIMEOUTS_PER_FUNCTION;
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

let intrinsics: string | undefined;

/** The global names of a fresh context that a module can take as parameters, as a parameter list: every identifier but `eval`, `arguments` and the kit's own. */
function intrinsicNames(): string {
  intrinsics ??= (vm.runInNewContext('Object.getOwnPropertyNames(globalThis)') as string[])
    .filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'eval' && name !== 'arguments' && !name.startsWith('__'))
    .join(', ');
  return intrinsics;
}

/** One call of a batch: module id, export name, arguments in wire format. */
export interface RealmCallSpec {
  readonly id: string;
  readonly fn: string;
  readonly argsText: string;
  readonly observeArguments?: boolean;
}

/** A function that has hung twice is not run again in the same realm: its later calls time out at once. */
export const MAX_TIMEOUTS_PER_FUNCTION = 2;

function keyOf(call: RealmCallSpec): string {
  return `${call.id}#${call.fn}`;
}

function parseAnswerList(text: string): string[] | undefined {
  try {
    const list: unknown = JSON.parse(text);
    return Array.isArray(list) && list.every((t) => typeof t === 'string') ? list : undefined;
  } catch {
    return undefined;
  }
}

function isTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}
