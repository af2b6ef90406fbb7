import type { Vec2 } from '../../exercises/types';
import type {
  MiniBatchCurve,
  MiniBatchPlotData,
  MomentumPlotData,
  MomentumSurface,
  MomentumWalk,
  PlotComparison,
  SubmissionResult,
} from '../shipped/results/model';
import type { PlotTable } from '../shipped/report/student-view';
import { formatValue } from '../shipped/report/text';
import { CONFIG, SERIES, WIDTH, HEIGHT, describeCount, frame, num, sentences, type PlotSpec } from './_plots';
import { standingOf, standingSentence, type Standing } from './_plot-words';
import type { VegaLiteSpec } from './_vega';

/**
 * The plots of exercises 10 and 11, each present when the result holds its runs (the assignment
 * grades its exercise): 10's cost per epoch at several batch sizes; 11's walks over the level sets
 * of 05's valley and of data.csv's J, their distance to the optimum against the iteration, and
 * data.csv's heavy-ball limit against β. A caption says the student's run is the reference's only
 * when the comparison of the check that grades it says so, and names the first difference otherwise.
 */
export function laterPlots(result: SubmissionResult): PlotSpec[] {
  const plots = result.plots;
  if (!plots) return [];
  return [
    ...(plots.miniBatch ? [miniBatchPlot(plots.miniBatch, standingOf(result, '10-mini-batch'))] : []),
    ...(plots.momentum
      ? [
          momentumPathsPlot(plots.momentum, standingOf(result, '11-momentum')),
          momentumDistancePlot(plots.momentum, standingOf(result, '11-momentum')),
          momentumLimitPlot(plots.momentum, standingOf(result, '11-momentum')),
        ]
      : []),
  ];
}

/** Whose run a line is: the student's solid and on the bottom, the reference's dashed over it. */
const WHOSE = {
  yours: { label: 'yours', dash: [1, 0], width: 3.25 },
  reference: { label: 'reference', dash: [6, 4], width: 1.75 },
} as const;
type Whose = keyof typeof WHOSE;

/** One colour per run (a batch size, a β), told apart without red–green. */
const PALETTE = ['#0072B2', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];

/** A line chart's colour and dash encodings: colour for the run, dash for whose it is (`whoseLayers` draws each at its width). */
function runEncoding(runs: readonly string[], whose: readonly Whose[]) {
  return {
    color: { field: 'run', type: 'nominal', scale: { domain: runs, range: PALETTE.slice(0, runs.length) } },
    strokeDash: {
      field: 'whose',
      type: 'nominal',
      scale: { domain: whose.map((w) => WHOSE[w].label), range: whose.map((w) => WHOSE[w].dash) },
      title: null,
    },
  };
}

/** The student's lines, wide and solid, under the reference's, thin and dashed: one layer each, sharing `encoding`. */
function whoseLayers(rows: readonly { whose: string }[], whose: readonly Whose[], encoding: object): object[] {
  return whose.map((key) => ({
    data: { values: rows.filter((r) => r.whose === WHOSE[key].label) },
    mark: { type: 'line', clip: true, strokeWidth: WHOSE[key].width },
    encoding,
  }));
}

/** "the same" only when the comparison says so; otherwise its first difference. */
function sameOrDiffers(comparison: PlotComparison | undefined, what: string, exercise: string): string {
  if (!comparison) return '';
  return comparison.matches
    ? ''
    : `${what} differs from the reference’s: ${comparison.difference ?? `see ${exercise}.`}`;
}

// 10: cost per epoch at several batch sizes

function batchLabel(curve: MiniBatchCurve, rows: number): string {
  return curve.batchSize >= rows ? `all ${rows} rows` : `batches of ${curve.batchSize}`;
}

