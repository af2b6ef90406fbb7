import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAssignment } from '../../grader/assignment/read-assignment';
import { KIT_ROOT } from '../../grader/data/paths';
import type { GradeOptions } from '../../grader/engine/grade-submission';
import { laterPlotRuns, seededOrders } from '../../grader/engine/plot-data-10-11';
import { laterPlots } from '../../grader/report/_plots-10-11';
import { renderPlots } from '../../grader/report/_render-plots';
import type { ExerciseId } from '../../grader/shipped/contract/exercises';
import type { PlotData } from '../../grader/shipped/results/model';
import { gradeEditedReference, type Edit, type Graded } from './edited-reference';

/**
 * The report's plots of 10 and 11, graded through the real engine: the reference's say "the same",
 * slipped students' show their differences and the captions say so, an assignment without 10 and
 * 11 collects none of them and asks the door for nothing more, and 11's numbers are its README's.
 */

const NEW: readonly ExerciseId[] = ['10-mini-batch', '11-momentum'];
const ALL = readAssignment(join(KIT_ROOT, 'assignments', 'beyond-the-seeds.json')).exercises;
/** 01–09: the assignment without 10 and 11. */
const BEYOND = ALL.filter((id) => !NEW.includes(id));

const SLIPS = {
  /** 10: each batch's gradient divided by N instead of the batch's own size. */
  dividedByN: {
    file: '10-mini-batch/mini-batch.ts',
    from: 'model = { w: model.w.map((wj, j) => wj - learningRate * dw[j]), b: model.b - learningRate * db };',
    to: 'const f = batch.length / X.length;\n      model = { w: model.w.map((wj, j) => wj - learningRate * f * dw[j]), b: model.b - learningRate * f * db };',
  },
  /** 10: the last, shorter batch of each epoch dropped. */
  lastBatchDropped: {
    file: '10-mini-batch/mini-batch.ts',
    from: 'for (let start = 0; start < rows.length; start += batchSize) {',
    to: 'for (let start = 0; start + batchSize <= rows.length; start += batchSize) {',
  },
  /** 11: the position moved by the old velocity, before the velocity is updated. */
  velocityAfterPosition: {
    file: '11-momentum/momentum.ts',
    from: /(\s+v = \{ x: momentum \* v\.x[^\n]*\n)(\s+p = \{ x: p\.x \+ v\.x[^\n]*\n)/,
    to: '$2$1',
  },
  /** 11: 06's plain limit 2/λmax, without the (1 + β). */
  limitWithoutMomentum: {
    file: '11-momentum/momentum.ts',
    from: 'return (1 + momentum) * maxStableLearningRate(points);',
    to: 'return maxStableLearningRate(points);',
  },
} satisfies Record<string, Edit>;

/** The reference with the edits made, graded in-process without the diagnosis. */
const grade = (name: string, edits: readonly Edit[], options: GradeOptions = {}): Promise<Graded> =>
  gradeEditedReference(name, edits, { explain: false, ...options });

const graded = {} as Record<'correct' | 'slippedA' | 'slippedB' | 'beyond' | 'beyondWithoutPlots', Graded>;

beforeAll(async () => {
  graded.correct = await grade('correct', [], { exercises: NEW });
  graded.slippedA = await grade('slipped-a', [SLIPS.dividedByN, SLIPS.velocityAfterPosition], { exercises: NEW });
  graded.slippedB = await grade('slipped-b', [SLIPS.lastBatchDropped, SLIPS.limitWithoutMomentum], {
    exercises: NEW,
  });
  graded.beyond = await grade('beyond', [], { exercises: BEYOND });
  graded.beyondWithoutPlots = await grade('beyond-without-plots', [], { exercises: BEYOND, plots: false });
}, 600_000);

const plotsOf = ({ result }: Graded) => laterPlots(result);
const plot = (g: Graded, id: string) => plotsOf(g).find((p) => p.id === id)!;
const data = (g: Graded): PlotData => g.result.plots!;

/** Phrases by which a caption says the student's answer is the reference's, each with the comparisons that must allow it. */
const SAME: readonly [string, (plots: PlotData) => boolean][] = [
  [
    'Your runs are the reference’s at every batch size',
    (p) => !!p.miniBatch?.curves.every((c) => c.comparison?.matches),
  ],
  [
    'your walks are the reference’s at every β',
    (p) =>
      !!p.momentum && [p.momentum.valley, p.momentum.dataCsv].some((s) => s.walks.every((w) => w.comparison?.matches)),
  ],
  ['gives the reference’s limit at every β', (p) => !!p.momentum?.limits.every((l) => l.comparison?.matches)],
];

describe('the plots of 10 and 11', () => {
  it('are drawn for an assignment that grades 10 and 11, in reading order', () => {
    expect(plotsOf(graded.correct).map((p) => p.id)).toEqual([
      'mini-batch-costs',
      'momentum-paths',
      'momentum-distance',
      'momentum-limit',
    ]);
  });

  it('say "the same" of the reference solutions, by every comparison', () => {
    const plots = data(graded.correct);
    expect(plots.miniBatch!.curves.map((c) => c.batchSize)).toEqual([1, 8, 32, 342]);
    for (const curve of plots.miniBatch!.curves) expect(curve.comparison).toEqual({ matches: true });
    for (const walk of [...plots.momentum!.valley.walks, ...plots.momentum!.dataCsv.walks])
      expect(walk.comparison).toEqual({ matches: true });
    for (const limit of plots.momentum!.limits) expect(limit.comparison).toEqual({ matches: true });
    const captions = plotsOf(graded.correct)
      .map((p) => p.caption)
      .join(' ');
    for (const [same] of SAME) expect(captions).toContain(same);
    expect(captions).not.toMatch(/differs|gave no usable|lost points/);
  });

  it('show the slips of one student (a batch gradient over N, the velocity after the position), and the captions say so', () => {
    const plots = data(graded.slippedA);
    // Batches of all rows are divided by N either way: only the smaller batches differ.
    expect(plots.miniBatch!.curves.map((c) => c.comparison?.matches)).toEqual([false, false, false, true]);
    const costs = plot(graded.slippedA, 'mini-batch-costs').caption;
    expect(costs).toMatch(/With batches of 1 your run differs from the reference’s: costs\[1\]/);
    expect(costs).toContain('With all 342 rows your run is the reference’s');
    expect(costs).not.toContain('Your runs are the reference’s');
    const walks = [...plots.momentum!.valley.walks, ...plots.momentum!.dataCsv.walks];
    // At β = 0 the velocity is the step whichever comes first? No: the position then moves by the old (zero) velocity.
    expect(walks.every((w) => w.comparison?.matches === false)).toBe(true);
    expect(plot(graded.slippedA, 'momentum-paths').caption).toMatch(
      /At β = 0\.5 your walk on f\(x, y\) = x² \+ xy \+ y² differs from the reference’s: path\[1\]/,
    );
    expect(plot(graded.slippedA, 'momentum-distance').caption).toContain('differs from the reference’s');
    expect(plot(graded.slippedA, 'momentum-limit').caption).toContain('gives the reference’s limit at every β');
  });

  it('show the slips of another (the last short batch dropped, 2/λmax without 1 + β), and the captions say so', () => {
    const plots = data(graded.slippedB);
    // 342 rows: batches of 8 and 32 leave 6 and 22 rows over; batches of 1 and of all rows leave none.
    expect(plots.miniBatch!.curves.map((c) => c.comparison?.matches)).toEqual([true, false, false, true]);
    expect(plot(graded.slippedB, 'mini-batch-costs').caption).toMatch(
      /With batches of 8 your run differs from the reference’s: costs\[1\]/,
    );
    expect(plots.momentum!.limits.map((l) => l.comparison?.matches)).toEqual([true, false, false, false]);
    const limit = plot(graded.slippedB, 'momentum-limit').caption;
    expect(limit).toContain('Your limits are 1 × 2/λmax at β = 0, 1 × 2/λmax at β = 0.5');
    expect(limit).toMatch(/At β = 0\.9 your maxStableMomentumRate differs from the reference’s: 2\(1 \+ β\)\/λmax/);
    expect(plot(graded.slippedB, 'momentum-paths').caption).toContain('your walks are the reference’s at every β');
  });

  it('never say "the same" unless the comparison behind it does', () => {
    for (const [name, g] of Object.entries(graded)) {
      const plots = g.result.plots;
      if (!plots) continue;
      for (const spec of plotsOf(g))
        for (const [same, allowed] of SAME)
          if (!allowed(plots)) {
            expect(spec.caption, `${name}: ${spec.id}`).not.toContain(same);
            expect(spec.alt, `${name}: ${spec.id}`).not.toContain(same);
          }
    }
  });

  it('quote the distances 11’s README tabulates for data.csv’s valley', () => {
    const readme = readFileSync(join(KIT_ROOT, 'exercises', '11-momentum', 'README.md'), 'utf8');
    const s = data(graded.correct).momentum!.dataCsv;
    const distance = (w: (typeof s.walks)[number], i: number) => {
      const p = w.reference[w.iterations.indexOf(i)];
      return Math.hypot(p.x - s.center[0], p.y - s.center[1]);
    };
    for (const w of s.walks) {
      const beta = w.momentum === 0 ? '0 \\(plain descent\\)' : String(w.momentum).replace('.', '\\.');
      const row = new RegExp(String.raw`^\| ${beta} \| ([\d.]+) \| ([\d.]+) \|$`, 'm').exec(readme);
      expect(row, `β = ${w.momentum}`).not.toBeNull();
      expect(distance(w, 100).toPrecision(4)).toBe(Number(row![1]).toPrecision(4));
      expect(distance(w, 1000).toPrecision(4)).toBe(Number(row![2]).toPrecision(4));
    }
  });

  it('visit the rows in the same seeded order for every batch size and every process', () => {
    const orders = seededOrders(342, 10, 18);
    expect(orders).toEqual(seededOrders(342, 10, 18));
    for (const order of orders) expect([...order].sort((a, b) => a - b)).toEqual(orders[0].map((_, i) => i));
    expect(new Set(orders.map((o) => o.join(','))).size).toBe(10);
    const requests = laterPlotRuns(NEW).requests.filter((r) => r.fn === 'miniBatchGradientDescent');
    const sent = requests.map((r) => (r.args[2] as { order: { $order: { permutations: number[][] } } }).order);
    for (const order of sent) expect(order.$order.permutations).toEqual(orders);
  });
});

describe('an assignment without 10 and 11', () => {
  it('collects none of their plots and asks the door for none of their calls (01–09)', () => {
    const plots = graded.beyond.result.plots!;
    expect(plots.miniBatch).toBeUndefined();
    expect(plots.momentum).toBeUndefined();
    expect(laterPlots(graded.beyond.result)).toEqual([]);
    const exercises = new Set(graded.beyond.batches.flat().map((r) => r.exercise));
    for (const id of NEW) expect(exercises.has(id), id).toBe(false);
    expect(laterPlotRuns(BEYOND).requests).toEqual([]);
    expect(laterPlotRuns(['01-cost', '04-descent']).requests).toEqual([]);
  });

  it('makes the same plot batches as without the plots of 10–11: its batches with plots add only 04–09’s', () => {
    const [withPlots, without] = [graded.beyond.batches, graded.beyondWithoutPlots.batches];
    expect(withPlots.slice(0, without.length)).toEqual(without);
    for (const batch of withPlots.slice(without.length))
      for (const request of batch) expect(NEW).not.toContain(request.exercise);
  });
});

describe('the door calls of 10–11’s plots', () => {
  it('go in one batch, the other plots’ batch, with a reference side worked out once per process', () => {
    const [first, second] = [laterPlotRuns(ALL), laterPlotRuns(ALL)];
    expect(second.requests.length).toBe(4 + 6 + 4);
    second.requests.forEach((request, i) => expect(request).toBe(first.requests[i]));
    // One batch carries them; a call a check already made (the same arguments) is answered from the call cache instead.
    const batches = graded.correct.batches;
    const plotBatch = batches.findIndex((b) => b.includes(first.requests[0]));
    expect(plotBatch).toBeGreaterThanOrEqual(0);
    const sentBefore = JSON.stringify(batches.slice(0, plotBatch));
    for (const request of first.requests)
      expect(
        batches[plotBatch].includes(request) || sentBefore.includes(JSON.stringify(request)),
        `${request.fn}(${JSON.stringify(request.args).slice(0, 60)})`,
      ).toBe(true);
    expect(
      batches
        .slice(plotBatch + 1)
        .flat()
        .filter((r) => first.requests.includes(r)),
    ).toEqual([]);
    expect(data(graded.slippedA).momentum!.valley.walks[0].reference).toBe(
      data(graded.correct).momentum!.valley.walks[0].reference,
    );
  });
});

describe('rendering', () => {
  it('draws every plot of 10–11 with its marks, a caption, a text alternative and a table', async () => {
    const specs = [...plotsOf(graded.correct), ...plotsOf(graded.slippedA), ...plotsOf(graded.slippedB)];
    const rendered = await renderPlots(specs);
    for (const [i, drawn] of rendered.entries()) {
      expect(drawn.svg, drawn.id).toMatch(/<g class="mark-(line|symbol)[^"]*"/);
      expect(drawn.svg, drawn.id).not.toContain('NaN');
      expect(drawn.caption.length, drawn.id).toBeGreaterThan(80);
      expect(drawn.alt.length, drawn.id).toBeGreaterThan(60);
      expect(drawn.table.columns.length, drawn.id).toBeGreaterThanOrEqual(2);
      expect(drawn.table.rows.length, drawn.id).toBeGreaterThan(2);
      for (const row of drawn.table.rows) expect(row.length, drawn.id).toBe(drawn.table.columns.length);
      expect(specs[i].spec).toMatchObject({ title: { text: drawn.title } });
    }
  }, 120_000);
});
