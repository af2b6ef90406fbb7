/**
 * The ES-module-to-CommonJS rewrite that every student file goes through, form by form. Each test
 * transpiles a few small files as the grader does, runs them in a fresh vm context as the body of
 * `function (exports, require, module)` (as the realms do), and looks at what each file exported and
 * which modules it asked `require` for. A test marked `it.fails` pins a form the rewrite gets wrong
 * against the ES module semantics: it turns green (and vitest red) the day the rewrite is fixed.
 */
import * as vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { moduleFunctionSource, transpileExercise } from '../../grader/shipped/submission/transpile';

type Exports = Record<string, unknown>;

interface Run {
  /** The entry file's `module.exports`. */
  readonly exports: Exports;
  /** Every specifier passed to `require`, in the order asked, by any file. */
  readonly required: string[];
}

/**
 * Runs `files['./main']` and whatever it requires: a specifier names another entry of `files` (run
 * once, and cached before it runs, so cycles behave as in Node) or of `stubs` (handed back as is).
 */
function run(files: Readonly<Record<string, string>>, stubs: Readonly<Record<string, object>> = {}): Run {
  const context = vm.createContext({});
  const required: string[] = [];
  const loaded = new Map<string, { exports: Exports }>();
  const load = (specifier: string): Exports => {
    const cached = loaded.get(specifier);
    if (cached) return cached.exports;
    const source = files[specifier];
    if (source === undefined) throw new Error(`test: no file or stub for ${specifier}`);
    const { javascript, syntaxErrors } = transpileExercise(source, `${specifier.replace(/^\.\//, '')}.ts`);
    expect(syntaxErrors).toEqual([]);
    const module = { exports: {} as Exports };
    loaded.set(specifier, module);
    const body = vm.runInContext(moduleFunctionSource(javascript), context) as (
      exports: Exports,
      require: (specifier: string) => unknown,
      module: { exports: Exports },
    ) => void;
    body(module.exports, requireModule, module);
    return module.exports;
  };
  const requireModule = (specifier: string): unknown => {
    required.push(specifier);
    return Object.hasOwn(stubs, specifier) ? stubs[specifier] : load(specifier);
  };
  return { exports: load('./main'), required };
}

/** Runs one file alone. */
const runMain = (source: string, stubs: Readonly<Record<string, object>> = {}): Run => run({ './main': source }, stubs);

describe('export default', () => {
  it('exports an expression as `default`, evaluated whole (a comma expression is one value)', () => {
    expect(runMain('const base = 40;\nexport default base + 2;\n').exports).toEqual({ default: 42 });
    expect(runMain('export default (1, 2);\n').exports).toEqual({ default: 2 });
    expect(runMain('export default { rate: 0.1 };\n').exports).toEqual({ default: { rate: 0.1 } });
  });

  it('exports a named function, and the name stays a local binding', () => {
    const { exports } = runMain(
      'export default function step(x: number): number { return x - 1; }\nexport const local = step(3);\n',
    );
    expect((exports.default as (x: number) => number)(10)).toBe(9);
    expect(exports.local).toBe(2);
    expect(Object.keys(exports).sort()).toEqual(['default', 'local']);
  });

  it('exports an anonymous function, an anonymous async function and an anonymous generator', async () => {
    expect(
      (runMain('export default function (x: number) { return x * 2; }\n').exports.default as (x: number) => number)(4),
    ).toBe(8);
    await expect(
      (runMain('export default async function () { return 7; }\n').exports.default as () => Promise<number>)(),
    ).resolves.toBe(7);
    expect([
      ...(runMain('export default function* () { yield 1; yield 2; }\n').exports.default as () => Iterable<number>)(),
    ]).toEqual([1, 2]);
  });

  it('exports a named class after its declaration, and an anonymous class', () => {
    const named = runMain(
      'export default class Model { constructor(readonly w: number) {} }\nexport const made = new Model(3).w;\n',
    ).exports;
    expect(new (named.default as new (w: number) => { w: number })(5).w).toBe(5);
    expect(named.made).toBe(3);
    const anonymous = runMain('export default class { value(): number { return 1; } }\n').exports;
    expect(new (anonymous.default as new () => { value(): number })().value()).toBe(1);
  });

  it.fails(
    'names an anonymous default function or class `default` (ES gives them that name; the rewrite leaves them nameless)',
    () => {
      expect((runMain('export default function () {}\n').exports.default as () => void).name).toBe('default');
      expect((runMain('export default class {}\n').exports.default as new () => unknown).name).toBe('default');
    },
  );
});