function miniBatchPlot(data: MiniBatchPlotData, standing: Standing): PlotSpec {
  const title = 'Cost per epoch at several batch sizes';
  const labels = data.curves.map((c) => batchLabel(c, data.rows));
  const excess = (c: number) => c - data.minimum;
  const rows = data.curves.flatMap((curve, k) =>
    (['yours', 'reference'] as const).flatMap((whose) =>
      (whose === 'yours' ? (curve.student ?? []) : curve.reference).flatMap((c, epoch) =>
        Number.isFinite(c) && excess(c) > 0
          ? [{ run: labels[k], whose: WHOSE[whose].label, epoch, excess: Number(excess(c).toPrecision(6)) }]
          : [],
      ),
    ),
  );
  const anyYours = data.curves.some((c) => c.student);
  const whose: Whose[] = anyYours ? ['yours', 'reference'] : ['reference'];
  const rises = (costs: readonly number[]) => costs.slice(1).filter((c, e) => c > costs[e]).length;
  const end = (curve: MiniBatchCurve) => curve.reference[curve.reference.length - 1];
  const noisiest = data.curves[0];
  const full = data.curves[data.curves.length - 1];
  const referenceWords = sentences(
    `After ${describeCount(data.epochs, 'epoch')} the reference's cost is ${data.curves.map((c, k) => `${num(end(c))} with ${labels[k]} (${describeCount(c.steps, 'step')} an epoch)`).join(', ')}; the least cost is J* = ${num(data.minimum)}.`,
    `Small batches take many cheap steps an epoch and get close to J* at once, but their steps follow single rows: with ${labels[0]} the cost on all rows rises in ${rises(noisiest.reference)} of the ${data.epochs} epochs and stays ${num(excess(end(noisiest)))} above J*, where ${labels[data.curves.length - 2]} end ${num(excess(end(data.curves[data.curves.length - 2])))} above it.`,
    `Full-batch descent takes one exact step an epoch and is still ${num(excess(end(full)))} above J* after ${data.epochs}.`,
  );
  const differing = data.curves.filter((c) => c.comparison && !c.comparison.matches);
  const stopped = data.curves.filter((c) => c.stopped);
  const yoursWords = !anyYours
    ? `Your miniBatchGradientDescent gave no usable run${stopped[0] ? ` (${stopped[0].stopped!.replace(/\.$/, '')})` : ''}, so only the reference’s are drawn.`
    : sentences(
        differing.length === 0 && stopped.length === 0
          ? `Your runs are the reference’s at every batch size, within the tolerance of the checks that grade miniBatchGradientDescent: your solid lines lie under its dashed ones.`
          : '',
        ...data.curves.map((c, k) =>
          c.stopped
            ? `With ${labels[k]} your miniBatchGradientDescent gave no usable run (${c.stopped.replace(/\.$/, '')}).`
            : c.comparison?.matches
              ? differing.length || stopped.length
                ? `With ${labels[k]} your run is the reference’s, within the checks’ tolerance.`
                : ''
              : sameOrDiffers(c.comparison, `With ${labels[k]} your run`, '10-mini-batch'),
        ),
      );
  const words = sentences(yoursWords, standingSentence(standing, '10-mini-batch', 'miniBatchGradientDescent'));
  return {
    id: 'mini-batch-costs',
    title,
    caption: sentences(
      `${data.rows} Palmer penguins: ${data.targetName} from ${data.featureNames.join(', ')}, ${data.scaling}; mini-batch descent from w = 0, b = 0 at η = ${num(data.learningRate)} (half of 1/max‖(xᵢ, 1)‖² = ${num(data.stableRate)}), every run visiting the rows in the same shuffled order each epoch (seed ${data.orderSeed}).`,
      `Each line is the cost on all rows after each epoch, minus J*, on a log scale: a colour per batch size, the reference dashed.`,
      referenceWords,
      words,
    ),
    alt: sentences(
      `Line chart of the cost above its least value against the epoch, log scale, for mini-batch descent on the Palmer penguins at batch sizes ${labels.join(', ')}.`,
      referenceWords,
      words,
    ),
    table: {
      columns: [
        'epoch',
        ...data.curves.flatMap((c, k) => [`reference, ${labels[k]}`, ...(c.student ? [`yours, ${labels[k]}`] : [])]),
      ],
      rows: data.curves[0].reference.map((_, e) => [
        String(e),
        ...data.curves.flatMap((c) => [num(c.reference[e]), ...(c.student ? [num(c.student[e])] : [])]),
      ]),
      note: `The cost J on all ${data.rows} rows after each epoch (epoch 0: before any). J* = ${num(data.minimum)}.`,
    },
    spec: {
      ...frame(
        title,
        `penguins, η = ${num(data.learningRate)}, ${data.epochs} epochs, cost above J*, log scale`,
        WIDTH,
        HEIGHT,
      ),
      layer: whoseLayers(rows, whose, {
        x: { field: 'epoch', type: 'quantitative', title: 'epoch', scale: { domain: [0, data.epochs] } },
        y: { field: 'excess', type: 'quantitative', title: 'J − J* (on all rows)', scale: { type: 'log' } },
        order: { field: 'epoch', type: 'quantitative' },
        ...runEncoding(labels, whose),
      }),
    },
  };
}

