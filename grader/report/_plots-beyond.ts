import type { ExerciseId } from '../shipped/contract/exercises';
import type {
  CostLandscape,
  MultivariatePlotData,
  NormalEquationPlotData,
  ScalingPlotData,
  ScalingRun,
  ScalingSample,
  StudentScaling,
  SubmissionResult,
} from '../shipped/results/model';
import type { PlotTable } from '../shipped/report/student-view';
import { formatValue } from '../shipped/report/text';
import {
  CONFIG,
  SERIES,
  WIDTH,
  HEIGHT,
  cost,
  curveRows,
  describeCount,
  firstBad,
  frame,
  num,
  padded,
  rises,
  sentences,
  seriesEncoding,
  tableIterations,
  type PlotSpec,
  type SeriesKey,
} from './_plots';
import { comparisonSentence, standingOf, standingSentence, type Standing } from './_plot-words';
import type { VegaLiteSpec } from './_vega';

/**
 * The plots of exercises 07–09, each present when the result holds its runs (the assignment
 * grades its exercise): J's level sets before and after scaling, the iterations to the optimum
 * with and without scaling, 08's cost curve, and 09's predictions against the actual targets.
 * Like `studentPlots`, their words follow the exercise's standing and the comparison of each
 * answer with the reference's.
 */
export function beyondPlots(result: SubmissionResult): PlotSpec[] {
  const plots = result.plots;
  if (!plots) return [];
  const standing = (id: ExerciseId) => standingOf(result, id);
  return [
    ...(plots.scaling
      ? [
          levelSetsPlot(plots.scaling, standing('07-feature-scaling'), standing('08-multivariate')),
          iterationsPlot(plots.scaling, standing('07-feature-scaling'), standing('08-multivariate')),
        ]
      : []),
    ...(plots.multivariate ? [multivariateCostPlot(plots.multivariate, standing('08-multivariate'))] : []),
    ...(plots.normalEquation ? [predictionsPlot(plots.normalEquation, standing('09-normal-equation'))] : []),
  ];
}

// 07: level sets

/** The level sets drawn: the costs at these fractions of the way from J(0, 0) down to J*, in distance. */
const RING_FRACTIONS = [1, 0.7, 0.45, 0.25, 0.1];
/** Points per level set. */
const RING_POINTS = 96;
const PANEL = 220;
/** Steps marked on a path: every one up to this many. */
const MARKED_STEPS = 30;
const RING_COLOR = '#afb8c1';

/** A panel's square window on the (w, b) plane: the same length per unit on both axes, so that a circle is drawn round. */
interface Window {
  readonly w: readonly [number, number];
  readonly b: readonly [number, number];
}

