import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KitError } from '../shipped/errors';

/** The columns the exercises use, as the `vega-datasets` package names them. */
const FEATURE_COLUMNS = ['Flipper Length (mm)', 'Beak Length (mm)', 'Beak Depth (mm)'] as const;
const TARGET_COLUMN = 'Body Mass (g)';

/** A table of features and a target, with the names of its columns. */
export interface FeatureTable {
  /** Each feature's name and unit, in column order. */
  readonly featureNames: readonly string[];
  /** The target's name and unit. */
  readonly targetName: string;
  /** One row per example: `X[i][j]` is feature j of example i. */
  readonly X: readonly (readonly number[])[];
  /** The target of each example. */
  readonly y: readonly number[];
  /** How many rows of the source were dropped for a missing value. */
  readonly dropped: number;
}

/**
 * The Palmer penguins (Gorman, Williams and Fraser 2014; CC0, shipped by the `vega-datasets`
 * package): body mass in grams against flipper length, bill length and bill depth in millimetres,
 * features whose scales differ by an order of magnitude and whose variances by two. The source has
 * 344 rows; the 2 with a missing measurement are dropped, which leaves 342.
 */
export function readPenguins(): FeatureTable {
  const rows = JSON.parse(verifiedPackageFile('penguins.json')) as Record<string, unknown>[];
  const X: number[][] = [];
  const y: number[] = [];
  for (const row of rows) {
    const values = [...FEATURE_COLUMNS, TARGET_COLUMN].map((column) => row[column]);
    if (!values.every((v): v is number => typeof v === 'number' && Number.isFinite(v))) continue;
    X.push(values.slice(0, -1));
    y.push(values.at(-1)!);
  }
  return {
    featureNames: ['flipper length (mm)', 'bill length (mm)', 'bill depth (mm)'],
    targetName: 'body mass (g)',
    X,
    y,
    dropped: rows.length - X.length,
  };
}

/**
 * A data file of the `vega-datasets` package, read from node_modules (the package's own entry point
 * fetches its files from a CDN, which grading must never do) and checked against the hash its
 * datapackage.json publishes (git's blob hash: SHA-1 of `blob <length>\0` and the bytes).
 */
function verifiedPackageFile(name: string): string {
  const root = join(dirname(require.resolve('vega-datasets')), '..');
  const file = join(root, 'data', name);
  let bytes: Buffer;
  let published: string | undefined;
  try {
    bytes = readFileSync(file);
    const manifest = JSON.parse(readFileSync(join(root, 'datapackage.json'), 'utf8')) as {
      resources: { path: string; hash?: string }[];
    };
    published = manifest.resources.find((r) => r.path === name)?.hash;
  } catch (cause) {
    throw new KitError('data-unreadable', `cannot read ${file}: run \`npm install\` to restore vega-datasets`, {
      cause,
    });
  }
  const actual = `sha1:${createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')}`;
  if (published !== actual)
    throw new KitError(
      'data-malformed',
      `${file} is not the file vega-datasets publishes (${actual}, expected ${published ?? 'a hash'}): run \`npm ci\` to restore it`,
    );
  return bytes.toString('utf8');
}
