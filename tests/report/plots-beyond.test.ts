import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LinearModel } from '../../exercises/types';
import { readAssignment } from '../../grader/assignment/read-assignment';
import { KIT_ROOT, SEED_DATA_CSV } from '../../grader/data/paths';
import { readPointsCsv } from '../../grader/data/read-points';
import type { GradeOptions } from '../../grader/engine/grade-submission';
import { beyondPlotRuns } from '../../grader/engine/plot-data-beyond';
import { descendToOptimum } from '../../grader/reference/descent-to-optimum';
import { beyondPlots } from '../../grader/report/_plots-beyond';
import { renderPlots } from '../../grader/report/_render-plots';
import type { ExerciseId } from '../../grader/shipped/contract/exercises';
import type { PlotData } from '../../grader/shipped/results/model';
import { leastSquares } from '../../solutions/06-learning-rate/learning-rate';
import { fitScaler, scaleFeatures, unscaleModel } from '../../solutions/07-feature-scaling/feature-scaling';
import { computeGradientMulti } from '../../solutions/08-multivariate/multivariate';
import { gradeEditedReference, type Edit, type Graded } from './edited-reference';

/**
 * The report's plots of 07–09, graded through the real engine: the reference's show "the same",
 * a student's slips show as differences and the captions say so, an assignment of 01–06 collects
 * none of them and asks the door for nothing more, and 07's counts are those its README quotes.
 */

const BEYOND = readAssignment(join(KIT_ROOT, 'assignments', 'beyond-the-seeds.json')).exercises;
const NEW: readonly ExerciseId[] = ['07-feature-scaling', '08-multivariate', '09-normal-equation'];

const SLIPS = {
  /** 07: the sample deviation, 1/(N − 1). */
  sampleDeviation: {
    file: '07-feature-scaling/feature-scaling.ts',
    from: 'const variance = Math.max(0, (squaresSum - (deviationSum * deviationSum) / n) / n);',
    to: 'const variance = Math.max(0, (squaresSum - (deviationSum * deviationSum) / n) / (n - 1));',
  },
  /** 07: the variance where the deviation belongs (no square root). */
  varianceAsStd: {
    file: '07-feature-scaling/feature-scaling.ts',
    from: 'const std = Math.sqrt(variance);',
    to: 'const std = variance;',
  },
  /** 08: the gradient without its factor 2. */
  missingFactor2: {
    file: '08-multivariate/multivariate.ts',
    from: 'return { dw: sums.xr.map((s) => (-2 * s) / X.length), db: (-2 * sums.r) / X.length };',
    to: 'return { dw: sums.xr.map((s) => -s / X.length), db: -sums.r / X.length };',
  },
  /** 09: the normal equations of X without a column of ones: neither side centred, so the plane passes through 0. */
  noIntercept: {
    file: '09-normal-equation/normal-equation.ts',
    from: /const means = [^;]*;\n  const meanY = [^;]*;/,
    to: 'const means = Array.from({ length: d }, () => 0);\n  const meanY = 0;',
  },
} satisfies Record<string, Edit>;

/** The reference with the edits made, graded in-process. */
const grade = (name: string, edits: readonly Edit[], options: GradeOptions = {}): Promise<Graded> =>
  gradeEditedReference(name, edits, { ...options });

/** A whole file of a submission replaced by `code`. */
const replaced = (file: string, code: string): Edit => ({ file, from: /^[\s\S]*$/, to: code });

const graded = {} as Record<
  'correct' | 'correctWithoutPlots' | 'slipped' | 'varianceAlone' | 'seeds' | 'seedsWithoutPlots',
  Graded
>;

beforeAll(async () => {
  graded.correct = await grade('correct', [], { exercises: BEYOND });
  graded.correctWithoutPlots = await grade('correct-without-plots', [], { exercises: BEYOND, plots: false });
  graded.slipped = await grade('slipped', [SLIPS.sampleDeviation, SLIPS.missingFactor2, SLIPS.noIntercept], {
    exercises: BEYOND,
  });
  graded.varianceAlone = await grade('variance-alone', [SLIPS.varianceAsStd], { exercises: ['07-feature-scaling'] });
  graded.seeds = await grade('seeds', []);
  graded.seedsWithoutPlots = await grade('seeds-without-plots', [], { plots: false });
}, 600_000);

const plotsOf = ({ result }: Graded) => beyondPlots(result);
const plot = (g: Graded, id: string) => plotsOf(g).find((p) => p.id === id)!;
const beyond = (g: Graded): PlotData => g.result.plots!;