function levelSetsPlot(scaling: ScalingPlotData, standing: Standing, descentStanding: Standing): PlotSpec {
  const title = 'J’s level sets before and after scaling';
  const { raw, scaled, student } = scaling;
  const levels = ringLevels(raw.landscape);
  const words = scalingWords(scaling);
  const yoursDiffers = !words.sameFeature && student.landscape !== undefined;
  const rawWindow = windowAround(raw.landscape.optimum);
  const scaledWindow = windowAround(scaled.landscape.optimum);
  const studentPath = student.run ? pathUntilReached(student.run) : undefined;
  const reach = (run: ScalingRun) => run.reached?.iterations;
  const ratio = (landscape: CostLandscape) => Math.sqrt(axisRatio(landscape));
  const yoursShape =
    student.landscape && yoursDiffers
      ? `On your scaled feature (mean ${num(student.landscape.mean)}, deviation ${num(Math.sqrt(student.landscape.variance))}) the level sets, drawn in orange, are ${ellipseWords(ratio(student.landscape))}${!apart(student.landscape.optimum, scaled.landscape.optimum, windowAround(scaled.landscape.optimum)) ? '' : `, around your optimum (${num(student.landscape.optimum.w)}, ${num(student.landscape.optimum.b)})`}.`
      : '';
  const caption = sentences(
    `The grey lines are level sets of J(w, b) on data.csv at the same ${RING_FRACTIONS.length} costs, from J(0, 0) = ${num(levels[0].cost)} down to ${num(levels[levels.length - 1].cost)}, before scaling (left) and after (right); each panel has the same scale on both axes.`,
    `On the raw hours studied they are needles about ${formatValue(Math.round(ratio(raw.landscape)))} times as long as they are wide, and the reference's descent at η = ${formatValue(raw.run.learningRate)} crawls along the valley floor: after 1,000 iterations it is at b = ${num(sampleAt(raw.run, 1000)?.b)} of the optimum's ${num(raw.landscape.optimum.b)}, and it ${reach(raw.run) === undefined ? 'does not reach the least-squares line' : `reaches the least-squares line after ${count(reach(raw.run)!)} iterations`}.`,
    `Scaled to mean 0 and deviation 1 they are ${ellipseWords(ratio(scaled.landscape))}, and at η = ${formatValue(scaled.run.learningRate)} the reference's descent goes straight to the optimum in ${reach(scaled.run) === undefined ? 'more iterations than were run' : `${count(reach(scaled.run)!)} iterations`}.`,
    words.feature,
    yoursShape,
    studentPath ? words.descent : student.stopped?.fn === 'gradientDescentMulti' ? words.iterations : '',
    standingSentence(standing, '07-feature-scaling', 'scaling'),
    scaling.studentDescent === 'student' && studentPath
      ? standingSentence(descentStanding, '08-multivariate', 'gradientDescentMulti')
      : '',
  );
  const present: SeriesKey[] = studentPath ? ['yours', 'reference'] : ['reference'];
  const panels = [
    levelSetPanel({
      present,
      title: `raw x, η = ${formatValue(raw.run.learningRate)}`,
      window: rawWindow,
      rings: ringRows(raw.landscape, levels),
      paths: [{ key: 'reference', samples: raw.run.samples }],
      labelled: labelledIterations(raw.run, [1000, 100_000]),
      optimum: raw.landscape.optimum,
    }),
    levelSetPanel({
      present,
      title: `scaled x, η = ${formatValue(scaled.run.learningRate)}`,
      window: scaledWindow,
      rings: ringRows(scaled.landscape, levels),
      studentRings: yoursDiffers ? ringRows(student.landscape!, levels) : undefined,
      paths: [
        ...(studentPath ? [{ key: 'yours' as const, samples: studentPath }] : []),
        { key: 'reference', samples: pathUntilReached(scaled.run) },
      ],
      labelled: labelledIterations(scaled.run, [1, 10]),
      optimum: scaled.landscape.optimum,
      studentOptimum:
        yoursDiffers && apart(student.landscape!.optimum, scaled.landscape.optimum, scaledWindow)
          ? student.landscape!.optimum
          : undefined,
    }),
  ];
  return {
    id: 'scaling-level-sets',
    title,
    caption,
    alt: sentences(
      `Two contour plots of the cost J(w, b) on data.csv, raw x on the left and scaled x on the right, with descent paths from (0, 0).`,
      `Left: long thin level sets; the reference's path at η = ${formatValue(raw.run.learningRate)} reaches the least-squares line after ${reach(raw.run) === undefined ? 'more iterations than were run' : count(reach(raw.run)!)} iterations.`,
      `Right: circular level sets; the reference's path at η = ${formatValue(scaled.run.learningRate)} goes straight to it in ${reach(scaled.run) === undefined ? 'more iterations than were run' : count(reach(scaled.run)!)}.`,
      words.short,
    ),
    table: levelSetsTable(scaling, levels),
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: CONFIG,
      title: {
        text: title,
        subtitle: `data.csv, descents from w = b = 0; ${scaling.studentDescent === 'student' ? 'yours: your scaling and your gradientDescentMulti' : 'yours: your scaling, the reference’s descent'}`,
      },
      spacing: 24,
      hconcat: panels,
    },
  };
}

/** The costs the rings are drawn at: J* plus a fraction of J(0, 0) − J*, the same before and after scaling. */
function ringLevels(landscape: CostLandscape): { fraction: number; cost: number }[] {
  const start = landscape.minimum + quadratic(landscape, { w: -landscape.optimum.w, b: -landscape.optimum.b });
  return RING_FRACTIONS.map((q) => ({ fraction: q, cost: landscape.minimum + q * q * (start - landscape.minimum) }));
}

/** δᵀ·[[σ² + μ², μ], [μ, 1]]·δ: how far above J* the cost is at optimum + δ. */
function quadratic({ mean, variance }: CostLandscape, d: { w: number; b: number }): number {
  return (variance + mean * mean) * d.w * d.w + 2 * mean * d.w * d.b + d.b * d.b;
}

/** The eigen-decomposition of J's quadratic form: the long axis's direction, and each axis's curvature. */
function axes({ mean, variance }: CostLandscape): { angle: number; large: number; small: number } {
  const a = variance + mean * mean;
  const angle = 0.5 * Math.atan2(2 * mean, a - 1);
  const [c, s] = [Math.cos(angle), Math.sin(angle)];
  const large = a * c * c + 2 * mean * s * c + s * s;
  return { angle, large, small: variance / large };
}

/** How many times as long as wide each level set is, squared: λmax/λmin, J's condition number. */
function axisRatio(landscape: CostLandscape): number {
  const { large, small } = axes(landscape);
  return large / small;
}

function ellipseWords(ratio: number): string {
  return ratio < 1.01
    ? 'circles'
    : `ellipses ${formatValue(Number(ratio.toPrecision(3)))} times as long as they are wide`;
}

/** Each level set as a closed polyline: J* + c on the ellipse δᵀMδ = c. */
function ringRows(
  landscape: CostLandscape,
  levels: readonly { fraction: number; cost: number }[],
): { ring: string; order: number; w: number; b: number }[] {
  const { angle, large, small } = axes(landscape);
  const [c, s] = [Math.cos(angle), Math.sin(angle)];
  return levels.flatMap(({ cost: level }, i) => {
    const height = level - landscape.minimum;
    if (!(height > 0)) return [];
    const [u, v] = [Math.sqrt(height / large), Math.sqrt(height / small)];
    return Array.from({ length: RING_POINTS + 1 }, (_, k) => {
      const t = (2 * Math.PI * k) / RING_POINTS;
      const [p, q] = [u * Math.cos(t), v * Math.sin(t)];
      return {
        ring: `J = ${num(level)}`,
        order: k + i * (RING_POINTS + 1),
        w: drawn(landscape.optimum.w + p * c - q * s),
        b: drawn(landscape.optimum.b + p * s + q * c),
      };
    });
  });
}

