import { createHash } from 'node:crypto';
import { memoByIdentity, memoRecentAsync } from '../shipped/memo';
import type { PlotSpec } from './_plots';
import type { RenderedPlot } from '../shipped/report/student-view';
import { isoLines, renderSvg, type ContourRequest } from './_vega';

export type { RenderedPlot };

/** Renders plots in order, one after another (vega's work is synchronous CPU; running them side by side gains nothing). */
export async function renderPlots(plots: readonly PlotSpec[]): Promise<RenderedPlot[]> {
  const rendered: RenderedPlot[] = [];
  for (const plot of plots)
    rendered.push({
      id: plot.id,
      title: plot.title,
      caption: plot.caption,
      alt: plot.alt,
      table: plot.table,
      // The page gives the plot its text alternative (a role="img" wrapper with a label, the caption
      // and a table): the drawing itself, whose marks vega labels one by one, stays out of the
      // accessibility tree.
      svg: (await drawn(plot)).replace(/^<svg /, '<svg aria-hidden="true" focusable="false" '),
    });
  return rendered;
}

/**
 * A plot's SVG, drawn once per distinct plot: students whose code gives the same numbers get the
 * same plot (every correct one, and every one with the same common mistake), and vega would draw
 * it again at ~8 ms a plot. The SVG depends only on the spec, the contours and the id (ids inside
 * it are renamed in order of appearance), so a copy is the same bytes.
 */
const drawn = memoRecentAsync(
  256,
  (plot: PlotSpec) =>
    digest(
      JSON.stringify([plot.id, plot.spec, plot.contours ? contoursDigest(plot.contours) : null], keepSpecialNumbers),
    ),
  async (plot: PlotSpec) => {
    const spec = plot.contours
      ? { ...plot.spec, datasets: { [plot.contours.dataset]: await isoLines(plot.contours) } }
      : plot.spec;
    return renderSvg(spec, plot.id);
  },
);

/** A contour grid (6,561 values) is the same object for every plot of one radius: its digest is worked out once. */
const contoursDigest = memoByIdentity((contours: ContourRequest) =>
  digest(JSON.stringify(contours, keepSpecialNumbers)),
);

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON writes NaN and ±Infinity as null: in a key they must stay apart from null and from each other (a NUL never occurs in a spec's own strings). */
function keepSpecialNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0))
    ? `\u0000${Object.is(value, -0) ? '-0' : value}`
    : value;
}
