import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallOutcome, CallRequest } from '../../grader/shipped/door/port';
import { readSubmission } from '../../grader/shipped/submission/read-submission';
import { transpileExercise } from '../../grader/shipped/submission/transpile';
import { SandboxPool } from '../../grader/sandbox';
import { forStudent } from '../../grader/shipped/results/for-student';
import { gradeInSandbox } from '../rubric/_support';
import { FAST_LIMITS, HOSTILE_DIR, grade, referenceWithFiles } from './sandbox-helpers';

/*
 * Attacks from a red-team pass over the sandbox, the realms and what reaches the student, that no
 * other test wrote down. Each is student code graded through the real sandbox. An attack that
 * still works is an `it.fails` naming the gap, to become an `it` when the grader closes it; an
 * attack the defences hold against is an `it`, so that they keep holding.
 */

let pool: SandboxPool;
const scratch = mkdtempSync(join(tmpdir(), 'red-team-'));
beforeAll(() => {
  pool = new SandboxPool({ limits: FAST_LIMITS });
});
afterAll(async () => {
  await pool.close();
  rmSync(scratch, { recursive: true, force: true });
});

const submissionWith = (name: string, files: Record<string, string>) => referenceWithFiles(scratch, name, files);

describe('a dynamic import hidden by a parse differential', () => {
  // oxc parses the file as a module, where a top-level `await /0; import('x'); 0/g` awaits a
  // regular expression; the kit compiles the same text as the body of a plain function, where
  // `await` is a name and the slashes divide. The transpiler refuses a top-level await, and looks
  // for import() in a parse of the exact text the realm compiles, as a script.
  it('the transpiler refuses an import() that a top-level `await /…/` hides', () => {
    const file = transpileExercise(
      "(globalThis as any).await = 0;\n(globalThis as any).g = 1;\nawait /0; import('x'); 0/g;\nexport function computeCost(): number { return 1; }\n",
      '<submission>/01-cost/cost.ts',
    );
    expect(file.javascript).toBe('');
    expect(file.syntaxErrors.join('\n')).toMatch(/not available|await/);
  });

  // Had the import() run, its host-made error's prototype, which every realm of the child shares,
  // would carry 01's hidden inputs to 02's public checks (and, before isolation lent only an
  // exercise's foundations, lent reference functions between isolated worlds: 65/100).
  it('what a hidden call is given never reaches what the student sees, however the file hides its import()', async () => {
    const submission = readSubmission(join(HOSTILE_DIR, 'import-behind-await-regex'), 'import-behind-await-regex');
    const shown = JSON.stringify(forStudent(await gradeInSandbox(pool, submission, 7)));
    expect(shown).not.toMatch(/hidden-sized lists seen: [1-9]/);
  });
});

const ONE_POINT = [{ x: 1, y: 2 }];
const FOUR_POINTS = [
  { x: 1, y: 2 },
  { x: 2, y: 2 },
  { x: 3, y: 4 },
  { x: 4, y: 3 },
];
const costCall = (m: number, extra: Partial<CallRequest> = {}): CallRequest => ({
  exercise: '01-cost',
  fn: 'computeCost',
  args: [ONE_POINT, { m, b: 0 }],
  world: 'student',
  ...extra,
});

/** What a probe threw, as the door words it (`computeCost threw Error: …`), or why it did not answer. */
function said(outcome: CallOutcome): string {
  return outcome.ok ? `answered ${JSON.stringify(outcome.value)}` : `${outcome.error.kind}: ${outcome.error.message}`;
}

