import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { types } from 'node:util';
import * as vm from 'node:vm';
import type { RealmModule } from '../submission/read-submission';

const REALM_KIT_SOURCE = readFileSync(join(__dirname, 'realm-kit.js'), 'utf8');

export type { RealmModule };

/**
 * How a module is defined into a realm. `lent`: the grader's own code (the reference, in an isolated
 * world), which student code may call but not read or change: its exports are frozen, and the
 * realm's Function.prototype.toString shows no function of its source.
 */
export interface DefineOptions {
  readonly lent?: boolean;
}

/** What the realm answered: always a string, which the caller decodes and validates. */
export type RealmAnswer =
  | { readonly kind: 'answer'; readonly text: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'malformed'; readonly detail: string };

/**
 * A fresh V8 context with no host objects in it: only the language's own intrinsics, the realm kit,
 * and the modules defined into it. Code generation from strings and WebAssembly are off inside it.
 * Everything the host gets back from running code there is a primitive string. The realm's objects
 * the host holds are a module's compiled function, which it hands to the kit unread and unrun, and
 * the kit's entry function, which it puts in the entry slot only for the moment an entry starts.
 */
export class Realm {
  private readonly context: vm.Context;
  /** The context's global object on the host side; it holds only the slots. */
  private readonly slots: Record<string, unknown>;
  /** The kit's one way in (realm-kit.js): unreachable from the realm between entries. */
  private readonly enter: unknown;

  constructor() {
    // Non-configurable before any code runs, so that nothing in the realm can turn a slot into an accessor.
    this.slots = Object.create(null) as Record<string, unknown>;
    for (const slot of SLOTS)
      Object.defineProperty(this.slots, slot, { value: '', writable: true, enumerable: false, configurable: false });
    this.context = vm.createContext(this.slots, {
      name: 'submission',
      codeGeneration: { strings: false, wasm: false },
      microtaskMode: 'afterEvaluate',
    });
    this.slots[INPUT_SLOT] = intrinsicGlobals().list;
    this.enter = vm.runInContext(REALM_KIT_SOURCE, this.context, { filename: 'realm-kit.js' });
    this.slots[INPUT_SLOT] = '';
  }

  /**
   * Compiles a module without running it; throws the host's SyntaxError when the JavaScript does not parse.
   * It is compiled as a function of the language's global names (Math, Number, …), which the kit
   * calls with their values when the module is loaded: a read of a contextified global goes through
   * Node's interceptors and costs about 20 times a local read, which made student loops that call
   * `Math.pow` crawl. Nothing of the module runs here, so this needs no deadline.
   */
  define(module: RealmModule, options: DefineOptions = {}): void {
    const binder = vm.compileFunction(
      `return function (exports, require, module) {${module.javascript}\n};`,
      intrinsicGlobals().names,
      { parsingContext: this.context, filename: module.filename },
    );
    this.fill('define', options.lent ? `${module.id}\t${module.javascript}` : module.id, binder);
    try {
      ENTER.runInContext(this.context);
    } finally {
      this.empty();
    }
  }

  /** Evaluates a module (running its top-level code) and lists the functions it exports. */
  load(id: string, timeoutMs: number): RealmAnswer {
    return this.run('load', id, timeoutMs);
  }

  /** Calls an export with arguments in wire format; answers with the kit's result in wire format, and the arguments as the call left them when asked. */
  call(id: string, name: string, argsText: string, timeoutMs: number, observeArguments = false): RealmAnswer {
    const answer = this.run(
      'callBatch',
      batchText([{ id, fn: name, argsText, observeArguments }], timeoutMs),
      timeoutMs,
    );
    if (answer.kind !== 'answer') return answer;
    const [reply, ...extra] = repliesOf(answer.text);
    return reply !== undefined && extra.length === 0
      ? { kind: 'answer', text: reply }
      : { kind: 'malformed', detail: 'the realm answered one call with something else' };
  }

  /**
   * Many calls in one entry into the realm, which is far cheaper than one entry per call. Every
   * call still gets at least half of `timeoutMs` of its own: the realm stops a batch once half the
   * budget is spent, and a call that the deadline interrupts is rerun alone with the whole budget
   * before it counts as a timeout. After two timeouts of one function, its further calls time out
   * without running. `onAnswers` hears each entry's answers as soon as it ends.
   */
  callMany(
    calls: readonly RealmCallSpec[],
    timeoutMs: number,
    onAnswers: (answers: readonly RealmAnswer[]) => void = ignore,
  ): RealmAnswer[] {
    const answers: RealmAnswer[] = [];
    const settle = (more: RealmAnswer[]) => {
      answers.push(...more);
      onAnswers(more);
    };
    while (answers.length < calls.length) {
      const rest = calls.slice(answers.length);
      const [first] = rest;
      if (this.hasGivenUp(first)) {
        settle([{ kind: 'timeout' }]);
        continue;
      }
      const answer = this.run('callBatch', batchText(rest, timeoutMs / 2), timeoutMs);
      if (answer.kind === 'answer') {
        const done = repliesOf(answer.text);
        settle(
          done.length
            ? done.slice(0, rest.length).map(asAnswer)
            : [{ kind: 'malformed', detail: 'the realm answered a batch with nothing' }],
        );
        continue;
      }
      if (answer.kind === 'malformed') {
        settle([answer]);
        continue;
      }
      const drained = this.run('drain', '', 1000);
      const done = drained.kind === 'answer' ? repliesOf(drained.text).slice(0, rest.length) : [];
      const interrupted = rest[done.length];
      if (!interrupted) {
        settle(done.map(asAnswer));
        continue;
      }
      const alone = this.call(
        interrupted.id,
        interrupted.fn,
        interrupted.argsText,
        timeoutMs,
        interrupted.observeArguments,
      );
      if (alone.kind === 'timeout')
        this.timeouts.set(keyOf(interrupted), (this.timeouts.get(keyOf(interrupted)) ?? 0) + 1);
      settle([...done.map(asAnswer), alone]);
    }
    return answers;
  }

