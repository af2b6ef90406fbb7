import { randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTABLE_CHECKS } from '../../grader/shipped/exercises/public-checks';
import { InProcessPort } from '../../grader/shipped/door/in-process-port';
import type { CallRequest } from '../../grader/shipped/door/port';
import { HANDOUT_SEED } from '../../grader/shipped/checks/seeds';
import { EXERCISE_IDS, EXERCISES, type ExerciseId, type ExportName } from '../../grader/shipped/contract/exercises';
import { publicData } from '../../grader/handout/public-data';
import { SandboxPool } from '../../grader/sandbox';
import { MAX_SOURCE_BYTES, readSubmission } from '../../grader/shipped/submission/read-submission';
import type { SubmissionResult } from '../../grader/shipped/results/model';
import { reference } from '../kit/support';
import { explainScore, gradeInSandbox } from './_support';

/** What a submission that memorises every public fact of the handout may score at most, out of 100 (issue 14). */
const MEMORISER_CAP = 10;

/*
 * The strongest memoriser the handout allows: every call the handout's public data names (the
 * worked examples and the published run, every input of every public check drawn with the
 * handout's seed, the diagnosis probes) answered exactly as the reference answers it, in a lookup
 * table keyed by the exact arguments; any other call gets the trivial answer that satisfies the
 * most properties. It knows more than the handout says (the handout gives facts, not always the
 * answers), so what it scores bounds what any memoriser of the handout can score.
 */

let pool: SandboxPool;
let workDir: string;
let memoriser: ReturnType<typeof readSubmission>;
let publicCalls: number;

beforeAll(async () => {
  pool = new SandboxPool();
  workDir = mkdtempSync(join(tmpdir(), 'gd-kit-memoriser-'));
  const requests = await handoutRequests();
  publicCalls = requests.length;
  const port = new InProcessPort(reference, reference);
  const answers = await port.callMany(requests);
  await port.close();
  const tables = new Map<ExportName, Map<string, unknown>>();
  requests.forEach((request, i) => {
    const answer = answers[i];
    if (!answer.ok) throw new Error(`the reference did not answer ${request.fn}: ${answer.error.message}`);
    const table = tables.get(request.fn) ?? new Map<string, unknown>();
    table.set(argumentsKey(request.args), answer.value);
    tables.set(request.fn, table);
  });
  for (const { id, file } of EXERCISES) {
    const source = memoriserSource(id, tables);
    expect(Buffer.byteLength(source), `${id}: the lookup table must fit in a student file`).toBeLessThanOrEqual(
      MAX_SOURCE_BYTES,
    );
    mkdirSync(join(workDir, 'memoriser', id), { recursive: true });
    writeFileSync(join(workDir, 'memoriser', id, file), source);
  }
  memoriser = readSubmission(join(workDir, 'memoriser'), 'memoriser');
}, 120_000);

