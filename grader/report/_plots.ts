import type { Line, Point, Vec2 } from '../../exercises/types';
import { memoRecent } from '../shipped/memo';
import type { CheckResult, PlotData, SubmissionResult } from '../shipped/results/model';
import { isLine, isPointList } from '../shipped/report/inputs';
import { formatValue } from '../shipped/report/text';
import {
  comparisonSentence,
  pathShape,
  pathShapeSentences,
  standingOf,
  standingSentence,
  type PathShape,
  type Standing,
} from './_plot-words';
import type { PlotTable } from '../shipped/report/student-view';
import type { ContourRequest, VegaLiteSpec } from './_vega';

/**
 * A plot, fully described as data: the vega-lite spec, a title, a caption a student reads under
 * it, a text alternative that states what the plot shows, and the numbers it draws as a table.
 * Built by pure functions; rendering happens elsewhere (`_vega.ts`).
 */
export interface PlotSpec {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly alt: string;
  readonly table: PlotTable;
  readonly spec: VegaLiteSpec;
  readonly contours?: ContourRequest;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

const CONFIG = {
  aria: false,
  font: FONT,
  background: 'white',
  padding: 8,
  view: { stroke: '#d0d7de' },
  title: {
    fontSize: 15,
    fontWeight: 600,
    anchor: 'start',
    color: '#1f2328',
    subtitleColor: '#57606a',
    subtitleFontSize: 12,
    subtitlePadding: 4,
    offset: 12,
  },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 500,
    gridColor: '#eaeef2',
    domainColor: '#8c959f',
    tickColor: '#8c959f',
    labelColor: '#57606a',
    titleColor: '#24292f',
  },
  legend: {
    labelLimit: 320,
    labelFontSize: 12,
    titleFontSize: 12,
    titleFontWeight: 500,
    orient: 'bottom',
    direction: 'horizontal',
    symbolStrokeWidth: 2.5,
    symbolSize: 260,
    labelColor: '#24292f',
    columnPadding: 18,
  },
};

/** The student's runs against the reference's: colour-blind-safe colours (Okabe–Ito), and a dash pattern and marker per series, so colour is never the only signal. */
const SERIES = {
  yours: { label: 'yours', color: '#D55E00', dash: [1, 0], shape: 'circle', width: 3.5 },
  reference: { label: 'reference', color: '#0072B2', dash: [7, 4], shape: 'square', width: 2 },
  optimum: { label: 'optimum (least squares)', color: '#009E73', dash: [2, 3], shape: 'diamond', width: 2 },
  yourOptimum: { label: 'your leastSquares', color: '#CC79A7', dash: [5, 2], shape: 'triangle-down', width: 2 },
  given: { label: 'the line you were given', color: '#6e7781', dash: [1, 3], shape: 'triangle-up', width: 1.5 },
} as const;
type SeriesKey = keyof typeof SERIES;

const RATE_STYLES = [
  { color: '#0072B2', shape: 'circle' },
  { color: '#009E73', shape: 'square' },
  { color: '#CC79A7', shape: 'diamond' },
  { color: '#D55E00', shape: 'triangle-up' },
  { color: '#E69F00', shape: 'cross' },
] as const;

const RATE_LEGEND = { title: 'learning rate', orient: 'right', direction: 'vertical' };

const WIDTH = 360;
const HEIGHT = 250;

/**
 * Every plot of a student's report, in reading order; absent data gives no plot. Each plot draws the
 * student's own answers next to the reference's, and its words follow the exercise's standing in
 * the result (score, root cause) and the comparison of those answers with the reference's.
 */
export function studentPlots(result: SubmissionResult): PlotSpec[] {
  const plots = result.plots;
  if (!plots) return [];
  const descent = standingOf(result, '04-descent');
  return [
    dataFitPlot(plots.dataFit, descent),
    costCurvePlot(plots.costCurve, descent),
    valleyPlot(plots.valleyPath, standingOf(result, '05-valley')),
    learningRatePlot(plots.learningRates, descent),
  ];
}

/** The counterexample of a failing line-valued check, drawn: its points, the expected line and the student's. */
export function counterexamplePlot(check: CheckResult): PlotSpec | undefined {
  const input = check.counterexample?.input;
  if (check.visibility !== 'public' || !input || !isPointList(input.points) || !isLine(check.expected))
    return undefined;
  const points = input.points;
  const lines: { key: SeriesKey; line: Line }[] = [];
  if (isLine(input.line)) lines.push({ key: 'given', line: input.line });
  lines.push({ key: 'reference', line: check.expected });
  if (isLine(check.actual)) lines.push({ key: 'yours', line: check.actual });
  const title = 'The failing input, drawn';
  return {
    id: `counterexample-${check.id.replace(/[^a-z0-9]+/gi, '-')}`,
    title,
    caption: `${describeCount(points.length, 'point')} of the failing input, the line the reference returns (${lineText(check.expected)})${isLine(check.actual) ? ` and yours (${lineText(check.actual)})` : ''}${isLine(input.line) ? `, and the line the call was given (${lineText(input.line)})` : ''}.`,
    alt: `Scatter plot of the ${describeCount(points.length, 'point')} of the failing input with the expected line ${lineText(check.expected)}${isLine(check.actual) ? ` and your line ${lineText(check.actual)}` : ''}.`,
    table: linesTable(lines, `The points are the failing input's, listed beside this plot.`),
    spec: linesOverPoints({
      title,
      subtitle: check.title,
      points,
      lines,
      xTitle: 'x',
      yTitle: 'y',
      width: 420,
      height: 260,
    }),
  };
}