describe('the file as a whole', () => {
  it('runs as strict code, as an ES module does', () => {
    const { exports } = runMain(
      'export const self = (function (this: unknown) { return this; })();\nexport const threw = (() => { try { (undeclared as any) = 1; return false; } catch { return true; } })();\ndeclare let undeclared: unknown;\n',
    );
    expect(exports).toEqual({ self: undefined, threw: true });
  });
});

describe('export *', () => {
  it('re-exports every name but `default`, read through to the required module', () => {
    const gradient = { gradient: () => 'g', epsilon: 1e-6, default: 'not re-exported' };
    const { exports, required } = runMain("export * from './gradient';\n", { './gradient': gradient });
    expect(required).toEqual(['./gradient']);
    expect(Object.keys(exports).sort()).toEqual(['epsilon', 'gradient']);
    gradient.epsilon = 1e-3;
    expect(exports.epsilon).toBe(1e-3);
  });

  it('leaves a name the file exports as a function to the file', () => {
    const { exports } = runMain("export * from './other';\nexport function shared(): string { return 'mine'; }\n", {
      './other': { shared: () => 'theirs', extra: 1 },
    });
    expect((exports.shared as () => string)()).toBe('mine');
    expect(exports.extra).toBe(1);
  });

  it.fails(
    'leaves a name the file exports as a variable or in a list to the file (the rewrite throws: the star getter has no setter)',
    () => {
      const { exports } = runMain(
        "export * from './other';\nexport const shared = 'mine';\nconst listed = 'mine too';\nexport { listed };\n",
        { './other': { shared: 'theirs', listed: 'theirs' } },
      );
      expect(exports).toEqual({ shared: 'mine', listed: 'mine too' });
    },
  );

  it('`export * as ns` exports the required module itself, default included', () => {
    const cost = { computeCost: () => 0, default: 'kept' };
    const { exports, required } = runMain("export * as cost from './cost';\n", { './cost': cost });
    expect(required).toEqual(['./cost']);
    expect(Object.keys(exports)).toEqual(['cost']);
    expect(exports.cost).toBe(cost);
  });
});

describe('export { … }', () => {
  it('exports local bindings under their own or another name, a string name and `default` included', () => {
    const { exports, required } = runMain(
      "const a = 1;\nfunction b(): number { return 2; }\nclass C {}\nexport { a, b as renamed, C as 'not an identifier', a as default };\n",
    );
    expect(required).toEqual([]);
    expect(Object.keys(exports).sort()).toEqual(['default', 'not an identifier', 'a', 'renamed'].sort());
    expect(exports.a).toBe(1);
    expect((exports.renamed as () => number)()).toBe(2);
    expect(typeof exports['not an identifier']).toBe('function');
    expect(exports.default).toBe(1);
  });

  it('exports the values the file holds once it has run, a list written above its bindings included', () => {
    const { exports } = runMain('export { late };\nconst late = [1, 2];\nexport { late as again };\n');
    expect(exports.late).toEqual([1, 2]);
    expect(exports.again).toBe(exports.late);
  });

  it.fails(
    'exports a listed `let` live, so a later reassignment shows (the rewrite copies it once, when the file has run)',
    () => {
      const { exports } = runMain('let count = 0;\nexport function bump(): void { count++; }\nexport { count };\n');
      (exports.bump as () => void)();
      expect(exports.count).toBe(1);
    },
  );

  it('`export { x } from` re-exports names read through to the required module, without binding them in the file', () => {
    const learning = { rate: 0.1, schedule: () => 'decay', default: 'the default' };
    const { exports, required } = runMain(
      "export { rate, schedule as plan, default, default as fallback } from './learning';\nexport { epsilon } from './numerics';\nconst rate = 'a local of the same name';\nexport { rate as localRate };\n",
      { './learning': learning, './numerics': { epsilon: 1e-9 } },
    );
    expect(required).toEqual(['./learning', './numerics']);
    expect(Object.keys(exports).sort()).toEqual(['default', 'epsilon', 'fallback', 'localRate', 'plan', 'rate']);
    expect(exports).toMatchObject({
      rate: 0.1,
      default: 'the default',
      fallback: 'the default',
      epsilon: 1e-9,
      localRate: 'a local of the same name',
    });
    expect((exports.plan as () => string)()).toBe('decay');
    learning.rate = 0.5;
    expect(exports.rate).toBe(0.5);
  });
});

