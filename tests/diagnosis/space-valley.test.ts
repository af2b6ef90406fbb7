import { beforeAll, describe, expect, it } from 'vitest';
import type { ExerciseResult } from '../../grader/shipped/results/model';
import { exerciseOf, grade, submissionWith } from './_support';

const VALLEY = `export function valley(p: Vec2): number {
  return p.x * p.x + p.x * p.y + p.y * p.y;
}`;
const GRADIENT = `export function valleyGradient(p: Vec2): Vec2 {
  return { x: 2 * p.x + p.y, y: p.x + 2 * p.y };
}`;
const DESCEND = `export function descend(gradient: (p: Vec2) => Vec2, start: Vec2, learningRate: number, iterations: number): Vec2[] {
  const path: Vec2[] = [{ x: start.x, y: start.y }];
  for (let k = 0; k < iterations; k++) {
    const p = path[path.length - 1];
    const g = gradient(p);
    path.push({ x: p.x - learningRate * g.x, y: p.y - learningRate * g.y });
  }
  return path;
}`;

/** A 05-valley file written as a student would, with the parts not given here right. */
const file = (parts: { valley?: string; valleyGradient?: string; descend?: string }) =>
  [
    "import type { Vec2 } from '../types';",
    parts.valley ?? VALLEY,
    parts.valleyGradient ?? GRADIENT,
    parts.descend ?? DESCEND,
  ].join('\n\n');

/** Slips written nowhere else in the project: each must be named as the member of the space that describes it. */
const SLIPS = {
  'one mutable point pushed every step': file({
    descend: `export function descend(gradient: (p: Vec2) => Vec2, start: Vec2, learningRate: number, iterations: number): Vec2[] {
  const here = { x: start.x, y: start.y };
  const path: Vec2[] = [here];
  for (let i = 0; i < iterations; i++) {
    const slope = gradient(here);
    here.x -= learningRate * slope.x;
    here.y -= learningRate * slope.y;
    path.push(here);
  }
  return path;
}`,
  }),
  'a hard-coded rate of 0.07': file({
    descend: `const STEP = 0.07;

export function descend(gradient: (p: Vec2) => Vec2, start: Vec2, learningRate: number, iterations: number): Vec2[] {
  let current = { ...start };
  const path = [current];
  while (path.length <= iterations) {
    const g = gradient(current);
    current = { x: current.x - STEP * g.x, y: current.y - STEP * g.y };
    path.push(current);
  }
  return path;
}`,
  }),
  'steps that shrink as η/(k + 1)': file({
    descend: `export function descend(gradient: (p: Vec2) => Vec2, start: Vec2, learningRate: number, iterations: number): Vec2[] {
  const path = [{ x: start.x, y: start.y }];
  for (let step = 1; step <= iterations; step++) {
    const { x, y } = path[step - 1];
    const g = gradient({ x, y });
    const eta = learningRate / step;
    path.push({ x: x - eta * g.x, y: y - eta * g.y });
  }
  return path;
}`,
  }),
  'a valley with the cross term doubled': file({
    valley: `export function valley(p: Vec2): number {
  const { x, y } = p;
  return x ** 2 + 2 * x * y + y ** 2;
}`,
  }),
  "a gradient without the cross term's part": file({
    valleyGradient: `export function valleyGradient(p: Vec2): Vec2 {
  return { x: 2 * p.x, y: 2 * p.y };
}`,
  }),
  'a rate multiplied by 0.95 after each step': file({
    descend: `export function descend(gradient: (p: Vec2) => Vec2, start: Vec2, learningRate: number, iterations: number): Vec2[] {
  let rate = learningRate;
  let p = { ...start };
  const out = [p];
  for (let i = 0; i < iterations; i++) {
    const g = gradient(p);
    p = { x: p.x - rate * g.x, y: p.y - rate * g.y };
    rate *= 0.95;
    out.push(p);
  }
  return out;
}`,
  }),
  'a y update that climbs': file({
    descend: `export function descend(gradient: (p: Vec2) => Vec2, start: Vec2, learningRate: number, iterations: number): Vec2[] {
  const path = [{ x: start.x, y: start.y }];
  for (let i = 0; i < iterations; i++) {
    const { x, y } = path[i];
    const g = gradient({ x, y });
    path.push({ x: x - learningRate * g.x, y: y + learningRate * g.y });
  }
  return path;
}`,
  }),
  'a gradient whose x field reads x twice': file({
    valleyGradient: `export function valleyGradient(p: Vec2): Vec2 {
  return { x: 2 * p.x + p.x, y: p.x + 2 * p.y };
}`,
  }),
} as const;