function dataFitPlot(fit: PlotData['dataFit'], standing: Standing): PlotSpec {
  const lines: { key: SeriesKey; line: Line }[] = [
    { key: 'optimum', line: fit.optimum },
    { key: 'reference', line: fit.reference },
  ];
  const student =
    fit.student && Number.isFinite(fit.student.m) && Number.isFinite(fit.student.b) ? fit.student : undefined;
  if (student) lines.unshift({ key: 'yours', line: student });
  const yourOptimum =
    fit.studentOptimum && Number.isFinite(fit.studentOptimum.m) && Number.isFinite(fit.studentOptimum.b)
      ? fit.studentOptimum
      : undefined;
  if (yourOptimum) lines.push({ key: 'yourOptimum', line: yourOptimum });
  const title = 'Your fitted line';
  const same = fit.comparison?.matches === true;
  const yours = student
    ? `Your line after the run: ${lineText(student)}. ${comparisonSentence(fit.comparison, "It is the reference run's line, within the tolerance of the check that grades this run.")}`
    : 'Your gradientDescent gave no usable line on this run, so only the reference and the optimum are drawn.';
  const gap = Math.abs(fit.reference.b - fit.optimum.b) > 0.5;
  return {
    id: 'data-fit',
    title,
    caption: sentences(
      yours,
      standingSentence(standing, '04-descent', 'gradientDescent'),
      `The reference run: ${lineText(fit.reference)}. The least-squares optimum: ${lineText(fit.optimum)}.`,
      !yourOptimum
        ? ''
        : fit.studentOptimumComparison?.matches
          ? 'Your leastSquares gives the same line, within the tolerance of the check that grades it.'
          : sentences(
              `Your leastSquares gives ${lineText(yourOptimum)}.`,
              comparisonSentence(fit.studentOptimumComparison, ''),
            ),
      gap
        ? `The reference run stops well short of the optimum, and for a correct descent that is expected: with x around 50 the cost is a long, narrow valley, so at this learning rate b barely moves. Scaling the feature (subtracting the mean of x) would fix it.${same ? ' Yours stops in the same place, for the same reason.' : ''}`
        : '',
    ),
    alt: `Scatter plot of the ${fit.points.length} points of data.csv with ${student ? `your line ${lineText(student)}, ` : ''}the reference run's line ${lineText(fit.reference)} and the optimum ${lineText(fit.optimum)}.`,
    table: linesTable(
      lines,
      `The points are the ${fit.points.length} rows of data.csv${fit.student && !student ? '; your line has a value that is not a number, so it is not drawn' : ''}.`,
    ),
    spec: linesOverPoints({
      title,
      subtitle: fit.title,
      points: fit.points,
      lines,
      xTitle: 'x (hours studied)',
      yTitle: 'y (test score)',
      width: WIDTH,
      height: HEIGHT,
    }),
  };
}

function costCurvePlot(curve: PlotData['costCurve'], standing: Standing): PlotSpec {
  const title = 'Cost over iterations';
  const rows = [
    ...curveRows(curve.student, { series: SERIES.yours.label }),
    ...curveRows(curve.reference, { series: SERIES.reference.label }),
  ];
  const present: SeriesKey[] = curve.student ? ['yours', 'reference'] : ['reference'];
  const reference = `The reference's cost falls from ${num(curve.reference[0])} to ${num(curve.reference[curve.reference.length - 1])} in ${curve.reference.length - 1} steps.`;
  const yours = !curve.student
    ? 'Your gradientDescent gave no usable costs on this run.'
    : curve.comparison?.matches
      ? "Your curve lies on the reference's, within the tolerance of the check that grades this run (the dashed line is drawn over yours)."
      : sentences(
          `Yours goes from ${num(curve.student[0])} to ${num(curve.student[curve.student.length - 1])} over ${curve.student.length} recorded costs${firstBad(curve.student)}${curve.student.length !== curve.reference.length ? `, where there should be ${curve.reference.length} (the cost before the first step, then one per step)` : ''}${rises(curve.student) ? ': it ends higher than it starts' : ''}.`,
          comparisonSentence(curve.comparison, ''),
        );
  const words = sentences(yours, standingSentence(standing, '04-descent', 'gradientDescent'), reference);
  return {
    id: 'cost-curve',
    title,
    caption: `${words} The y axis is logarithmic, so equal ratios look like equal steps.`,
    alt: `Line chart of the cost J against the iteration, log scale. ${words}`,
    table: costTable(curve),
    spec: {
      ...frame(title, `the run above: learning rate ${formatValue(curve.learningRate)}, log scale`, WIDTH, HEIGHT),
      layer: present.map((key) => ({
        data: { values: rows.filter((r) => r.series === SERIES[key].label) },
        mark: { type: 'line', strokeWidth: SERIES[key].width, clip: true },
        encoding: {
          x: {
            field: 'iteration',
            type: 'quantitative',
            title: 'iteration (symmetric log scale)',
            scale: { type: 'symlog' },
            axis: { values: iterationTicks(curve.reference.length - 1), labelOverlap: 'greedy', labelSeparation: 4 },
          },
          y: { field: 'cost', type: 'quantitative', title: 'cost J(m, b)', scale: { type: 'log' } },
          ...seriesEncoding(present),
        },
      })),
    },
  };
}