/** Phrases by which a caption says the student's answer is the reference's, each with the comparison that must allow it. */
const SAME: readonly [string, (plots: PlotData) => boolean][] = [
  [
    'give the reference’s scaled feature',
    (p) => !!p.scaling?.student.scalerComparison?.matches && !!p.scaling?.student.scaledComparison?.matches,
  ],
  ['as on the reference’s scaled feature', (p) => p.scaling?.student.run?.reached?.iterations === 93],
  ['is the reference’s descent on the same feature', (p) => !!p.scaling?.student.descentComparison?.matches],
  ["Your curve lies on the reference's", (p) => !!p.multivariate?.comparison?.matches],
  ["model is the reference's", (p) => !!p.normalEquation?.comparison?.matches],
];

describe('the plots of 07–09', () => {
  it('are drawn for an assignment that grades 07–09, in reading order', () => {
    expect(plotsOf(graded.correct).map((p) => p.id)).toEqual([
      'scaling-level-sets',
      'scaling-iterations',
      'multivariate-cost',
      'normal-equation-predictions',
    ]);
  });

  it('say "the same" of the reference solutions, by every comparison', () => {
    const data = beyond(graded.correct);
    expect(data.scaling!.studentDescent).toBe('student');
    expect(data.scaling!.student).toMatchObject({
      scalerComparison: { matches: true },
      scaledComparison: { matches: true },
      descentComparison: { matches: true },
      run: { reached: { iterations: 93, exact: true } },
    });
    expect(data.multivariate!.comparison).toEqual({ matches: true });
    expect(data.normalEquation!.comparison).toEqual({ matches: true });
    const captions = plotsOf(graded.correct).map((p) => p.caption);
    for (const [same] of SAME) expect(captions.join(' ')).toContain(same);
    expect(captions.join(' ')).not.toMatch(/differs|not reach|diverges|lost points/);
  });

  it('show a slipped student’s differences, and the captions say so', () => {
    const data = beyond(graded.slipped);
    expect(data.scaling!.student.scalerComparison?.matches).toBe(false);
    expect(data.scaling!.student.descentComparison?.matches).toBe(false);
    expect(data.multivariate!.comparison?.matches).toBe(false);
    expect(data.normalEquation!.comparison?.matches).toBe(false);
    expect(plot(graded.slipped, 'scaling-level-sets').caption).toMatch(
      /Your fitScaler’s scaler of data\.csv differs from the reference’s: std\[0\]: expected 9\.69752496328, got 9\.7463/,
    );
    expect(plot(graded.slipped, 'scaling-level-sets').caption).toContain(
      'Your gradientDescentMulti’s run of 200 iterations there differs from the reference’s descent on the same feature: costs[1]',
    );
    expect(plot(graded.slipped, 'multivariate-cost').caption).toContain("It differs from the reference's: costs[1]");
    const predictions = plot(graded.slipped, 'normal-equation-predictions');
    expect(predictions.caption).toContain("It differs from the reference's: your answer");
    expect(predictions.caption).toMatch(
      /Your normalEquation's model's predictions are [\d.]+ g from the actual values/,
    );
    // Without an intercept the plane passes through 0: its predictions are further off than the best plane's.
    const rms = (p: readonly number[]) =>
      Math.sqrt(p.reduce((s, v, i) => s + (v - data.normalEquation!.actual[i]) ** 2, 0) / p.length);
    expect(rms(data.normalEquation!.studentPredictions!)).toBeGreaterThan(
      rms(data.normalEquation!.referencePredictions),
    );
    expect(JSON.stringify(predictions.spec)).toContain('"series":"yours"');
  });

  it('name a mistake inside 08 (its descent over its own gradient) as 08’s own, not as a broken dependency', () => {
    const multivariate = graded.slipped.result.exercises.find((e) => e.exercise === '08-multivariate')!;
    expect(multivariate.rootCause?.brokenDependency).toBe('08-multivariate');
    for (const spec of plotsOf(graded.slipped).filter((p) => p.id !== 'normal-equation-predictions')) {
      expect(spec.caption, spec.id).not.toContain('calls your own 08-multivariate');
      expect(spec.caption, spec.id).toMatch(/08-multivariate lost points(, recognised as “[^”]+”)?: see its section/);
    }
  });

  it('never say "the same" unless the comparison behind it does', () => {
    for (const [name, g] of Object.entries(graded)) {
      const data = g.result.plots;
      if (!data) continue;
      for (const spec of plotsOf(g))
        for (const [same, allowed] of SAME)
          if (!allowed(data)) {
            expect(spec.caption, `${name}: ${spec.id}`).not.toContain(same);
            expect(spec.alt, `${name}: ${spec.id}`).not.toContain(same);
          }
    }
  });

  it('run the reference’s descent on a student’s scaled feature when the assignment does not grade 08, and say so', () => {
    const scaling = beyond(graded.varianceAlone).scaling!;
    expect(scaling.studentDescent).toBe('reference');
    expect(beyond(graded.varianceAlone).multivariate).toBeUndefined();
    // Divided by the variance, the feature's deviation is 1/σ: J's level sets are ellipses σ ≈ 9.7 times as long as wide.
    const caption = plot(graded.varianceAlone, 'scaling-level-sets').caption;
    expect(caption).toContain('the reference’s descent (the assignment does not grade 08-multivariate)');
    expect(caption).toMatch(/the level sets, drawn in orange, are ellipses 9\.7 times as long as they are wide/);
    const iterations = plot(graded.varianceAlone, 'scaling-iterations').caption;
    const reached = scaling.student.run!.reached!;
    expect(reached.exact).toBe(true);
    expect(reached.iterations).toBeGreaterThan(1000);
    expect(iterations).toContain(
      `the reference’s descent at η = 0.1 reaches it after ${reached.iterations.toLocaleString('en-US')} iterations, where the reference’s scaled feature takes 93`,
    );
  });

  it('quote the iteration counts of 07’s README, from the reference’s descent', () => {
    const readme = readFileSync(join(KIT_ROOT, 'exercises', '07-feature-scaling', 'README.md'), 'utf8');
    const quoted = (feature: string, rate: number) => {
      const row = new RegExp(String.raw`^\| ${feature} \| ${rate} \| \*\*(\d+)\*\* \|$`, 'm').exec(readme);
      if (!row) throw new Error(`07's README quotes no run on the ${feature} feature at η = ${rate}`);
      return Number(row[1]);
    };
    const scaling = beyond(graded.correct).scaling!;
    expect(scaling.raw.run.reached?.iterations).toBe(quoted('raw', scaling.raw.run.learningRate));
    expect(scaling.scaled.run.reached?.iterations).toBe(quoted('scaled', scaling.scaled.run.learningRate));
    const caption = plot(graded.correct, 'scaling-iterations').caption;
    expect(caption).toContain(
      `the reference's descent reaches it after ${quoted('raw', 0.0001).toLocaleString('en-US')} iterations`,
    );
  });
});