describe('05-valley slips written nowhere else are named from the mistake space', () => {
  const graded = new Map<string, ExerciseResult>();

  beforeAll(async () => {
    for (const [label, source] of Object.entries(SLIPS))
      graded.set(label, exerciseOf(await grade(submissionWith(`valley-slip`, { '05-valley': source })), '05-valley'));
  });

  const diagnosisOf = (label: keyof typeof SLIPS) => {
    const result = graded.get(label)!;
    expect(result.score, label).toBeLessThan(result.maxScore);
    expect(result.unrecognised, label).toBeUndefined();
    return result.diagnosis!;
  };

  it('names one mutable point pushed every step as aliasing, with a hint about copies and not the math', () => {
    const diagnosis = diagnosisOf('one mutable point pushed every step');
    expect(diagnosis.id).toBe('05-valley/path-aliases-one-point');
    expect(diagnosis.name).toMatch(/same object/);
    expect(diagnosis.hint).toMatch(/cop(y|ies)|new object/);
    expect(diagnosis.hint).not.toMatch(/gradient|learning ?rate|η|∇|deriv/i);
    expect(diagnosis.evidence).toMatch(/entries of your path are the same point/);
  });

  it('names a hard-coded rate and quotes the value it reads off the answers', () => {
    const diagnosis = diagnosisOf('a hard-coded rate of 0.07');
    expect(diagnosis.id).toBe('05-valley/hard-coded-rate');
    expect(diagnosis.name).toMatch(/η = 0\.07 whatever learningRate says/);
    expect(diagnosis.evidence).toMatch(/Your steps use η = 0\.07 whatever learningRate says/);
  });

  it('names steps that shrink as η/(k + 1)', () => {
    const diagnosis = diagnosisOf('steps that shrink as η/(k + 1)');
    expect(diagnosis.id).toBe('05-valley/rate-shrinks-inverse-time');
    expect(diagnosis.evidence).toMatch(/shrink as learningRate\/\(k \+ 1\)/);
  });

  it('names a valley with the cross term doubled', () => {
    expect(diagnosisOf('a valley with the cross term doubled').id).toBe('05-valley/valley-doubles-cross-term');
  });

  it('reads a decay factor off the answers and quotes it', () => {
    const diagnosis = diagnosisOf('a rate multiplied by 0.95 after each step');
    expect(diagnosis.id).toBe('05-valley/rate-decays');
    expect(diagnosis.name).toMatch(/multiplied by 0\.95 after every step/);
  });

  it('names the one coordinate whose update climbs, and says what its moves show', () => {
    const diagnosis = diagnosisOf('a y update that climbs');
    expect(diagnosis.id).toBe('05-valley/y-climbs');
    expect(diagnosis.evidence).toMatch(/y moves uphill/);
  });

  it('reads a gradient as two linear fields and names the term that went wrong', () => {
    const diagnosis = diagnosisOf('a gradient whose x field reads x twice');
    expect(diagnosis.id).toBe('05-valley/gradient-terms');
    expect(diagnosis.name).toBe('Your valley gradient computes (3x, x + 2y)');
    expect(diagnosis.explanation).toMatch(/in your x field, 3x where x² gives 2x, and y is missing/);
  });

  it("names a gradient without the cross term's part", () => {
    const diagnosis = diagnosisOf("a gradient without the cross term's part");
    expect(diagnosis.id).toBe('05-valley/gradient-missing-cross-term');
    expect(diagnosis.hint).not.toMatch(/2x \+ y|x \+ 2y/);
  });
});
