import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExerciseId } from '../../grader/shipped/contract/exercises';
import type { CallErrorKind, CallOutcome, ModuleStatus } from '../../grader/shipped/door/port';
import { InProcessPort } from '../../grader/shipped/door/in-process-port';
import { readSubmission, type Submission } from '../../grader/shipped/submission/read-submission';
import { SandboxPool, liveSandboxChildren } from '../../grader/sandbox';
import {
  BATTERY,
  FAST_LIMITS,
  HOSTILE_DIR,
  exactly,
  grade,
  outcomesOf,
  pwnedFiles,
  reference,
  runnerProcesses,
  treeFingerprint,
  type Graded,
} from './sandbox-helpers';
import { KIT_ROOT } from '../../grader/data/paths';

/*
 * The hostile corpus: every fixture attacks the grader in one way. For each one, (1) the attacked
 * calls earn nothing, (2) nothing is left on disk, and (3) the reference, graded through the same
 * pool at the same time and right after, is answered exactly as it was before any attack.
 */

type Check = (graded: Graded, baseline: Graded) => void;

interface HostileCase {
  /** Folder under tests/fixtures/hostile, or made by the test. */
  readonly fixture: string;
  /** The exercises whose files it attacks: their calls must earn nothing. */
  readonly attacked: readonly ExerciseId[];
  /** The exercises it copied from the reference: graded exactly like the reference. */
  readonly intact: readonly ExerciseId[];
  /** What the attacked calls must come back as. */
  readonly check: Check;
  /** Graded with this call timeout instead of FAST_LIMITS', for an attack that must meet the limit meant for it (the heap cap, the address space) before its timeout. */
  readonly callTimeoutMs?: number;
  /** A gap the red team found and the grader does not close yet: the case is expected to fail (it.fails) until it does. */
  readonly gap?: string;
}

const exportsOf = (exercise: ExerciseId) => BATTERY.flatMap((call, i) => (call.exercise === exercise ? [i] : []));

function kinds(
  graded: Graded,
  exercise: ExerciseId,
  fn?: string,
  world?: 'student' | 'isolated',
): (CallErrorKind | 'ok')[] {
  return exportsOf(exercise)
    .filter((i) => (fn === undefined || BATTERY[i].fn === fn) && (world === undefined || BATTERY[i].world === world))
    .map((i) =>
      graded.outcomes[i].ok ? 'ok' : (graded.outcomes[i] as Extract<CallOutcome, { ok: false }>).error.kind,
    );
}

/** A file whose import fails cannot be called in the student's world (the isolated worlds try it again, see unusableModule). */
function importFailed(graded: Graded, exercise: ExerciseId, state: ModuleStatus['state'] = 'import-failed'): void {
  expect(moduleState(graded, exercise)).toBe(state);
  expect(kinds(graded, exercise, undefined, 'student')).toEqual(['load-failed', 'load-failed']);
}

function moduleState(graded: Graded, exercise: ExerciseId): ModuleStatus['state'] {
  return graded.modules.find((m) => m.exercise === exercise)!.state;
}

const every =
  (kind: CallErrorKind | 'ok'): ((graded: Graded, exercise: ExerciseId, fn?: string) => void) =>
  (graded, exercise, fn) => {
    expect(kinds(graded, exercise, fn)).toEqual(kinds(graded, exercise, fn).map(() => kind));
  };
const allTimeout = every('timeout');
const allThrew = every('threw');
const allWrongType = every('wrong-type');
const allCrashed = every('crashed');
const allLoadFailed = every('load-failed');

function messages(graded: Graded, exercise: ExerciseId): string {
  return exportsOf(exercise)
    .map((i) => graded.outcomes[i])
    .map((o) => (o.ok ? '' : o.error.message))
    .join('\n');
}

