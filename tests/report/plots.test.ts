import { describe, expect, it } from 'vitest';
import { counterexamplePlot, scoreHistogram, studentPlots } from '../../grader/report/_plots';
import { renderPlots } from '../../grader/report/_render-plots';
import { isoLines, renderSvg } from '../../grader/report/_vega';
import { buggyResult, passingResult } from './fixtures';

describe('plots', () => {
  it('loads vega through a real dynamic import() under vitest, and renders SVG headless', async () => {
    const svg = await renderSvg(
      {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        data: {
          values: [
            { x: 1, y: 2 },
            { x: 2, y: 3 },
          ],
        },
        mark: 'line',
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
      },
      'probe',
    );
    expect(svg).toMatch(/^<svg[^>]*class="marks"/);
    expect(svg).toMatch(/<path[^>]* d="M[^"]+"/);
  });

  it('draws the four plots of a report, each with a title, a caption and a text alternative', () => {
    const plots = studentPlots(buggyResult());
    expect(plots.map((p) => p.id)).toEqual(['data-fit', 'cost-curve', 'valley-path', 'learning-rates']);
    for (const plot of plots) {
      expect(plot.title.length).toBeGreaterThan(10);
      expect(plot.caption.length).toBeGreaterThan(40);
      expect(plot.alt.length).toBeGreaterThan(40);
      expect(plot.spec).toMatchObject({ title: { text: plot.title } });
    }
    expect(plots.find((p) => p.id === 'learning-rates')!.caption).toContain('Above the limit (1.05 ×)');
  });

  it('ticks the cost curve’s iterations where a long descent drops: every one of the first few, then about three a decade', async () => {
    const result = buggyResult();
    const costs = Array.from({ length: 1001 }, (_, i) => 100 + 5000 * Math.exp(-i / 2));
    const plots = studentPlots({
      ...result,
      plots: { ...result.plots!, costCurve: { ...result.plots!.costCurve, reference: costs, student: costs } },
    });
    const [cost] = await renderPlots(plots.filter((p) => p.id === 'cost-curve'));
    const labels = [...cost.svg.matchAll(/<g class="mark-text role-axis-label"[^>]*>([\s\S]*?)<\/g>/g)].flatMap(
      (group) => [...group[1].matchAll(/opacity="1">([^<]+)<\/text>/g)].map((m) => m[1]),
    );
    for (const early of ['0', '1', '2', '5', '10']) expect(labels).toContain(early);
    expect(cost.table.rows.slice(0, 16).map((row) => row[0])).toEqual(Array.from({ length: 16 }, (_, i) => String(i)));
    expect(cost.table.rows.at(-1)![0]).toBe('1000');
  });

  it('says in words when the student’s code gave no run to draw', () => {
    const [fit, cost, valley] = studentPlots(passingResult());
    expect(fit.caption).toContain('gave no usable line');
    expect(cost.caption).toContain('gave no usable costs');
    expect(valley.caption).toContain('gave no usable path');
  });

  it('draws the counterexample of a failing line-valued public check, and of no other', () => {
    const checks = buggyResult().exercises.flatMap((e) => e.checks);
    const drawn = checks.map(counterexamplePlot).filter((p) => p !== undefined);
    expect(drawn.map((p) => p.id)).toEqual(['counterexample-03-step-simultaneous-update']);
    expect(drawn[0].caption).toContain('y = 1.5·x + 0.375');
  });

  it('traces the valley’s level lines with vega’s isocontour transform, on the level sets', async () => {
    const valley = studentPlots(buggyResult()).find((p) => p.id === 'valley-path')!;
    const rows = await isoLines(valley.contours!);
    const levels = new Set(rows.map((r) => r.level));
    expect(levels.size).toBe(valley.contours!.levels.length);
    const step = valley.contours!.x.step;
    for (const row of rows) {
      const f = row.x * row.x + row.x * row.y + row.y * row.y;
      // Linear interpolation on the grid: within a few grid cells' worth of slope of the level.
      expect(Math.abs(f - row.level)).toBeLessThan(3 * step * step + 0.02 * row.level);
    }
    const rings = new Set(rows.map((r) => r.ring));
    for (const ring of rings) {
      const points = rows.filter((r) => r.ring === ring);
      expect(points[0].x).toBeCloseTo(points[points.length - 1].x, 9);
      expect(points[0].y).toBeCloseTo(points[points.length - 1].y, 9);
    }
  });

  it('renders every plot with its marks, deterministically, and with ids no other plot uses', async () => {
    const specs = [...studentPlots(buggyResult()), scoreHistogram([10, 50, 85, 85, 100], 100)];
    const first = await renderPlots(specs);
    // Drawn again without renderPlots' cache of drawn plots: the cached copies are the same bytes.
    const second = await Promise.all(
      specs.map(async (plot) =>
        renderSvg(
          plot.contours
            ? { ...plot.spec, datasets: { [plot.contours.dataset]: await isoLines(plot.contours) } }
            : plot.spec,
          plot.id,
        ),
      ),
    );
    // renderPlots also takes the drawing out of the accessibility tree: the page labels the plot instead.
    expect(second.map((svg) => svg.replace(/^<svg /, '<svg aria-hidden="true" focusable="false" '))).toEqual(
      first.map((p) => p.svg),
    );
    for (const plot of first) {
      expect(plot.svg).toMatch(/<g class="mark-(line|symbol|rect)[^"]*"/);
      const ids = [...plot.svg.matchAll(/id="([^"]+)"/g)].map((m) => m[1]);
      expect(ids.every((id) => id.startsWith(`${plot.id}-`))).toBe(true);
    }
  });

  it('gives students whose numbers make the same plot the same drawing, and draws other numbers anew', async () => {
    const [plot] = studentPlots(passingResult('ada'));
    const [same] = studentPlots(passingResult('grace'));
    const [mine] = await renderPlots([plot]);
    const [theirs] = await renderPlots([same]);
    expect(theirs.svg).toBe(mine.svg);
    const moved = JSON.parse(JSON.stringify(plot)) as typeof plot;
    const layers = moved.spec.layer as { data?: { values?: { x: number; y: number }[] } }[];
    layers.find((layer) => layer.data?.values?.length)!.data!.values![0].y += 3;
    const [other] = await renderPlots([moved]);
    expect(other.svg).not.toBe(mine.svg);
  });

  it('draws a plot from a spec compiled for another student exactly as from its own', async () => {
    const buggy = studentPlots(buggyResult());
    const passing = studentPlots(passingResult());
    const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
    const withoutIds = (svg: string) => svg.replace(/(id="|url\(#)[\w-]*?(clip|gradient_|p_gradient_)\d+/g, '$1$2');
    for (const [i, plot] of passing.entries()) {
      if (plot.contours) continue;
      await renderSvg(buggy[i].spec, plot.id);
      const view = new vega.View(vega.parse(vegaLite.compile(plot.spec as never).spec), { renderer: 'none' });
      const fresh = await view.toSVG();
      view.finalize();
      expect(withoutIds(await renderSvg(plot.spec, plot.id))).toBe(withoutIds(fresh));
    }
  });
});