describe('imports', () => {
  it('`import * as` binds the required module itself', () => {
    const cost = { computeCost: () => 3 };
    const { exports, required } = runMain(
      "import * as cost from './cost';\nexport const module_ = cost;\nexport const value = cost.computeCost();\n",
      { './cost': cost },
    );
    expect(required).toEqual(['./cost']);
    expect(exports.module_).toBe(cost);
    expect(exports.value).toBe(3);
  });

  it('binds a default import, named imports under their own or another name, and a namespace beside a default', () => {
    const data = { default: 'the default', xs: [1], ys: [2], 'not an identifier': 'odd' };
    const { exports, required } = runMain(
      "import defaultData, { xs, ys as targets, default as again, 'not an identifier' as odd } from './data';\nimport first, * as whole from './data';\nexport const seen = [defaultData, xs, targets, again, odd, first, whole];\n",
      { './data': data },
    );
    expect(required).toEqual(['./data', './data']);
    expect(exports.seen).toEqual(['the default', [1], [2], 'the default', 'odd', 'the default', data]);
    expect((exports.seen as unknown[])[6]).toBe(data);
  });

  it('reads a named import once, when the file loads, as the rewrite documents (an ES import would read it live)', () => {
    const data = { value: 1 };
    const { exports } = runMain("import { value } from './data';\nexport function read(): number { return value; }\n", {
      './data': data,
    });
    data.value = 2;
    expect((exports.read as () => number)()).toBe(1);
  });

  it('runs a side-effect import where it stands, in the order written', () => {
    const { required } = runMain(
      "import './first';\nimport {} from './empty';\nimport { b } from './second';\nimport './first';\nexport const seen = b;\n",
      { './first': {}, './empty': {}, './second': { b: 1 } },
    );
    expect(required).toEqual(['./first', './empty', './second', './first']);
  });

  it.fails(
    'runs imports before the body of the file, wherever they are written (the rewrite requires them in place)',
    () => {
      const { exports } = runMain("export const early = twice(2);\nimport { twice } from './math';\n", {
        './math': { twice: (x: number) => 2 * x },
      });
      expect(exports.early).toBe(4);
    },
  );
});

