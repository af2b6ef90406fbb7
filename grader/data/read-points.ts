import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Point } from '../../exercises/types';
import { KitError } from '../shipped/errors';

/** Reads `x,y` rows (no header) into points; names the file, row and column of the first bad value. */
export function readPointsCsv(path: string): Point[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new KitError('data-unreadable', `cannot read ${path}: check the path, or pass another file with --data`, {
      cause,
    });
  }
  const rows: string[][] = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: false });
  return rows.map((row, i) => pointOfRow(row, i + 1, path));
}

export function pointOfRow(row: readonly string[], rowNumber: number, path: string): Point {
  if (row.length < 2)
    throw new KitError('data-malformed', `${path}:${rowNumber} has ${row.length} column(s): each row must be "x,y"`);
  const [x, y] = [Number(row[0]), Number(row[1])];
  if (!Number.isFinite(x) || !Number.isFinite(y))
    throw new KitError(
      'data-malformed',
      `${path}:${rowNumber} is not two numbers ("${row.join(',')}"): each row must be "x,y" with finite numbers`,
    );
  return { x, y };
}
