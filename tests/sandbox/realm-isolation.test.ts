import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallOutcome, CallRequest } from '../../grader/shipped/door/port';
import { transpileExercise } from '../../grader/shipped/submission/transpile';
import { SandboxPool } from '../../grader/sandbox';
import { FAST_LIMITS, grade, reference, referenceWithFiles } from './sandbox-helpers';

/*
 * What one realm can reach of another, of the host, and of the reference it is lent. Each probe is
 * student code, graded through the real sandbox: it reports what it found as its answer (a number
 * or a thrown message), so the test sees exactly what a student would.
 */

let pool: SandboxPool;
const scratch = mkdtempSync(join(tmpdir(), 'realm-isolation-'));
beforeAll(() => {
  pool = new SandboxPool({ limits: FAST_LIMITS });
});
afterAll(async () => {
  await pool.close();
  rmSync(scratch, { recursive: true, force: true });
});

const submissionWith = (name: string, files: Record<string, string>) => referenceWithFiles(scratch, name, files);

const POINTS = [
  { x: 1, y: 3 },
  { x: 2, y: 5 },
  { x: 4, y: 4 },
];
const costCall = (world: 'student' | 'isolated'): CallRequest => ({
  exercise: '01-cost',
  fn: 'computeCost',
  args: [POINTS, { m: 1, b: 0 }],
  world,
});
const descentCall = (world: 'student' | 'isolated'): CallRequest => ({
  exercise: '04-descent',
  fn: 'gradientDescent',
  args: [POINTS, { initial: { m: 0, b: 0 }, learningRate: 0.01, iterations: 2 }],
  world,
});

/** What the probe threw: the door words it as `<fn> threw Error: <message>`. */
function thrownMessage(outcome: CallOutcome): string {
  expect(outcome.ok).toBe(false);
  const message = outcome.ok ? '' : outcome.error.message;
  expect(message).toMatch(/ threw Error: /);
  return message.slice(message.indexOf(' threw Error: ') + ' threw Error: '.length);
}

/** Lines of the reference's own source that no student output may ever hold. */
const REFERENCE_FRAGMENTS = ['sumOfSquares(points, line.m, line.b, 0, points.length)', 'residual * residual', 'LEAF'];

describe('a dynamic import is refused when the file is read', () => {
  const forms = [
    "import('../02-gradient/gradient')",
    "import ( '../02-gradient/gradient' )",
    "import/* a comment */('x')",
    "(async () => await import('x'))()",
    '[1].map(() => import(`x${1}`))',
    'class C { field = import("x") }',
    'const url = import.meta.url',
    'function f() { return () => { if (true) { return import("x").catch(() => 0); } }; }',
  ];
  it.each(forms)('%s', (statement) => {
    const file = transpileExercise(
      `export function computeCost(): number { return 1; }\n${statement};\n`,
      '<submission>/01-cost/cost.ts',
    );
    expect(file.javascript).toBe('');
    expect(file.syntaxErrors.join('\n')).toMatch(
      /<submission>\/01-cost\/cost\.ts:2:\d+ .*(dynamic `import\(\)`|`import\.meta`) is not available.*static import/,
    );
  });

  it.each(['await Promise.resolve(1);', 'for await (const x of []) {}', 'const a = 1 + await 2;'])(
    'refuses a top-level await: %s',
    (statement) => {
      const file = transpileExercise(
        `${statement}\nexport function computeCost(): number { return 1; }\n`,
        '<submission>/01-cost/cost.ts',
      );
      expect(file.syntaxErrors.join('\n')).toMatch(/top-level `await` is not available/);
    },
  );

  it('takes await inside async functions, classes and arrows', () => {
    const file = transpileExercise(
      'const f = async () => await 1;\nasync function g() { for await (const x of []) {} }\nclass C { async m() { await 0; } }\nexport function computeCost(): number { return 1; }\n',
      '<submission>/01-cost/cost.ts',
    );
    expect(file.syntaxErrors).toEqual([]);
  });

  it('leaves the word import in strings, comments and property names alone', () => {
    const file = transpileExercise(
      "// import('x')\nconst o = { import: 1 };\nexport function computeCost(): number { return o.import + 'import(1)'.length; }\n",
      '<submission>/01-cost/cost.ts',
    );
    expect(file.syntaxErrors).toEqual([]);
  });

  it('by a generated submission of any shape: wherever import( stands in code, the file does not compile', () => {
    const wrappers = fc.constantFrom(
      (e: string) => `${e};`,
      (e: string) => `export function computeCost(): number { void ${e}; return 1; }`,
      (e: string) => `const f = () => ${e};`,
      (e: string) => `try { ${e}; } catch {}`,
      (e: string) => `const o = { get x() { return ${e}; } };`,
      (e: string) => `label: for (;;) { ${e}; break label; }`,
    );
    const spacing = fc.constantFrom('', ' ', '\n', '/**/', ' /* ( */ ');
    fc.assert(
      fc.property(wrappers, spacing, spacing, (wrap, before, after) => {
        const file = transpileExercise(
          `${wrap(`import${before}(${after}'x')`)}\nexport const n = 1;\n`,
          '<submission>/01-cost/cost.ts',
        );
        return file.javascript === '' && /not available/.test(file.syntaxErrors.join('\n'));
      }),
      { seed: 14, numRuns: 60 },
    );
  });
});