function valleyPlot(walk: PlotData['valleyPath'], standing: Standing): PlotSpec {
  const title = 'Your descent down the valley';
  const student = walk.student?.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const referenceReach = Math.max(...walk.reference.map((p) => Math.max(Math.abs(p.x), Math.abs(p.y))));
  const limit = 4 * Math.max(2, referenceReach);
  const studentReach = student?.length ? Math.max(...student.map((p) => Math.max(Math.abs(p.x), Math.abs(p.y)))) : 0;
  const radius = niceRadius(Math.min(limit, Math.max(referenceReach, studentReach) * 1.1));
  const leaves = studentReach > radius;
  const pathRows = [
    ...(student ?? []).map((p, step) => ({ series: SERIES.yours.label, step, x: p.x, y: p.y })),
    ...walk.reference.map((p, step) => ({ series: SERIES.reference.label, step, x: p.x, y: p.y })),
  ];
  const present: SeriesKey[] = student ? ['yours', 'reference'] : ['reference'];
  const end = (path: readonly Vec2[]) => vecText(path[path.length - 1]);
  const shape = walk.student && pathShape(walk.student, walk.start, walk.reference.length);
  const same = walk.comparison?.matches === true;
  const yours = !walk.student
    ? 'Your descend gave no usable path on this run, so only the reference is drawn.'
    : same
      ? "Your path is the reference's, point for point, within the tolerance of the check that grades descend (the dashed line is drawn over yours)."
      : sentences(
          ...pathShapeSentences(shape!, walk.start, vecText),
          shape!.allTheSame || !walk.student.length
            ? ''
            : `Your path ends at ${end(walk.student)}${leaves ? ' and leaves the plotted area' : ''}.`,
          comparisonSentence(walk.comparison, ''),
        );
  const yoursInShort = !walk.student
    ? ''
    : shape!.allTheSame
      ? ` and your path, all ${walk.student.length} of whose points are the same point ${vecText(walk.student[0])}`
      : walk.student.length
        ? ` and your path to ${end(walk.student)}`
        : ' and your path, which is empty';
  const axis = (name: string) => ({
    field: name,
    type: 'quantitative',
    title: name,
    scale: { domain: [-radius, radius], nice: false, zero: false },
  });
  const side = 300;
  return {
    id: 'valley-path',
    title,
    caption: sentences(
      `${walk.reference.length - 1} steps at η = ${formatValue(walk.learningRate)} from ${vecText(walk.start)}. The reference ends at ${end(walk.reference)}.`,
      yours,
      standingSentence(standing, '05-valley', 'descend'),
      'The grey ellipses are level lines f = c; the floor of the valley is at (0, 0). Because η < 2/3, every step of a correct descent lands lower.',
    ),
    alt: `Contour plot of f(x, y) = x² + xy + y² with the reference's descent path from ${vecText(walk.start)} to ${end(walk.reference)}${yoursInShort}.`,
    table: pathTable(walk),
    contours: valleyContours(radius),
    spec: {
      ...frame(
        title,
        `f(x, y) = x² + xy + y², ${walk.reference.length - 1} steps at η = ${formatValue(walk.learningRate)}`,
        side,
        side,
      ),
      layer: [
        {
          data: { name: 'contours' },
          mark: { type: 'line', stroke: '#afb8c1', strokeWidth: 1, clip: true },
          encoding: {
            x: axis('x'),
            y: axis('y'),
            detail: { field: 'ring', type: 'nominal' },
            order: { field: 'order', type: 'quantitative' },
          },
        },
        {
          data: { name: 'contours' },
          transform: [
            { filter: "datum.label !== ''" },
            { joinaggregate: [{ op: 'max', field: 'y', as: 'top' }], groupby: ['ring'] },
            { filter: 'datum.y === datum.top' },
          ],
          mark: { type: 'text', baseline: 'bottom', dy: -2, fontSize: 10, fill: '#8c959f', clip: true },
          encoding: {
            x: { field: 'x', type: 'quantitative' },
            y: { field: 'y', type: 'quantitative' },
            text: { field: 'label' },
          },
        },
        ...present.flatMap((key) => [
          {
            data: { values: pathRows.filter((r) => r.series === SERIES[key].label) },
            mark: { type: 'line', strokeWidth: SERIES[key].width, clip: true },
            encoding: {
              x: { field: 'x', type: 'quantitative' },
              y: { field: 'y', type: 'quantitative' },
              order: { field: 'step', type: 'quantitative' },
              ...seriesEncoding(present),
            },
          },
          {
            data: { values: pathRows.filter((r) => r.series === SERIES[key].label) },
            mark: {
              type: 'point',
              filled: true,
              shape: SERIES[key].shape,
              color: SERIES[key].color,
              size: key === 'yours' ? 70 : 36,
              clip: true,
            },
            encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
          },
        ]),
        {
          data: { values: shape ? shapeMarks(shape, walk.student!) : [] },
          layer: [
            {
              mark: {
                type: 'point',
                shape: 'circle',
                filled: false,
                size: 520,
                strokeWidth: 2,
                color: SERIES.yours.color,
                clip: true,
              },
            },
            ...[{ stroke: 'white', strokeWidth: 4, strokeJoin: 'round' }, { color: SERIES.yours.color }].map(
              (paint) => ({
                mark: {
                  type: 'text',
                  align: 'left',
                  baseline: 'top',
                  dx: 8,
                  dy: 10,
                  fontSize: 12,
                  fontWeight: 700,
                  clip: true,
                  ...paint,
                },
                encoding: { text: { field: 'label' } },
              }),
            ),
          ],
          encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
        },
        {
          data: {
            values: [
              { x: walk.start.x, y: walk.start.y, label: 'start' },
              { x: 0, y: 0, label: 'minimum' },
            ],
          },
          layer: [
            { mark: { type: 'point', shape: 'cross', size: 120, strokeWidth: 2, color: '#1f2328' } },
            {
              mark: { type: 'text', dy: -12, fontSize: 12, fontWeight: 600, color: '#1f2328' },
              encoding: { text: { field: 'label' } },
            },
          ],
          encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
        },
      ],
    },
  };
}