describe('answers stay with the calls that gave them', () => {
  // The kit reads the export (`exported[name]`) and lists a module's exports inside the call's own
  // try: a getter on `exports` that throws is that call's error, not the whole entry's.
  it('an export getter that throws costs only the call that read it', async () => {
    const probe = `
      import type { Line, Point } from '../types';
      // The call with m = 1 arms the getter, so the next call of the batch finds it throwing.
      let armed = false;
      Object.defineProperty(exports, 'computeCost', { enumerable: true, get() {
        if (armed) { armed = false; throw new Error('export getter'); }
        return (points: readonly Point[], line: Line) => { armed = line.m === 1; return line.m; };
      } });`;
    const graded = await grade(pool, submissionWith('export-getter-throws', { '01-cost/cost.ts': probe }), [
      costCall(1),
      costCall(2),
      costCall(3),
    ]);
    expect(graded.outcomes.map(said)).toEqual([
      'answered 1',
      expect.stringMatching(/^(threw|load-failed): .*export getter/),
      'answered 3',
    ]);
  });

  it('a thrown object that would hang whoever reads it costs only its own call, in the kit, and the host never reads it', async () => {
    // A getter on `exports` throws a Proxy that spins when its `code` is read: the kit answers the
    // call as threw, and the host's timeout test looks at what escapes an entry without running it.
    const probe = `
      import type { Line, Point } from '../types';
      const spinOnCode = new Proxy({}, { get(_target, key) { if (key === 'code') for (;;) {} return undefined; } });
      let armed = false;
      Object.defineProperty(exports, 'computeCost', { enumerable: true, get() {
        if (armed) { armed = false; throw spinOnCode; }
        return (points: readonly Point[], line: Line) => { armed = line.m === 1; return line.m; };
      } });`;
    const quickStall = new SandboxPool({ limits: FAST_LIMITS, stallSlackMs: 300, warmChildren: 0 });
    try {
      const graded = await grade(quickStall, submissionWith('escape-and-spin', { '01-cost/cost.ts': probe }), [
        costCall(1),
        costCall(2),
        costCall(3),
      ]);
      expect(graded.outcomes.map((o) => (o.ok ? o.value : o.error.kind))).toEqual([1, 'threw', 3]);
      expect(graded.diagnostics.restarts).toBe(0);
    } finally {
      await quickStall.close();
    }
  });
  it('a microtask that never ends, which runs after the kit has answered the batch, times out the call that queued it and no other', async () => {
    const probe = `
      import type { Line, Point } from '../types';
      export function computeCost(points: readonly Point[], line: Line): number {
        if (line.m === 2) Promise.resolve().then(() => { for (;;) {} });
        return line.m;
      }`;
    const graded = await grade(pool, submissionWith('endless-microtask', { '01-cost/cost.ts': probe }), [
      costCall(1),
      costCall(2),
      costCall(3),
    ]);
    expect(graded.outcomes.map((o) => (o.ok ? o.value : o.error.kind))).toEqual([1, 'timeout', 3]);
    expect(graded.diagnostics.restarts).toBe(0);
  });
});

describe('a hidden call cannot signal a public one', () => {
  // GAP, accepted and listed in grader/sandbox/README.md's threat model (a covert channel, exact where the timing one is noisy): a hidden call
  // that stops the child when a bit of its input is set sends every later call to a fresh child,
  // where the public realm's module state starts again; a public check's message then shows the
  // bit. One bit per restart, up to maxRestarts (20) a submission, on inputs fresh per run.
  it.fails('what a public call sees does not depend on whether a hidden input had a bit set', async () => {
    const probe = `
      import type { Line, Point } from '../types';
      let publicCalls = 0;
      export function computeCost(points: readonly Point[], line: Line): number {
        if (points.length > 1) {
          if (line.m > 0) return 'x'.repeat(2 ** 28).split('').length;
          return 0;
        }
        publicCalls++;
        throw new Error('public call ' + publicCalls + ' in this realm');
      }`;
    const submission = submissionWith('crash-channel', { '01-cost/cost.ts': probe });
    const hiddenCall = (m: number): CallRequest => ({
      exercise: '01-cost',
      fn: 'computeCost',
      args: [FOUR_POINTS, { m, b: 0 }],
      world: 'student',
      hidden: true,
    });
    const bitSet = await grade(pool, submission, [costCall(1), hiddenCall(5), costCall(1)]);
    const bitClear = await grade(pool, submission, [costCall(1), hiddenCall(-5), costCall(1)]);
    expect(said(bitSet.outcomes[2])).toBe(said(bitClear.outcomes[2]));
  });
});

describe('no frame of a stack trace hands student code a function or a receiver', () => {
  it('every frame, the host’s included, is strict code: getFunction and getThis give nothing, and the frames are the realm’s own objects', async () => {
    const probe = `
      import type { Line, Point } from '../types';
      export function computeCost(points: readonly Point[], line: Line): number {
        const E = Error as any;
        E.stackTraceLimit = Infinity;
        E.prepareStackTrace = (_: unknown, sites: unknown[]) => sites;
        const sites = new Error().stack as any;
        E.prepareStackTrace = undefined;
        const given: string[] = [];
        for (const site of sites) {
          if (site.getFunction() !== undefined || site.getThis() !== undefined) given.push(String(site.getFileName()) + ':' + String(site.getFunctionName()));
        }
        const hostFrames = sites.filter((site: any) => !/realm|submission/.test(String(site.getFileName()))).length;
        throw new Error('frames ' + sites.length + ', host ' + hostFrames + ', realm array ' + (Object.getPrototypeOf(sites) === Array.prototype) + ', given [' + given.join(',') + ']');
      }`;
    const graded = await grade(pool, submissionWith('strict-frames', { '01-cost/cost.ts': probe }), [
      costCall(1),
      costCall(1, { world: 'isolated' }),
    ]);
    for (const outcome of graded.outcomes) {
      const [, frames, host] = /frames (\d+), host (\d+)/.exec(said(outcome)) ?? [];
      expect(Number(host), 'the probe sees the host frames below the realm').toBeGreaterThan(0);
      expect(Number(frames)).toBeGreaterThan(Number(host));
      expect(said(outcome)).toMatch(/realm array true, given \[\]$/);
    }
  });
});