// 11: walks over level sets

const RING_COLOR = '#afb8c1';
const RING_FRACTIONS = [1, 0.6, 0.35, 0.18, 0.08, 0.03];
const RING_POINTS = 96;
const PANEL = 240;
/** The walks drawn on data.csv's panel: plain descent and β = 0.9, whose oscillation across the valley dies out within the steps recorded one by one (β = 0.99's lasts hundreds: the distance plot shows it). */
const DATA_PANEL_MOMENTA = [0, 0.9];

const betaLabel = (momentum: number) => (momentum === 0 ? 'β = 0 (plain)' : `β = ${formatValue(momentum)}`);

/** The height of the surface above its minimum at p: ½(p − c)ᵀH(p − c). */
function height(s: MomentumSurface, p: Vec2): number {
  const [[a, b], [, c]] = s.hessian;
  const [dx, dy] = [p.x - s.center[0], p.y - s.center[1]];
  return 0.5 * (a * dx * dx + 2 * b * dx * dy + c * dy * dy);
}

function ringRows(s: MomentumSurface): { ring: string; order: number; x: number; y: number }[] {
  const [[a, b], [, c]] = s.hessian;
  const angle = 0.5 * Math.atan2(2 * b, a - c);
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  const large = a * cos * cos + 2 * b * sin * cos + c * sin * sin;
  const small = a * sin * sin - 2 * b * sin * cos + c * cos * cos;
  const top = height(s, s.start);
  return RING_FRACTIONS.flatMap((q, i) => {
    const h = q * top;
    const [u, v] = [Math.sqrt((2 * h) / large), Math.sqrt((2 * h) / small)];
    return Array.from({ length: RING_POINTS + 1 }, (_, k) => {
      const t = (2 * Math.PI * k) / RING_POINTS;
      const [p, r] = [u * Math.cos(t), v * Math.sin(t)];
      return {
        ring: `level ${i}`,
        order: k,
        x: drawn(s.center[0] + p * cos - r * sin),
        y: drawn(s.center[1] + p * sin + r * cos),
      };
    });
  });
}

