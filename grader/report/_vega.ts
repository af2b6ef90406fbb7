/**
 * The one place that touches vega. vega and vega-lite are ES modules with top-level await, so this
 * CommonJS project may only reach them through a real dynamic `import()`: TypeScript with
 * `module: node16` keeps `await import('vega')` as it is in files compiled to CommonJS, and both
 * ts-node and vitest then hand it to Node's own ESM loader.
 */

import { memoRecent } from '../shipped/memo';

export type VegaLiteSpec = Record<string, unknown>;

/** A grid of values for vega's isocontour transform, and which levels to draw. */
export interface ContourRequest {
  /** The named dataset of the vega-lite spec that receives the lines as rows { level, label, ring, order, x, y }. */
  readonly dataset: string;
  readonly x: { readonly start: number; readonly step: number; readonly count: number };
  readonly y: { readonly start: number; readonly step: number; readonly count: number };
  /** Row-major: values[j * x.count + i] is the value at (x.start + i·x.step, y.start + j·y.step). */
  readonly values: readonly number[];
  readonly levels: readonly { readonly value: number; readonly label: string }[];
}

export interface ContourRow {
  readonly level: number;
  readonly label: string;
  readonly ring: string;
  readonly order: number;
  readonly x: number;
  readonly y: number;
}

/** vega's own text measurer, public in vega-scenegraph but missing from vega's type declarations. */
interface TextMetrics {
  width(item: { fontSize?: number; fontWeight?: string | number; text?: unknown }, text?: unknown): number;
}

function importLibraries() {
  return Promise.all([import('vega'), import('vega-lite')]);
}

type Libraries = Awaited<ReturnType<typeof importLibraries>>;

let libraries: Promise<{ vega: Libraries[0]; vegaLite: Libraries[1] }> | undefined;

function load(): Promise<{ vega: Libraries[0]; vegaLite: Libraries[1] }> {
  libraries ??= importLibraries().then(([vega, vegaLite]) => {
    // Without a canvas (there is none in Node), vega guesses a text's width as 0.8 em per
    // character, about 40 % more than the system sans-serif fonts the pages use: every long title
    // or legend label then widens the SVG, and the browser shrinks the whole plot to fit. 0.6 em
    // per character (0.66 em in bold) still errs on the wide side for those fonts.
    (vega as unknown as { textMetrics: TextMetrics }).textMetrics.width = (item, text) => {
      const value = String(text ?? item.text ?? '').trim();
      const size = item.fontSize ?? 11;
      const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
      return Math.ceil(value.length * size * (bold ? 0.66 : 0.6));
    };
    return { vega, vegaLite };
  });
  return libraries;
}

/**
 * Compiles a vega-lite spec to vega and renders it headless to an SVG string. `idPrefix` namespaces
 * the SVG's clip-path ids, so that several plots can live in one HTML page and the output does
 * not depend on how many plots this process rendered before.
 *
 * The data is taken out of the spec first (into named datasets), and what is left is compiled and
 * parsed once per process: every student's plot of one kind has the same shape, and compiling and
 * parsing cost more than drawing.
 */
export async function renderSvg(spec: VegaLiteSpec, idPrefix: string): Promise<string> {
  const libraries = await load();
  const { shape, datasets } = withoutData(spec);
  const view = new libraries.vega.View(parsedShape(libraries, shape), { renderer: 'none' });
  try {
    for (const [name, values] of Object.entries(datasets)) view.data(name, values as object[]);
    return namespaceIds(await view.toSVG(), idPrefix);
  } finally {
    view.finalize();
  }
}

/** A spec without its data, compiled to vega and parsed: once per shape, for the last 256 shapes. */
const parsedShape = memoRecent(
  256,
  (_: Awaited<ReturnType<typeof load>>, shape: VegaLiteSpec) => JSON.stringify(shape),
  ({ vega, vegaLite }, shape) => vega.parse(vegaLite.compile(shape as never).spec),
);

/** The spec with every inline `data: { values }` turned into a named dataset, and the datasets' rows apart. */
function withoutData(spec: VegaLiteSpec): { shape: VegaLiteSpec; datasets: Record<string, unknown[]> } {
  const datasets: Record<string, unknown[]> = { ...(spec.datasets as Record<string, unknown[]> | undefined) };
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      const data = value as { values?: unknown } | null;
      if (
        key === 'data' &&
        data &&
        typeof data === 'object' &&
        Array.isArray(data.values) &&
        Object.keys(data).length === 1
      ) {
        const name = `inline_${Object.keys(datasets).length}`;
        datasets[name] = data.values;
        out.data = { name };
      } else if (key !== 'datasets') out[key] = strip(value);
    }
    return out;
  };
  const shape = strip(spec) as VegaLiteSpec;
  return {
    shape: { ...shape, datasets: Object.fromEntries(Object.keys(datasets).map((name) => [name, []])) },
    datasets,
  };
}

/**
 * vega numbers clip paths and gradients with process-wide counters. Renaming them in order of
 * appearance, under the plot's own prefix, keeps ids unique on a page with several plots and
 * makes the SVG independent of what was rendered before, even by concurrent reports.
 */
function namespaceIds(svg: string, prefix: string): string {
  const names = new Map<string, string>();
  return svg.replace(/(id="|url\(#)((?:clip|gradient_|p_gradient_)\d+)/g, (_, lead: string, id: string) => {
    if (!names.has(id)) names.set(id, `${prefix}-${id.replace(/\d+$/, '')}${names.size + 1}`);
    return `${lead}${names.get(id)}`;
  });
}

/**
 * Iso-lines of a grid, computed by vega's isocontour transform (d3-contour's marching squares),
 * returned as polylines in the grid's own coordinates. Each level is contoured as the region
 * where the value is at most that level, so a closed valley gives closed rings and no outline of
 * the grid's border.
 */
export async function isoLines(request: ContourRequest): Promise<ContourRow[]> {
  const { vega } = await load();
  const negated = request.values.map((v) => -v);
  const view = new vega.View(
    vega.parse({
      data: [
        {
          name: 'grid',
          values: [{ width: request.x.count, height: request.y.count, values: negated }],
          transform: [{ type: 'isocontour', thresholds: request.levels.map((l) => -l.value) }],
        },
      ],
    }),
    { renderer: 'none' },
  );
  try {
    await view.runAsync();
    const rows: ContourRow[] = [];
    for (const datum of view.data('grid') as { contour: { value: number; coordinates: number[][][][] } }[]) {
      const level = request.levels.find((l) => -l.value === datum.contour.value)!;
      datum.contour.coordinates.forEach((polygon, p) =>
        polygon.forEach((ring, r) =>
          ring.forEach(([gx, gy], order) =>
            rows.push({
              level: level.value,
              label: level.label,
              ring: `${level.value}:${p}:${r}`,
              order,
              // d3-contour puts grid sample i at coordinate i + 0.5.
              x: request.x.start + (gx - 0.5) * request.x.step,
              y: request.y.start + (gy - 0.5) * request.y.step,
            }),
          ),
        ),
      );
    }
    return rows;
  } finally {
    view.finalize();
  }
}