/** The square that holds the start (0, 0) and the optimum, with a margin. */
function windowAround(optimum: { w: number; b: number }): Window {
  const half = 0.62 * Math.max(Math.abs(optimum.w), Math.abs(optimum.b));
  const [cw, cb] = [optimum.w / 2, optimum.b / 2];
  const round = (v: number) => Number(v.toPrecision(3));
  return { w: [round(cw - half), round(cw + half)], b: [round(cb - half), round(cb + half)] };
}

function levelSetPanel(options: {
  /** The series of both panels, so that they share one legend. */
  present: readonly SeriesKey[];
  title: string;
  window: Window;
  rings: readonly { ring: string; order: number; w: number; b: number }[];
  studentRings?: readonly { ring: string; order: number; w: number; b: number }[];
  paths: readonly { key: SeriesKey; samples: readonly ScalingSample[] }[];
  labelled: readonly { w: number; b: number; label: string }[];
  optimum: { w: number; b: number };
  studentOptimum?: { w: number; b: number };
}): VegaLiteSpec {
  const axis = (field: 'w' | 'b', title: string) => ({
    field,
    type: 'quantitative',
    title,
    scale: { domain: options.window[field], nice: false, zero: false },
  });
  const position = { x: { field: 'w', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } };
  const present = options.present;
  const ring = (rows: readonly object[], stroke: string, dash: number[] | undefined, width: number) => ({
    data: { values: rows },
    mark: { type: 'line', stroke, strokeWidth: width, ...(dash && { strokeDash: dash }), clip: true },
    encoding: {
      x: axis('w', 'w (the weight of x)'),
      y: axis('b', 'b'),
      detail: { field: 'ring', type: 'nominal' },
      order: { field: 'order', type: 'quantitative' },
    },
  });
  const marks = [
    { w: 0, b: 0, label: 'start' },
    { w: drawn(options.optimum.w), b: drawn(options.optimum.b), label: 'optimum' },
  ];
  return {
    width: PANEL,
    height: PANEL,
    title: { text: options.title, fontSize: 13, fontWeight: 500, anchor: 'middle' },
    layer: [
      ring(options.rings, RING_COLOR, undefined, 1),
      ...(options.studentRings ? [ring(options.studentRings, SERIES.yours.color, [4, 3], 1.25)] : []),
      ...options.paths.flatMap(({ key, samples }) => {
        const rows = samples
          .filter((s) => Number.isFinite(s.w) && Number.isFinite(s.b))
          .map((s) => ({ series: SERIES[key].label, iteration: s.iteration, w: drawn(s.w), b: drawn(s.b) }));
        return [
          {
            data: { values: rows },
            mark: { type: 'line', strokeWidth: SERIES[key].width, clip: true },
            encoding: { ...position, order: { field: 'iteration', type: 'quantitative' }, ...seriesEncoding(present) },
          },
          {
            // A marker per step while the steps are long; the line goes on through the rest.
            data: { values: rows.filter((r) => r.iteration <= MARKED_STEPS) },
            mark: {
              type: 'point',
              filled: true,
              shape: SERIES[key].shape,
              color: SERIES[key].color,
              size: key === 'yours' ? 36 : 18,
              clip: true,
            },
            encoding: position,
          },
        ];
      }),
      {
        data: { values: options.labelled },
        mark: { type: 'text', align: 'left', dx: 6, dy: -2, fontSize: 10, color: SERIES.reference.color, clip: true },
        encoding: { ...position, text: { field: 'label' } },
      },
      {
        data: {
          values: options.studentOptimum
            ? [{ w: drawn(options.studentOptimum.w), b: drawn(options.studentOptimum.b), label: 'your optimum' }]
            : [],
        },
        layer: [
          { mark: { type: 'point', shape: 'cross', size: 110, strokeWidth: 2, color: SERIES.yours.color, clip: true } },
          {
            mark: { type: 'text', dy: 14, fontSize: 11, fontWeight: 600, color: SERIES.yours.color, clip: true },
            encoding: { text: { field: 'label' } },
          },
        ],
        encoding: position,
      },
      {
        data: { values: marks },
        layer: [
          { mark: { type: 'point', shape: 'cross', size: 110, strokeWidth: 2, color: '#1f2328', clip: true } },
          {
            mark: { type: 'text', dy: -11, fontSize: 11, fontWeight: 600, color: '#1f2328', clip: true },
            encoding: { text: { field: 'label' } },
          },
        ],
        encoding: position,
      },
    ],
  };
}

/** Markers with their iteration written beside them, on the reference's path (the optimum's label marks where it ends). */
function labelledIterations(run: ScalingRun, at: readonly number[]): { w: number; b: number; label: string }[] {
  const reached = run.reached?.iterations;
  return at
    .filter((k) => reached === undefined || k < reached)
    .map((k) => ({ k, sample: sampleAt(run, k) }))
    .filter(({ sample }) => sample !== undefined)
    .map(({ k, sample }) => ({ w: drawn(sample!.w), b: drawn(sample!.b), label: count(k) }));
}

