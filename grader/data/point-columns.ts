import type { Point } from '../../exercises/types';

/**
 * A data set held as two columns, point i being (x[i], y[i]): 16 bytes a point, where V8 takes
 * about 80 for a `{ x, y }` object. The train command reads its CSV into this, and the reference's
 * `costOfColumns` and `gradientOfColumns` run on it.
 */
export interface PointColumns {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/** The columns of `data`, copied out of it if it is an array of points. */
export function columnsOf(data: PointColumns | readonly Point[]): PointColumns {
  if (!isPointArray(data)) return data;
  const x = new Float64Array(data.length);
  const y = new Float64Array(data.length);
  data.forEach((point, i) => {
    x[i] = point.x;
    y[i] = point.y;
  });
  return { x, y };
}

/** `data` as an array of points, as the contract's functions (and so a submission) take it. */
export function pointsOf(data: PointColumns | readonly Point[]): readonly Point[] {
  return isPointArray(data) ? data : Array.from(data.x, (x, i) => ({ x, y: data.y[i] }));
}

function isPointArray(data: PointColumns | readonly Point[]): data is readonly Point[] {
  return Array.isArray(data);
}

/** Appends points to growing columns, doubling their capacity as needed. */
export class PointColumnsBuilder {
  private x: Float64Array = new Float64Array(1024);
  private y: Float64Array = new Float64Array(1024);
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(point: Point): void {
    if (this.count === this.x.length) {
      this.x = grown(this.x);
      this.y = grown(this.y);
    }
    this.x[this.count] = point.x;
    this.y[this.count] = point.y;
    this.count++;
  }

  /** The columns, trimmed to the points pushed. */
  build(): PointColumns {
    return { x: this.x.slice(0, this.count), y: this.y.slice(0, this.count) };
  }
}

function grown(column: Float64Array): Float64Array {
  const bigger = new Float64Array(column.length * 2);
  bigger.set(column);
  return bigger;
}