describe('lent reference code cannot be read, changed or carried out', () => {
  it('shows no source of a lent function, of its exports or of a callback it hands over', async () => {
    const probe = `
      import * as step from '../03-step/step';
      import { computeCost } from '../01-cost/cost';
      import type { DescentOptions, DescentResult, Point } from '../types';
      export function gradientDescent(points: readonly Point[], options: DescentOptions): DescentResult {
        const seen: string[] = [String(step.step), String(computeCost), Function.prototype.toString.call(computeCost), String(Object.values(step))];
        const spy: any = points.slice();
        for (const method of ['map', 'reduce', 'forEach', 'slice', 'filter', 'every', 'some', 'concat']) {
          spy[method] = function (...args: unknown[]) { for (const a of args) if (typeof a === 'function') seen.push(String(a)); return (Array.prototype as any)[method].apply(this, args); };
        }
        computeCost(spy, options.initial);
        throw new Error(seen.join(' | '));
      }`;
    const graded = await grade(pool, submissionWith('read-lent', { '04-descent/descent.ts': probe }), [
      descentCall('isolated'),
    ]);
    const message = thrownMessage(graded.outcomes[0]);
    expect(message).toMatch(/\[native code\]/);
    for (const fragment of REFERENCE_FRAGMENTS) expect(message).not.toContain(fragment);
  });

  it('keeps a lent module’s exports as they were: a student cannot swap the gradient that the lent step calls', async () => {
    const probe = `
      import * as gradient from '../02-gradient/gradient';
      import { step } from '../03-step/step';
      import type { DescentOptions, DescentResult, Point } from '../types';
      export function gradientDescent(points: readonly Point[], options: DescentOptions): DescentResult {
        let swapped = 'no';
        try { (gradient as any).computeGradient = () => ({ dm: -1e12, db: -1e12 }); swapped = 'yes'; } catch { swapped = 'refused'; }
        const end = step(points, options.initial, 0.01);
        throw new Error(swapped + ' ' + end.m);
      }`;
    const graded = await grade(pool, submissionWith('swap-lent', { '04-descent/descent.ts': probe }), [
      descentCall('isolated'),
    ]);
    const [swapped, m] = thrownMessage(graded.outcomes[0]).split(' ');
    expect(swapped).toBe('refused');
    expect(Number(m)).toBeLessThan(10);
  });

  it('lends only what an exercise builds on: in 03’s isolated world 05 and 01 are the student’s own', async () => {
    const probe = `
      import { descend } from '../05-valley/valley';
      import { computeCost } from '../01-cost/cost';
      import { computeGradient } from '../02-gradient/gradient';
      import type { Line, Point } from '../types';
      export function step(points: readonly Point[], line: Line, learningRate: number): Line {
        throw new Error([descend, computeCost, computeGradient].map((f) => String(f).includes('[native code]') ? 'lent' : 'own').join(' '));
      }`;
    const graded = await grade(pool, submissionWith('lends-foundations', { '03-step/step.ts': probe }), [
      { exercise: '03-step', fn: 'step', args: [POINTS, { m: 1, b: 0 }, 0.1], world: 'isolated' },
    ]);
    expect(thrownMessage(graded.outcomes[0])).toBe('own own lent');
  });
});

