import type { Line, Point, Vec2 } from '../../../exercises/types';
import { formatSmall, formatValue } from './text';

/** How many rows of a point list a report shows before it says how many more there are. */
export const MAX_POINT_ROWS = 12;

export interface PointRows {
  readonly name: string;
  readonly rows: readonly { readonly x: string; readonly y: string }[];
  readonly total: number;
  readonly hiddenRows: number;
}

export interface NamedValue {
  readonly name: string;
  readonly value: string;
}

/** A check's input, laid out for reading: point lists as x | y tables, everything else as name = value. */
export interface InputLayout {
  readonly tables: readonly PointRows[];
  readonly values: readonly NamedValue[];
}

/** Expected against actual, one row per field (m and b, dm and db, x and y) or one row for a single value. */
export interface ComparisonRow {
  readonly field: string;
  readonly expected: string;
  readonly actual: string;
  readonly difference: string;
}

const INPUT_NAMES: Readonly<Record<string, string>> = {
  points: 'points',
  shuffled: 'the same points, reordered',
  line: 'line',
  initial: 'initial line',
  learningRate: 'learning rate η',
  iterations: 'iterations',
  p: 'point p',
  start: 'start',
  c: 'scale factor c',
  fraction: 'fraction of the stability limit',
  bowl: 'bowl',
  orders: 'order(e) for e = 0, 1, …',
  moved: 'reordered table: the old row of each new row',
};

export function layoutInput(input: Readonly<Record<string, unknown>>): InputLayout {
  const tables: PointRows[] = [];
  const values: NamedValue[] = [];
  for (const [key, value] of Object.entries(input)) {
    const name = INPUT_NAMES[key] ?? key;
    if (isPointList(value)) tables.push(pointRows(name, value));
    else values.push({ name, value: describeValue(key, value) });
  }
  return { tables, values };
}

export function pointRows(name: string, points: readonly Point[]): PointRows {
  return {
    name,
    rows: points.slice(0, MAX_POINT_ROWS).map((p) => ({ x: formatValue(p.x), y: formatValue(p.y) })),
    total: points.length,
    hiddenRows: Math.max(0, points.length - MAX_POINT_ROWS),
  };
}

function describeValue(key: string, value: unknown): string {
  if (isLine(value)) return `m = ${formatValue(value.m)}, b = ${formatValue(value.b)}`;
  if (isVec(value)) return `(${formatValue(value.x)}, ${formatValue(value.y)})`;
  if (key === 'bowl' && isBowl(value)) {
    const [[a, b], [c, d]] = value.hessian;
    return `Hessian [[${[a, b].map(formatValue).join(', ')}], [${[c, d].map(formatValue).join(', ')}]], centre (${value.center.map(formatValue).join(', ')})`;
  }
  return formatValue(value);
}

export function compareRows(expected: unknown, actual: unknown): ComparisonRow[] {
  if (expected === undefined && actual === undefined) return [];
  if (isNumberRecord(expected) && isNumberRecord(actual) && sameKeys(expected, actual)) {
    return Object.keys(expected).map((field) => ({
      field,
      expected: formatValue(expected[field]),
      actual: formatValue(actual[field]),
      difference: difference(expected[field], actual[field]),
    }));
  }
  const bothNumbers = typeof expected === 'number' && typeof actual === 'number';
  return [
    {
      field: 'value',
      expected: formatValue(expected),
      actual: formatValue(actual),
      difference: bothNumbers ? difference(expected, actual) : '',
    },
  ];
}

function difference(expected: number, actual: number): string {
  const d = actual - expected;
  if (d === 0) return '0';
  return Number.isFinite(d) ? (d > 0 ? '+' : '') + formatSmall(d) : '—';
}

export function isPointList(value: unknown): value is Point[] {
  return Array.isArray(value) && value.length > 0 && value.every(isVec);
}

export function isLine(value: unknown): value is Line {
  return isNumberRecord(value) && sameKeys(value, { m: 0, b: 0 });
}

function isVec(value: unknown): value is Vec2 {
  return isNumberRecord(value) && sameKeys(value, { x: 0, y: 0 });
}

function isBowl(value: unknown): value is { hessian: [[number, number], [number, number]]; center: [number, number] } {
  const v = value as { hessian?: unknown; center?: unknown };
  return (
    typeof v === 'object' &&
    v !== null &&
    Array.isArray(v.hessian) &&
    v.hessian.length === 2 &&
    v.hessian.every((row) => Array.isArray(row) && row.length === 2) &&
    Array.isArray(v.center) &&
    v.center.length === 2
  );
}

function isNumberRecord(value: unknown): value is Record<string, number> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'number')
  );
}

function sameKeys(a: object, b: object): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}