/** The marks that make a path's shape errors visible: each position several points share, circled with their count, and a first point that is not the start. */
function shapeMarks(shape: PathShape, path: readonly Vec2[]): { x: number; y: number; label: string }[] {
  const marks = shape.repeats.map((r) => ({
    x: r.at.x,
    y: r.at.y,
    label: shape.allTheSame ? `all ${r.count} points` : `${r.count} points`,
  }));
  const first = path[0];
  if (shape.startMissing && first && Number.isFinite(first.x) && Number.isFinite(first.y)) {
    if (!marks.some((m) => m.x === first.x && m.y === first.y))
      marks.push({ x: first.x, y: first.y, label: 'your path[0]' });
  }
  return marks;
}

function learningRatePlot(rates: PlotData['learningRates'], standing: Standing): PlotSpec {
  const title = 'Cost at several learning rates';
  const labels = rates.curves.map((c) => `${formatValue(c.fractionOfLimit)} × limit`);
  const styles = rates.curves.map((_, i) => RATE_STYLES[i % RATE_STYLES.length]);
  const haveStudent = rates.curves.some((c) => c.student);
  const who: SeriesKey[] = haveStudent ? ['yours', 'reference'] : ['reference'];
  const rows = rates.curves.flatMap((curve, i) => [
    ...curveRows(curve.reference, { rate: labels[i], series: SERIES.reference.label }),
    ...curveRows(curve.student, { rate: labels[i], series: SERIES.yours.label }),
  ]);
  const lead = (i: number) => rates.curves[i].student ?? rates.curves[i].reference;
  const ends = rates.curves.flatMap((curve, i) => {
    const values = curveRows(curve.reference, { rate: labels[i], series: '' });
    const last = values[values.length - 1];
    return last && curve.fractionOfLimit > 1 ? [{ ...last, text: `diverges (${labels[i]})` }] : [];
  });
  const markers = rates.curves.flatMap((_, i) =>
    curveRows(lead(i), { rate: labels[i], series: '' }).filter((r) => r.iteration % 5 === 0),
  );
  const rateScale = { domain: labels, range: styles.map((s) => s.color) };
  const shapeScale = { domain: labels, range: styles.map((s) => s.shape) };
  const diverging = rates.curves.filter((c) => c.fractionOfLimit > 1);
  const differing = rates.curves.flatMap((c, i) => (c.student && c.comparison?.matches === false ? [labels[i]] : []));
  const yourLimit = studentLimitWords(rates);
  const caption = sentences(
    `Descents of 30 steps on a small ${rates.points.length}-point data set, whose stability limit is 2/λmax = ${num(rates.limit)}.`,
    yourLimit.sentence,
    haveStudent
      ? 'Solid lines are your gradientDescent, dashed lines the reference; colour and marker shape name the rate.'
      : "Your gradientDescent gave no usable costs here, so only the reference's descents are drawn; colour and marker shape name the rate.",
    !haveStudent
      ? ''
      : differing.length
        ? `Yours differ from the reference's at ${differing.join(', ')}.`
        : rates.curves.every((c) => !c.student || c.comparison?.matches)
          ? "Yours lie on the reference's at every rate, within the tolerance of the check that grades these runs."
          : '',
    standingSentence(standing, '04-descent', 'gradientDescent'),
    diverging.length
      ? `Above the limit (${diverging.map((c) => `${formatValue(c.fractionOfLimit)} ×`).join(', ')}) every step of a correct descent overshoots the floor of the valley and lands higher on the other side, so the cost grows without bound.`
      : '',
    'The strip under the curves puts the rates on one axis, with the true limit and yours.',
  );
  const stripX = {
    field: 'eta',
    type: 'quantitative',
    title: 'learning rate η',
    scale: { zero: true, nice: true },
    axis: { labelOverlap: 'greedy', tickCount: 6 },
  };
  const limitLabel = (color: string, baseline: string, y: number) => ({
    mark: { type: 'text', align: 'left', dx: 4, baseline, fontSize: 11, fontWeight: 700, color },
    encoding: { x: { field: 'eta', type: 'quantitative' }, y: { value: y }, text: { field: 'label' } },
  });
  const stripHeight = 56;
  const rightmost = Math.max(
    rates.limit,
    ...rates.curves.map((c) => c.learningRate),
    yourLimit.drawn ? rates.studentLimit! : 0,
  );
  return {
    id: 'learning-rates',
    title,
    caption,
    alt: `Line chart of the cost against the iteration, log scale, at learning rates ${labels.join(', ')} of the limit ${num(rates.limit)}. The curves below the limit fall; ${diverging.length ? 'the curve above it rises: it diverges.' : 'none is above it.'} ${yourLimit.sentence}`,
    table: ratesTable(rates, labels),
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: CONFIG,
      title: { text: title, subtitle: `learning rates as fractions of 2/λmax = ${num(rates.limit)}, log scale` },
      spacing: 10,
      vconcat: [
        {
          width: WIDTH - 90,
          height: HEIGHT,
          layer: [
            ...who.map((key) => ({
              data: { values: rows.filter((r) => r.series === SERIES[key].label) },
              mark: { type: 'line', strokeWidth: key === 'yours' ? 2.75 : 1.5, clip: true },
              encoding: {
                x: { field: 'iteration', type: 'quantitative', title: 'iteration', scale: { domain: [0, 30] } },
                y: { field: 'cost', type: 'quantitative', title: 'cost J(m, b)', scale: { type: 'log' } },
                color: { field: 'rate', type: 'nominal', scale: rateScale, legend: RATE_LEGEND },
                detail: { field: 'rate', type: 'nominal' },
                strokeDash: {
                  field: 'series',
                  type: 'nominal',
                  scale: { domain: who.map((k) => SERIES[k].label), range: who.map((k) => SERIES[k].dash) },
                  title: null,
                  legend: { symbolStrokeColor: '#57606a' },
                },
              },
            })),
            {
              data: { values: markers },
              mark: { type: 'point', filled: true, size: 55, clip: true },
              encoding: {
                x: { field: 'iteration', type: 'quantitative' },
                y: { field: 'cost', type: 'quantitative' },
                color: { field: 'rate', type: 'nominal', scale: rateScale, legend: RATE_LEGEND },
                shape: { field: 'rate', type: 'nominal', scale: shapeScale, legend: RATE_LEGEND },
              },
            },
            {
              data: { values: ends },
              mark: {
                type: 'text',
                align: 'right',
                baseline: 'bottom',
                dx: -4,
                dy: -8,
                fontSize: 12,
                fontWeight: 700,
              },
              encoding: {
                x: { field: 'iteration', type: 'quantitative' },
                y: { field: 'cost', type: 'quantitative' },
                text: { field: 'text' },
                color: { field: 'rate', type: 'nominal', scale: rateScale, legend: RATE_LEGEND },
              },
            },
          ],
        },
        {
          width: WIDTH - 90,
          height: stripHeight,
          layer: [
            {
              // Room on the right for the limits' labels, as data so that every student's strip has one shape.
              data: { values: [{ eta: Number((1.45 * rightmost).toPrecision(3)) }] },
              mark: { type: 'point', opacity: 0 },
              encoding: { x: stripX },
            },
            {
              data: { values: rates.curves.map((c, i) => ({ eta: c.learningRate, rate: labels[i] })) },
              mark: { type: 'point', filled: true, size: 70 },
              encoding: {
                x: { field: 'eta', type: 'quantitative' },
                color: { field: 'rate', type: 'nominal', scale: rateScale, legend: RATE_LEGEND },
                shape: { field: 'rate', type: 'nominal', scale: shapeScale, legend: RATE_LEGEND },
              },
            },
            {
              data: { values: [{ eta: rates.limit, label: `2/λmax = ${num(rates.limit)}` }] },
              layer: [
                {
                  mark: { type: 'rule', strokeWidth: 2, color: '#1f2328' },
                  encoding: { x: { field: 'eta', type: 'quantitative' } },
                },
                limitLabel('#1f2328', 'top', 0),
              ],
            },
            {
              data: {
                values: yourLimit.drawn
                  ? [{ eta: Number(rates.studentLimit!.toPrecision(6)), label: `yours = ${num(rates.studentLimit)}` }]
                  : [],
              },
              layer: [
                {
                  mark: { type: 'rule', strokeWidth: 2.5, strokeDash: [5, 3], color: SERIES.yours.color },
                  encoding: { x: { field: 'eta', type: 'quantitative' } },
                },
                limitLabel(SERIES.yours.color, 'bottom', stripHeight),
              ],
            },
          ],
        },
      ],
    },
  };
}