function walkPanel(
  s: MomentumSurface,
  walks: readonly MomentumWalk[],
  labels: readonly string[],
  whose: readonly Whose[],
  axes: [string, string],
): VegaLiteSpec {
  const half = 0.62 * Math.max(Math.abs(s.start.x - s.center[0]), Math.abs(s.start.y - s.center[1]));
  const [cx, cy] = [(s.start.x + s.center[0]) / 2, (s.start.y + s.center[1]) / 2];
  const round = (v: number) => Number(v.toPrecision(3));
  const domain = (c: number) => [round(c - half), round(c + half)];
  const rows = walks.flatMap((w) =>
    (['yours', 'reference'] as const).flatMap((key) =>
      (key === 'yours' ? (w.student ?? []) : w.reference)
        .map((p, k) => ({ p, iteration: w.iterations[k] }))
        .filter(({ p }) => Number.isFinite(p.x) && Number.isFinite(p.y))
        .map(({ p, iteration }) => ({
          run: betaLabel(w.momentum),
          whose: WHOSE[key].label,
          iteration,
          x: drawn(p.x),
          y: drawn(p.y),
        })),
    ),
  );
  const position = {
    x: { field: 'x', type: 'quantitative', title: axes[0], scale: { domain: domain(cx), nice: false, zero: false } },
    y: { field: 'y', type: 'quantitative', title: axes[1], scale: { domain: domain(cy), nice: false, zero: false } },
  };
  return {
    width: PANEL,
    height: PANEL,
    title: { text: `${s.name}, η = ${num(s.learningRate)}, ${s.steps} steps`, fontSize: 13, fontWeight: 500 },
    layer: [
      {
        data: { values: ringRows(s) },
        mark: { type: 'line', stroke: RING_COLOR, strokeWidth: 1, clip: true },
        encoding: {
          ...position,
          detail: { field: 'ring', type: 'nominal' },
          order: { field: 'order', type: 'quantitative' },
        },
      },
      ...whoseLayers(rows, whose, {
        x: { field: 'x', type: 'quantitative' },
        y: { field: 'y', type: 'quantitative' },
        order: { field: 'iteration', type: 'quantitative' },
        ...runEncoding(labels, whose),
      }),
      {
        data: {
          values: [
            { x: s.start.x, y: s.start.y, label: 'start' },
            { x: drawn(s.center[0]), y: drawn(s.center[1]), label: 'minimum' },
          ],
        },
        layer: [
          { mark: { type: 'point', shape: 'cross', size: 110, strokeWidth: 2, color: '#1f2328', clip: true } },
          {
            mark: { type: 'text', dy: -11, fontSize: 11, fontWeight: 600, color: '#1f2328', clip: true },
            encoding: { text: { field: 'label' } },
          },
        ],
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
      },
    ],
  };
}

const distanceOf = (s: MomentumSurface, p: Vec2 | undefined) =>
  p === undefined ? undefined : Math.hypot(p.x - s.center[0], p.y - s.center[1]);
const at = (w: MomentumWalk, path: readonly Vec2[] | undefined, iteration: number) => {
  const k = w.iterations.indexOf(iteration);
  return k < 0 ? undefined : path?.[k];
};

/** What the captions say of the student's walks on a surface, by comparePath: "the same" only when every one matches. */
function walkWords(s: MomentumSurface, walks: readonly MomentumWalk[]): string {
  const yours = walks.filter((w) => w.student);
  if (!yours.length) {
    const stopped = walks.find((w) => w.stopped)?.stopped;
    return `Your descendWithMomentum gave no usable walk on ${s.name}${stopped ? ` (${stopped.replace(/\.$/, '')})` : ''}, so only the reference’s are drawn.`;
  }
  if (walks.every((w) => w.comparison?.matches))
    return `On ${s.name} your walks are the reference’s at every β, within the tolerance of the checks that grade descendWithMomentum.`;
  return sentences(
    ...walks.map((w) =>
      w.stopped
        ? `At ${betaLabel(w.momentum)} your descendWithMomentum gave no usable walk on ${s.name} (${w.stopped.replace(/\.$/, '')}).`
        : w.comparison?.matches
          ? `At ${betaLabel(w.momentum)} your walk on ${s.name} is the reference’s.`
          : sameOrDiffers(w.comparison, `At ${betaLabel(w.momentum)} your walk on ${s.name}`, '11-momentum'),
    ),
  );
}