describe('hidden calls run in realms of their own', () => {
  it('what a hidden call leaves in module state never reaches a public call, in either world, and the reverse', async () => {
    const probe = `
      import type { Line, Point } from '../types';
      const seen: number[] = [];
      export function computeCost(points: readonly Point[], line: Line): number {
        const before = seen.join(',');
        seen.push(line.m);
        throw new Error('[' + before + ']');
      }`;
    const call = (world: 'student' | 'isolated', m: number, hidden: boolean): CallRequest => ({
      exercise: '01-cost',
      fn: 'computeCost',
      args: [POINTS, { m, b: 0 }],
      world,
      hidden,
    });
    const calls = (['student', 'isolated'] as const).flatMap((world) => [
      call(world, 1, false),
      call(world, 2, true),
      call(world, 3, false),
      call(world, 4, true),
    ]);
    const graded = await grade(pool, submissionWith('stash-hidden', { '01-cost/cost.ts': probe }), calls);
    expect(graded.outcomes.map(thrownMessage)).toEqual(['[]', '[]', '[1]', '[2]', '[]', '[]', '[1]', '[2]']);
  });
});

describe('the realm kit cannot be reached from student code', () => {
  it('finds no kit entry, slot content or function-valued global beyond the language’s own', async () => {
    const probe = `
      import type { Line, Point } from '../types';
      const g = globalThis as any;
      const fresh = ${JSON.stringify(freshGlobalNames())};
      function look(): string {
        const found: string[] = [];
        for (const key of [...Object.getOwnPropertyNames(g), ...Object.getOwnPropertySymbols(g).map(String)]) {
          if (fresh.includes(key)) continue;
          let value: unknown;
          try { value = g[key]; } catch { value = 'unreadable'; }
          if (value !== '' && value !== undefined) found.push(key + '=' + typeof value);
        }
        return found.join(',');
      }
      const atLoad = look();
      export function computeCost(points: readonly Point[], line: Line): number {
        throw new Error('[' + atLoad + '][' + look() + ']');
      }`;
    const graded = await grade(pool, submissionWith('find-kit', { '01-cost/cost.ts': probe }), [
      costCall('student'),
      costCall('isolated'),
    ]);
    for (const outcome of graded.outcomes) expect(thrownMessage(outcome)).toBe('[][]');
  });
});