afterAll(async () => {
  await pool?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('a submission that memorises the handout', () => {
  it('knows every public answer: graded with the handout’s own seed, it passes every public check', async () => {
    const result = await gradeInSandbox(pool, memoriser, HANDOUT_SEED, EXERCISE_IDS);
    expect(publicCalls).toBeGreaterThan(1000);
    expect(
      publicChecks(result)
        .filter((c) => c.status !== 'pass')
        .map((c) => `${c.id}: ${c.message}`),
    ).toEqual([]);
  });

  it(`scores at most ${MEMORISER_CAP}/100 on the default assignment, and ${MEMORISER_CAP} % of every exercise's points, when graded with a fresh seed`, async () => {
    for (let run = 0; run < 3; run++) {
      const seed = randomInt(0, 2 ** 31);
      const result = await gradeInSandbox(pool, memoriser, seed);
      expect(result.score, explainScore(result)).toBeLessThanOrEqual(MEMORISER_CAP);
      const everything = await gradeInSandbox(pool, memoriser, seed, EXERCISE_IDS);
      expect(everything.score, explainScore(everything)).toBeLessThanOrEqual(
        (MEMORISER_CAP / 100) * everything.maxScore,
      );
    }
  });
});

function publicChecks(result: SubmissionResult) {
  return result.exercises.flatMap((e) => e.checks.filter((c) => c.visibility === 'public'));
}

/** Every call the handout's public data names, in the student's world. */
async function handoutRequests(): Promise<CallRequest[]> {
  const { manifests } = await publicData(HANDOUT_SEED);
  return manifests.flatMap((manifest) => [
    ...manifest.checks.flatMap((check) =>
      check.travels === 'facts'
        ? check.cases.flatMap((c) => c.calls)
        : check.inputs.flatMap((input) => PORTABLE_CHECKS.get(check.id)!.plan(input)),
    ),
    ...manifest.probes.map((probe) => probe.request),
  ]);
}

/** The gradient a `{ $gradient }` argument becomes in the realm (grader/shipped/door/realm-kit.js), so that both sides key it alike. */
function quadraticGradient(spec: { hessian: number[][]; center: number[] }) {
  const [[a, b], [d, e]] = spec.hessian;
  const [cx, cy] = spec.center;
  return (p: { x: number; y: number }) => ({ x: a * (p.x - cx) + b * (p.y - cy), y: d * (p.x - cx) + e * (p.y - cy) });
}

/** The key the memoriser looks its answers up by: its arguments as JSON, a gradient function by its values at three points, an epoch order by its first three epochs. */
function argumentsKey(args: readonly unknown[]): string {
  return JSON.stringify(args, (_key, value) => {
    if (value !== null && typeof value === 'object' && '$order' in value) {
      const { permutations } = value.$order as { permutations: number[][] };
      return [0, 1, 2].map((epoch) => permutations[epoch % permutations.length]);
    }
    const gradient =
      value !== null && typeof value === 'object' && '$gradient' in value
        ? quadraticGradient(value.$gradient)
        : typeof value === 'function'
          ? value
          : undefined;
    return gradient ? [gradient({ x: 0, y: 0 }), gradient({ x: 1, y: 0 }), gradient({ x: 0, y: 1 })] : value;
  });
}

/** Per export: its parameters, and the trivial answer it gives when the table has no entry. */
const FALLBACKS: Record<ExportName, { params: string; otherwise: string }> = {
  computeCost: { params: 'points: any, line: any', otherwise: '0' },
  computeGradient: { params: 'points: any, line: any', otherwise: '{ dm: 0, db: 0 }' },
  step: { params: 'points: any, line: any, learningRate: number', otherwise: 'line' },
  gradientDescent: {
    params: 'points: any, options: any',
    otherwise: '{ line: options.initial, costs: new Array(options.iterations + 1).fill(0) }',
  },
  valley: { params: 'p: any', otherwise: '0' },
  valleyGradient: { params: 'p: any', otherwise: 'p' },
  descend: {
    params: 'gradient: any, start: any, learningRate: number, iterations: number',
    otherwise: 'new Array(iterations + 1).fill(start)',
  },
  leastSquares: { params: 'points: any', otherwise: '{ m: 0, b: 0 }' },
  maxStableLearningRate: { params: 'points: any', otherwise: '1' },
  fitScaler: { params: 'X: any', otherwise: '{ mean: X[0].map(() => 0), std: X[0].map(() => 1) }' },
  scaleFeatures: { params: 'X: any, scaler: any', otherwise: 'X' },
  unscaleModel: { params: 'model: any, scaler: any', otherwise: 'model' },
  predict: { params: 'X: any, model: any', otherwise: 'X.map(() => model.b)' },
  computeCostMulti: { params: 'X: any, y: any, model: any', otherwise: '0' },
  computeGradientMulti: { params: 'X: any, y: any, model: any', otherwise: '{ dw: model.w.map(() => 0), db: 0 }' },
  gradientDescentMulti: {
    params: 'X: any, y: any, options: any',
    otherwise: '{ model: options.initial, costs: new Array(options.iterations + 1).fill(0) }',
  },
  normalEquation: { params: 'X: any, y: any', otherwise: '{ w: X[0].map(() => 0), b: 0 }' },
  miniBatchGradientDescent: {
    params: 'X: any, y: any, options: any',
    otherwise: '{ model: options.initial, costs: new Array(options.epochs + 1).fill(0) }',
  },
  descendWithMomentum: {
    params: 'gradient: any, start: any, learningRate: number, momentum: number, iterations: number',
    otherwise: 'new Array(iterations + 1).fill(start)',
  },
  maxStableMomentumRate: { params: 'points: any, momentum: number', otherwise: '1' },
};

function memoriserSource(exercise: ExerciseId, tables: ReadonlyMap<ExportName, ReadonlyMap<string, unknown>>): string {
  const exports = EXERCISES.find((e) => e.id === exercise)!.exports as readonly ExportName[];
  const lines = [
    '// A lookup table of every answer the handout reveals, keyed by the exact arguments.',
    'function keyOf(args: unknown[]): string {',
    '  return JSON.stringify(args, (_key, value) => {',
    '    if (typeof value !== "function") return value;',
    '    const first = value({ x: 0, y: 0 });',
    "    // 10's order(epoch) answers an array: keyed by its first three epochs; a gradient by its values at three points.",
    '    return Array.isArray(first) ? [value(0), value(1), value(2)] : [first, value({ x: 1, y: 0 }), value({ x: 0, y: 1 })];',
    '  });',
    '}',
  ];
  for (const fn of exports) {
    const { params, otherwise } = FALLBACKS[fn];
    const names = params.split(', ').map((p) => p.split(':')[0]);
    lines.push(
      `const ${fn}Table: Record<string, unknown> = ${JSON.stringify(Object.fromEntries(tables.get(fn) ?? []))};`,
      `export function ${fn}(${params}): any {`,
      `  const key = keyOf([${names.join(', ')}]);`,
      `  return Object.prototype.hasOwnProperty.call(${fn}Table, key) ? ${fn}Table[key] : ${otherwise};`,
      '}',
    );
  }
  return `${lines.join('\n')}\n`;
}