function momentumPathsPlot(data: MomentumPlotData, standing: Standing): PlotSpec {
  const title = 'Plain and heavy-ball descent over the level sets';
  const { valley, dataCsv } = data;
  const dataWalks = dataCsv.walks.filter((w) => DATA_PANEL_MOMENTA.includes(w.momentum));
  const labels = [...new Set([...valley.walks, ...dataWalks].map((w) => betaLabel(w.momentum)))];
  const whose: Whose[] = [...valley.walks, ...dataWalks].some((w) => w.student)
    ? ['yours', 'reference']
    : ['reference'];
  const valleyEnd = (w: MomentumWalk) => height(valley, w.reference[w.reference.length - 1]);
  const dataEnd = (w: MomentumWalk) => distanceOf(dataCsv, w.reference[w.reference.length - 1]);
  const referenceWords = sentences(
    `Left, 05's valley from (${num(valley.start.x)}, ${num(valley.start.y)}) at η = ${num(valley.learningRate)}: after ${valley.steps} steps f is ${valley.walks.map((w) => `${num(valleyEnd(w))} at ${betaLabel(w.momentum)}`).join(' and ')}; heavy ball curves past the plain path and gets closer.`,
    `Right, data.csv's J, a valley ${formatValue(Math.round(conditionOf(dataCsv)))} times steeper across than along its floor, from m = b = 0 at η = 1/λmax = ${num(dataCsv.learningRate)}: every walk crosses the valley in a few steps, then crawls along the floor towards the best line; after ${formatValue(dataCsv.steps)} steps it is ${dataWalks.map((w) => `${num(dataEnd(w))} away at ${betaLabel(w.momentum)}`).join(', ')}.`,
  );
  const words = sentences(
    walkWords(valley, valley.walks),
    walkWords(dataCsv, dataWalks),
    standingSentence(standing, '11-momentum', 'descendWithMomentum'),
  );
  return {
    id: 'momentum-paths',
    title,
    caption: sentences(
      'The grey lines are level sets; a colour per β, the reference dashed over yours.',
      referenceWords,
      words,
    ),
    alt: sentences(
      'Two contour plots with descent paths: 05’s valley on the left, data.csv’s cost J(m, b) on the right.',
      referenceWords,
      words,
    ),
    table: walksTable([...valley.walks.map((w) => ({ s: valley, w })), ...dataWalks.map((w) => ({ s: dataCsv, w }))]),
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: CONFIG,
      title: { text: title, subtitle: 'heavy ball: v ← βv − η∇f(p), p ← p + v; β = 0 is plain descent' },
      spacing: 24,
      hconcat: [
        walkPanel(valley, valley.walks, labels, whose, ['x', 'y']),
        walkPanel(dataCsv, dataWalks, labels, whose, ['m', 'b']),
      ],
      resolve: { scale: { color: 'shared', strokeDash: 'shared', strokeWidth: 'shared' } },
    },
  };
}

function conditionOf(s: MomentumSurface): number {
  const [[a, b], [, c]] = s.hessian;
  const middle = (a + c) / 2;
  const radius = Math.hypot((a - c) / 2, b);
  return (middle + radius) / (middle - radius);
}

function walksTable(entries: readonly { s: MomentumSurface; w: MomentumWalk }[]): PlotTable {
  const rows = entries.flatMap(({ s, w }) => {
    const last = w.iterations[w.iterations.length - 1];
    const checkpoints = [...new Set([0, 1, 2, 3, 5, 10, 20, 100, last])].filter((i) => w.iterations.includes(i));
    return checkpoints.map((i) => {
      const ref = at(w, w.reference, i);
      const mine = at(w, w.student, i);
      return [
        s.name,
        betaLabel(w.momentum),
        formatValue(i),
        ref ? `(${num(ref.x)}, ${num(ref.y)})` : '—',
        num(distanceOf(s, ref)),
        ...(entries.some((e) => e.w.student) ? [mine ? `(${num(mine.x)}, ${num(mine.y)})` : '—'] : []),
      ];
    });
  });
  return {
    columns: [
      'surface',
      'β',
      'iteration',
      'reference point',
      'reference distance to the minimum',
      ...(entries.some((e) => e.w.student) ? ['your point'] : []),
    ],
    rows,
    note: 'A dash: no point recorded there.',
  };
}

// 11: distance against iteration