// 07: iterations to the optimum

/** The runs of the iterations plot: the raw x's in its own colour, beside "yours" and "reference". */
const RUNS = {
  raw: { label: 'raw x (reference)', color: '#CC79A7', dash: [2, 3], width: 2.25 },
  scaled: { label: 'scaled x (reference)', color: SERIES.reference.color, dash: SERIES.reference.dash, width: 2 },
  yours: { label: 'your scaled x', color: SERIES.yours.color, dash: SERIES.yours.dash, width: 3 },
} as const;
type RunKey = keyof typeof RUNS;

function iterationsPlot(scaling: ScalingPlotData, standing: Standing, descentStanding: Standing): PlotSpec {
  const title = 'Iterations to reach the least-squares line';
  const { raw, scaled, student, tolerance } = scaling;
  const runs: { key: RunKey; run: ScalingRun }[] = [
    { key: 'raw', run: raw.run },
    { key: 'scaled', run: scaled.run },
  ];
  const yours = student.run && student.run.samples.some((s) => s.distance !== undefined) ? student.run : undefined;
  if (yours) runs.push({ key: 'yours', run: yours });
  const present = runs.map((r) => r.key);
  const rows = runs.flatMap(({ key, run }) =>
    pathUntilReached(run)
      .filter((s) => s.distance !== undefined && s.distance > 0 && Number.isFinite(s.distance))
      .map((s) => ({ run: RUNS[key].label, iteration: s.iteration, distance: drawn(s.distance!) })),
  );
  const last = Math.max(...rows.map((r) => r.iteration), 10);
  const right = Number((1.2 * last).toPrecision(2));
  const ticks = [0, 1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000].filter((t) => t <= right);
  const reachedMarks = runs.flatMap(({ key, run }) => {
    const sample = run.reached && sampleAt(run, run.reached.iterations);
    return sample?.distance && sample.distance > 0
      ? [
          {
            key,
            iteration: run.reached!.iterations,
            distance: drawn(sample.distance),
            label: count(run.reached!.iterations),
          },
        ]
      : [];
  });
  const runScale = (field: 'color' | 'dash') => ({
    domain: present.map((k) => RUNS[k].label),
    range: present.map((k) => (field === 'color' ? RUNS[k].color : RUNS[k].dash)),
  });
  const words = scalingWords(scaling);
  const caption = sentences(
    `How far each run's line is from data.csv's least-squares line (the larger of m's and b's relative errors) after each iteration, on log scales; a run has reached it when both are within ${formatValue(tolerance)}.`,
    `On the raw x at η = ${formatValue(raw.run.learningRate)} the reference's descent ${reachedWords(raw.run)}; on the scaled x at η = ${formatValue(scaled.run.learningRate)} it ${reachedWords(scaled.run)}. These are the counts 07's README quotes.`,
    words.iterations,
    standingSentence(standing, '07-feature-scaling', 'scaling'),
    scaling.studentDescent === 'student' && yours
      ? standingSentence(descentStanding, '08-multivariate', 'gradientDescentMulti')
      : '',
  );
  return {
    id: 'scaling-iterations',
    title,
    caption,
    alt: sentences(
      `Line chart of the distance to the least-squares line against the iteration, both on log scales.`,
      `The reference's descent on the raw x ${reachedWords(raw.run)}; on the scaled x it ${reachedWords(scaled.run)}.`,
      words.iterations,
    ),
    table: iterationsTable(scaling),
    spec: {
      ...frame(
        title,
        `data.csv, from w = b = 0; reached: m and b within ${formatValue(tolerance)} (relative)`,
        WIDTH,
        HEIGHT,
      ),
      layer: [
        {
          data: { values: rows },
          mark: { type: 'line', strokeWidth: 2.25, clip: true },
          encoding: {
            x: {
              field: 'iteration',
              type: 'quantitative',
              title: 'iteration (symmetric log scale)',
              scale: { type: 'symlog', domain: [0, right] },
              axis: {
                values: ticks,
                labelExpr:
                  "datum.value >= 1e6 ? datum.value / 1e6 + 'M' : datum.value >= 1e3 ? datum.value / 1e3 + 'k' : '' + datum.value",
                labelOverlap: 'greedy',
              },
            },
            y: {
              field: 'distance',
              type: 'quantitative',
              title: 'distance to the least-squares line',
              scale: { type: 'log', domain: [tolerance / 10, 10] },
              axis: { labelExpr: "datum.value >= 1 ? format(datum.value, '~g') : format(datum.value, '.0e')" },
            },
            color: { field: 'run', type: 'nominal', scale: runScale('color'), title: null },
            strokeDash: { field: 'run', type: 'nominal', scale: runScale('dash'), title: null },
            order: { field: 'iteration', type: 'quantitative' },
          },
        },
        {
          data: { values: [{ distance: tolerance, label: `within ${formatValue(tolerance)}` }] },
          layer: [
            {
              mark: { type: 'rule', color: '#1f2328', strokeWidth: 1, strokeDash: [4, 3] },
              encoding: { y: { field: 'distance', type: 'quantitative' } },
            },
            {
              mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, dy: 3, fontSize: 10, color: '#1f2328' },
              encoding: { x: { value: 0 }, y: { field: 'distance', type: 'quantitative' }, text: { field: 'label' } },
            },
          ],
        },
        ...reachedMarks.map(({ key, ...mark }) => ({
          data: { values: [mark] },
          layer: [
            { mark: { type: 'point', filled: true, size: 60, color: RUNS[key].color, clip: true } },
            {
              // The student's count to the right of its point, the reference's to the left: never on top of each other.
              mark: {
                type: 'text',
                align: key === 'yours' ? 'left' : 'right',
                dx: key === 'yours' ? 6 : -6,
                baseline: 'bottom',
                dy: -4,
                fontSize: 11,
                fontWeight: 700,
                color: RUNS[key].color,
                clip: true,
              },
              encoding: { text: { field: 'label' } },
            },
          ],
          encoding: {
            x: { field: 'iteration', type: 'quantitative' },
            y: { field: 'distance', type: 'quantitative' },
          },
        })),
      ],
    },
  };
}

