import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../grader/data/paths';
import { EXERCISES, EXERCISE_IDS, type ExerciseId } from '../../grader/shipped/contract/exercises';
import { summary } from '../../scripts/slip-generator/summary';
import { InMemoryCompiler } from '../../scripts/slip-generator/compile';
import { baseFiles, generateSlips, type GeneratedSlip } from '../../scripts/slip-generator/mutate';
import { MUTATION_KINDS } from '../../scripts/slip-generator/mutations';
import { behavesLikeReference, sampleInputs } from '../../scripts/slip-generator/oracle';

const SEED = 1;
const PER_EXERCISE = 20;
const slips = generateSlips({ seed: SEED, perExercise: PER_EXERCISE });

const referenceSource = (exercise: ExerciseId) =>
  readFileSync(join(KIT_ROOT, 'solutions', exercise, EXERCISES.find((e) => e.id === exercise)!.file), 'utf8');

/** The reference with one piece of its text replaced, which must be there exactly once. */
function referenceWith(exercise: ExerciseId, before: string, after: string): string {
  const source = referenceSource(exercise);
  expect(source.split(before)).toHaveLength(2);
  return source.replace(before, after);
}

describe('the slip generator', () => {
  it('gives the same slips byte for byte for the same seed, and others for another seed', () => {
    const exercises: ExerciseId[] = ['03-step', '05-valley'];
    const again = generateSlips({ seed: SEED, perExercise: PER_EXERCISE, exercises });
    expect(JSON.stringify(again)).toBe(JSON.stringify(slips.filter((s) => exercises.includes(s.exercise))));
    const other = generateSlips({ seed: SEED + 1, perExercise: 5, exercises: ['03-step'] });
    expect(other.map((s) => s.source)).not.toEqual(
      slips
        .filter((s) => s.exercise === '03-step')
        .slice(0, 5)
        .map((s) => s.source),
    );
  });

  it('makes the number of slips asked for, each with a new text, for the exercises asked for', () => {
    for (const exercise of EXERCISE_IDS)
      expect(slips.filter((s) => s.exercise === exercise)).toHaveLength(PER_EXERCISE);
    expect(new Set(slips.map((s) => s.id)).size).toBe(slips.length);
    expect(new Set(slips.map((s) => s.source)).size).toBe(slips.length);
    for (const slip of slips) {
      const bases = baseFiles(slip.exercise);
      expect(bases.map((b) => b.name)).toContain(slip.base);
      expect(bases.map((b) => b.source)).not.toContain(slip.source);
    }
    expect(generateSlips({ seed: SEED, perExercise: 3, exercises: ['05-valley'] }).map((s) => s.exercise)).toEqual([
      '05-valley',
      '05-valley',
      '05-valley',
    ]);
  });

  it('makes only slips that compile: syntax, types and the kit transpiler', () => {
    const compiler = new InMemoryCompiler();
    const broken = compiler.compile(
      join(KIT_ROOT, 'solutions', '03-step', 'step.ts'),
      referenceWith('03-step', 'line.m - learningRate * dm', 'line.m - learningRat * dm'),
    );
    expect(broken.errors.join('\n')).toMatch(/learningRat/);
    for (const slip of slips) {
      const base = baseFiles(slip.exercise).find((b) => b.name === slip.base)!;
      expect(compiler.compile(base.path, slip.source).errors, slip.id).toEqual([]);
    }
  });

  it('says in words what each mutation changed and where', () => {
    for (const slip of slips) {
      expect(slip.mutations.length, slip.id).toBe(slip.kinds.length);
      expect([1, 2]).toContain(slip.mutations.length);
      for (const mutation of slip.mutations) expect(mutation, slip.id).toMatch(/^lines? \d+(?:[–,] ?\d+)*: .*\S/);
      for (const kind of slip.kinds) expect(MUTATION_KINDS).toContain(kind);
    }
  });

  it('spreads its slips over many kinds of mutation, none crowding the others out', () => {
    const classified = slips.map((slip: GeneratedSlip) => ({
      ...slip,
      ...behavesLikeReference(slip.source, slip.exercise, SEED),
    }));
    console.log(`slips for seed ${SEED}, ${PER_EXERCISE} per exercise:\n${summary(classified)}`);
    const counts = new Map<string, number>();
    for (const kind of slips.flatMap((s) => s.kinds)) counts.set(kind, (counts.get(kind) ?? 0) + 1);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    expect(counts.size).toBeGreaterThanOrEqual(14);
    expect(Math.max(...counts.values()) / total).toBeLessThan(0.2);
    const doubles = slips.filter((s) => s.kinds.length === 2).length / slips.length;
    expect(doubles).toBeGreaterThan(0.08);
    expect(doubles).toBeLessThan(0.35);
    expect(classified.filter((s) => !s.equivalent).length / slips.length).toBeGreaterThan(0.8);
  });
});