describe('descendToOptimum', () => {
  /** 08's reference step by step, as 07's README test runs it. */
  function referenceSteps(X: number[][], y: number[], learningRate: number, steps: number): LinearModel[] {
    let model: LinearModel = { w: [0], b: 0 };
    const models = [model];
    for (let k = 0; k < steps; k++) {
      const { dw, db } = computeGradientMulti(X, y, model);
      model = { w: model.w.map((wj, j) => wj - learningRate * dw[j]), b: model.b - learningRate * db };
      models.push(model);
    }
    return models;
  }

  it.each([
    ['data.csv, raw', 100, 0.0001, false],
    ['data.csv, scaled', 100, 0.1, true],
    ['300 rows, summed pairwise', 300, 0.0001, false],
  ])('takes 08’s reference steps bit for bit: %s', (_, rows, learningRate, scaled) => {
    const points = readPointsCsv(SEED_DATA_CSV);
    const x = Array.from({ length: rows }, (_, i) => points[i % 100].x + Math.floor(i / 100) / 7);
    const y = Array.from({ length: rows }, (_, i) => points[i % 100].y);
    const X = x.map((v) => [v]);
    const table = scaled ? scaleFeatures(X, fitScaler(X)).map((row) => row[0]) : x;
    const run = descendToOptimum(
      { x: table, y },
      {
        learningRate,
        budget: 400,
        optimum: { m: 1, b: 1 },
        tolerance: 0,
        record: () => true,
      },
    );
    const steps = referenceSteps(
      table.map((v) => [v]),
      y,
      learningRate,
      400,
    );
    expect(run.samples.map((s) => [s.w, s.b])).toEqual(steps.map((m) => [m.w[0], m.b]));
  });

  it('counts as 07’s README does: the first iteration whose line has m and b within the tolerance', () => {
    const points = readPointsCsv(SEED_DATA_CSV);
    const X = points.map((p) => [p.x]);
    const scaler = fitScaler(X);
    const optimum = leastSquares(points);
    const asLine = (w: number, b: number) => {
      const line = unscaleModel({ w: [w], b }, scaler);
      return { m: line.w[0], b: line.b };
    };
    const run = descendToOptimum(
      { x: scaleFeatures(X, scaler).map((r) => r[0]), y: points.map((p) => p.y) },
      { learningRate: 0.1, budget: 1000, optimum, asLine, tolerance: 1e-9, record: () => true },
    );
    const within = (k: number) => {
      const s = run.samples.find((sample) => sample.iteration === k)!;
      return s.distance! <= 1e-9;
    };
    expect(run.iterations).toBe(93);
    expect(within(93)).toBe(true);
    expect(within(92)).toBe(false);
  });
});