  private readonly timeouts = new Map<string, number>();

  private hasGivenUp(call: RealmCallSpec): boolean {
    return (this.timeouts.get(keyOf(call)) ?? 0) >= MAX_TIMEOUTS_PER_FUNCTION;
  }

  /** Runs one of the kit's entries with `input` in the slot: no source is compiled per call. */
  private run(entry: KitEntry, input: string, timeoutMs: number): RealmAnswer {
    this.fill(entry, input, '');
    try {
      const result: unknown = ENTER.runInContext(this.context, { timeout: timeoutMs });
      if (typeof result !== 'string')
        return { kind: 'malformed', detail: `the realm answered with a ${typeof result}` };
      return { kind: 'answer', text: result };
    } catch (error) {
      if (isTimeout(error)) return { kind: 'timeout' };
      return { kind: 'malformed', detail: 'the realm threw outside any student function' };
    } finally {
      this.empty();
    }
  }

  /** What the kit's entry reads (and empties) before any student code runs; what a realm wrote to the slots before is overwritten. */
  private fill(entry: KitEntry, input: string, module: unknown): void {
    this.slots[ENTER_SLOT] = this.enter;
    this.slots[ENTRY_SLOT] = entry;
    this.slots[INPUT_SLOT] = input;
    this.slots[MODULE_SLOT] = module;
  }

  private empty(): void {
    for (const slot of SLOTS) this.slots[slot] = '';
  }
}

/** The kit's entries (realm-kit.js). */
type KitEntry = 'define' | 'load' | 'callBatch' | 'drain';

/** Where the host puts the kit's entry function for the moment an entry starts. */
const ENTER_SLOT = '__gradeEnter';
/** Which entry: `define`, `load`, `callBatch` or `drain`. */
const ENTRY_SLOT = '__gradeEntry';
/** An entry's input: a string (a module id, a batch), read by the kit before any student code runs. */
const INPUT_SLOT = '__gradeInput';
/** Where `define` leaves a compiled module for the kit: before any code of the realm's modules has run. */
const MODULE_SLOT = '__gradeModule';
const SLOTS = [ENTER_SLOT, ENTRY_SLOT, INPUT_SLOT, MODULE_SLOT] as const;
const ENTER = new vm.Script(`${ENTER_SLOT}()`, { filename: 'realm-entry.js' });

/** The kit's batch format: the budget in ms, then one tab-separated line per call (wire-format arguments never hold a raw tab or newline). */
function batchText(calls: readonly RealmCallSpec[], budgetMs: number): string {
  let text = String(budgetMs);
  for (const call of calls) text += `\n${call.id}\t${call.fn}\t${call.observeArguments ? 1 : 0}\t${call.argsText}`;
  return text;
}

/** The kit joins replies with newlines; a reply is never empty. */
function repliesOf(text: string): string[] {
  return text === '' ? [] : text.split('\n');
}

function asAnswer(text: string): RealmAnswer {
  return { kind: 'answer', text };
}

function ignore(): void {}

let intrinsics: { readonly names: string[]; readonly list: string } | undefined;

/**
 * The global names of a fresh context that a module can take as parameters (every identifier but
 * `eval`, `arguments` and the kit's own), and the same joined as the kit reads them while it
 * installs; worked out once per process.
 */
function intrinsicGlobals(): { readonly names: string[]; readonly list: string } {
  if (!intrinsics) {
    const names = (vm.runInNewContext('Object.getOwnPropertyNames(globalThis)') as string[]).filter(
      (name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'eval' && name !== 'arguments' && !name.startsWith('__'),
    );
    intrinsics = { names, list: names.join(', ') };
  }
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

/**
 * Whether an entry ended at its vm timeout. What else escaped an entry may be the realm's own
 * object, even a Proxy: it is looked at without running any of its code (no getter, no trap), since
 * nothing here runs under a deadline.
 */
function isTimeout(error: unknown): boolean {
  if (!types.isNativeError(error)) return false;
  const code = Object.getOwnPropertyDescriptor(error, 'code');
  return code !== undefined && 'value' in code && code.value === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}
