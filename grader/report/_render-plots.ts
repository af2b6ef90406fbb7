import type { PlotSpec } from './_plots';
import { isoLines, renderSvg } from './_vega';

/** A plot ready for a page: its words, and the SVG vega drew. */
export interface RenderedPlot {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly alt: string;
  readonly svg: string;
}

/** Renders plots in order, one after another (vega's work is synchronous CPU; running them side by side gains nothing). */
export async function renderPlots(plots: readonly PlotSpec[]): Promise<RenderedPlot[]> {
  const rendered: RenderedPlot[] = [];
  for (const plot of plots) {
    const spec = plot.contours ? { ...plot.spec, datasets: { [plot.contours.dataset]: await isoLines(plot.contours) } } : plot.spec;
    rendered.push({ id: plot.id, title: plot.title, caption: plot.caption, alt: plot.alt, svg: await renderSvg(spec, plot.id) });
  }
  return rendered;
}