describe('exported declarations', () => {
  it('exports every name a destructuring declaration binds, nested, defaulted and rest patterns included', () => {
    const { exports } = runMain(
      'const source = { a: 1, b: [2, [3]], c: undefined, d: 4, e: 5 };\nexport const { a, b: [two, [three]], c = 6, ...rest } = source;\nexport let [first, , third = 9, ...others] = [1, 2, undefined, 4, 5];\n',
    );
    expect(exports).toEqual({ a: 1, two: 2, three: 3, c: 6, rest: { d: 4, e: 5 }, first: 1, third: 9, others: [4, 5] });
  });

  it('exports several declarators of one declaration, and `var`', () => {
    expect(runMain('export const a = 1, b = a + 1;\nexport var c = 3;\n').exports).toEqual({ a: 1, b: 2, c: 3 });
  });

  it('exports a class after its declaration, static members and subclasses working', () => {
    const { exports } = runMain(
      'export class Base { static kind = "base"; area(): number { return 1; } }\nexport class Square extends Base { override area(): number { return super.area() * 4; } }\n',
    );
    const Square = exports.Square as new () => { area(): number };
    expect(new Square().area()).toBe(4);
    expect((exports.Base as { kind: string }).kind).toBe('base');
  });

  it('exports functions, async functions and generators', async () => {
    const { exports } = runMain(
      'export function f(): number { return 1; }\nexport async function g(): Promise<number> { return 2; }\nexport function* h(): Generator<number> { yield 3; }\nexport async function* i(): AsyncGenerator<number> { yield 4; }\n',
    );
    expect((exports.f as () => number)()).toBe(1);
    await expect((exports.g as () => Promise<number>)()).resolves.toBe(2);
    expect([...(exports.h as () => Iterable<number>)()]).toEqual([3]);
    const values: number[] = [];
    for await (const v of (exports.i as () => AsyncIterable<number>)()) values.push(v);
    expect(values).toEqual([4]);
  });

  it('exports function declarations before anything runs, so a file that requires this one back can call them', async () => {
    const { exports } = run({
      './main':
        "import { calls } from './caller';\nexport function f(): string { return 'f'; }\nexport async function g(): Promise<string> { return 'g'; }\nexport function* h(): Generator<string> { yield 'h'; }\nexport default function named(): string { return 'default'; }\nexport const seen = calls;\n",
      './caller': "import named, { f, g, h } from './main';\nexport const calls = [f(), g(), [...h()], named()];\n",
    });
    const [f, g, h, named] = exports.seen as [string, Promise<string>, string[], string];
    expect([f, await g, h, named]).toEqual(['f', 'g', ['h'], 'default']);
  });

  it.fails(
    'exports a `let` live, so a later reassignment shows (the rewrite copies it once, right after the declaration)',
    () => {
      const { exports } = runMain('export let count = 0;\ncount = 10;\nexport function bump(): void { count++; }\n');
      expect(exports.count).toBe(10);
      (exports.bump as () => void)();
      expect(exports.count).toBe(11);
    },
  );
});

describe('TypeScript-only forms', () => {
  it('erases type-only imports and exports, and an import used only as a type, requiring nothing for them', () => {
    const { exports, required } = runMain(
      "import type { Vector } from './types';\nimport { type Matrix, scale } from './linear';\nimport { OnlyAType } from './only-types';\nexport type { Vector };\nexport type { Matrix as M } from './linear';\nexport interface Point { x: number }\nexport type Pair = [number, number];\nexport declare const ambient: number;\nlet unused: OnlyAType | undefined;\nexport const scaled = scale(2);\n",
      { './linear': { scale: (x: number) => x * 3 } },
    );
    expect(required).toEqual(['./linear']);
    expect(exports).toEqual({ scaled: 6 });
  });

  it('exports an enum and an abstract class', () => {
    const { exports } = runMain(
      'export enum Direction { Up, Down }\nexport abstract class Shape { abstract area(): number; twice(): number { return 2 * this.area(); } }\n',
    );
    expect(exports.Direction).toEqual({ 0: 'Up', 1: 'Down', Up: 0, Down: 1 });
    expect(typeof exports.Shape).toBe('function');
  });

  it.fails(
    'exports a namespace with its members (oxc declares it `export let` and fills it afterwards, which the rewrite copies while still undefined)',
    () => {
      const { exports } = runMain('export namespace Units { export const metre = 1; }\n');
      expect(exports.Units).toEqual({ metre: 1 });
    },
  );
});

describe('names the CommonJS wrapper takes', () => {
  it.each([
    ['a namespace import named `module`', 'import * as module from "./m";\nexport const used = module;'],
    ['a `const` named `exports`', 'export const exports = 1;'],
    ['a named import called `require`', 'import { require } from "./m";\nexport const used = require;'],
    ['a class named `module`', 'export class module {}'],
  ])('gives %s JavaScript that V8 refuses to compile, which the grader reports when it reads the file', (_, source) => {
    const { javascript, syntaxErrors } = transpileExercise(`${source}\n`, 'wrapper-names.ts');
    expect(syntaxErrors).toEqual([]);
    expect(() => new vm.Script(moduleFunctionSource(javascript))).toThrow(/has already been declared/);
  });

  it.fails(
    "keeps a top-level function named `require` apart from the require that loads the imports (the rewrite's require calls reach the file's function)",
    () => {
      const { exports } = runMain(
        "import { rate } from './learning';\nexport function require(): string { return 'mine'; }\nexport const seen = rate;\n",
        { './learning': { rate: 0.1 } },
      );
      expect(exports.seen).toBe(0.1);
    },
  );
});