function reachedWords(run: ScalingRun): string {
  if (run.reached) return `reaches it after ${count(run.reached.iterations)} iterations`;
  return run.diverged ? 'diverges' : 'does not reach it in the iterations run';
}

/**
 * What the captions say of the student's scaled feature and the descent on it, from their
 * answers' comparisons with the reference's: "the same" only when each comparison says so.
 */
function scalingWords(scaling: ScalingPlotData): {
  sameFeature: boolean;
  feature: string;
  descent: string;
  iterations: string;
  short: string;
} {
  const { student, scaled } = scaling;
  const own = scaling.studentDescent === 'student';
  const sameFeature = student.scalerComparison?.matches === true && student.scaledComparison?.matches === true;
  const stopped = student.stopped;
  const stoppedWords = stopped
    ? stopped.fn === 'gradientDescentMulti'
      ? `Your gradientDescentMulti gave no usable run on your scaled feature (${withoutStop(stopped.reason)}).`
      : `Your ${stopped.fn} gave nothing to draw with (${withoutStop(stopped.reason)}), so only the reference's runs are drawn.`
    : '';
  const feature = sameFeature
    ? 'Your fitScaler and scaleFeatures give the reference’s scaled feature, within the tolerances of the checks that grade them, so your level sets are the reference’s.'
    : sentences(
        student.scalerComparison && !student.scalerComparison.matches
          ? `Your fitScaler’s scaler of data.csv differs from the reference’s: ${student.scalerComparison.difference ?? 'see 07-feature-scaling.'}`
          : '',
        student.scaledComparison && !student.scaledComparison.matches
          ? `Your scaleFeatures does not scale by your scaler as the reference does: ${student.scaledComparison.difference ?? 'see 07-feature-scaling.'}`
          : '',
        stopped && stopped.fn !== 'gradientDescentMulti' ? stoppedWords : '',
      );
  const whose = own
    ? 'your own gradientDescentMulti (the assignment grades 08-multivariate too)'
    : 'the reference’s descent (the assignment does not grade 08-multivariate)';
  const descentComparison = own ? descentSentence(student) : '';
  const descent = sentences(
    `Your path, drawn solid, is ${whose} on your scaled feature, at η = ${formatValue(scaled.run.learningRate)}.`,
    descentComparison,
    stopped?.fn === 'gradientDescentMulti' ? stoppedWords : '',
  );
  const run = student.run;
  const reference = scaled.run.reached?.iterations;
  let iterations = '';
  if (run && !student.affine)
    iterations =
      'Your scaled feature is not a straight-line function of x, so a model on it makes no line on the raw x to measure: your run is not drawn here.';
  else if (run) {
    const on = `On your scaled feature, ${own ? 'your gradientDescentMulti' : 'the reference’s descent'} at η = ${formatValue(run.learningRate)}`;
    if (run.reached && (run.reached.exact || !own))
      iterations = `${on} reaches it after ${count(run.reached.iterations)} iterations${reference === run.reached.iterations ? ', as on the reference’s scaled feature' : reference === undefined ? '' : `, where the reference’s scaled feature takes ${count(reference)}`}.`;
    else if (run.reached)
      iterations = `${on}: of the runs asked for (of ${runLengths(run)} iterations), the first within ${formatValue(scaling.tolerance)} is the run of ${count(run.reached.iterations)}.`;
    else if (run.diverged)
      iterations = `${on} diverges: its line moves further from the least-squares line the longer it runs.`;
    else {
      const end = run.samples[run.samples.length - 1];
      iterations = `${on} does not reach it in ${count(end?.iteration ?? 0)} iterations${end?.distance === undefined ? '' : `: it is still ${num(end.distance)} away`}${reference === undefined ? '' : `, where the reference’s scaled feature takes ${count(reference)}`}.`;
    }
    iterations = sentences(iterations, own ? descentSentence(student) : '');
  } else if (stopped) iterations = stoppedWords;
  const short = sentences(
    sameFeature
      ? 'Your scaled feature is the reference’s.'
      : student.landscape
        ? 'Your scaled feature differs from the reference’s.'
        : '',
    run?.reached && (run.reached.exact || !own)
      ? `On it the descent reaches the least-squares line after ${count(run.reached.iterations)} iterations.`
      : '',
  );
  return { sameFeature, feature, descent, iterations, short };
}