describe('an assignment of 01–06', () => {
  it('collects none of 07–09’s plots and asks the door for none of their calls', () => {
    const plots = graded.seeds.result.plots!;
    expect(plots.scaling).toBeUndefined();
    expect(plots.multivariate).toBeUndefined();
    expect(plots.normalEquation).toBeUndefined();
    expect(beyondPlots(graded.seeds.result)).toEqual([]);
    const exercises = new Set(graded.seeds.batches.flat().map((r) => r.exercise));
    for (const id of NEW) expect(exercises.has(id), id).toBe(false);
  });

  it('makes exactly the door calls it made before 07–09 had plots: one batch, of 04–06’s runs', () => {
    const [withPlots, without] = [graded.seeds.batches, graded.seedsWithoutPlots.batches];
    expect(withPlots.length).toBe(without.length + 1);
    expect(withPlots.slice(0, -1)).toEqual(without);
    const plotBatch = withPlots[withPlots.length - 1];
    for (const request of plotBatch)
      expect(['04-descent', '05-valley', '06-learning-rate']).toContain(request.exercise);
    expect(plotBatch.length).toBeLessThanOrEqual(8);
  });
});

describe('the door calls of 07–09’s plots', () => {
  it('go in the other plots’ batch, then one batch for scaleFeatures and one for the student’s own descents', () => {
    const [withPlots, without] = [graded.correct.batches, graded.correctWithoutPlots.batches];
    expect(withPlots.slice(0, without.length)).toEqual(without);
    const batches = withPlots.slice(without.length);
    expect(batches.map((b) => [...new Set(b.map((r) => `${r.exercise}:${r.fn}`))].sort())).toEqual([
      expect.arrayContaining(['08-multivariate:gradientDescentMulti']),
      ['07-feature-scaling:scaleFeatures'],
      ['08-multivariate:gradientDescentMulti'],
    ]);
  });

  it('use a reference side worked out once per process: the same requests and the same numbers for every student', () => {
    const [first, second] = [beyondPlotRuns(BEYOND), beyondPlotRuns(BEYOND)];
    expect(second.requests.length).toBe(3);
    second.requests.forEach((request, i) => expect(request).toBe(first.requests[i]));
    const [a, b] = [beyond(graded.correct).scaling!, beyond(graded.slipped).scaling!];
    expect(b.raw).toBe(a.raw);
    expect(b.scaled).toBe(a.scaled);
    expect(beyondPlotRuns(['01-cost', '04-descent']).requests).toEqual([]);
  });
});