const CASES: readonly HostileCase[] = [
  {
    fixture: 'exit-at-import',
    attacked: ['01-cost'],
    intact: ['02-gradient', '05-valley'],
    check: (g) => importFailed(g, '01-cost'),
  },
  {
    fixture: 'exit-in-call',
    attacked: ['01-cost'],
    intact: ['02-gradient', '05-valley'],
    check: (g) => allThrew(g, '01-cost'),
  },
  {
    fixture: 'loop-at-import',
    attacked: ['01-cost'],
    intact: ['02-gradient', '05-valley'],
    check: (g) => {
      importFailed(g, '01-cost');
      expect(messages(g, '01-cost')).toMatch(/runs forever/);
    },
  },
  {
    fixture: 'loop-in-call',
    attacked: ['01-cost'],
    intact: ['02-gradient', '05-valley'],
    check: (g) => allTimeout(g, '01-cost'),
  },
  // A heap filled to its 256 MiB cap takes V8 over half a second of GC, and ArrayBuffers filled up to the address-space limit about as long.
  {
    fixture: 'memory-bomb',
    attacked: ['01-cost'],
    intact: ['02-gradient', '05-valley'],
    callTimeoutMs: 10_000,
    check: (g) => {
      allCrashed(g, '01-cost');
      expect(messages(g, '01-cost')).toMatch(/ran out of memory/);
      expect(g.diagnostics.restarts).toBeGreaterThan(0);
    },
  },
  {
    fixture: 'arraybuffer-bomb',
    attacked: ['01-cost'],
    intact: ['02-gradient', '05-valley'],
    callTimeoutMs: 10_000,
    check: (g) => {
      expect(kinds(g, '01-cost').every((k) => k === 'threw' || k === 'crashed')).toBe(true);
    },
  },
  {
    fixture: 'string-bomb',
    attacked: ['01-cost'],
    intact: ['02-gradient', '05-valley'],
    check: (g) => {
      allCrashed(g, '01-cost');
      expect(messages(g, '01-cost')).toMatch(/larger than JavaScript allows/);
    },
  },
  {
    fixture: 'deep-recursion',
    attacked: ['01-cost'],
    intact: ['02-gradient', '05-valley'],
    check: (g) => {
      allThrew(g, '01-cost');
      expect(messages(g, '01-cost')).toMatch(/RangeError/);
    },
  },
  {
    fixture: 'patch-builtins',
    attacked: ['01-cost'],
    intact: ['05-valley'],
    check: (g) => {
      // The patched Object.is, JSON, Math… live in the student's realm only: the sum it returns is judged as the sum.
      const [first] = exportsOf('01-cost');
      expect(g.outcomes[first]).toEqual({ ok: true, value: 6 });
    },
  },
  {
    fixture: 'hijack-kit-slots',
    attacked: ['01-cost'],
    intact: ['02-gradient', '05-valley'],
    check: (g) => {
      // The slots the grader passes batches through cannot become accessors, and what a call writes to them is never read.
      expect(kinds(g, '01-cost')).toEqual(['ok', 'ok', 'ok', 'ok']);
      const [first] = exportsOf('01-cost');
      expect(g.outcomes[first]).toEqual({ ok: true, value: 6 });
    },
  },
  {
    fixture: 'prototype-pollution',
    attacked: ['02-gradient', '03-step'],
    intact: ['01-cost', '05-valley'],
    check: (g) => {
      allWrongType(g, '02-gradient');
      allWrongType(g, '03-step', 'step');
      expect(({} as Record<string, unknown>).dm).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  },
  {
    fixture: 'forged-ipc',
    attacked: ['01-cost'],
    intact: ['02-gradient', '05-valley'],
    check: (g) => {
      expect(kinds(g, '01-cost')).toEqual(['ok', 'ok', 'ok', 'ok']);
      expect(exportsOf('01-cost').map((i) => (g.outcomes[i] as { value: unknown }).value)).toEqual([
        1234, 1234, 1234, 1234,
      ]);
      expect(g.diagnostics.ignoredMessages).toBe(0);
    },
  },
  {
    fixture: 'forged-stdout',
    attacked: ['01-cost'],
    intact: ['02-gradient', '05-valley'],
    check: (g) => {
      expect(exportsOf('01-cost').map((i) => (g.outcomes[i] as { value: unknown }).value)).toEqual([
        1234, 1234, 1234, 1234,
      ]);
      expect(g.diagnostics.stdout).toBe('');
      expect(g.diagnostics.forgedStdoutLines).toBe(0);
    },
  },
  {
    fixture: 'import-reference-relative',
    attacked: ['01-cost'],
    intact: ['02-gradient', '05-valley'],
    check: (g) => {
      importFailed(g, '01-cost');
      expect(kinds(g, '01-cost')).not.toContain('ok');
      expect(messages(g, '01-cost')).toMatch(/is not allowed/);
    },
  },
  {
    fixture: 'read-reference-cwd',
    attacked: ['01-cost'],
    intact: ['02-gradient', '05-valley'],
    check: (g) => allThrew(g, '01-cost'),
  },
  {
    fixture: 'read-reference-fs',
    attacked: ['01-cost'],
    intact: ['02-gradient', '05-valley'],
    check: (g) => allThrew(g, '01-cost'),
  },
  {
    fixture: 'write-file',
    attacked: ['01-cost'],
    intact: ['02-gradient', '05-valley'],
    check: (g) => allThrew(g, '01-cost'),
  },
  {
    fixture: 'spawn-process',
    attacked: ['01-cost'],
    intact: ['02-gradient', '05-valley'],
    check: (g) => allThrew(g, '01-cost'),
  },
  {
    fixture: 'open-socket',
    attacked: ['01-cost'],
    intact: ['02-gradient', '05-valley'],
    check: (g) => allThrew(g, '01-cost'),
  },
  {
    fixture: 'hostile-getters',
    attacked: ['02-gradient', '03-step'],
    intact: ['01-cost', '05-valley'],
    check: (g) => {
      allTimeout(g, '02-gradient');
      allWrongType(g, '03-step', 'step');
    },
  },
  {
    fixture: 'valueof-objects',
    attacked: ['01-cost', '06-learning-rate'],
    intact: ['05-valley'],
    check: (g) => {
      allWrongType(g, '01-cost');
      allWrongType(g, '06-learning-rate');
    },
  },
  {
    fixture: 'proxy-answers',
    attacked: ['02-gradient', '03-step'],
    intact: ['01-cost', '05-valley'],
    check: (g) => {
      expect(kinds(g, '02-gradient')).toEqual(['ok', 'ok', 'ok', 'ok']);
      allTimeout(g, '03-step', 'step');
    },
  },
  {
    fixture: 'thrown-hostile',
    attacked: ['01-cost', '02-gradient'],
    intact: ['05-valley'],
    check: (g) => {
      allTimeout(g, '01-cost');
      allThrew(g, '02-gradient');
    },
  },
  {
    fixture: 'console-flood',
    attacked: ['01-cost'],
    intact: ['02-gradient', '05-valley'],
    check: (g) => {
      expect(g.diagnostics.stdout).toBe('');
      expect(g.diagnostics.stderr).toBe('');
    },
  },
  {
    fixture: 'very-slow',
    attacked: ['01-cost'],
    intact: ['02-gradient', '05-valley'],
    check: (g) => allTimeout(g, '01-cost'),
  },
  {
    fixture: 'atomics-wait',
    attacked: ['01-cost'],
    intact: ['02-gradient', '05-valley'],
    check: (g) => allTimeout(g, '01-cost'),
  },
  {
    fixture: 'promise-answer',
    attacked: ['01-cost'],
    intact: ['02-gradient', '05-valley'],
    check: (g) => {
      allWrongType(g, '01-cost');
      expect(messages(g, '01-cost')).toMatch(/Promise/);
    },
  },
  {
    fixture: 'escape-vm',
    attacked: ['01-cost', '02-gradient', '03-step', '05-valley'],
    intact: [],
    check: (g) => {
      allThrew(g, '01-cost');
      allThrew(g, '02-gradient');
      allThrew(g, '05-valley', 'valley');
      allThrew(g, '05-valley', 'valleyGradient');
      allThrew(g, '05-valley', 'descend');
      expect(messages(g, '01-cost')).toMatch(/EvalError/);
      expect(moduleState(g, '03-step')).toBe('syntax-error');
    },
  },
  {
    fixture: 'stash-lent-reference',
    attacked: ['01-cost', '02-gradient', '03-step'],
    intact: ['05-valley'],
    check: (g) => {
      // A dynamic import is refused when the file is read: no realm ever gets the host-made error whose prototype every realm shares.
      for (const exercise of ['01-cost', '02-gradient', '03-step'] as const) {
        expect(moduleState(g, exercise)).toBe('syntax-error');
        allLoadFailed(g, exercise);
      }
      expect(g.modules.find((m) => m.exercise === '01-cost')!.message).toMatch(/dynamic `import\(\)` is not available/);
    },
  },
  {
    fixture: 'import-behind-await-regex',
    attacked: ['01-cost', '02-gradient'],
    intact: [],
    // oxc reads a top-level `await /…/` as a module awaiting a regular expression; V8 compiles the same text in a function body,
    // where `await` is a name and the slashes divide: a top-level await is refused, and import() is looked for as V8 will parse it.
    check: (g) => {
      for (const exercise of ['01-cost', '02-gradient'] as const) {
        expect(moduleState(g, exercise)).toBe('syntax-error');
        allLoadFailed(g, exercise);
      }
    },
  },
  { fixture: 'pollute-tojson', attacked: ['01-cost'], intact: ['02-gradient', '05-valley'], check: () => undefined },
  {
    fixture: 'symlink-to-reference',
    attacked: ['01-cost'],
    intact: ['02-gradient', '05-valley'],
    check: (g) => {
      importFailed(g, '01-cost', 'unreadable');
      allLoadFailed(g, '01-cost');
    },
  },
  {
    fixture: 'huge-file',
    attacked: ['01-cost'],
    intact: ['02-gradient', '05-valley'],
    check: (g) => {
      importFailed(g, '01-cost', 'unreadable');
      allLoadFailed(g, '01-cost');
    },
  },
  // Answers that compute nothing (constants, echoed arguments, the starting line): every call answers, and tests/rubric caps what they score.
  ...(['constants', 'echo', 'mix', 'start-line'] as const).map((kind): HostileCase => ({
    fixture: `computes-nothing-${kind}`,
    attacked: ['01-cost', '02-gradient', '03-step', '04-descent', '05-valley', '06-learning-rate'],
    intact: [],
    check: (g) => {
      for (const exercise of [
        '01-cost',
        '02-gradient',
        '03-step',
        '04-descent',
        '05-valley',
        '06-learning-rate',
      ] as const)
        every('ok')(g, exercise);
    },
  })),
];

/** Fixtures that git would not keep well: made in a temp copy at the start. */
const GENERATED = ['symlink-to-reference', 'huge-file'];

let pool: SandboxPool;
/** Pools for the cases with a call timeout of their own, by timeout; no warm child, so that the corpus's last test counts only `pool`'s. */
const poolsByTimeout = new Map<number, SandboxPool>();
let baseline: Graded;
let workDir: string;
let fingerprints: { hostile: string; solutions: string; cwd: string; work: string };
const cwdOfChildren = () => join(dirname(pool.runnerPath), 'cwd');

function fixtureSubmission(name: string): Submission {
  return readSubmission(GENERATED.includes(name) ? join(workDir, name) : join(HOSTILE_DIR, name), name);
}

beforeAll(async () => {
  expect(pwnedFiles()).toEqual([]);
  workDir = mkdtempSync(join(tmpdir(), 'gd-kit-hostile-'));
  const symlinked = join(workDir, 'symlink-to-reference');
  cpSync(join(KIT_ROOT, 'solutions', '02-gradient'), join(symlinked, '02-gradient'), { recursive: true });
  cpSync(join(KIT_ROOT, 'solutions', '05-valley'), join(symlinked, '05-valley'), { recursive: true });
  cpSync(join(symlinked, '02-gradient'), join(workDir, 'huge-file', '02-gradient'), { recursive: true });
  cpSync(join(symlinked, '05-valley'), join(workDir, 'huge-file', '05-valley'), { recursive: true });
  cpSync(join(KIT_ROOT, 'solutions', '01-cost'), join(workDir, 'reference-copy', '01-cost'), { recursive: true });
  rmSync(join(symlinked, '01-cost'), { recursive: true, force: true });
  cpSync(join(KIT_ROOT, 'solutions', '01-cost'), join(symlinked, '01-cost'), { recursive: true });
  rmSync(join(symlinked, '01-cost', 'cost.ts'));
  symlinkSync(join(workDir, 'reference-copy', '01-cost', 'cost.ts'), join(symlinked, '01-cost', 'cost.ts'));
  const huge = `export function computeCost(): number {\n  return 0;\n}\n${'// padding to make the file larger than any student source\n'.repeat(6000)}`;
  cpSync(join(KIT_ROOT, 'solutions', '01-cost'), join(workDir, 'huge-file', '01-cost'), { recursive: true });
  writeFileSync(join(workDir, 'huge-file', '01-cost', 'cost.ts'), huge);

  pool = new SandboxPool({ limits: FAST_LIMITS, stallSlackMs: 1000 });
  baseline = await grade(pool, reference);
  fingerprints = {
    hostile: treeFingerprint(HOSTILE_DIR),
    solutions: treeFingerprint(join(KIT_ROOT, 'solutions')),
    cwd: treeFingerprint(cwdOfChildren()),
    work: treeFingerprint(workDir),
  };
});

afterAll(async () => {
  await pool?.close();
  await Promise.all([...poolsByTimeout.values()].map((other) => other.close()));
  rmSync(workDir, { recursive: true, force: true });
});

describe('the baseline', () => {
  it('answers every battery call of the reference, exactly as the in-process door does', async () => {
    expect(baseline.outcomes.every((o) => o.ok)).toBe(true);
    const inProcess = await new InProcessPort(reference, reference, FAST_LIMITS).callMany(BATTERY);
    expect(baseline.outcomes.map(exactly)).toEqual(inProcess.map(exactly));
  });

  it('covers more fixtures than the corpus asks for', () => {
    expect(readdirSync(HOSTILE_DIR).length + GENERATED.length).toBeGreaterThanOrEqual(22);
    expect(CASES.map((c) => c.fixture).sort()).toEqual([...readdirSync(HOSTILE_DIR), ...GENERATED].sort());
  });
});

describe.each(CASES)('hostile fixture $fixture', (hostileCase) => {
  (hostileCase.gap ? it.fails : it)(
    'earns nothing, leaves nothing, and changes nothing for the submissions graded beside and after it',
    async () => {
      const submission = fixtureSubmission(hostileCase.fixture);
      const { callTimeoutMs } = hostileCase;
      const casePool =
        callTimeoutMs === undefined
          ? pool
          : (poolsByTimeout.get(callTimeoutMs) ??
            poolsByTimeout
              .set(
                callTimeoutMs,
                new SandboxPool({ limits: { ...FAST_LIMITS, callTimeoutMs }, stallSlackMs: 1000, warmChildren: 0 }),
              )
              .get(callTimeoutMs)!);
      const [graded, beside] = await Promise.all([grade(casePool, submission), grade(casePool, reference)]);
      const after = await grade(casePool, reference);

      // (1) Nothing is earned on what it attacked: no call of an attacked exercise answers what the reference answers.
      for (const exercise of hostileCase.attacked) {
        for (const i of exportsOf(exercise)) {
          const outcome = graded.outcomes[i];
          const expected = baseline.outcomes[i] as { value: unknown };
          if (outcome.ok)
            expect(exactly(outcome.value), `${BATTERY[i].fn} (${BATTERY[i].world})`).not.toBe(exactly(expected.value));
        }
      }
      hostileCase.check(graded, baseline);
      // …and what it did not attack is graded as usual.
      for (const exercise of hostileCase.intact)
        expect(outcomesOf(graded, exercise)).toEqual(outcomesOf(baseline, exercise));

      // (2) Nothing is left on disk: no /tmp/pwned-*, the submission, the kit's solutions and the children's working directory unchanged.
      expect(pwnedFiles()).toEqual([]);
      expect(treeFingerprint(HOSTILE_DIR)).toBe(fingerprints.hostile);
      expect(treeFingerprint(workDir)).toBe(fingerprints.work);
      expect(treeFingerprint(join(KIT_ROOT, 'solutions'))).toBe(fingerprints.solutions);
      expect(treeFingerprint(cwdOfChildren())).toBe(fingerprints.cwd);
      expect(readdirSync(cwdOfChildren())).toEqual([]);

      // (3) The reference, graded beside it and after it through the same pool, is answered exactly as before.
      expect(beside.outcomes.map(exactly)).toEqual(baseline.outcomes.map(exactly));
      expect(after.outcomes.map(exactly)).toEqual(baseline.outcomes.map(exactly));
      expect(beside.diagnostics.restarts + after.diagnostics.restarts).toBe(0);
    },
  );
});

describe('after the whole corpus', () => {
  it('no attempt left a file, even one that a detached process would have written later', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(pwnedFiles()).toEqual([]);
  });

  it('leaves only the warm child alive, and nothing once the pool is closed', async () => {
    expect(runnerProcesses(pool.runnerPath).length).toBeLessThanOrEqual(1);
    await pool.close();
    expect(pool.liveChildren()).toBe(0);
    expect(liveSandboxChildren()).toBe(0);
    expect(runnerProcesses(pool.runnerPath)).toEqual([]);
  });
});