function descentSentence({ descentComparison: comparison, comparedIterations }: StudentScaling): string {
  if (!comparison) return '';
  const run = comparedIterations === undefined ? '' : ` of ${count(comparedIterations)} iterations`;
  return comparison.matches
    ? `Your gradientDescentMulti’s run${run} there is the reference’s descent on the same feature, within the tolerance of the check that grades it.`
    : `Your gradientDescentMulti’s run${run} there differs from the reference’s descent on the same feature: ${comparison.difference ?? 'see 08-multivariate.'}`;
}

function runLengths(run: ScalingRun): string {
  const lengths = run.samples.map((s) => s.iteration);
  return lengths.length > 4 ? `${lengths[0]} to ${count(lengths[lengths.length - 1])}` : lengths.map(count).join(', ');
}

function levelSetsTable(scaling: ScalingPlotData, levels: readonly { cost: number }[]): PlotTable {
  const { raw, scaled, student } = scaling;
  const runs = [raw.run, scaled.run, ...(student.run ? [student.run] : [])];
  const at = [
    ...new Set([
      0,
      1,
      2,
      3,
      5,
      10,
      20,
      30,
      50,
      100,
      1000,
      10_000,
      100_000,
      1_000_000,
      ...runs.flatMap((r) => (r.reached ? [r.reached.iterations] : [])),
    ]),
  ]
    .filter((k) => runs.some((r) => sampleAt(r, k)))
    .sort((a, b) => a - b);
  const point = (run: ScalingRun | undefined, k: number) => {
    const s = run && sampleAt(run, k);
    return s ? `(${num(s.w)}, ${num(s.b)})` : '—';
  };
  return {
    columns: [
      'iteration',
      'raw x, reference (w, b)',
      'scaled x, reference (w, b)',
      ...(student.run ? ['your scaled x (w, b)'] : []),
    ],
    rows: at.map((k) => [
      count(k),
      point(raw.run, k),
      point(scaled.run, k),
      ...(student.run ? [point(student.run, k)] : []),
    ]),
    note: `The level sets are drawn at J = ${levels.map((l) => num(l.cost)).join(', ')}. The optimum is (${num(raw.landscape.optimum.w)}, ${num(raw.landscape.optimum.b)}) on the raw x and (${num(scaled.landscape.optimum.w)}, ${num(scaled.landscape.optimum.b)}) on the scaled x. A dash: that run was not recorded at that iteration, or had ended.`,
  };
}

function iterationsTable(scaling: ScalingPlotData): PlotTable {
  const { raw, scaled, student } = scaling;
  const after = [10, 100, 1000, 10_000, 100_000, 1_000_000];
  const row = (label: string, run: ScalingRun) => [
    label,
    formatValue(run.learningRate),
    run.reached ? count(run.reached.iterations) : run.diverged ? 'diverges' : 'not reached',
    ...after.map((k) => {
      const s = sampleAt(run, k);
      return s?.distance === undefined ? '—' : num(s.distance);
    }),
  ];
  return {
    columns: ['run', 'learning rate', 'iterations to reach it', ...after.map((k) => `distance after ${count(k)}`)],
    rows: [
      row(RUNS.raw.label, raw.run),
      row(RUNS.scaled.label, scaled.run),
      ...(student.run && student.affine
        ? [
            row(
              `${RUNS.yours.label} (${scaling.studentDescent === 'student' ? 'your descent' : 'the reference’s descent'})`,
              student.run,
            ),
          ]
        : []),
    ],
    note: `Distance: the larger of |m − m*|/|m*| and |b − b*|/|b*|, with m* = ${num(scaling.optimum.m)} and b* = ${num(scaling.optimum.b)}. A dash: not recorded at that iteration, or the run had ended.`,
  };
}

// 08: the cost curve

