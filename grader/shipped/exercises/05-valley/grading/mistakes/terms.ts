import type { Vec2 } from '../../../../../../exercises/types';
import type { Evidence, SlipText } from '../../../../../mistake-space/space';
import { valleyGradientOf, valleyOf, type GradientTerms, type ValleyModel, type ValleyTerms } from './model';

/**
 * valley and valleyGradient read as polynomials off the student's answers: a valley of the form
 * a·x² + b·x·y + c·y² + d·x + e·y, a gradient whose fields are linear, each coefficient compared
 * with the right one in words. A slip of a single term (x·y read as x·x, a 2 read as 1, an operand
 * dropped) changes one coefficient, so a student's polynomial names the terms that went wrong.
 */

const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const sameAll = (a: readonly number[], b: readonly number[]) => a.every((v, i) => same(v, b[i]));
const shown = (value: number) => String(Number(value.toPrecision(6)));
/** A coefficient as it is read: 12 significant digits, so that 2.0000000000000004 is 2. */
const tidy = (value: number) => (Math.abs(value) < 1e-12 ? 0 : Number(value.toPrecision(12)));

/** Solves the least-squares problem rows·c ≈ values by the normal equations; undefined when singular. */
function leastSquares(rows: readonly (readonly number[])[], values: readonly number[]): number[] | undefined {
  const n = rows[0].length;
  const a = Array.from({ length: n }, (_, i) => [
    ...Array.from({ length: n }, (_, j) => rows.reduce((s, r) => s + r[i] * r[j], 0)),
    rows.reduce((s, r, k) => s + r[i] * values[k], 0),
  ]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    if (Math.abs(a[pivot][col]) < 1e-12) return undefined;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = a[r][col] / a[col][col];
      for (let k = col; k <= n; k++) a[r][k] -= factor * a[col][k];
    }
  }
  return a.map((row, i) => row[n] / row[i]);
}

