import { createReadStream, statSync } from 'node:fs';
import { parse } from 'csv-parse';
import { KitError } from '../shipped/errors';
import { PointColumnsBuilder, type PointColumns } from './point-columns';
import { pointOfRow } from './read-points';

/**
 * Streams `x,y` rows into two columns without holding the text in memory, reporting bytes read,
 * so that a CSV of a million rows loads with a progress bar (and takes 16 MB once loaded).
 */
export async function streamPointsCsv(
  path: string,
  onProgress?: (bytesRead: number, totalBytes: number) => void,
): Promise<PointColumns> {
  let totalBytes: number;
  try {
    totalBytes = statSync(path).size;
  } catch (cause) {
    throw new KitError('data-unreadable', `cannot read ${path}: check the path, or pass another file with --data`, {
      cause,
    });
  }
  const points = new PointColumnsBuilder();
  const input = createReadStream(path);
  const parser = input.pipe(parse({ skip_empty_lines: true, trim: true }));
  input.on('data', () => onProgress?.(input.bytesRead, totalBytes));
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) points.push(pointOfRow(record, ++row, path));
  } catch (cause) {
    if (cause instanceof KitError) throw cause;
    throw new KitError(
      'data-malformed',
      `${path} is not a CSV of "x,y" rows (${cause instanceof Error ? cause.message : String(cause)})`,
      { cause },
    );
  } finally {
    input.destroy();
  }
  if (!points.length) throw new KitError('data-malformed', `${path} has no rows: it needs at least one "x,y" row`);
  return points.build();
}