/** What the caption says of the student's maxStableLearningRate on the plot's data, and whether the strip can draw it. */
function studentLimitWords(rates: PlotData['learningRates']): { sentence: string; drawn: boolean } {
  const yours = rates.studentLimit;
  if (yours === undefined)
    return { sentence: 'Your maxStableLearningRate gave no usable answer for these points.', drawn: false };
  const drawn = Number.isFinite(yours) && yours > 0 && yours <= 3 * rates.limit;
  const offScale = drawn ? '' : ' (off the strip’s scale)';
  if (rates.studentLimitComparison?.matches)
    return {
      sentence: `Your maxStableLearningRate gives ${num(yours)} for these points: the true limit, within the tolerance of the check that grades it.`,
      drawn,
    };
  const ratio = Number.isFinite(yours)
    ? ` ${formatValue(Number((yours / rates.limit).toPrecision(3)))} × the true limit`
    : '';
  return {
    sentence: `Your maxStableLearningRate gives ${num(yours)} for these points${offScale},${ratio ? `${ratio}:` : ''} it is not the limit.`,
    drawn,
  };
}

/** The class's totals as a histogram of ten bins. */
export function scoreHistogram(scores: readonly number[], maxScore: number): PlotSpec {
  const title = 'Score distribution';
  const sorted = [...scores].sort((a, b) => a - b);
  const median = sorted.length ? (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2 : 0;
  const step = maxScore > 0 ? maxScore / 10 : 1;
  return {
    id: 'score-histogram',
    title,
    caption: `Total scores of ${describeCount(scores.length, 'graded student')} in bins of ${formatValue(step)} points; the line marks the median, ${formatValue(median)} of ${formatValue(maxScore)}.`,
    alt: `Histogram of the total scores of ${describeCount(scores.length, 'student')}: ${sorted.map(formatValue).join(', ')} out of ${formatValue(maxScore)}; median ${formatValue(median)}.`,
    table: histogramTable(scores, maxScore, step),
    spec: {
      ...frame(title, `${describeCount(scores.length, 'student')}, out of ${formatValue(maxScore)} points`, WIDTH, 240),
      layer: [
        {
          data: { values: scores.map((score) => ({ score })) },
          mark: { type: 'bar', color: '#0072B2', stroke: 'white', strokeWidth: 1 },
          encoding: {
            x: {
              field: 'score',
              type: 'quantitative',
              bin: { extent: [0, maxScore || 1], step },
              title: 'total score',
            },
            y: { aggregate: 'count', type: 'quantitative', title: 'students', axis: { tickMinStep: 1 } },
          },
        },
        {
          data: { values: [{ median, label: `median ${formatValue(median)}` }] },
          layer: [
            {
              mark: { type: 'rule', color: '#D55E00', strokeWidth: 2, strokeDash: [6, 3] },
              encoding: { x: { field: 'median', type: 'quantitative' } },
            },
            {
              mark: {
                type: 'text',
                align: 'left',
                dx: 5,
                dy: 6,
                baseline: 'top',
                fontWeight: 600,
                stroke: 'white',
                strokeWidth: 4,
                strokeJoin: 'round',
              },
              encoding: { x: { field: 'median', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } },
            },
            {
              mark: { type: 'text', align: 'left', dx: 5, dy: 6, baseline: 'top', color: '#D55E00', fontWeight: 600 },
              encoding: { x: { field: 'median', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } },
            },
          ],
        },
      ],
    },
  };
}

/** The lines a plot draws, by what they are. */
function linesTable(lines: readonly { key: SeriesKey; line: Line }[], note: string): PlotTable {
  return {
    columns: ['line', 'slope m', 'intercept b'],
    rows: lines.map(({ key, line }) => [SERIES[key].label, num(line.m), num(line.b)]),
    note,
  };
}

/**
 * The iterations a long run is shown at, in its table and on its axis: every one of the first
 * steps, where a descent drops fastest, then about three a decade, and the last.
 */
function iterationTicks(last: number): number[] {
  const ticks = [0, 1, 2, 3, 5, 10, 15, 20, 30, 50, 100, 200, 300, 500, 1000, 2000, 5000, 10000].filter(
    (t) => t < last,
  );
  return [...ticks, last];
}

function tableIterations(last: number): number[] {
  const early = Array.from({ length: Math.min(last, 15) + 1 }, (_, i) => i);
  return [...new Set([...early, ...iterationTicks(last)])].sort((a, b) => a - b);
}

function costTable(curve: PlotData['costCurve']): PlotTable {
  const last = Math.max(curve.reference.length, curve.student?.length ?? 0) - 1;
  const at = tableIterations(last);
  return {
    columns: ['iteration', 'reference cost', ...(curve.student ? ['your cost'] : [])],
    rows: at.map((i) => [String(i), cost(curve.reference[i]), ...(curve.student ? [cost(curve.student[i])] : [])]),
    note: at.length === last + 1 ? undefined : 'Every iteration up to 15, then a selection, and the last.',
  };
}

function pathTable(walk: PlotData['valleyPath']): PlotTable {
  const steps = Math.max(walk.reference.length, walk.student?.length ?? 0);
  const at = steps <= 40 ? Array.from({ length: steps }, (_, i) => i) : tableIterations(steps - 1);
  return {
    columns: ['step', 'reference (x, y)', ...(walk.student ? ['your (x, y)'] : [])],
    rows: at.map((i) => [String(i), vecText(walk.reference[i]), ...(walk.student ? [vecText(walk.student[i])] : [])]),
    note: at.length === steps ? undefined : 'Every step up to 15, then a selection, and the last.',
  };
}

function ratesTable(rates: PlotData['learningRates'], labels: readonly string[]): PlotTable {
  const last = Math.max(...rates.curves.map((c) => c.reference.length)) - 1;
  const at = [0, 1, 2, 5, 10, 20, 30].filter((i) => i < last).concat(last);
  return {
    columns: ['learning rate', 'run', ...at.map((i) => `cost after ${i}`)],
    rows: rates.curves.flatMap((curve, i) => [
      [`${num(curve.learningRate)} (${labels[i]})`, 'reference', ...at.map((k) => cost(curve.reference[k]))],
      ...(curve.student
        ? [[`${num(curve.learningRate)} (${labels[i]})`, 'yours', ...at.map((k) => cost(curve.student![k]))]]
        : []),
    ]),
    note: `The stability limit 2/λmax is ${num(rates.limit)}${rates.studentLimit === undefined ? '' : `; your maxStableLearningRate gives ${num(rates.studentLimit)}`}.`,
  };
}

function histogramTable(scores: readonly number[], maxScore: number, step: number): PlotTable {
  const bins = Array.from({ length: 10 }, (_, i) => ({ from: i * step, to: (i + 1) * step, count: 0 }));
  for (const score of scores) bins[Math.min(9, Math.max(0, Math.floor(score / step)))].count++;
  return {
    columns: ['total score', 'students'],
    rows: bins.map((b, i) => [
      `${formatValue(Number(b.from.toPrecision(6)))} to ${i === 9 ? `${formatValue(maxScore)} inclusive` : `under ${formatValue(Number(b.to.toPrecision(6)))}`}`,
      String(b.count),
    ]),
  };
}

/** A cost as the table shows it: '—' past the end of a run. */
function cost(value: number | undefined): string {
  return value === undefined ? '—' : num(value);
}

function frame(title: string, subtitle: string, width: number, height: number): VegaLiteSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    title: { text: title, subtitle },
    width,
    height,
  };
}