function multivariateCostPlot(data: MultivariatePlotData, standing: Standing): PlotSpec {
  const title = 'Cost over iterations, several features';
  const present: SeriesKey[] = data.student ? ['yours', 'reference'] : ['reference'];
  const rows = [
    ...curveRows(data.student, { series: SERIES.yours.label }),
    ...curveRows(data.reference, { series: SERIES.reference.label }),
  ];
  const last = data.reference.length - 1;
  const reference = `The reference's cost falls from ${num(data.reference[0])} to ${num(data.reference[last])} in ${last} steps at η = ${formatValue(data.learningRate)}, ${formatValue(Number((data.learningRate / data.stabilityLimit).toPrecision(2)))} of the stability limit 2/λmax = ${num(data.stabilityLimit)}; the dotted line is the least cost any model reaches, J* = ${num(data.minimum)}.`;
  const yours = !data.student
    ? 'Your gradientDescentMulti gave no usable costs on this run.'
    : data.comparison?.matches
      ? "Your curve lies on the reference's, within the tolerance of the check that grades gradientDescentMulti (the dashed line is drawn over yours)."
      : sentences(
          `Yours goes from ${num(data.student[0])} to ${num(data.student[data.student.length - 1])} over ${data.student.length} recorded costs${firstBad(data.student)}${data.student.length !== data.reference.length ? `, where there should be ${data.reference.length} (the cost before the first step, then one per step)` : ''}${rises(data.student) ? ': it ends higher than it starts' : ''}.`,
          comparisonSentence(data.comparison, ''),
        );
  const words = sentences(yours, standingSentence(standing, '08-multivariate', 'gradientDescentMulti'), reference);
  return {
    id: 'multivariate-cost',
    title,
    caption: sentences(
      `${data.rows} Palmer penguins: ${data.targetName} from ${data.featureNames.join(', ')}, ${data.scaling}; descent from w = 0, b = 0.`,
      words,
      'The y axis is logarithmic, so equal ratios look like equal steps.',
    ),
    alt: `Line chart of the cost J against the iteration, log scale, for gradient descent on the Palmer penguins. ${words}`,
    table: multivariateTable(data),
    spec: {
      ...frame(
        title,
        `penguins, ${data.featureNames.length} scaled features, η = ${formatValue(data.learningRate)}, log scale`,
        WIDTH,
        HEIGHT,
      ),
      layer: [
        ...present.map((key) => ({
          data: { values: rows.filter((r) => r.series === SERIES[key].label) },
          mark: { type: 'line', strokeWidth: SERIES[key].width, clip: true },
          encoding: {
            x: { field: 'iteration', type: 'quantitative', title: 'iteration', scale: { domain: [0, last] } },
            y: { field: 'cost', type: 'quantitative', title: 'cost J(w, b)', scale: { type: 'log' } },
            ...seriesEncoding(present),
          },
        })),
        {
          data: { values: [{ cost: drawn(data.minimum), label: `J* = ${num(data.minimum)}` }] },
          layer: [
            {
              mark: { type: 'rule', color: '#1f2328', strokeWidth: 1, strokeDash: [2, 3] },
              encoding: { y: { field: 'cost', type: 'quantitative' } },
            },
            {
              mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -3, fontSize: 10, color: '#1f2328' },
              encoding: {
                x: { value: WIDTH - 4 },
                y: { field: 'cost', type: 'quantitative' },
                text: { field: 'label' },
              },
            },
          ],
        },
      ],
    },
  };
}

function multivariateTable(data: MultivariatePlotData): PlotTable {
  const last = Math.max(data.reference.length, data.student?.length ?? 0) - 1;
  const at = tableIterations(last);
  return {
    columns: ['iteration', 'reference cost', ...(data.student ? ['your cost'] : [])],
    rows: at.map((i) => [String(i), cost(data.reference[i]), ...(data.student ? [cost(data.student[i])] : [])]),
    note: `${at.length === last + 1 ? '' : 'Every iteration up to 15, then a selection, and the last. '}The least cost, J*, is ${num(data.minimum)}.`,
  };
}

// 09: predictions against actual

/** Rows of the predictions table: this many penguins, evenly spread by their actual target. */
const TABLE_ROWS = 20;