function momentumDistancePlot(data: MomentumPlotData, standing: Standing): PlotSpec {
  const title = 'Distance to the best line, by β';
  const s = data.dataCsv;
  const labels = s.walks.map((w) => betaLabel(w.momentum));
  const whose: Whose[] = s.walks.some((w) => w.student) ? ['yours', 'reference'] : ['reference'];
  const rows = s.walks.flatMap((w, k) =>
    (['yours', 'reference'] as const).flatMap((key) =>
      (key === 'yours' ? (w.student ?? []) : w.reference).flatMap((p, i) => {
        const d = distanceOf(s, p)!;
        return Number.isFinite(d) && d > 0
          ? [{ run: labels[k], whose: WHOSE[key].label, iteration: w.iterations[i], distance: drawn(d) }]
          : [];
      }),
    ),
  );
  const start = distanceOf(s, s.start)!;
  const referenceWords = `From ${num(start)} away, the reference's walks are ${s.walks.map((w) => `${num(distanceOf(s, at(w, w.reference, 100)))} then ${num(distanceOf(s, at(w, w.reference, s.steps)))} away at ${betaLabel(w.momentum)}`).join('; ')}, after 100 and ${formatValue(s.steps)} steps, the numbers 11's README quotes: the larger β, the faster the crawl along the floor, as if the rate were η/(1 − β).`;
  const words = sentences(walkWords(s, s.walks), standingSentence(standing, '11-momentum', 'descendWithMomentum'));
  return {
    id: 'momentum-distance',
    title,
    caption: sentences(
      `Heavy-ball descent on data.csv's J from m = b = 0 at η = 1/λmax = ${num(s.learningRate)} (half the plain limit), at ${labels.join(', ')}: the distance from (m, b) to the best line against the iteration, on a log scale; the reference dashed over yours.`,
      referenceWords,
      words,
    ),
    alt: sentences(
      'Line chart of the distance to the best line against the iteration, log scale, one line per β.',
      referenceWords,
      words,
    ),
    table: {
      columns: [
        'β',
        ...[1, 10, 100, s.steps].map((i) => `reference after ${formatValue(i)}`),
        ...(whose.length > 1 ? [`yours after 100`, `yours after ${formatValue(s.steps)}`] : []),
      ],
      rows: s.walks.map((w) => [
        betaLabel(w.momentum),
        ...[1, 10, 100, s.steps].map((i) => num(distanceOf(s, at(w, w.reference, i)))),
        ...(whose.length > 1 ? [100, s.steps].map((i) => num(distanceOf(s, at(w, w.student, i)))) : []),
      ]),
      note: `Distance: √((m − m*)² + (b − b*)²), with (m*, b*) = (${num(s.center[0])}, ${num(s.center[1])}); it is ${num(start)} at the start. A dash: no usable walk.`,
    },
    spec: {
      ...frame(title, `data.csv, η = 1/λmax, log scale`, WIDTH, HEIGHT),
      layer: whoseLayers(rows, whose, {
        x: { field: 'iteration', type: 'quantitative', title: 'iteration', scale: { domain: [0, s.steps] } },
        y: { field: 'distance', type: 'quantitative', title: 'distance to the best line', scale: { type: 'log' } },
        order: { field: 'iteration', type: 'quantitative' },
        ...runEncoding(labels, whose),
      }),
    },
  };
}

// 11: the limit against β