describe('the realm kit writes its replies as text, out of reach of patched prototypes', () => {
  it('a student-defined Object.prototype.toJSON cannot turn a throw into an answer', async () => {
    const testPool = new SandboxPool({ limits: FAST_LIMITS, warmChildren: 0 });
    try {
      const graded = await grade(testPool, fixtureSubmission('pollute-tojson'), [BATTERY[1]]);
      expect(graded.outcomes[0].ok).toBe(false);
    } finally {
      await testPool.close();
    }
  });

  it('a student-defined Object.prototype.toJSON cannot hide that a call changed its arguments', async () => {
    const points = [
      { x: 1, y: 2 },
      { x: 2, y: 3 },
    ];
    const call = {
      exercise: '01-cost',
      fn: 'computeCost',
      args: [points, { m: 1, b: 0 }],
      observeArguments: true,
    } as const;
    const testPool = new SandboxPool({ limits: FAST_LIMITS, warmChildren: 0 });
    try {
      const graded = await grade(testPool, fixtureSubmission('pollute-tojson'), [call]);
      const outcome = graded.outcomes[0] as unknown as { ok: true; argumentsAfter: unknown[] };
      expect(outcome.ok).toBe(true);
      expect(exactly(outcome.argumentsAfter[0])).toBe(exactly([...points].reverse()));
    } finally {
      await testPool.close();
    }
  });
});