function predictionsPlot(data: NormalEquationPlotData, standing: Standing): PlotSpec {
  const title = 'Predicted against actual';
  const target = data.targetName;
  const yours = data.studentPredictions?.every(Number.isFinite) ? data.studentPredictions : undefined;
  const present: SeriesKey[] = yours ? ['yours', 'reference'] : ['reference'];
  const rms = (predictions: readonly number[]) =>
    Math.sqrt(predictions.reduce((s, p, i) => s + (p - data.actual[i]) ** 2, 0) / predictions.length);
  const trusted = [...data.actual, ...data.referencePredictions];
  const [low, high] = [Math.min(...trusted), Math.max(...trusted)];
  const all = yours ? [...trusted, ...yours] : trusted;
  // The student's predictions widen the window up to four times the reference's: further out, they are clipped and counted.
  const wide = Math.max(...all) - Math.min(...all) <= 4 * (high - low);
  const [lo, hi] = padded(wide ? Math.min(...all) : low, wide ? Math.max(...all) : high, 0.05);
  const domain = [Number(lo.toPrecision(3)), Number(hi.toPrecision(3))];
  const outside = yours ? yours.filter((p) => p < domain[0] || p > domain[1]).length : 0;
  const same = data.comparison?.matches === true;
  const unit = /\(([^)]+)\)$/.exec(target)?.[1] ?? '';
  const amount = (value: number) => `${num(value)}${unit ? ` ${unit}` : ''}`;
  const referenceWords = `The reference's predictions are ${amount(rms(data.referencePredictions))} from the actual values, root mean square: no plane on these ${describeCount(data.featureNames.length, 'feature')} does better.`;
  const yoursWords = !data.student
    ? 'Your normalEquation gave no usable model for the penguins, so only the reference’s predictions are drawn.'
    : !yours
      ? sentences(
          data.studentPredictions
            ? "Your normalEquation's model predicts numbers too large to be finite, so it has nothing to draw."
            : `Your normalEquation's model has ${describeCount(data.student.w.length, 'weight')} for the ${describeCount(data.featureNames.length, 'feature')}, so it predicts nothing to draw.`,
          comparisonSentence(data.comparison, ''),
        )
      : same
        ? "Your normalEquation's model is the reference's, within the tolerance of the check that grades it: your points lie on the reference's."
        : sentences(
            `Your normalEquation's model's predictions are ${amount(rms(yours))} from the actual values, root mean square${outside ? `; ${outside === yours.length ? 'all of them' : `${outside} of them`} fall outside the plotted range` : ''}.`,
            comparisonSentence(data.comparison, ''),
          );
  const words = sentences(
    yoursWords,
    standingSentence(standing, '09-normal-equation', 'normalEquation'),
    referenceWords,
  );
  const points = (key: SeriesKey, predictions: readonly number[]) =>
    predictions.map((p, i) => ({ series: SERIES[key].label, actual: data.actual[i], predicted: drawn(p) }));
  const axis = (field: string, title: string) => ({
    field,
    type: 'quantitative',
    title,
    scale: { domain, nice: false, zero: false },
  });
  return {
    id: 'normal-equation-predictions',
    title,
    caption: sentences(
      `${data.actual.length} Palmer penguins: the ${target} predicted from ${data.featureNames.join(', ')} by a model from normalEquation, against the actual one. On the grey line y = x a prediction is exact.`,
      words,
    ),
    alt: `Scatter plot of predicted against actual ${target} for ${data.actual.length} penguins, with the line y = x. ${words}`,
    table: predictionsTable(data, yours),
    spec: {
      ...frame(title, `penguins, ${target}; the grey line is y = x`, 320, 320),
      layer: [
        {
          data: { values: domain.map((v) => ({ actual: v, predicted: v })) },
          mark: { type: 'line', color: '#8c959f', strokeWidth: 1.5, strokeDash: [6, 4] },
          encoding: { x: axis('actual', `actual ${target}`), y: axis('predicted', `predicted ${target}`) },
        },
        ...present.map((key) => ({
          data: { values: points(key, key === 'yours' ? yours! : data.referencePredictions) },
          mark: {
            type: 'point',
            shape: SERIES[key].shape,
            filled: key === 'yours',
            size: key === 'yours' ? 26 : 22,
            opacity: key === 'yours' ? 0.55 : 0.8,
            strokeWidth: 1,
            clip: true,
          },
          encoding: {
            x: { field: 'actual', type: 'quantitative' },
            y: { field: 'predicted', type: 'quantitative' },
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

function predictionsTable(data: NormalEquationPlotData, yours: readonly number[] | undefined): PlotTable {
  const order = data.actual.map((_, i) => i).sort((a, b) => data.actual[a] - data.actual[b] || a - b);
  const picks = [
    ...new Set(
      Array.from(
        { length: Math.min(TABLE_ROWS, order.length) },
        (_, k) => order[Math.round((k * (order.length - 1)) / Math.max(1, TABLE_ROWS - 1))],
      ),
    ),
  ];
  const model = (w: readonly number[], b: number) => `w = [${w.map(num).join(', ')}], b = ${num(b)}`;
  return {
    columns: [
      'penguin (row)',
      `actual ${data.targetName}`,
      'reference’s prediction',
      ...(yours ? ['your prediction'] : []),
    ],
    rows: picks.map((i) => [
      String(i),
      num(data.actual[i]),
      num(data.referencePredictions[i]),
      ...(yours ? [num(yours[i])] : []),
    ]),
    note: sentences(
      `${picks.length} of the ${data.actual.length} penguins, from the lightest to the heaviest, evenly spread.`,
      `The reference's model: ${model(data.reference.w, data.reference.b)} for ${data.featureNames.join(', ')}.`,
      data.student ? `Yours: ${model(data.student.w, data.student.b)}.` : '',
    ),
  };
}

// Shared

/** A run's recorded samples up to the iteration that reached the optimum (the samples after it add nothing to draw). */
function pathUntilReached(run: ScalingRun): readonly ScalingSample[] {
  const reached = run.reached?.iterations;
  return reached === undefined ? run.samples : run.samples.filter((s) => s.iteration <= reached);
}

function sampleAt(run: ScalingRun, iteration: number): ScalingSample | undefined {
  return run.samples.find((s) => s.iteration === iteration);
}

/** Two points of a panel that a reader tells apart: more than 3 % of its width from each other. */
function apart(a: { w: number; b: number }, b: { w: number; b: number }, window: Window): boolean {
  const width = window.w[1] - window.w[0];
  return !(Math.hypot(a.w - b.w, a.b - b.b) <= 0.03 * width);
}

/** A number as a plot draws it: six significant digits, so that answers that differ only in their rounding make the same drawing. */
function drawn(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(6)) : value;
}

/** A sentence set in parentheses: without its closing full stop. */
function withoutStop(sentence: string): string {
  return sentence.replace(/\.$/, '');
}

/** A whole count with its thousands separated: 2,745,133. */
function count(n: number): string {
  return n.toLocaleString('en-US');
}