describe('newer corners of V8 make nothing in another context', () => {
  it('every object student code can provoke, its accessors and what its promises settle with, ends its prototype chain at the realm’s own Object.prototype', async () => {
    // realm-isolation.test.ts marks prototypes and looks for the marks in other realms; this asks
    // directly where each object was made, so an object of the host's (a rejected import's error,
    // say) is found even where no other realm touched it.
    const probe = `
      import type { Line, Point } from '../types';
      const G = globalThis as any;
      const results: [string, unknown][] = [];
      let settled = 0;
      function provoke(): void {
        const tries: [string, () => unknown][] = [
          ['captureStackTrace', () => { const o: any = {}; Error.captureStackTrace(o); return o; }],
          ['callSites', () => { const E: any = Error; E.prepareStackTrace = (_: unknown, s: unknown) => s; const s = new Error().stack; E.prepareStackTrace = undefined; return s; }],
          ['asyncCallSites', () => (async () => { await null; const E: any = Error; E.prepareStackTrace = (_: unknown, s: unknown) => s; const s = new Error().stack; E.prepareStackTrace = undefined; return s; })()],
          ['waitAsync', () => (Atomics as any).waitAsync?.(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 1)],
          ['fromAsync', () => (Array as any).fromAsync?.([1])],
          ['iteratorHelpers', () => G.Iterator?.from([1]).map((x: number) => x)],
          ['segmenter', () => new (Intl as any).Segmenter('en').segment('ab')[Symbol.iterator]().next()],
          ['dateTimeFormat', () => new Intl.DateTimeFormat('en').formatToParts(0)],
          ['locale', () => { const l: any = new Intl.Locale('en-US'); return [l.getWeekInfo?.() ?? l.weekInfo, l.getCalendars?.() ?? l.calendars]; }],
          ['aggregateError', () => Promise.any([Promise.reject(1)])],
          ['withResolvers', () => (Promise as any).withResolvers?.()],
          ['finalizationRegistry', () => new FinalizationRegistry(() => 0)],
          ['wasmModule', () => new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))],
          ['wasmCompile', () => WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))],
          ['wasmStreaming', () => (WebAssembly as any).compileStreaming?.(Promise.resolve({}))],
          ['wasmMemory', () => new WebAssembly.Memory({ initial: 1 })],
          ['asyncFunctionConstructor', () => (async () => 0).constructor('return 1')],
          ['stackOverflow', () => { const f = (): unknown => f(); return f(); }],
          ['regExpIndices', () => /(a)/d.exec('a')],
        ];
        for (const [label, attempt] of tries) {
          let value: unknown;
          try { value = attempt(); } catch (error) { value = error; }
          results.push([label, value]);
          if (value instanceof Promise) value.then((v) => { settled++; results.push([label + ' resolved', v]); }, (e) => { settled++; results.push([label + ' rejected', e]); });
        }
      }
      function madeElsewhere(value: unknown, seen = new Set<unknown>(), depth = 0): boolean {
        if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value) || depth > 3) return false;
        seen.add(value);
        let p: any = value;
        while (p !== null && p !== Object.prototype) p = Object.getPrototypeOf(p);
        if (p === null && Object.getPrototypeOf(value) !== null) return true;
        for (const key of Reflect.ownKeys(value as object)) {
          const d: any = Object.getOwnPropertyDescriptor(value, key);
          if (d && (madeElsewhere(d.value, seen, depth + 1) || madeElsewhere(d.get, seen, depth + 1) || madeElsewhere(d.set, seen, depth + 1))) return true;
        }
        return false;
      }
      let calls = 0;
      export function computeCost(points: readonly Point[], line: Line): number {
        if (++calls === 1) {
          provoke();
          // Outlast the kit's budget for one entry, so that the promises settle before the next call.
          const end = Date.now() + 120;
          while (Date.now() < end) {}
        }
        throw new Error('settled ' + settled + ', made elsewhere [' + results.filter(([, v]) => madeElsewhere(v)).map(([l]) => l).join(',') + ']');
      }`;
    const graded = await grade(pool, submissionWith('made-elsewhere', { '01-cost/cost.ts': probe }), [
      costCall(1),
      costCall(1),
      costCall(1, { world: 'isolated' }),
      costCall(1, { world: 'isolated' }),
    ]);
    const last = said(graded.outcomes[1]);
    expect(Number(/settled (\d+)/.exec(last)?.[1]), last).toBeGreaterThanOrEqual(2);
    for (const outcome of graded.outcomes) expect(said(outcome)).toMatch(/made elsewhere \[\]$/);
  });
});