function seriesEncoding(present: readonly SeriesKey[]) {
  const domain = present.map((k) => SERIES[k].label);
  return {
    color: {
      field: 'series',
      type: 'nominal',
      scale: { domain, range: present.map((k) => SERIES[k].color) },
      title: null,
    },
    strokeDash: {
      field: 'series',
      type: 'nominal',
      scale: { domain, range: present.map((k) => SERIES[k].dash) },
      title: null,
    },
  };
}

function linesOverPoints(options: {
  title: string;
  subtitle: string;
  points: readonly Point[];
  lines: readonly { key: SeriesKey; line: Line }[];
  xTitle: string;
  yTitle: string;
  width: number;
  height: number;
}): VegaLiteSpec {
  const xs = options.points.map((p) => p.x);
  const [x0, x1] = padded(Math.min(...xs), Math.max(...xs), 0.05);
  const trusted = options.lines.filter((l) => l.key !== 'yours' && l.key !== 'yourOptimum');
  const ys = [
    ...options.points.map((p) => p.y),
    ...trusted.flatMap(({ line }) => [line.m * x0 + line.b, line.m * x1 + line.b]),
  ].filter(Number.isFinite);
  const [y0, y1] = padded(Math.min(...ys), Math.max(...ys), 0.08);
  const present = options.lines.map((l) => l.key);
  const scale = (domain: number[]) => ({ domain, nice: false, zero: false });
  return {
    ...frame(options.title, options.subtitle, options.width, options.height),
    layer: [
      {
        data: { values: options.points.map((p) => ({ x: p.x, y: p.y })) },
        mark: { type: 'circle', size: options.points.length > 30 ? 30 : 70, color: '#57606a', opacity: 0.7 },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: options.xTitle, scale: scale([x0, x1]) },
          y: { field: 'y', type: 'quantitative', title: options.yTitle, scale: scale([y0, y1]) },
        },
      },
      ...options.lines.map(({ key, line }) => ({
        data: { values: [x0, x1].map((x) => ({ series: SERIES[key].label, x, y: line.m * x + line.b })) },
        mark: { type: 'line', strokeWidth: SERIES[key].width, clip: true },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
          ...seriesEncoding(present),
        },
      })),
    ],
  };
}

