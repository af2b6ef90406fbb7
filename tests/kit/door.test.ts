import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InProcessPort } from '../../grader/shipped/door/in-process-port';
import type { CallRequest } from '../../grader/shipped/door/port';
import { readSubmission } from '../../grader/shipped/submission/read-submission';
import { decodeWire, encodeArguments, encodeWire } from '../../grader/shipped/wire/wire';
import { gradeFolder, reference } from './support';
import { KIT_ROOT } from '../../grader/data/paths';

const scratch = mkdtempSync(join(tmpdir(), 'door-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A submission made of the reference, with some files replaced. */
function submissionWith(name: string, files: Record<string, string | null>): string {
  const root = join(scratch, name);
  cpSync(join(KIT_ROOT, 'solutions'), root, { recursive: true });
  for (const [path, source] of Object.entries(files)) {
    if (source === null) rmSync(join(root, path));
    else writeFileSync(join(root, path), source);
  }
  return root;
}

async function call(root: string, request: CallRequest) {
  const submission = readSubmission(root);
  const [outcome] = await new InProcessPort(submission, reference).callMany([request]);
  return outcome;
}

const POINTS = [
  { x: 1, y: 3 },
  { x: 2, y: 5 },
];
const costOf = (body: string) => ({
  '01-cost/cost.ts': `export function computeCost(points: any, line: any): any {\n${body}\n}`,
});
const costCall: CallRequest = { exercise: '01-cost', fn: 'computeCost', args: [POINTS, { m: 1, b: 0 }] };

describe('the wire format', () => {
  it('keeps NaN, ±Infinity and −0, and never lets a key reach a prototype', () => {
    const value = { a: [NaN, Infinity, -Infinity, -0, 0, 1.5], ['__proto__']: { polluted: true } };
    const back = decodeWire(encodeWire(value)) as Record<string, unknown[]>;
    expect(back.a).toEqual([NaN, Infinity, -Infinity, -0, 0, 1.5]);
    expect(Object.is(back.a[3], -0)).toBe(true);
    expect(Object.getPrototypeOf(back)).toBe(null);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('encodes arguments as JSON with the special numbers tagged', () => {
    expect(JSON.parse(encodeArguments([[1, -0, NaN]]))).toEqual([[1, { $num: '-0' }, { $num: 'NaN' }]]);
  });
});

describe('the door validates every answer on the trusted side', () => {
  it.each([
    ['a string', 'return "6.5";', 'wrong-type'],
    ['undefined (a missing return)', 'const x = 1;', 'wrong-type'],
    ['a Promise', 'return Promise.resolve(6.5);', 'wrong-type'],
    ['NaN', 'return NaN;', 'not-finite'],
    ['Infinity', 'return 1 / 0;', 'not-finite'],
    ['a number-like object', 'return { valueOf: () => 6.5 };', 'wrong-type'],
  ])('refuses %s where a number is expected', async (_, body, kind) => {
    const outcome = await call(submissionWith(`answer-${kind}-${body.length}`, costOf(body)), costCall);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.kind).toBe(kind);
  });

  it('keeps a returned NaN for the report', async () => {
    const outcome = await call(submissionWith('nan', costOf('return NaN;')), costCall);
    expect(outcome.ok ? undefined : Number.isNaN(outcome.error.returned)).toBe(true);
  });

  it('refuses a Line with extra or missing keys', async () => {
    const root = submissionWith('line-keys', {
      '03-step/step.ts': 'export function step(p: any, l: any, r: any) { return { m: 1, b: 2, cost: 3 }; }',
    });
    const outcome = await call(root, { exercise: '03-step', fn: 'step', args: [POINTS, { m: 0, b: 0 }, 0.1] });
    expect(outcome.ok ? '' : outcome.error.message).toMatch(/exactly \{ m, b \}/);
  });

  it('reads a right-shaped answer as the general decoder does, in the order the student built it', async () => {
    const root = submissionWith('answer-shapes', {
      '03-step/step.ts': 'export function step(p: any, l: any, r: any) { return { b: 2, m: -0.5 }; }',
      '04-descent/descent.ts':
        'export function gradientDescent(p: any, o: any) { return { costs: [3, 2.5, 1e-300], line: { m: 1, b: 0 } }; }',
    });
    const [stepped, descended, duplicated] = await new InProcessPort(readSubmission(root), reference).callMany([
      { exercise: '03-step', fn: 'step', args: [POINTS, { m: 0, b: 0 }, 0.1] },
      {
        exercise: '04-descent',
        fn: 'gradientDescent',
        args: [POINTS, { initial: { m: 0, b: 0 }, learningRate: 0.1, iterations: 2 }],
      },
      {
        exercise: '04-descent',
        fn: 'gradientDescent',
        args: [POINTS, { initial: { m: 0, b: 0 }, learningRate: 0.1, iterations: 2 }],
        observeArguments: true,
      },
    ]);
    expect(stepped).toEqual({ ok: true, value: { b: 2, m: -0.5 } });
    expect(Object.keys((stepped as { value: object }).value)).toEqual(['b', 'm']);
    expect(descended).toEqual({ ok: true, value: { costs: [3, 2.5, 1e-300], line: { m: 1, b: 0 } } });
    expect(Object.keys((descended as { value: object }).value)).toEqual(['costs', 'line']);
    // With the arguments observed, the answer takes the general path: the same value.
    expect((duplicated as { value: unknown }).value).toEqual((descended as { value: unknown }).value);
  });

  it('names the exports it found when the expected one is missing', async () => {
    const root = submissionWith('wrong-name', {
      '03-step/step.ts': 'export function update(p: any, l: any, r: any) { return l; }',
    });
    const outcome = await call(root, { exercise: '03-step', fn: 'step', args: [POINTS, { m: 0, b: 0 }, 0.1] });
    expect(outcome.ok ? undefined : outcome.error).toEqual({
      kind: 'missing-export',
      message: expect.stringContaining('03-step/step.ts exports no function named "step" (found: "update")'),
    });
  });

  it('allows only sibling exercises and ../types as imports', async () => {
    const root = submissionWith('bad-import', {
      '01-cost/cost.ts':
        'import { computeCost as c } from "../../solutions/01-cost/cost";\nexport const computeCost = c;',
    });
    const [status] = await new InProcessPort(readSubmission(root), reference).modules();
    expect(status.state).toBe('import-failed');
    expect(status.message).toMatch(/is not allowed/);
  });

  it('stops a call that never ends, and answers the next calls', async () => {
    const root = submissionWith('hang', costOf('if (line.m === 9) { while (true) {} } return 1;'));
    const port = new InProcessPort(readSubmission(root), reference, { callTimeoutMs: 200, importTimeoutMs: 200 });
    const outcomes = await port.callMany([costCall, { ...costCall, args: [POINTS, { m: 9, b: 0 }] }, costCall]);
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.error.kind))).toEqual(['ok', 'timeout', 'ok']);
  });

  it('reports a missing file, a syntax error and a throwing import for that exercise alone', async () => {
    const root = submissionWith('broken-files', {
      '01-cost/cost.ts': null,
      '02-gradient/gradient.ts': 'export function computeGradient(points: any, line: any) { return { dm: 0, db: 0 ;',
      '05-valley/valley.ts': 'throw new Error("boom at import");',
    });
    const result = await gradeFolder(root);
    const byExercise = Object.fromEntries(result.exercises.map((e) => [e.exercise, e]));
    expect(byExercise['01-cost'].module).toMatchObject({
      state: 'missing',
      message: expect.stringContaining('<submission>/01-cost/cost.ts was not found'),
    });
    expect(byExercise['02-gradient'].module).toMatchObject({
      state: 'syntax-error',
      message: expect.stringMatching(/gradient\.ts:1:\d+/),
    });
    expect(byExercise['05-valley'].module).toMatchObject({
      state: 'import-failed',
      message: expect.stringContaining('boom at import'),
    });
    for (const id of ['01-cost', '02-gradient', '05-valley'] as const) expect(byExercise[id].score).toBe(0);
    expect(byExercise['06-learning-rate'].score).toBe(15);
    expect(result.exercises.every((e) => !e.file.includes(scratch))).toBe(true);
  });
});