describe('hostile answers to 07', () => {
  it('never pass an answer the contract rules out to the next call: a zero deviation stops the plot, and says why', async () => {
    const zero = await grade(
      'zero-deviation',
      [
        replaced(
          '07-feature-scaling/feature-scaling.ts',
          `import type { LinearModel, Matrix, Scaler } from '../types';
export function fitScaler(X: Matrix): Scaler { return { mean: X[0].map(() => 0), std: X[0].map(() => 0) }; }
export function scaleFeatures(X: Matrix, scaler: Scaler): number[][] { return X.map((row) => row.map((x, j) => (x - scaler.mean[j]) / scaler.std[j])); }
export function unscaleModel(model: LinearModel, scaler: Scaler): LinearModel { return { w: [...model.w], b: model.b }; }
`,
        ),
      ],
      { exercises: ['07-feature-scaling'], explain: false },
    );
    const student = beyond(zero).scaling!.student;
    expect(student.stopped?.fn).toBe('fitScaler');
    expect(student.stopped?.reason).toMatch(/cannot be passed to scaleFeatures/);
    expect(
      zero.batches.flat().some((r) => r.fn === 'scaleFeatures' && (r.args[1] as { std: number[] }).std[0] === 0),
    ).toBe(false);
    expect(plot(zero, 'scaling-level-sets').caption).toContain('Your fitScaler gave nothing to draw with');
  }, 120_000);

  it('measure no distance on a scaled feature that is not a straight-line function of x, and say why', async () => {
    const cubed = await grade(
      'cubed',
      [
        {
          file: '07-feature-scaling/feature-scaling.ts',
          from: 'return X.map((row) => row.map((x, j) => (x - scaler.mean[j]) / scaler.std[j]));',
          to: 'return X.map((row) => row.map((x, j) => ((x - scaler.mean[j]) / scaler.std[j]) ** 3));',
        },
      ],
      { exercises: ['07-feature-scaling'], explain: false },
    );
    const student = beyond(cubed).scaling!.student;
    expect(student.scaledComparison?.matches).toBe(false);
    expect(student.affine).toBeUndefined();
    expect(student.run?.samples.every((s) => s.distance === undefined)).toBe(true);
    expect(plot(cubed, 'scaling-iterations').caption).toContain(
      'Your scaled feature is not a straight-line function of x, so a model on it makes no line on the raw x to measure',
    );
    expect(plot(cubed, 'scaling-level-sets').caption).toContain(
      'Your scaleFeatures does not scale by your scaler as the reference does',
    );
    for (const drawn of await renderPlots(plotsOf(cubed))) expect(drawn.svg).not.toContain('NaN');
  }, 120_000);

  it('draw only the reference’s runs when fitScaler is not written yet, and say so', async () => {
    const stub = await grade(
      'stub',
      [
        replaced(
          '07-feature-scaling/feature-scaling.ts',
          readFileSync(join(KIT_ROOT, 'exercises', '07-feature-scaling', 'feature-scaling.ts'), 'utf8'),
        ),
      ],
      { exercises: ['07-feature-scaling'], explain: false },
    );
    const specs = plotsOf(stub);
    expect(specs.map((p) => p.id)).toEqual(['scaling-level-sets', 'scaling-iterations']);
    expect(specs[0].caption).toMatch(/Your fitScaler gave nothing to draw with \(.*not implemented/);
    expect(JSON.stringify(specs[0].spec)).not.toContain('"series":"yours"');
  }, 120_000);
});

describe('hostile answers to 08 and 09', () => {
  it('say when the student’s own descent on their scaled feature gives nothing, and when a model predicts no finite number', async () => {
    const broken = await grade(
      'broken-08-09',
      [
        {
          file: '08-multivariate/multivariate.ts',
          from: 'const { learningRate } = options;',
          to: "const { learningRate } = options;\n  if (X.length === 100) throw new Error('no');",
        },
        {
          file: '09-normal-equation/normal-equation.ts',
          from: 'return { w, b: intercept + compensation };',
          to: 'return { w: w.map(() => 1e308), b: 0 };',
        },
      ],
      { exercises: NEW, explain: false },
    );
    const scaling = beyond(broken).scaling!;
    expect(scaling.student.stopped?.fn).toBe('gradientDescentMulti');
    for (const id of ['scaling-level-sets', 'scaling-iterations'])
      expect(plot(broken, id).caption, id).toContain(
        'Your gradientDescentMulti gave no usable run on your scaled feature',
      );
    expect(plot(broken, 'normal-equation-predictions').caption).toContain(
      "Your normalEquation's model predicts numbers too large to be finite",
    );
    await renderPlots(plotsOf(broken));
  }, 120_000);
});

describe('rendering', () => {
  it('draws every plot of 07–09 with its marks, a caption, a text alternative and a table', async () => {
    const specs = [...plotsOf(graded.correct), ...plotsOf(graded.slipped)];
    const rendered = await renderPlots(specs);
    for (const [i, plot] of rendered.entries()) {
      expect(plot.svg, plot.id).toMatch(/<g class="mark-(line|symbol)[^"]*"/);
      expect(plot.caption.length, plot.id).toBeGreaterThan(80);
      expect(plot.alt.length, plot.id).toBeGreaterThan(60);
      expect(plot.table.columns.length, plot.id).toBeGreaterThanOrEqual(2);
      expect(plot.table.rows.length, plot.id).toBeGreaterThan(2);
      for (const row of plot.table.rows) expect(row.length, plot.id).toBe(plot.table.columns.length);
      expect(specs[i].spec).toMatchObject({ title: { text: plot.title } });
    }
  }, 120_000);
});