function momentumLimitPlot(data: MomentumPlotData, standing: Standing): PlotSpec {
  const title = 'The largest stable learning rate, by β';
  const line = Array.from({ length: 100 }, (_, k) => ({
    momentum: k / 100,
    limit: drawn((1 + k / 100) * data.plainLimit),
  }));
  const points = data.limits.flatMap((l) => [
    { series: SERIES.reference.label, momentum: l.momentum, limit: drawn(l.reference) },
    ...(l.student !== undefined && Number.isFinite(l.student)
      ? [{ series: SERIES.yours.label, momentum: l.momentum, limit: drawn(l.student) }]
      : []),
  ]);
  const yours = data.limits.filter((l) => l.student !== undefined);
  const ratio = (v: number) => formatValue(Number((v / data.plainLimit).toPrecision(3)));
  const yoursWords = !yours.length
    ? `Your maxStableMomentumRate gave no usable answer${data.limits[0].stopped ? ` (${data.limits[0].stopped.replace(/\.$/, '')})` : ''}, so only the reference’s limits are drawn.`
    : data.limits.every((l) => l.comparison?.matches)
      ? 'Your maxStableMomentumRate gives the reference’s limit at every β, within the tolerance of the check that grades it: your points sit on the line.'
      : sentences(
          `Your limits are ${yours.map((l) => `${ratio(l.student!)} × 2/λmax at β = ${formatValue(l.momentum)}`).join(', ')}, where the limit is 1 + β times it.`,
          ...data.limits.map((l) =>
            sameOrDiffers(l.comparison, `At β = ${formatValue(l.momentum)} your maxStableMomentumRate`, '11-momentum'),
          ),
        );
  const words = sentences(yoursWords, standingSentence(standing, '11-momentum', 'maxStableMomentumRate'));
  const referenceWords = `Heavy ball on data.csv's J converges for every start exactly when η < 2(1 + β)/λmax: from 06's plain limit 2/λmax = ${num(data.plainLimit)} at β = 0 up to ${num(data.limits[data.limits.length - 1].reference)} at β = ${formatValue(data.limits[data.limits.length - 1].momentum)}, nearly twice it.`;
  const present = yours.length ? (['yours', 'reference'] as const) : (['reference'] as const);
  return {
    id: 'momentum-limit',
    title,
    caption: sentences(referenceWords, words),
    alt: sentences(
      'Line chart of the stability limit of the learning rate against β for data.csv, with points at β = ' +
        data.limits.map((l) => formatValue(l.momentum)).join(', ') +
        '.',
      referenceWords,
      words,
    ),
    table: {
      columns: ['β', 'reference 2(1 + β)/λmax', ...(yours.length ? ['your maxStableMomentumRate'] : [])],
      rows: data.limits.map((l) => [
        formatValue(l.momentum),
        num(l.reference),
        ...(yours.length ? [l.student === undefined ? '—' : num(l.student)] : []),
      ]),
      note: `λmax of data.csv's J is ${num(2 / data.plainLimit)}; 2/λmax = ${num(data.plainLimit)}.`,
    },
    spec: {
      ...frame(title, 'data.csv; the line is 2(1 + β)/λmax', WIDTH, HEIGHT),
      layer: [
        {
          data: { values: line },
          mark: { type: 'line', color: '#8c959f', strokeWidth: 1.5 },
          encoding: {
            x: { field: 'momentum', type: 'quantitative', title: 'momentum β', scale: { domain: [0, 1] } },
            y: { field: 'limit', type: 'quantitative', title: 'largest stable η', scale: { zero: true } },
          },
        },
        ...present.map((key) => ({
          data: { values: points.filter((p) => p.series === SERIES[key].label) },
          // Yours large and filled, the reference's small and hollow on top: both stay visible where they agree.
          mark: {
            type: 'point',
            filled: key === 'yours',
            size: key === 'yours' ? 130 : 55,
            strokeWidth: 2,
            shape: SERIES[key].shape,
          },
          encoding: {
            x: { field: 'momentum', type: 'quantitative' },
            y: { field: 'limit', type: 'quantitative' },
            color: {
              field: 'series',
              type: 'nominal',
              scale: { domain: present.map((k) => SERIES[k].label), range: present.map((k) => SERIES[k].color) },
              title: null,
            },
            shape: {
              field: 'series',
              type: 'nominal',
              scale: { domain: present.map((k) => SERIES[k].label), range: present.map((k) => SERIES[k].shape) },
              title: null,
            },
          },
        })),
      ],
    },
  };
}

/** A number as a plot draws it: six significant digits. */
function drawn(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(6)) : value;
}