describe('behavesLikeReference', () => {
  it('calls every correct file of the kit equivalent to the reference', () => {
    for (const exercise of EXERCISE_IDS)
      for (const base of baseFiles(exercise))
        expect(behavesLikeReference(base.source, exercise, SEED), `${exercise} ${base.name}`).toEqual({
          equivalent: true,
        });
  });

  it('calls equivalent a mutation that changes nothing graded', () => {
    // The residual the other way round inside a square: the cost cannot tell.
    const reversed = referenceWith('01-cost', 'const residual = y - (m * x + b);', 'const residual = m * x + b - y;');
    expect(behavesLikeReference(reversed, '01-cost', SEED)).toEqual({ equivalent: true });
    // Σ(x − x̄)(y − x̄) = Σ(x − x̄)y = Σ(x − x̄)(y − ȳ): the centring of y does not matter.
    const centredOnX = referenceWith('06-learning-rate', 'sxy += dx * (p.y - meanY);', 'sxy += dx * (p.y - meanX);');
    expect(behavesLikeReference(centredOnX, '06-learning-rate', SEED)).toEqual({ equivalent: true });
  });

  it('calls a slip a slip, and says on which input it parts from the reference', () => {
    const wrongSign = referenceWith(
      '01-cost',
      'const residual = y - (m * x + b);',
      'const residual = y - (m * x - b);',
    );
    const verdict = behavesLikeReference(wrongSign, '01-cost', SEED);
    expect(verdict.equivalent).toBe(false);
    expect(verdict.firstDifference).toMatch(/^computeCost\(\[.*\): the answer is .*, the reference's /);
  });

  it('catches a slip that shows only with more than 128 points (the reference sums pairwise past 128)', () => {
    const halfSum = referenceWith(
      '01-cost',
      'return sumOfSquares(points, m, b, from, middle) + sumOfSquares(points, m, b, middle, to);',
      'return sumOfSquares(points, m, b, from, middle);',
    );
    expect(behavesLikeReference(halfSum, '01-cost', SEED).equivalent).toBe(false);
  });

  it('catches a path whose entries are one object, and a function that writes to its input', () => {
    const aliased = referenceWith(
      '05-valley',
      'current = { x: current.x - learningRate * g.x, y: current.y - learningRate * g.y };',
      'current = Object.assign(current, { x: current.x - learningRate * g.x, y: current.y - learningRate * g.y });',
    );
    expect(behavesLikeReference(aliased, '05-valley', SEED).firstDifference).toMatch(/the same object more than once/);
    const writesInput = referenceWith(
      '04-descent',
      'let line = { m: options.initial.m, b: options.initial.b };',
      'let line = Object.assign(options.initial, { m: options.initial.m });',
    );
    expect(behavesLikeReference(writesInput, '04-descent', SEED).firstDifference).toMatch(/throws TypeError/);
  });

  it('says when the file does not load or lacks an export', () => {
    expect(behavesLikeReference('export const step = ;', '03-step', SEED).firstDifference).toMatch(/does not load/);
    expect(behavesLikeReference('export const other = 1;', '03-step', SEED).firstDifference).toBe(
      'step is not exported',
    );
  });
});

describe('sampleInputs', () => {
  it('draws valid inputs: finite numbers, N from 1 past 128, two distinct x for 06, 0 to 20 iterations', () => {
    const sizes = sampleInputs('01-cost', 'computeCost', SEED, 300).map(([points]) => (points as unknown[]).length);
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBeGreaterThan(128);
    for (const [points] of sampleInputs('06-learning-rate', 'leastSquares', SEED, 300)) {
      const xs = (points as { x: number; y: number }[]).map((p) => p.x);
      expect(new Set(xs).size).toBeGreaterThanOrEqual(2);
      expect(xs.every(Number.isFinite)).toBe(true);
    }
    const iterations = sampleInputs('04-descent', 'gradientDescent', SEED, 300).map(
      ([, options]) => (options as { iterations: number }).iterations,
    );
    expect(Math.min(...iterations)).toBe(0);
    expect(Math.max(...iterations)).toBe(20);
    const [gradient, start] = sampleInputs('05-valley', 'descend', SEED, 1)[0] as [
      (p: { x: number; y: number }) => { x: number; y: number },
      { x: number; y: number },
    ];
    expect(Number.isFinite(gradient(start).x)).toBe(true);
    expect(Object.isFrozen(start)).toBe(true);
    expect(JSON.stringify(sampleInputs('02-gradient', 'computeGradient', SEED, 5))).toBe(
      JSON.stringify(sampleInputs('02-gradient', 'computeGradient', SEED, 5)),
    );
  });

  it('refuses a function its exercise does not export', () => {
    expect(() => sampleInputs('01-cost', 'step', SEED, 1)).toThrow(/01-cost has no export step/);
  });
});