/** Level lines of the valley over [−r, r]², as a grid for vega's isocontour transform: one grid per radius, shared by every student's plot. */
const valleyContours = memoRecent(16, (radius: number) => String(radius), contourGrid);

function contourGrid(radius: number): ContourRequest {
  const count = 81;
  const step = (2 * radius) / (count - 1);
  const values: number[] = [];
  for (let j = 0; j < count; j++) {
    const y = -radius + j * step;
    for (let i = 0; i < count; i++) {
      const x = -radius + i * step;
      values.push(x * x + x * y + y * y);
    }
  }
  // An ellipse f = c reaches |x| = √(4c/3); these fractions keep every level inside the square.
  const top = 0.75 * radius * radius;
  const levels = [0.01, 0.04, 0.1, 0.2, 0.35, 0.55, 0.8].map((q) => Number((q * top).toPrecision(2)));
  return {
    dataset: 'contours',
    x: { start: -radius, step, count },
    y: { start: -radius, step, count },
    values,
    // The two smallest rings sit where the paths end: they stay unlabelled.
    levels: [...new Set(levels)].map((value, i) => ({ value, label: i < 2 ? '' : `f = ${formatValue(value)}` })),
  };
}

/** One row per drawable cost, `extra`'s fields first. Built field by field: an object spread per row cost ~0.7 µs, 1.5 ms a student. */
function curveRows<T extends Record<string, string>>(
  costs: readonly number[] | undefined,
  extra: T,
): (T & { iteration: number; cost: number })[] {
  const rows: (T & { iteration: number; cost: number })[] = [];
  const fields = Object.keys(extra) as (keyof T)[];
  (costs ?? []).forEach((cost, iteration) => {
    if (!(Number.isFinite(cost) && cost > 0)) return;
    const row = {} as T & { iteration: number; cost: number };
    for (const field of fields) row[field] = extra[field] as (T & { iteration: number; cost: number })[keyof T];
    row.iteration = iteration;
    row.cost = cost;
    rows.push(row);
  });
  return rows;
}