/** The student's answers to one export's probes whose argument is a point and whose answer is of the given kind. */
function answered<T>(evidence: Evidence, fn: 'valley' | 'valleyGradient', ok: (value: unknown) => value is T) {
  return evidence.probes.flatMap((probe, i) => {
    const answer = evidence.answers[i];
    return probe.request.fn === fn && answer?.ok && ok(answer.value)
      ? [{ p: probe.request.args[0] as Vec2, value: answer.value }]
      : [];
  });
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isVec = (value: unknown): value is Vec2 =>
  !!value && typeof value === 'object' && isNumber((value as Vec2).x) && isNumber((value as Vec2).y);

const VALLEY_ROW = (p: Vec2) => [p.x * p.x, p.x * p.y, p.y * p.y, p.x, p.y];
const FIELD_ROW = (p: Vec2) => [p.x, p.y, 1];

/** The valley's terms the answers show, when they are such a polynomial at every point asked (one more point than terms). */
export function valleyTermsOf(evidence: Evidence): ValleyTerms | undefined {
  const seen = answered(evidence, 'valley', isNumber);
  if (seen.length <= 5) return undefined;
  const solved = leastSquares(
    seen.map(({ p }) => VALLEY_ROW(p)),
    seen.map(({ value }) => value),
  );
  if (!solved) return undefined;
  const terms = solved.map(tidy) as unknown as ValleyTerms;
  const fits = seen.every(({ p, value }) =>
    same(
      VALLEY_ROW(p).reduce((s, v, i) => s + v * terms[i], 0),
      value,
    ),
  );
  return fits ? terms : undefined;
}

/** The gradient's fields the answers show, when both are linear at every point asked (one more point than terms). */
export function gradientTermsOf(evidence: Evidence): GradientTerms | undefined {
  const seen = answered(evidence, 'valleyGradient', isVec);
  if (seen.length <= 3) return undefined;
  const field = (axis: 'x' | 'y') => {
    const solved = leastSquares(
      seen.map(({ p }) => FIELD_ROW(p)),
      seen.map(({ value }) => value[axis]),
    );
    const terms = solved?.map(tidy);
    return terms &&
      seen.every(({ p, value }) =>
        same(
          FIELD_ROW(p).reduce((s, v, i) => s + v * terms[i], 0),
          value[axis],
        ),
      )
      ? (terms as [number, number, number])
      : undefined;
  };
  const [x, y] = [field('x'), field('y')];
  return x && y ? [x, y] : undefined;
}

/** A configuration's valley terms, when its valley is such a polynomial (checked at points beyond those it is read from). */
export function valleyTermsOfConfig(c: ValleyModel): ValleyTerms | undefined {
  const f = (x: number, y: number) => valleyOf(c, { x, y });
  const a = (f(1, 0) + f(-1, 0)) / 2;
  const d = (f(1, 0) - f(-1, 0)) / 2;
  const cc = (f(0, 1) + f(0, -1)) / 2;
  const e = (f(0, 1) - f(0, -1)) / 2;
  const terms: ValleyTerms = [a, f(1, 1) - a - cc - d - e, cc, d, e];
  const checks: Vec2[] = [
    { x: 2.5, y: -3 },
    { x: -1.25, y: 0.5 },
    { x: 0, y: 0 },
  ];
  return checks.every((p) =>
    same(
      VALLEY_ROW(p).reduce((s, v, i) => s + v * terms[i], 0),
      valleyOf(c, p),
    ),
  )
    ? terms
    : undefined;
}

/** A configuration's gradient fields, when both are linear. */
export function gradientTermsOfConfig(c: ValleyModel): GradientTerms | undefined {
  const g = (x: number, y: number) => valleyGradientOf(c, { x, y });
  const [origin, alongX, alongY] = [g(0, 0), g(1, 0), g(0, 1)];
  const terms: GradientTerms = [
    [alongX.x - origin.x, alongY.x - origin.x, origin.x],
    [alongX.y - origin.y, alongY.y - origin.y, origin.y],
  ];
  const check = g(2.5, -3);
  return same(terms[0][0] * 2.5 - terms[0][1] * 3 + terms[0][2], check.x) &&
    same(terms[1][0] * 2.5 - terms[1][1] * 3 + terms[1][2], check.y)
    ? terms
    : undefined;
}

export const sameValleyTerms = (a: ValleyTerms, b: ValleyTerms) => sameAll(a, b);
export const sameGradientTerms = (a: GradientTerms, b: GradientTerms) => sameAll(a[0], b[0]) && sameAll(a[1], b[1]);

/** A polynomial in words: `2x² + x·y − y`, `0` when every coefficient is 0. */
function polynomial(coefficients: readonly number[], names: readonly string[]): string {
  const parts = coefficients.flatMap((c, i) => (c === 0 ? [] : [{ c, name: names[i] }]));
  if (!parts.length) return '0';
  return parts
    .map(({ c, name }, i) => {
      const size = Math.abs(c);
      const body = name ? `${size === 1 ? '' : shown(size)}${name}` : shown(size);
      return i === 0 ? `${c < 0 ? '−' : ''}${body}` : `${c < 0 ? ' − ' : ' + '}${body}`;
    })
    .join('');
}

/**
 * Each coefficient that differs from the right one, in words; `source[i]` says where the right
 * term comes from ("the valley has", "x² gives").
 */
function differences(
  mine: readonly number[],
  right: readonly number[],
  names: readonly string[],
  source: readonly string[],
): string[] {
  return mine.flatMap((c, i) => {
    if (same(c, right[i])) return [];
    const term = (k: number) => polynomial([k], [names[i]]);
    if (right[i] === 0) return [`an extra ${names[i] ? 'term' : 'constant'} ${term(c)}`];
    if (c === 0) return [`${term(right[i])} is missing (${source[i]} it)`];
    return [`${term(c)} where ${source[i]} ${term(right[i])}`];
  });
}

const VALLEY_NAMES = ['x²', 'x·y', 'y²', 'x', 'y'];
const RIGHT_VALLEY: ValleyTerms = [1, 1, 1, 0, 0];

/** The words of a valley read as a polynomial. */
export function valleyTermsText(terms: ValleyTerms): SlipText {
  const wrong = differences(terms, RIGHT_VALLEY, VALLEY_NAMES, Array(5).fill('the valley has'));
  const firstWrong = VALLEY_NAMES[terms.findIndex((c, i) => !same(c, RIGHT_VALLEY[i]))];
  return {
    name: `Your valley computes ${polynomial(terms, VALLEY_NAMES)}, not x² + x·y + y²`,
    explanation: `Read term by term, your valley is ${polynomial(terms, VALLEY_NAMES)}: ${wrong.join('; ')}. Each term of f(x, y) = x² + x·y + y² appears once, with factor 1, and there is no other.`,
    hint: `Find the term ${firstWrong} in your valley (or where it should be) and compare it with the README's f(x, y).`,
  };
}

const FIELD_NAMES = ['x', 'y', ''];
const RIGHT_GRADIENT: GradientTerms = [
  [2, 1, 0],
  [1, 2, 0],
];
const SOURCES = [
  ['x² gives', 'x·y gives', ''],
  ['x·y gives', 'y² gives', ''],
];

/** The words of a gradient read as two linear fields. */
export function gradientTermsText(terms: GradientTerms): SlipText {
  const fields = terms.map((t) => polynomial(t, FIELD_NAMES));
  const wrong = (['x', 'y'] as const).flatMap((axis, i) => {
    const found = differences(terms[i], RIGHT_GRADIENT[i], FIELD_NAMES, SOURCES[i]);
    return found.length ? [{ axis, text: `in your ${axis} field, ${found.join(', and ')}` }] : [];
  });
  const axes = wrong.map((w) => w.axis);
  return {
    name: `Your valley gradient computes (${fields[0]}, ${fields[1]})`,
    explanation: `∂f/∂x of f = x² + x·y + y² is 2x + y and ∂f/∂y is x + 2y: ${wrong.map((w) => w.text).join('; ')}.`,
    hint: `Differentiate x² + x·y + y² with respect to ${axes.join(', then ')}, one term at a time, treating the other variable as a constant, and compare with your ${axes.join(' and ')} field${axes.length > 1 ? 's' : ''}.`,
  };
}