describe('no object is reachable from two realms', () => {
  /**
   * Student code provokes every kind of object it can get without being given one (errors of
   * every kind, the call sites of a stack trace, promises, iterators, typed arrays, the
   * symbol registry), marks each one's prototype chain in the first realm, and looks for the
   * marks in the next: in the student world and in each isolated world of one submission.
   */
  const zoo = `
    const MARK = '__realmMark';
    function provoked(): unknown[] {
      const found: unknown[] = [];
      const attempt = (f: () => unknown) => { try { found.push(f()); } catch (error) { found.push(error); } };
      attempt(() => (null as any).x);
      attempt(() => JSON.parse('{'));
      attempt(() => new Array(-1));
      attempt(() => { const f = (): unknown => f(); return f(); });
      attempt(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0));
      attempt(() => decodeURIComponent('%'));
      attempt(() => Symbol() + '');
      attempt(() => (globalThis as any).__gradeInput.x.y);
      attempt(() => Object.defineProperty(globalThis, '__gradeInput', { get() { return 1; } }));
      attempt(() => { 'use strict'; delete (globalThis as any).__gradeInput; });
      attempt(() => new (Function as any)('return 1'));
      attempt(() => { const E = Error as any; const saved = E.prepareStackTrace; E.prepareStackTrace = (_: unknown, sites: unknown[]) => sites; const sites = new Error().stack as any; E.prepareStackTrace = saved; return sites[0]; });
      attempt(() => Promise.resolve(1));
      attempt(() => [][Symbol.iterator]());
      attempt(() => new Map().entries());
      attempt(() => 'a'.matchAll(/a/g));
      attempt(() => new Float64Array(2));
      attempt(() => new WeakRef({}));
      attempt(() => new FinalizationRegistry(() => 0));
      attempt(() => Symbol.for('shared'));
      attempt(() => new Intl.NumberFormat('en').formatToParts(1)[0]);
      attempt(() => structuredCloneProbe());
      return found;
    }
    function structuredCloneProbe(): unknown { return (globalThis as any).structuredClone?.({}); }
    function chain(value: unknown): object[] {
      const out: object[] = [];
      let current: any = value;
      for (let depth = 0; depth < 8 && current !== null && (typeof current === 'object' || typeof current === 'function'); depth++) {
        out.push(current);
        try { out.push(current.constructor); } catch {}
        current = Object.getPrototypeOf(current);
      }
      return out;
    }
    export function look(): string {
      const marked: string[] = [];
      for (const value of provoked()) for (const object of chain(value)) {
        try { if (Object.prototype.hasOwnProperty.call(object, MARK)) marked.push(String((object as any)[MARK])); } catch {}
      }
      return [...new Set(marked)].join(',');
    }
    export function mark(name: string): void {
      for (const value of provoked()) for (const object of chain(value)) {
        try { Object.defineProperty(object, MARK, { value: name, configurable: true }); } catch {}
        try { (object as any)[MARK] = name; } catch {}
      }
    }
  `;

  it('a mark left in one realm is never found in another', async () => {
    const files: Record<string, string> = {};
    const targets = [
      ['01-cost/cost.ts', 'computeCost'],
      ['02-gradient/gradient.ts', 'computeGradient'],
      ['03-step/step.ts', 'step'],
    ] as const;
    for (const [path, fn] of targets) {
      files[path] = `${zoo}
        export function ${fn}(): never {
          const before = look();
          mark('${path}');
          throw new Error('[' + before + '][' + look() + ']');
        }`;
    }
    const calls: CallRequest[] = [];
    for (const world of ['student', 'isolated'] as const) {
      calls.push({ exercise: '01-cost', fn: 'computeCost', args: [POINTS, { m: 1, b: 0 }], world });
      calls.push({ exercise: '02-gradient', fn: 'computeGradient', args: [POINTS, { m: 1, b: 0 }], world });
      calls.push({ exercise: '03-step', fn: 'step', args: [POINTS, { m: 1, b: 0 }, 0.1], world });
    }
    const graded = await grade(pool, submissionWith('realm-zoo', files), calls);
    const seen = graded.outcomes.map(thrownMessage);
    // In the student world the three files share one realm, so a later file may see an earlier one's marks; across realms, never.
    const studentMarks = seen.slice(0, 3).flatMap((m) => m.match(/[\w./-]+\.ts/g) ?? []);
    expect(studentMarks.every((path) => targets.some(([p]) => p === path))).toBe(true);
    expect(
      seen[1].split('][')[0],
      'the probe finds a mark where one is reachable: in the realm that left it',
    ).toContain('01-cost/cost.ts');
    for (const [index, message] of seen.slice(3).entries()) {
      const [before, after] = message.slice(1, -1).split('][');
      expect(before, `isolated world of ${targets[index][0]} saw another realm's marks`).toBe('');
      expect(after.split(',').every((path) => path === targets[index][0])).toBe(true);
    }
    expect(reference.files['01-cost'].state).toBe('found');
  });
});

/** The own global names of a fresh context, as a student's file sees them in a realm (the kit adds its four slots, which must read as empty). */
function freshGlobalNames(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vm = require('node:vm') as typeof import('node:vm');
  return vm.runInNewContext(
    '[...Object.getOwnPropertyNames(globalThis), ...Object.getOwnPropertySymbols(globalThis).map(String)]',
  ) as string[];
}