/** Non-empty sentences, joined by spaces. */
function sentences(...parts: readonly string[]): string {
  return parts.filter((p) => p !== '').join(' ');
}

/** A recorded cost history that ends higher than it starts. */
function rises(costs: readonly number[]): boolean {
  return costs.length > 1 && costs[costs.length - 1] > costs[0];
}

function firstBad(costs: readonly number[]): string {
  const k = costs.findIndex((c) => !Number.isFinite(c));
  return k < 0 ? '' : ` (from costs[${k}] on they are ${formatValue(costs[k])}, which a plot cannot show)`;
}

function padded(lo: number, hi: number, fraction: number): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [-1, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  const pad = (hi - lo) * fraction;
  return [lo - pad, hi + pad];
}

function niceRadius(value: number): number {
  const candidates = [2, 2.5, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50];
  return candidates.find((c) => c >= value) ?? Math.ceil(value);
}

function num(value: number | undefined): string {
  return value === undefined ? '—' : formatValue(Number.isFinite(value) ? Number(value.toPrecision(5)) : value);
}

function lineText(line: Line): string {
  const b = Number(line.b.toPrecision(5));
  return `y = ${num(line.m)}·x ${b < 0 ? '−' : '+'} ${formatValue(Math.abs(b))}`;
}

function vecText(p: Vec2 | undefined): string {
  return p ? `(${num(p.x)}, ${num(p.y)})` : '—';
}

function describeCount(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}

/** The house style and the helpers that the plots of 07–09 share (_plots-beyond.ts). */
export {
  CONFIG,
  SERIES,
  WIDTH,
  HEIGHT,
  frame,
  seriesEncoding,
  curveRows,
  sentences,
  rises,
  firstBad,
  padded,
  num,
  cost,
  tableIterations,
  describeCount,
};
export type { SeriesKey };
